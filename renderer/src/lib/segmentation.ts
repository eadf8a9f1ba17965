// A word under annotation as letters and cuts. A cut is a code-point offset 1..n-1 (a boundary between
// letter c-1 and letter c); segments are what the cuts leave. Code points, not UTF-16 units, so a letter
// outside the BMP is one slot, as the annotator sees it.

export type Label = string | null;

export function letters(word: string): string[] {
  return Array.from(word);
}

/** The cuts a segmentation makes in `word`, or null when its segments do not have the word's letters' count. */
export function cutsFromSegments(word: string, segments: readonly string[]): number[] | null {
  const n = letters(word).length;
  const cuts: number[] = [];
  let at = 0;
  for (const s of segments) {
    const len = letters(s).length;
    if (len === 0) return null;
    at += len;
    if (at < n) cuts.push(at);
  }
  // Proposals may come case-folded ("kitap" for "Kitap"): only the letter count has to agree.
  return at === n ? cuts : null;
}

/** The segments `cuts` leave of `word` (the word itself when there are none). */
export function segmentsFromCuts(word: string, cuts: readonly number[]): string[] {
  const ls = letters(word);
  const out: string[] = [];
  let start = 0;
  for (const c of normalizeCuts(cuts, ls.length)) {
    out.push(ls.slice(start, c).join(''));
    start = c;
  }
  out.push(ls.slice(start).join(''));
  return out;
}

/** Sorted, unique and inside 1..n-1. */
export function normalizeCuts(cuts: readonly number[], n: number): number[] {
  return [...new Set(cuts)].filter((c) => Number.isInteger(c) && c > 0 && c < n).sort((a, b) => a - b);
}

export function toggleCut(cuts: readonly number[], at: number, n: number): number[] {
  if (at <= 0 || at >= n) return normalizeCuts(cuts, n);
  return cuts.includes(at) ? cuts.filter((c) => c !== at) : normalizeCuts([...cuts, at], n);
}

/** [start, end) of every segment, in letters. */
export function spans(cuts: readonly number[], n: number): [number, number][] {
  const bounds = [0, ...normalizeCuts(cuts, n), n];
  return bounds.slice(1).map((end, i) => [bounds[i], end]);
}

/** The index of the segment holding letter `letter`. */
export function segmentAt(cuts: readonly number[], n: number, letter: number): number {
  return normalizeCuts(cuts, n).filter((c) => c <= letter).length;
}

/**
 * Labels after the cuts changed: a segment with the same span keeps its label; otherwise a segment that
 * starts where an old one started inherits it (the left part of a split, or a merge, keeps the first
 * part's label), and the rest start unlabelled.
 */
export function carryLabels(oldCuts: readonly number[], oldLabels: readonly Label[], newCuts: readonly number[], n: number): Label[] {
  const old = spans(oldCuts, n);
  return spans(newCuts, n).map(([s, e]) => {
    const same = old.findIndex(([os, oe]) => os === s && oe === e);
    if (same >= 0) return oldLabels[same] ?? null;
    const starts = old.findIndex(([os]) => os === s);
    return starts >= 0 ? (oldLabels[starts] ?? null) : null;
  });
}

/** Labels padded or trimmed to the segment count (the server may send none). */
export function fitLabels(labels: readonly Label[] | null | undefined, count: number): Label[] {
  return Array.from({ length: count }, (_, i) => labels?.[i] ?? null);
}

/** The labels keys 1..9 assign: root and new first, then the proposal's groups, then recently used ones. */
export function quickLabels(proposalLabels: readonly Label[] | null | undefined, recent: readonly string[]): string[] {
  const out = ['root', 'new'];
  for (const l of [...(proposalLabels ?? []), ...recent]) {
    if (out.length >= 9) break;
    if (l && !out.includes(l)) out.push(l);
  }
  return out;
}

/** Most recent first, unique, bounded. */
export function rememberLabel(recent: readonly string[], label: string, max = 12): string[] {
  if (label === 'root' || label === 'new') return [...recent];
  return [label, ...recent.filter((l) => l !== label)].slice(0, max);
}

/** "kitap+lar+ımız": a segmentation as one readable string. */
export function joinSegments(segments: readonly string[] | null | undefined): string {
  return segments?.length ? segments.join('+') : '';
}

export function sameSegmentation(a: readonly string[] | null | undefined, b: readonly string[] | null | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return a.every((s, i) => s === b[i]);
}
