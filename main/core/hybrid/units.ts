// Splits text into units: WORD = letters and combining marks, NUMBER = decimal digits, SPACE = whitespace,
// OTHER = runs of anything else (punctuation, symbols, emoji). Apostrophes are OTHER, so "İstanbul'da" is
// WORD OTHER WORD. Units cover the text exactly, in order.

export type UnitKind = 'word' | 'number' | 'space' | 'other';

export interface Unit {
  kind: UnitKind;
  start: number;
  end: number;
}

const RE = /([\p{L}\p{M}]+)|(\p{Nd}+)|(\s+)|([^\p{L}\p{M}\p{Nd}\s]+)/gu;

export function splitUnits(text: string, offset = 0, end = text.length): Unit[] {
  const out: Unit[] = [];
  const part = offset === 0 && end === text.length ? text : text.slice(offset, end);
  RE.lastIndex = 0;
  for (let m = RE.exec(part); m; m = RE.exec(part)) {
    const kind: UnitKind = m[1] !== undefined ? 'word' : m[2] !== undefined ? 'number' : m[3] !== undefined ? 'space' : 'other';
    out.push({ kind, start: offset + m.index, end: offset + m.index + m[0].length });
  }
  return out;
}

export const isLetter = (ch: string): boolean => /^[\p{L}\p{M}]/u.test(ch);
