// Morpheme boundary scores of a tokenizer against a gold set (scores from metrics/boundaries.ts). The
// tokenizer's segmentation of a gold word is WordView.segments (words.ts). A word with several accepted
// segmentations (Morpho Challenge, Morfessor) is scored against its best-matching alternative: the one
// giving that word the highest F1 (boundaryScores' macro F1 of the single pair; ties go to the first in file
// order); the chosen pairs are then pooled like single-alternative words.
import { type BoundaryScores, boundaryScores } from '../metrics/boundaries';

export function bestAlternative(alternatives: readonly (readonly string[])[], predicted: readonly string[]): readonly string[] {
  let best = alternatives[0];
  let bestF = -1;
  for (const alt of alternatives) {
    const f = boundaryScores([{ gold: alt, predicted }]).macro.f1;
    if (f > bestF) {
      best = alt;
      bestF = f;
    }
  }
  return best;
}

export function goldScores(items: Iterable<{ word: string; alternatives: readonly (readonly string[])[] }>, segment: (word: string) => string[]): BoundaryScores {
  const pairs: { gold: readonly string[]; predicted: readonly string[] }[] = [];
  for (const it of items) {
    const predicted = segment(it.word);
    pairs.push({ gold: bestAlternative(it.alternatives, predicted), predicted });
  }
  return boundaryScores(pairs);
}
