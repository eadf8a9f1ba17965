// SIGMORPHON 2022 shared task on morpheme segmentation, word level (Task 1): `word<TAB>seg1 @@seg2 @@seg3
// <TAB>category` (the category column, a 3-digit code of the word's morphological process, may be absent).
// Segments are often canonical ("ablations" = "ablate @@ion @@s"); their boundaries are projected onto the
// surface by character alignment (align.ts), so the stored segmentation always spells the word.
import { projectSegments } from './align';
import { type DataLine, checkSpells, lineError } from './common';
import type { GoldItem } from './types';

export function parseSigmorphon(lines: readonly DataLine[], file: string): GoldItem[] {
  return lines.map(({ text, line }) => {
    const cols = text.split('\t');
    if (cols.length < 2 || cols.length > 3) {
      throw lineError(file, line, `expected "word<TAB>seg @@seg ...[<TAB>category]", found ${cols.length} tab-separated column${cols.length === 1 ? '' : 's'}`);
    }
    const word = cols[0].trim();
    if (!word) throw lineError(file, line, 'empty word');
    const canonical = cols[1].trim().split(/ ?@@/u).map((s) => s.trim());
    if (canonical.some((s) => s.length === 0)) throw lineError(file, line, `an empty segment in "${cols[1].trim()}"`);
    const surface = projectSegments(word, canonical);
    checkSpells(word, surface, file, line);
    return { word, alternatives: [surface], line };
  });
}
