// The merges that built a BPE token, for the inspector's tooltip: formatted as one line of steps and
// fetched once per (version, token id).
import type { Result } from '../../../main/api/contract';
import { visibleWhitespace } from './tokens';

export type MergeStep = Result<'tokenizer.mergeTrace'>['steps'][number];

export const MAX_TRACE_STEPS = 12;

/** Which tokens have a merge history worth asking for: BPE merges and the hybrid's subwords. */
export const hasMergeTrace = (type: string): boolean => type === 'merge' || type === 'subword';

/**
 * "k+i → ki (#3) · ki+t → kit (#12)", whitespace made visible; at most `max` steps (the first ones, which
 * read bottom-up) and "+N more" for the rest. Ranks are the server's (0 = the first merge training made).
 */
export function formatMergeTrace(steps: readonly MergeStep[], max = MAX_TRACE_STEPS): string {
  if (steps.length === 0) return '';
  const v = visibleWhitespace;
  const shown = steps.slice(0, max).map((s) => `${v(s.left)}+${v(s.right)} → ${v(s.result)} (#${s.rank})`);
  const more = steps.length - shown.length;
  return more > 0 ? `${shown.join(' · ')} · +${more} more` : shown.join(' · ');
}

/**
 * Answers by (version, token id), keeping the last `limit` of them; a request in flight is shared, and a
 * failed one is forgotten so a later hover asks again.
 */
export class MergeTraceCache {
  private readonly entries = new Map<string, Promise<MergeStep[]>>();

  constructor(
    private readonly fetch: (versionId: number, tokenId: number) => Promise<MergeStep[]>,
    private readonly limit = 500,
  ) {}

  get(versionId: number, tokenId: number): Promise<MergeStep[]> {
    const key = `${versionId}:${tokenId}`;
    const hit = this.entries.get(key);
    if (hit) {
      // Most recently used last, so the oldest is evicted first.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const p = this.fetch(versionId, tokenId);
    this.entries.set(key, p);
    p.catch(() => {
      if (this.entries.get(key) === p) this.entries.delete(key);
    });
    while (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
    return p;
  }

  /** A version's answers, e.g. after it was deleted (ids are not reused, but memory is). */
  forget(versionId: number): void {
    for (const k of [...this.entries.keys()]) if (k.startsWith(`${versionId}:`)) this.entries.delete(k);
  }
}
