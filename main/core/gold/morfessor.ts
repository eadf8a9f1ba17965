// Morfessor annotation files, as Morfessor 2.0's `MorfessorIO.read_annotations_file` reads them: after
// right-stripping, blank lines and lines starting with `#` are skipped; the word is everything before the
// first whitespace run, the rest holds analyses separated by `,`, each stripped and split on spaces into
// constructions. A word may appear on several lines; its analyses accumulate (as in Morfessor). Where
// Morfessor would silently keep empty constructions (two spaces in a row) we collapse them; an empty
// analysis, or one that does not spell its word, is an error.
import { type DataLine, lineError, parseAlternatives } from './common';
import type { GoldItem } from './types';

export function parseMorfessor(lines: readonly DataLine[], file: string): GoldItem[] {
  return lines.map(({ text, line }) => {
    const t = text.trim(); // rstrip, then split(None, 1) drops leading whitespace too
    const m = /^(\S+)\s+(.*)$/su.exec(t);
    if (!m) throw lineError(file, line, `expected "word analysis[, analysis...]", found only "${t.slice(0, 60)}"`);
    const word = m[1];
    return { word, alternatives: parseAlternatives(word, m[2], file, line), line };
  });
}
