// Splits text into units: WORD = letters and combining marks, NUMBER = decimal digits, SPACE = whitespace,
// OTHER = runs of anything else (punctuation, symbols, emoji). Apostrophes are OTHER, so "İstanbul'da" is
// WORD OTHER WORD. Units cover the text exactly, in order.

export type UnitKind = 'word' | 'number' | 'space' | 'other';

export interface Unit {
  kind: UnitKind;
  start: number;
  end: number;
}

const WORD = 1;
const NUMBER = 2;
const SPACE = 3;
const OTHER = 4;
const KINDS: UnitKind[] = ['word', 'word', 'number', 'space', 'other'];
// The four classes of the original pattern /([\p{L}\p{M}]+)|(\p{Nd}+)|(\s+)|([^\p{L}\p{M}\p{Nd}\s]+)/gu: they are
// disjoint and cover every code point, so units are the maximal runs of one class. Scanning code points and
// looking their class up (cached per BMP code unit) gives the same units without a match object per unit.
const IS_WORD = /^[\p{L}\p{M}]$/u;
const IS_NUMBER = /^\p{Nd}$/u;
const IS_SPACE = /^\s$/u;
const bmpKind = new Uint8Array(0x10000);
const astralKind = new Map<number, number>();

function classOf(ch: string): number {
  return IS_WORD.test(ch) ? WORD : IS_NUMBER.test(ch) ? NUMBER : IS_SPACE.test(ch) ? SPACE : OTHER;
}

function kindAt(cp: number): number {
  if (cp < 0x10000) {
    const k = bmpKind[cp];
    return k !== 0 ? k : (bmpKind[cp] = classOf(String.fromCharCode(cp)));
  }
  let k = astralKind.get(cp);
  if (k === undefined) astralKind.set(cp, (k = classOf(String.fromCodePoint(cp))));
  return k;
}

export function splitUnits(text: string, offset = 0, end = text.length): Unit[] {
  const out: Unit[] = [];
  if (end > text.length) end = text.length;
  // Code points are read inside [offset, end) only: a surrogate pair cut by a bound is two lone halves there.
  let runKind = 0;
  let runStart = offset;
  for (let i = offset; i < end; ) {
    let cp = text.charCodeAt(i);
    let w = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < end) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        w = 2;
      }
    }
    const k = kindAt(cp);
    if (k !== runKind) {
      if (runKind !== 0) out.push({ kind: KINDS[runKind], start: runStart, end: i });
      runKind = k;
      runStart = i;
    }
    i += w;
  }
  if (runKind !== 0) out.push({ kind: KINDS[runKind], start: runStart, end });
  return out;
}

export const isLetter = (ch: string): boolean => /^[\p{L}\p{M}]/u.test(ch);
