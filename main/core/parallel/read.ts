// Parallel text for the token premium: JSONL (one object per line, language codes as keys, strings as values)
// or aligned TSV (a header row of language codes, then one column per language). A row may lack a language
// (a missing key, null, or an empty cell); the premium skips such rows for that language. Errors name the
// file and line, and a bad file returns nothing.
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { UserError } from '../errors';
import { readUtf8File } from '../text/readUtf8';

export type ParallelFileFormat = 'jsonl' | 'tsv';

/** One aligned row: language code -> text (languages the row lacks are absent). */
export type ParallelRow = Record<string, string>;

export interface ParallelFile {
  format: ParallelFileFormat;
  sha256: string;
  /** In order of first appearance (JSONL) or header order (TSV). */
  languages: string[];
  rows: ParallelRow[];
}

const LANG_RE = /^[A-Za-z][A-Za-z0-9_-]{0,34}$/u;

const err = (file: string, line: number, message: string) => new UserError(`${file}:${line}: ${message}`);

function checkLanguage(code: string, file: string, line: number): void {
  if (!LANG_RE.test(code)) throw err(file, line, `${JSON.stringify(code)} is not a language code (letters, digits, "_" or "-", e.g. tr, en, tur_Latn)`);
}

export function parseParallelJsonl(text: string, file: string): Omit<ParallelFile, 'sha256' | 'format'> {
  const languages: string[] = [];
  const known = new Set<string>();
  const rows: ParallelRow[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const t = raw.trim();
    if (t === '') return;
    let rec: unknown;
    try {
      rec = JSON.parse(t);
    } catch (e) {
      throw err(file, line, `not valid JSON (${(e as Error).message})`);
    }
    if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) throw err(file, line, 'expected a JSON object of language code -> text');
    const row: ParallelRow = {};
    for (const [lang, value] of Object.entries(rec)) {
      checkLanguage(lang, file, line);
      if (value === null) continue;
      if (typeof value !== 'string') throw err(file, line, `the value of "${lang}" is ${Array.isArray(value) ? 'an array' : typeof value}, expected a string`);
      if (!known.has(lang)) {
        known.add(lang);
        languages.push(lang);
      }
      if (value !== '') row[lang] = value;
    }
    rows.push(row);
  });
  return { languages, rows };
}

export function parseParallelTsv(text: string, file: string): Omit<ParallelFile, 'sha256' | 'format'> {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  if (headerAt < 0) throw new UserError(`${file}: empty (expected a header row of language codes)`);
  const languages = lines[headerAt].split('\t').map((c) => c.trim());
  languages.forEach((code) => checkLanguage(code, file, headerAt + 1));
  const dup = languages.find((c, i) => languages.indexOf(c) !== i);
  if (dup) throw err(file, headerAt + 1, `language "${dup}" appears twice in the header`);
  const rows: ParallelRow[] = [];
  for (let i = headerAt + 1; i < lines.length; i++) {
    if (lines[i] === '' && i === lines.length - 1) break; // the final newline
    if (lines[i].trim() === '') continue;
    const cells = lines[i].split('\t');
    if (cells.length !== languages.length) throw err(file, i + 1, `${cells.length} columns, the header has ${languages.length} (${languages.join(', ')})`);
    const row: ParallelRow = {};
    cells.forEach((c, k) => {
      if (c !== '') row[languages[k]] = c;
    });
    rows.push(row);
  }
  return { languages, rows };
}

/** JSONL by extension (.jsonl, .ndjson, .json), TSV for .tsv/.tab; otherwise by content: a line starting with "{" is JSONL. */
export function detectParallelFormat(path: string, text: string): ParallelFileFormat {
  const ext = extname(path.toLowerCase());
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') return 'jsonl';
  if (ext === '.tsv' || ext === '.tab') return 'tsv';
  return text.trimStart().startsWith('{') ? 'jsonl' : 'tsv';
}

export function readParallelFile(path: string, format: ParallelFileFormat | 'auto' = 'auto'): ParallelFile {
  const file = basename(path);
  const { bytes, text: raw } = readUtf8File(path);
  const text = raw.replace(/^\uFEFF/u, '');
  const resolved = format === 'auto' ? detectParallelFormat(path, text) : format;
  const parsed = resolved === 'jsonl' ? parseParallelJsonl(text, file) : parseParallelTsv(text, file);
  if (parsed.rows.length === 0) throw new UserError(`${file}: no rows`);
  if (parsed.languages.length < 2) throw new UserError(`${file}: parallel text needs at least two languages, found ${parsed.languages.join(', ') || 'none'}`);
  return { format: resolved, sha256: createHash('sha256').update(bytes).digest('hex'), ...parsed };
}
