// Which word a clicked chip belongs to, and how a morph of an n-best analysis is labelled.
import type { WordAnalysis } from '../../../main/api/contract';

export interface WordSpan {
  word: string;
  /** [start, end) of `word` in the text, UTF-16 code units. */
  start: number;
  end: number;
}

const isSpace = (ch: string) => /\s/u.test(ch);
const isEdgePunct = (ch: string) => !/[\p{L}\p{M}\p{N}]/u.test(ch);

/**
 * The whitespace-delimited word around [start, end) of `text`, with punctuation and symbols trimmed from
 * both ends ("(Kitaplarımızdan," -> "Kitaplarımızdan"; inner apostrophes stay: "İstanbul’a"). A marker has
 * an empty range: it belongs to the word that starts there. Null when the range is whitespace or holds no
 * letter or digit.
 */
export function wordAt(text: string, start: number, end: number): WordSpan | null {
  let s = Math.max(0, Math.min(start, text.length));
  let e = Math.max(s, Math.min(end, text.length));
  if (s === e) {
    if (s >= text.length || isSpace(text[s])) return null;
    e = s + 1;
  }
  // A chip that is all whitespace names no word; a subword piece's leading space ("·gel") is stepped over.
  while (s < e && isSpace(text[s])) s++;
  if (s === e) return null;
  while (s > 0 && !isSpace(text[s - 1])) s--;
  while (e < text.length && !isSpace(text[e])) e++;
  const chars = Array.from(text.slice(s, e));
  let a = 0;
  let b = chars.length;
  while (a < b && isEdgePunct(chars[a])) s += chars[a++].length;
  while (b > a && isEdgePunct(chars[b - 1])) e -= chars[--b].length;
  if (a === b) return null;
  return { word: text.slice(s, e), start: s, end: e };
}

export type Morph = WordAnalysis['morphs'][number];

/** The small label under a morph: its group for affixes, "root" (with the citation form when it differs), "residue". */
export function morphTag(m: Morph): string {
  if (m.kind === 'residue') return 'residue';
  if (m.kind === 'root') return m.root && m.root !== m.surface ? `root ${m.root}` : 'root';
  return m.group ?? m.kind;
}

/** "4 morphs · log p −16.89 · no residue" */
export function scoreLine(a: WordAnalysis): string {
  const residue = a.score.residueChars === 0 ? 'no residue' : `${a.score.residueChars} residue ${a.score.residueChars === 1 ? 'char' : 'chars'}`;
  const lp = a.score.logProb.toFixed(2).replace('-', '−');
  return `${a.score.morphs} ${a.score.morphs === 1 ? 'morph' : 'morphs'} · log p ${lp} · ${residue}`;
}
