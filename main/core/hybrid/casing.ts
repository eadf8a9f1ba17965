// Language-aware case folding and the four case classes of a word. The class is chosen by re-applying the
// decoder's own transform to the folded word and comparing, so a chosen class always round-trips.

export type CaseClass = 'lower' | 'capitalised' | 'allcaps' | 'mixed';

const DOTTED = new Set(['tr', 'az']);

function baseLang(lang: string): string {
  return lang.toLowerCase().split(/[-_]/)[0];
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
    lower = (s) => s.replace(/I/g, 'ı').replace(/İ/g, 'i').toLowerCase();
    upper = (s) => s.replace(/i/g, 'İ').replace(/ı/g, 'I').toUpperCase();
  } else {
    let ok = true;
    try {
      'a'.toLocaleLowerCase(language);
    } catch {
      ok = false;
    }
    lower = ok ? (s) => s.toLocaleLowerCase(language) : (s) => s.toLowerCase();
    upper = ok ? (s) => s.toLocaleUpperCase(language) : (s) => s.toUpperCase();
  }
  const capFirst = (s: string): string => {
    if (s.length === 0) return s;
    const n = s.codePointAt(0)! > 0xffff ? 2 : 1;
    return upper(s.slice(0, n)) + s.slice(n);
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
