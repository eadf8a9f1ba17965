// Token premium on parallel text (Petrov et al. 2023, "Language Model Tokenizers Introduce Unfairness
// Between Languages"): for a language L and the pivot P, over the rows where both sides are non-empty,
//   premium(L) = total tokens of L's sides / total tokens of P's sides.
// Rows where L's or P's side is empty are skipped for that pair and counted as `skipped`. The pivot's own
// premium is 1 (0 rows: null).
import type { ParallelRow } from '../parallel/read';

export interface LanguagePremium {
  language: string;
  premium: number | null;
  tokens: number;
  pivotTokens: number;
  rows: number;
  skipped: number;
}

/** `count(language, text)` is the number of tokens of one side; each side is counted once. */
export function tokenPremium(rows: readonly ParallelRow[], languages: readonly string[], pivot: string, count: (language: string, text: string) => number): LanguagePremium[] {
  const counts = rows.map((row) => {
    const c: Record<string, number> = {};
    for (const lang of languages) {
      const text = row[lang];
      if (text) c[lang] = count(lang, text);
    }
    return c;
  });
  return languages.map((language) => {
    let tokens = 0, pivotTokens = 0, used = 0, skipped = 0;
    for (const c of counts) {
      if (c[language] === undefined || c[pivot] === undefined) {
        skipped++;
        continue;
      }
      used++;
      tokens += c[language];
      pivotTokens += c[pivot];
    }
    return { language, premium: pivotTokens === 0 ? null : tokens / pivotTokens, tokens, pivotTokens, rows: used, skipped };
  });
}

/** The pivot of a set: the requested one, else 'en' when present, else the set's first language. */
export function choosePivot(languages: readonly string[], requested: string | undefined, setName: string): string {
  if (requested !== undefined) {
    if (!languages.includes(requested)) throw new Error(`parallel set "${setName}" has no language "${requested}" (it has ${languages.join(', ')})`);
    return requested;
  }
  return languages.includes('en') ? 'en' : languages[0];
}
