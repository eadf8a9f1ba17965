// Comparing tokenizers on one text: where each row's disagreement markers go (between the two chips a
// tokenizer cuts at an offset others do not), what a marker says, and each row's figures.
import type { CompareSource, EncodedToken, Result } from '../../../main/api/contract';

export type CompareResult = Result<'compare.run'>;
export type Disagreement = CompareResult['disagreements'][number];

export const MAX_SOURCES = 8;
/** Chips drawn per row; the counts stay exact beyond it. */
export const MAX_CHIPS_PER_ROW = 5_000;

export const sourceKey = (s: CompareSource): string => (s.kind === 'version' ? `v${s.id}` : `o:${s.name}`);

/**
 * For one row: chip index -> index into `disagreements` of the cut right after that chip. The cut sits after
 * the first token with text that ends at the offset (zero-width markers do not cut, as on the server).
 */
export function markersForRow(tokens: readonly Pick<EncodedToken, 'start' | 'end'>[], disagreements: readonly Disagreement[], row: number): Map<number, number> {
  const byOffset = new Map<number, number>();
  disagreements.forEach((d, k) => {
    if (d.cutBy.includes(row)) byOffset.set(d.offset, k);
  });
  const out = new Map<number, number>();
  if (byOffset.size === 0) return out;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.end <= t.start) continue;
    const k = byOffset.get(t.end);
    if (k !== undefined && !out.has(i)) {
      out.set(i, k);
      byOffset.delete(t.end);
    }
  }
  return out;
}

/** "Cut here by #2 e2e-hybrid and OpenAI o200k_base; not by #1 e2e-600." */
export function describeDisagreement(d: Disagreement, labels: readonly string[], ran: readonly boolean[]): string {
  const by = d.cutBy.map((i) => labels[i]);
  const notBy = labels.filter((_, i) => ran[i] && !d.cutBy.includes(i));
  return `Cut here by ${joinNames(by)}; not by ${joinNames(notBy)}.`;
}

function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? 'none';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The text around an offset, with a bar at the cut: "kitap|lar". */
export function contextAt(text: string, offset: number, width = 12): string {
  const before = text.slice(Math.max(0, offset - width), offset);
  const after = text.slice(offset, offset + width);
  return `${before}│${after}`.replace(/\n/g, '↵').replace(/\t/g, '→');
}

/** The disagreement nearest after (or before, with dir -1) the current one, wrapping around. */
export function stepDisagreement(current: number | null, count: number, dir: 1 | -1): number | null {
  if (count === 0) return null;
  if (current === null) return dir === 1 ? 0 : count - 1;
  return (current + dir + count) % count;
}
