// Streamed, strictly validated reading of corpus files. Memory stays bounded whatever the file size:
// bytes arrive in 1 MiB chunks, only the current chunk plus one unfinished line is ever held.
import { createReadStream, promises as fsp } from 'node:fs';
import { extname } from 'node:path';
import { createGunzip } from 'node:zlib';
import { CorpusError, type CorpusErrorLocation } from './errors';

export type CorpusFileFormat = 'text' | 'jsonl' | 'counts';

export interface ReadOptions {
  signal?: AbortSignal;
  /** Progress in bytes of the file on disk (compressed bytes for gzip input). */
  onBytes?(bytesRead: number, totalBytes: number): void;
  /** Every chunk exactly as stored on disk, before decompression: lets callers hash in the same pass. */
  onRawChunk?(chunk: Buffer): void;
  /** A longer line is an error rather than an unbounded allocation. Default 64 MiB. */
  maxLineBytes?: number;
}

export interface Line {
  /** The line without its '\n'; a '\r' before the '\n' is kept (lossless). */
  text: string;
  /** 1-based. */
  line: number;
  /** Offset of the line's first byte (of the decompressed data for gzip input). */
  byteOffset: number;
  /** False only for a last line that has no final '\n'. */
  eol: boolean;
}

export interface CorpusFileInfo {
  path: string;
  /** Size on disk. */
  size: number;
  /** Gzip, recognised by its magic bytes whatever the file is called. */
  compressed: boolean;
}

const CHUNK_BYTES = 1 << 20;
const DEFAULT_MAX_LINE_BYTES = 64 << 20;

/** The format implied by the extension, ignoring a trailing .gz. Callers may override it. */
export function detectFormat(path: string): CorpusFileFormat {
  let name = path.toLowerCase();
  if (name.endsWith('.gz')) name = name.slice(0, -3);
  switch (extname(name)) {
    case '.jsonl':
    case '.ndjson':
      return 'jsonl';
    case '.tsv':
    case '.counts':
      return 'counts';
    default:
      return 'text';
  }
}

/** Checks that `path` is a readable, non-empty regular file and sniffs gzip. */
export async function inspectCorpusFile(path: string): Promise<CorpusFileInfo> {
  let stat;
  try {
    stat = await fsp.stat(path);
  } catch (e) {
    throw fileSystemError(path, e);
  }
  if (stat.isDirectory()) throw new CorpusError(path, 'is a folder, not a corpus file');
  if (!stat.isFile()) throw new CorpusError(path, 'is not a regular file');
  if (stat.size === 0) throw new CorpusError(path, 'is empty (0 bytes)');
  const head = Buffer.alloc(2);
  let handle;
  try {
    handle = await fsp.open(path, 'r');
    await handle.read(head, 0, 2, 0);
  } catch (e) {
    throw fileSystemError(path, e);
  } finally {
    await handle?.close();
  }
  return { path, size: stat.size, compressed: stat.size >= 2 && head[0] === 0x1f && head[1] === 0x8b };
}

function fileSystemError(path: string, e: unknown): CorpusError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new CorpusError(path, 'file not found');
  if (code === 'EACCES' || code === 'EPERM') return new CorpusError(path, 'permission denied');
  if (code === 'EISDIR') return new CorpusError(path, 'is a folder, not a corpus file');
  return new CorpusError(path, `cannot be read (${(e as Error).message})`);
}

/** The file's bytes, decompressed when it is gzip. */
async function* byteChunks(info: CorpusFileInfo, opts: ReadOptions): AsyncGenerator<Buffer> {
  const raw = createReadStream(info.path, { highWaterMark: CHUNK_BYTES });
  let rawRead = 0;
  const onRaw = (chunk: Buffer): void => {
    rawRead += chunk.length;
    opts.onRawChunk?.(chunk);
    opts.onBytes?.(rawRead, info.size);
  };
  if (!info.compressed) {
    try {
      for await (const chunk of raw as AsyncIterable<Buffer>) {
        opts.signal?.throwIfAborted();
        onRaw(chunk);
        yield chunk;
      }
    } catch (e) {
      throw e instanceof CorpusError || isAbort(e, opts.signal) ? e : fileSystemError(info.path, e);
    } finally {
      raw.destroy();
    }
    return;
  }
  const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
  raw.on('data', (chunk) => onRaw(chunk as Buffer));
  raw.on('error', (e) => gunzip.destroy(e));
  raw.pipe(gunzip);
  let decompressed = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      opts.signal?.throwIfAborted();
      decompressed += chunk.length;
      yield chunk;
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('Z_') || code.startsWith('ERR_ZLIB')) {
      throw new CorpusError(
        info.path,
        'is damaged gzip data',
        { byteOffset: decompressed, decompressed: true },
        (e as Error).message,
      );
    }
    throw e instanceof CorpusError || isAbort(e, opts.signal) ? e : fileSystemError(info.path, e);
  } finally {
    raw.destroy();
    gunzip.destroy();
  }
}

function isAbort(e: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true && (e === signal.reason || (e as Error)?.name === 'AbortError');
}

/**
 * Length of the prefix of `buf` that ends on a UTF-8 sequence boundary; the rest (at most 3 bytes of
 * an unfinished sequence) is carried into the next chunk. Invalid tails are left in the prefix so
 * validation reports them.
 */
function completePrefixLength(buf: Buffer): number {
  const end = buf.length;
  for (let i = end - 1; i >= 0 && i >= end - 4; i--) {
    const b = buf[i];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for its lead
    const need = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xc2 && b <= 0xdf ? 2 : 1;
    return end - i < need ? i : end;
  }
  return end;
}

/**
 * Index of the first byte of the first ill-formed sequence in buf[start, end) (Unicode Table 3-7:
 * no overlongs, no surrogates, nothing above U+10FFFF), or -1 when it is all valid.
 */
export function findInvalidUtf8(buf: Uint8Array, start = 0, end = buf.length): number {
  let i = start;
  while (i < end) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 2;
    else if (b === 0xe0) (need = 3), (lo = 0xa0);
    else if (b === 0xed) (need = 3), (hi = 0x9f);
    else if (b >= 0xe1 && b <= 0xef) need = 3;
    else if (b === 0xf0) (need = 4), (lo = 0x90);
    else if (b === 0xf4) (need = 4), (hi = 0x8f);
    else if (b >= 0xf1 && b <= 0xf3) need = 4;
    else return i;
    if (i + need > end) return i;
    if (buf[i + 1] < lo || buf[i + 1] > hi) return i;
    for (let k = 2; k < need; k++) if ((buf[i + k] & 0xc0) !== 0x80) return i;
    i += need;
  }
  return -1;
}

function hexAt(buf: Uint8Array, at: number): string {
  return Array.from(buf.subarray(at, at + 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
}

function countNewlines(buf: Buffer, end: number): number {
  let n = 0;
  for (let i = buf.indexOf(0x0a); i !== -1 && i < end; i = buf.indexOf(0x0a, i + 1)) n++;
  return n;
}

/** Lines of a file already inspected; the shared engine behind readLines, readTexts and readCountRows. */
async function* linesOf(info: CorpusFileInfo, opts: ReadOptions): AsyncGenerator<Line> {
  const file = info.path;
  const decompressed = info.compressed;
  const maxLineBytes = opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const loc = (byteOffset: number, line: number | null): CorpusErrorLocation => ({ byteOffset, line, decompressed });

  let carry: Buffer = Buffer.alloc(0); // unfinished UTF-8 sequence from the previous chunk
  let consumed = 0; // absolute offset of the first byte after `carry`
  let pending = ''; // the unfinished line so far
  let pendingStart = 0; // absolute offset of its first byte
  let lineNo = 1;
  let started = false;
  let sawContent = false;

  for await (const chunk of byteChunks(info, opts)) {
    const buf = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const bufStart = consumed - carry.length;
    consumed += chunk.length;
    const cut = completePrefixLength(buf);

    let text: string | null = null;
    let invalid = -1;
    try {
      text = decoder.decode(buf.subarray(0, cut));
    } catch {
      invalid = findInvalidUtf8(buf, 0, cut);
      if (invalid < 0) invalid = 0; // cannot happen when the scanner agrees with the decoder
    }
    const nul = buf.indexOf(0);
    if (nul !== -1 && nul < cut && (invalid < 0 || nul < invalid)) {
      throw new CorpusError(file, 'looks like a binary file: NUL byte', loc(bufStart + nul, lineNo + countNewlines(buf, nul)));
    }
    if (text === null) {
      throw new CorpusError(file, 'invalid UTF-8', loc(bufStart + invalid, lineNo + countNewlines(buf, invalid)), `bytes ${hexAt(buf, invalid)}`);
    }
    carry = cut < buf.length ? Buffer.from(buf.subarray(cut)) : Buffer.alloc(0);

    let bytePos = 0;
    if (!started && text.length > 0) {
      started = true;
      if (text.charCodeAt(0) === 0xfeff) {
        text = text.slice(1);
        bytePos = 3;
        pendingStart = bufStart + 3;
      }
    }
    // '\n' is a single byte in UTF-8 and never part of a longer sequence, so the k-th '\n' of the
    // string is the k-th 0x0A of the bytes: walk both to get each line's byte offset cheaply.
    let charPos = 0;
    for (;;) {
      const nlChar = text.indexOf('\n', charPos);
      if (nlChar === -1) break;
      const nlByte = buf.indexOf(0x0a, bytePos);
      const lineText = pending + text.slice(charPos, nlChar);
      if (!sawContent && /\S/u.test(lineText)) sawContent = true;
      yield { text: lineText, line: lineNo, byteOffset: pendingStart, eol: true };
      pending = '';
      lineNo++;
      charPos = nlChar + 1;
      bytePos = nlByte + 1;
      pendingStart = bufStart + bytePos;
    }
    pending += text.slice(charPos);
    if (bufStart + cut - pendingStart > maxLineBytes) {
      throw new CorpusError(
        file,
        `has a line longer than ${Math.round(maxLineBytes / (1 << 20))} MiB`,
        loc(pendingStart, lineNo),
        'split it into shorter lines',
      );
    }
  }

  if (carry.length > 0) {
    throw new CorpusError(file, 'invalid UTF-8 (truncated sequence at the end)', loc(consumed - carry.length, lineNo), `bytes ${hexAt(carry, 0)}`);
  }
  if (pending.length > 0) {
    if (!sawContent && /\S/u.test(pending)) sawContent = true;
    yield { text: pending, line: lineNo, byteOffset: pendingStart, eol: false };
  }
  if (consumed === 0) throw new CorpusError(file, 'is empty (it decompresses to 0 bytes)');
  if (!sawContent) throw new CorpusError(file, 'contains no text (only whitespace)');
}

/** Every line of a text file (gzip or not), strictly UTF-8, without its '\n'. A leading BOM is dropped. */
export async function* readLines(path: string, opts: ReadOptions = {}): AsyncGenerator<Line> {
  yield* linesOf(await inspectCorpusFile(path), opts);
}

function lineLocation(info: CorpusFileInfo, l: Line): CorpusErrorLocation {
  return { byteOffset: l.byteOffset, line: l.line, decompressed: info.compressed };
}

/**
 * The text units of a corpus: each line for 'text'; for 'jsonl' the string at `textField` of each
 * non-blank line, which must be a JSON object.
 */
export async function* readTexts(
  path: string,
  format: 'text' | 'jsonl',
  textField = 'text',
  opts: ReadOptions = {},
): AsyncGenerator<Line> {
  const info = await inspectCorpusFile(path);
  if (format === 'text') {
    yield* linesOf(info, opts);
    return;
  }
  for await (const l of linesOf(info, opts)) {
    if (l.text.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(l.text);
    } catch (e) {
      throw new CorpusError(path, 'not valid JSON', lineLocation(info, l), (e as Error).message);
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw new CorpusError(path, 'not a JSON object', lineLocation(info, l), `found ${Array.isArray(record) ? 'an array' : JSON.stringify(record)?.slice(0, 40)}`);
    }
    const value = (record as Record<string, unknown>)[textField];
    if (typeof value !== 'string') {
      throw new CorpusError(
        path,
        `record has no string field ${JSON.stringify(textField)}`,
        lineLocation(info, l),
        value === undefined ? `its fields are ${Object.keys(record).slice(0, 8).map((k) => JSON.stringify(k)).join(', ') || 'none'}` : `it is ${value === null ? 'null' : typeof value}`,
      );
    }
    yield { text: value, line: l.line, byteOffset: l.byteOffset, eol: l.eol };
  }
}

export interface CountRow {
  token: string;
  count: number;
  line: number;
  byteOffset: number;
}

/**
 * Rows of a `token<TAB>count` table. The count follows the LAST tab, so a token may hold spaces
 * (and tabs); blank lines are skipped and a first line `token<TAB>count` is taken as a header.
 */
export async function* readCountRows(path: string, opts: ReadOptions = {}): AsyncGenerator<CountRow> {
  const info = await inspectCorpusFile(path);
  let first = true;
  for await (const l of linesOf(info, opts)) {
    const text = l.text.endsWith('\r') ? l.text.slice(0, -1) : l.text;
    if (text.trim() === '') continue;
    const tab = text.lastIndexOf('\t');
    if (tab === -1) {
      throw new CorpusError(path, 'expected "token<TAB>count"', lineLocation(info, l), `no tab in ${JSON.stringify(text.slice(0, 60))}`);
    }
    const token = text.slice(0, tab);
    const countText = text.slice(tab + 1).trim();
    const isHeader = first && token.trim().toLowerCase() === 'token' && countText.toLowerCase() === 'count';
    first = false;
    if (isHeader) continue;
    if (token.length === 0) throw new CorpusError(path, 'empty token', lineLocation(info, l));
    const count = /^[0-9]+$/.test(countText) ? Number(countText) : NaN;
    if (!(count > 0) || !Number.isSafeInteger(count)) {
      throw new CorpusError(path, 'count must be a positive integer', lineLocation(info, l), `got ${JSON.stringify(countText.slice(0, 30))}`);
    }
    yield { token, count, line: l.line, byteOffset: l.byteOffset };
  }
}

/** A whole count table; a token listed twice gets the sum of its counts. */
export async function readCountTable(path: string, opts: ReadOptions = {}): Promise<Map<string, number>> {
  const table = new Map<string, number>();
  for await (const row of readCountRows(path, opts)) table.set(row.token, (table.get(row.token) ?? 0) + row.count);
  return table;
}
