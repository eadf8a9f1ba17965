// CoNLL-U with morpheme segmentations in MISC: a token line (10 tab-separated columns) whose MISC field has
// `Seg=kitap+lar+dan` gives one entry, FORM segmented at the `+` signs. Inside a segment a literal '%', '+'
// or '|' is written `%25`, `%2B`, `%7C` (annotate/export.ts writes them so). Comment lines (`#`), blank lines
// between sentences, multiword-token ranges (ID `1-2`) and empty nodes (ID `1.1`) are skipped, as are tokens
// without `Seg=`. Sentences do not matter: a word repeated in several sentences is merged by the reader.
import { type DataLine, checkSpells, lineError } from './common';
import type { GoldItem } from './types';

export const SEG_KEY = 'Seg';

const ESCAPES: Record<string, string> = { '%25': '%', '%2B': '+', '%7C': '|' };

/** Undoes escapeSegment: only the three escapes it writes are recognised (case-insensitive hex). */
export function unescapeSegment(s: string): string {
  return s.replace(/%(25|2B|7C)/giu, (m) => ESCAPES[m.toUpperCase()]);
}

/** '%' first, so the escapes it introduces are not escaped again. */
export function escapeSegment(s: string): string {
  return s.replace(/%/gu, '%25').replace(/\+/gu, '%2B').replace(/\|/gu, '%7C');
}

export function parseConllu(lines: readonly DataLine[], file: string): GoldItem[] {
  const out: GoldItem[] = [];
  for (const { text, line } of lines) {
    const cols = text.split('\t');
    if (cols.length !== 10) throw lineError(file, line, `expected a CoNLL-U token line with 10 tab-separated columns, found ${cols.length}`);
    const id = cols[0];
    if (/^\d+[-.]\d+$/u.test(id)) continue; // multiword range or empty node
    if (!/^\d+$/u.test(id)) throw lineError(file, line, `ID "${id}" is not a word index, a range (1-2) or an empty node (1.1)`);
    const seg = cols[9] === '_' ? undefined : cols[9].split('|').find((f) => f.startsWith(SEG_KEY + '='));
    if (seg === undefined) continue;
    const word = cols[1];
    if (!word || word === '_') throw lineError(file, line, 'a Seg= annotation on an empty FORM');
    const value = seg.slice(SEG_KEY.length + 1);
    const segments = value.split('+').map(unescapeSegment);
    checkSpells(word, segments, file, line);
    out.push({ word, alternatives: [segments], line });
  }
  return out;
}
