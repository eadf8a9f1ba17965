// Reading a gold segmentation file in any supported format: strict UTF-8, format detection, one entry per
// word. A malformed line is a UserError naming the file and line; nothing is returned from a bad file.
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { UserError } from '../errors';
import { readUtf8File } from '../text/readUtf8';
import { type DataLine, dataLines } from './common';
import { parseConllu } from './conllu';
import { parseMorfessor } from './morfessor';
import { parseMorpho } from './morpho';
import { parseSigmorphon } from './sigmorphon';
import { parseGoldTsv } from './tsv';
import type { GoldFileFormat, GoldItem } from './types';

export interface GoldFile {
  format: GoldFileFormat;
  sha256: string;
  items: GoldItem[];
}

/**
 * The format of a gold file from its content, looking at up to 500 data lines:
 *   exactly 10 tab-separated columns (CoNLL-U token lines)                   -> conllu
 *   a second column with " @@" (or "@@" between letters), or a third column  -> sigmorphon
 *   tab-separated, some second column with a comma                           -> morpho (alternatives)
 *   tab-separated otherwise                                                  -> tsv
 *   no tab on any line, word then analyses after whitespace                  -> morfessor
 * When the content decides nothing (no data lines) the extension does: .tsv -> tsv, else null.
 */
export function detectGoldFormat(lines: readonly DataLine[], path = ''): GoldFileFormat | null {
  const head = lines.slice(0, 500);
  if (head.length === 0) return extname(path).toLowerCase() === '.tsv' ? 'tsv' : null;
  const cols = head.map((l) => l.text.split('\t'));
  if (cols.some((c) => c.length === 10)) return 'conllu';
  if (cols.some((c) => c.length >= 3 || (c.length === 2 && /@@/u.test(c[1])))) return 'sigmorphon';
  if (cols.some((c) => c.length === 2)) return cols.some((c) => c.length === 2 && c[1].includes(',')) ? 'morpho' : 'tsv';
  return 'morfessor';
}

export function parseGold(text: string, format: GoldFileFormat, file: string): GoldItem[] {
  const clean = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = dataLines(clean);
  let items: GoldItem[];
  switch (format) {
    case 'tsv':
      items = parseGoldTsv(clean, file).map((e) => ({ word: e.word, alternatives: [e.segments], line: e.line }));
      break;
    case 'morpho':
      items = parseMorpho(lines, file);
      break;
    case 'sigmorphon':
      items = parseSigmorphon(lines, file);
      break;
    case 'morfessor':
      items = parseMorfessor(lines, file);
      break;
    case 'conllu':
      items = parseConllu(lines, file);
      break;
  }
  if (items.length === 0) throw new UserError(`${file}: no gold entries (only blank or comment lines)`);
  return mergeRepeats(items);
}

/** A word given on several lines keeps one entry (its first line) with every distinct segmentation. */
export function mergeRepeats(items: readonly GoldItem[]): GoldItem[] {
  const byWord = new Map<string, GoldItem>();
  for (const it of items) {
    const seen = byWord.get(it.word);
    if (!seen) {
      byWord.set(it.word, { word: it.word, alternatives: dedupe(it.alternatives), line: it.line });
      continue;
    }
    seen.alternatives = dedupe([...seen.alternatives, ...it.alternatives]);
  }
  return [...byWord.values()];
}

function dedupe(alts: readonly string[][]): string[][] {
  const keys = new Set<string>();
  return alts.filter((a) => {
    const k = a.join('\u0000');
    if (keys.has(k)) return false;
    keys.add(k);
    return true;
  });
}

/** Reads and parses a gold file; `auto` detects the format (see detectGoldFormat). */
export function readGoldFile(path: string, format: GoldFileFormat | 'auto' = 'auto'): GoldFile {
  const file = basename(path);
  const { bytes, text } = readUtf8File(path);
  const resolved = format === 'auto' ? detectGoldFormat(dataLines(text.replace(/^\uFEFF/u, '')), path) : format;
  if (!resolved) throw new UserError(`${file}: no gold entries (only blank or comment lines)`);
  return { format: resolved, sha256: createHash('sha256').update(bytes).digest('hex'), items: parseGold(text, resolved, file) };
}
