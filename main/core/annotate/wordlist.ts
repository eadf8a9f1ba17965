// A word list for an annotation queue: one word per line, or `word<TAB>count`. Blank lines and lines starting
// with `#` are skipped; a word repeated keeps its first line (counts add up). Errors name the file and line.
import { basename } from 'node:path';
import { UserError } from '../errors';
import { readUtf8File } from '../text/readUtf8';

export interface ListedWord {
  word: string;
  count: number;
  line: number;
}

export function parseWordlist(text: string, file: string): ListedWord[] {
  const byWord = new Map<string, ListedWord>();
  const clean = text.startsWith('\uFEFF') ? text.slice(1) : text;
  clean.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const t = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (t.trim() === '' || t.startsWith('#')) return;
    const cols = t.split('\t');
    if (cols.length > 2) throw new UserError(`${file}:${line}: expected "word" or "word<TAB>count", found ${cols.length} tab-separated columns`);
    const word = cols[0].trim();
    if (word === '') throw new UserError(`${file}:${line}: empty word`);
    if (/\s/u.test(word)) throw new UserError(`${file}:${line}: "${word}" holds whitespace; give one word per line`);
    let count = 0;
    if (cols.length === 2) {
      const c = cols[1].trim();
      if (!/^\d+$/u.test(c) || !Number.isSafeInteger(Number(c))) throw new UserError(`${file}:${line}: count "${c}" is not a whole number`);
      count = Number(c);
    }
    const seen = byWord.get(word);
    if (seen) seen.count += count;
    else byWord.set(word, { word, count, line });
  });
  if (byWord.size === 0) throw new UserError(`${file}: no words (only blank or comment lines)`);
  return [...byWord.values()];
}

export function readWordlist(path: string): ListedWord[] {
  return parseWordlist(readUtf8File(path).text, basename(path));
}
