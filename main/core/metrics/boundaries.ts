// Morpheme boundary precision, recall and F1 against gold segmentations.
//
// A word's boundaries are the offsets between its segments (so "kitap lar" has one, at 5). Per word:
// true positives = predicted boundaries that are gold boundaries, false positives = the other predicted
// ones (over-segmentation), false negatives = gold boundaries not predicted (under-segmentation).
// Micro scores pool the counts over all words; macro scores average each word's precision, recall and F1,
// where a word with no boundaries on a side scores 1 on that side (nothing to find, nothing wrong).
// Segmentations are compared on the same (case-folded) surface; a prediction whose segments do not spell
// the gold word is an error in the caller's data and throws.

export interface BoundaryScores {
  words: number;
  tp: number;
  fp: number;
  fn: number;
  micro: { precision: number; recall: number; f1: number };
  macro: { precision: number; recall: number; f1: number };
  /** Words with at least one boundary too many / too few. */
  overSegmented: number;
  underSegmented: number;
  /** Words segmented exactly like the gold. */
  exact: number;
}

export function boundariesOf(segments: readonly string[]): number[] {
  const out: number[] = [];
  let at = 0;
  for (let i = 0; i < segments.length - 1; i++) out.push((at += segments[i].length));
  return out;
}

const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

export function boundaryScores(pairs: Iterable<{ gold: readonly string[]; predicted: readonly string[] }>): BoundaryScores {
  let words = 0, tp = 0, fp = 0, fn = 0, over = 0, under = 0, exact = 0;
  let sumP = 0, sumR = 0, sumF = 0;
  for (const { gold, predicted } of pairs) {
    if (gold.join('') !== predicted.join('')) {
      throw new Error(`segmentations of different words: gold "${gold.join(' ')}" vs predicted "${predicted.join(' ')}"`);
    }
    words++;
    const g = new Set(boundariesOf(gold));
    const p = boundariesOf(predicted);
    let hit = 0;
    for (const b of p) if (g.has(b)) hit++;
    const wfp = p.length - hit;
    const wfn = g.size - hit;
    tp += hit;
    fp += wfp;
    fn += wfn;
    if (wfp > 0) over++;
    if (wfn > 0) under++;
    if (wfp === 0 && wfn === 0) exact++;
    const wp = p.length === 0 ? 1 : hit / p.length;
    const wr = g.size === 0 ? 1 : hit / g.size;
    sumP += wp;
    sumR += wr;
    sumF += f1(wp, wr);
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const n = Math.max(words, 1);
  return {
    words,
    tp,
    fp,
    fn,
    micro: { precision, recall, f1: f1(precision, recall) },
    macro: { precision: sumP / n, recall: sumR / n, f1: sumF / n },
    overSegmented: over,
    underSegmented: under,
    exact,
  };
}
