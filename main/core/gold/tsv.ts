// Gold segmentations as `word<TAB>seg seg seg` lines; `#` starts a comment line. Errors name the line.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { UserError } from '../errors';

export interface GoldEntry {
  word: string;
  segments: string[];
  line: number;
}

export function parseGoldTsv(text: string, file: string): GoldEntry[] {
  const out: GoldEntry[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '' || raw.startsWith('#')) return;
    const cols = raw.split('\t');
    if (cols.length < 2) throw new UserError(`${file}:${line}: expected "word<TAB>segments", found no tab`);
    const word = cols[0].trim();
    const segments = cols[1].trim().split(/\s+/).filter(Boolean);
    if (!word || segments.length === 0) throw new UserError(`${file}:${line}: empty word or segmentation`);
    if (segments.join('') !== word) {
      throw new UserError(`${file}:${line}: segments "${segments.join(' ')}" do not spell the word "${word}"`);
    }
    out.push({ word, segments, line });
  });
  return out;
}

export function readGoldTsv(path: string): GoldEntry[] {
  return parseGoldTsv(readFileSync(path, 'utf8'), basename(path));
}
