// Lone UTF-16 surrogates have no UTF-8 form, so encoders refuse them; callers word the error for their format.

const wellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;

/** The first lone surrogate (its code unit in upper-case hex and its offset), or null for well-formed text. */
export function findLoneSurrogate(text: string): { hex: string; offset: number } | null {
  // Native check first: nearly every text is well formed, and then the regex scan is wasted.
  if (wellFormed !== undefined && wellFormed.call(text)) return null;
  const m = /\p{Cs}/u.exec(text);
  return m ? { hex: m[0].charCodeAt(0).toString(16).toUpperCase(), offset: m.index } : null;
}
