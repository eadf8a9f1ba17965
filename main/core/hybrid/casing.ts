// Language-aware case folding and the four case classes of a word. The class is chosen by re-applying the
// decoder's own transform to the folded word and comparing, so a chosen class always round-trips.

export type CaseClass = 'lower' | 'capitalised' | 'allcaps' | 'mixed';

const DOTTED = new Set(['tr', 'az']);

function baseLang(lang: string): string {
  return lang.toLowerCase().split(/[-_]/)[0];
}

// Per BMP code unit: 0 not known yet, 1 maps to itself, 2 changes (or is a surrogate half). Used for the
// dotted languages only, whose folding is the root (locale-independent) case mapping after the I/İ replaces:
// that mapping is per code point except Final_Sigma, which only touches U+03A3 (a letter that changes anyway),
// so a string whose every code unit maps to itself maps to itself. (Locale rules such as Lithuanian's remove
// U+0307 after soft-dotted letters that do not change themselves, which is why other languages do not use this.)
const lowerFixed = new Uint8Array(0x10000);
const upperFixed = new Uint8Array(0x10000);

const FIXED = 0;
const CHANGES = 1;
const HAS_SPECIAL = 2;

/**
 * FIXED when every code unit of s maps to itself under `map` (then s does), HAS_SPECIAL when s holds one of
 * the two letters the dotted mapping replaces first, else CHANGES (the replaces would change nothing).
 */
function unchanged(s: string, table: Uint8Array, map: (s: string) => string, special1: number, special2: number): number {
  let out = FIXED;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === special1 || c === special2) return HAS_SPECIAL;
    let f = table[c];
    if (f === 0) {
      const ch = String.fromCharCode(c);
      table[c] = f = c >= 0xd800 && c <= 0xdfff ? 2 : map(ch) === ch ? 1 : 2;
    }
    if (f !== 1) out = CHANGES;
  }
  return out;
}

function isAsciiLower(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x61 || c > 0x7a) return false;
  }
  return true;
}

export interface Casing {
  lower(s: string): string;
  upper(s: string): string;
  /** Upper-cases the first code point only. */
  capFirst(s: string): string;
  classify(word: string): CaseClass;
}

export function makeCasing(language: string): Casing {
  const dotted = DOTTED.has(baseLang(language));
  let lower: (s: string) => string;
  let upper: (s: string) => string;
  if (dotted) {
    // Explicit I/İ handling so the result does not depend on the ICU data Node was built with.
    const slowLower = (s: string) => s.replace(/I/g, 'ı').replace(/İ/g, 'i').toLowerCase();
    const slowUpper = (s: string) => s.replace(/i/g, 'İ').replace(/ı/g, 'I').toUpperCase();
    // The encoder folds every word and most are folded already: skip the replaces and the case mapping when
    // every code unit maps to itself (see unchanged()), and the replaces when there is nothing to replace.
    lower = (s) => {
      const f = unchanged(s, lowerFixed, slowLower, 0x49, 0x130);
      return f === FIXED ? s : f === HAS_SPECIAL ? slowLower(s) : s.toLowerCase();
    };
    upper = (s) => {
      const f = unchanged(s, upperFixed, slowUpper, 0x69, 0x131);
      return f === FIXED ? s : f === HAS_SPECIAL ? slowUpper(s) : s.toUpperCase();
    };
  } else {
    let ok = true;
    try {
      'a'.toLocaleLowerCase(language);
    } catch {
      ok = false;
    }
    // A locale-aware mapping is slow; a string of a-z only never changes under any locale's lower-casing.
    lower = ok ? (s) => (isAsciiLower(s) ? s : s.toLocaleLowerCase(language)) : (s) => (isAsciiLower(s) ? s : s.toLowerCase());
    upper = ok ? (s) => s.toLocaleUpperCase(language) : (s) => s.toUpperCase();
  }
  // The upper case of a first character, per BMP code unit: capFirst runs for every word that is not lower case.
  const upperUnit = new Map<number, string>();
  const capFirst = (s: string): string => {
    if (s.length === 0) return s;
    const n = s.codePointAt(0)! > 0xffff ? 2 : 1;
    if (n === 2) return upper(s.slice(0, n)) + s.slice(n);
    const c = s.charCodeAt(0);
    let u = upperUnit.get(c);
    if (u === undefined) upperUnit.set(c, (u = upper(s[0])));
    return u + s.slice(1);
  };
  // The encoder classifies a word and then folds it: the second lower() of the same string comes from here.
  let lastWord: string | null = null;
  let lastLower = '';
  const lowerOnce = lower;
  lower = (s) => {
    if (s !== lastWord) {
      lastLower = lowerOnce(s);
      lastWord = s;
    }
    return lastLower;
  };
  const classify = (w: string): CaseClass => {
    const l = lower(w);
    if (l === w) return 'lower';
    if (capFirst(l) === w) return 'capitalised';
    if (Array.from(w).length >= 2 && upper(l) === w) return 'allcaps';
    return 'mixed';
  };
  return { lower, upper, capFirst, classify };
}
