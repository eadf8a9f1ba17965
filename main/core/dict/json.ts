// The dictionary's own file format: the Dictionary type as JSON, written in canonical form
// (normalizeDictionary) so two saves of the same content are byte-identical.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { UserError } from '../errors';
import { normalizeDictionary } from './normalize';
import type { Dictionary } from './types';
import { finishDictionary } from './validate';

/** 1-based line and column of a UTF-16 offset in `text`. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** Parses JSON text; a syntax error names the file with line and column. */
export function parseJsonText(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const at = /at position (\d+)/.exec(message);
    const lc = /\(line (\d+) column (\d+)\)/.exec(message);
    let where = '';
    if (lc) where = `:${lc[1]}:${lc[2]}`;
    else if (at) {
      const { line, column } = lineColumn(text, Number(at[1]));
      where = `:${line}:${column}`;
    } else if (/Unexpected end of JSON input/.test(message)) {
      const { line, column } = lineColumn(text, text.length);
      where = `:${line}:${column}`;
    }
    const reason = message.replace(/ in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '');
    throw new UserError(`${fileName}${where}: invalid JSON: ${reason}`);
  }
}

/** A dictionary file's text without a byte-order mark; an unreadable file is a UserError naming it. */
export function readDictionaryText(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UserError(`cannot read dictionary ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function readDictionaryJson(path: string): Dictionary {
  const text = readDictionaryText(path);
  const name = basename(path);
  return finishDictionary(parseJsonText(text, name), name);
}

/** Canonical JSON text of a dictionary (2-space indent, final newline). */
export function dictionaryToJson(d: Dictionary): string {
  return JSON.stringify(normalizeDictionary(d), null, 2) + '\n';
}

/** Validates, then writes atomically (a temporary file renamed over the target). */
export function writeDictionaryJson(path: string, d: Dictionary): void {
  const text = dictionaryToJson(finishDictionary(d, basename(path)));
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new UserError(`cannot write dictionary ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
