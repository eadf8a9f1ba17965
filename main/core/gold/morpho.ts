// Morpho Challenge style gold: `word<TAB>m1 m2, alt1 alt2` — space-separated morphs, comma-separated
// alternative segmentations (labelled morphs `surface:label` are read as their surfaces). `#` starts a comment.
import { type DataLine, lineError, parseAlternatives } from './common';
import type { GoldItem } from './types';

export function parseMorpho(lines: readonly DataLine[], file: string): GoldItem[] {
  return lines.map(({ text, line }) => {
    const cols = text.split('\t');
    if (cols.length !== 2) throw lineError(file, line, `expected "word<TAB>segmentations", found ${cols.length} tab-separated columns`);
    const word = cols[0].trim();
    if (!word) throw lineError(file, line, 'empty word');
    return { word, alternatives: parseAlternatives(word, cols[1], file, line), line };
  });
}
