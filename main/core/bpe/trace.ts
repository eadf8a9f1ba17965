// How a BPE token was built: the merges, in the order training made them, that join its bytes into it.
import type { BpeModel } from './types';
import { tokenToBytes } from './bytelevel';

export interface MergeStep {
  /** Merge rank (0 = the first merge training made). */
  rank: number;
  left: string;
  right: string;
  result: string;
}

const lenient = new TextDecoder('utf-8', { fatal: false });

/** Readable text of a byte-level token string (partial UTF-8 shows U+FFFD). */
export function readable(token: string): string {
  try {
    return lenient.decode(tokenToBytes(token));
  } catch {
    return token; // a special token is not in byte-level form
  }
}

export class MergeTracer {
  private readonly rankOf = new Map<string, number>();

  constructor(private readonly model: Pick<BpeModel, 'merges'>) {
    model.merges.forEach(([l, r], rank) => {
      const joined = l + r;
      if (!this.rankOf.has(joined)) this.rankOf.set(joined, rank);
    });
  }

  /** The merges that build `token` (byte-level form), bottom-up by rank; [] for a single byte or special. */
  trace(token: string): MergeStep[] {
    const steps: MergeStep[] = [];
    const seen = new Set<string>();
    const visit = (t: string) => {
      const rank = this.rankOf.get(t);
      if (rank === undefined || seen.has(t)) return;
      seen.add(t);
      const [l, r] = this.model.merges[rank];
      visit(l);
      visit(r);
      steps.push({ rank, left: readable(l), right: readable(r), result: readable(t) });
    };
    visit(token);
    return steps.sort((a, b) => a.rank - b.rank);
  }
}
