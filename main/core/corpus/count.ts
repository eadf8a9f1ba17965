// One streamed pass over a corpus file: word counts, pre-token counts, line count and the SHA-256 of
// the bytes on disk. The counts are what the workspace stores and what BPE training starts from.
import { createHash, type Hash } from 'node:crypto';
import { inspectCorpusFile, readCountRows, readTexts, type ReadOptions } from './read';

export interface CountCorpusOptions {
  format: 'text' | 'jsonl' | 'counts';
  /** JSONL: the field that holds the text. Default 'text'. */
  textField?: string;
  /** Splits a text unit into pre-tokens (the tokenizer's pre-tokenizer). */
  pretokenize: (text: string) => string[];
  signal?: AbortSignal;
  onProgress?(p: { bytesRead: number; totalBytes: number }): void;
  maxLineBytes?: number;
}

export interface CorpusCounts {
  pretokens: Map<string, number>;
  /** Whitespace-separated words. */
  words: Map<string, number>;
  /** Lines of a text file, records of a JSONL file, rows of a count table. */
  lines: number;
  wordTotal: number;
  /** Size on disk. */
  sizeBytes: number;
  /** Of the bytes on disk (the compressed bytes for gzip input). */
  sha256: string;
  compressed: boolean;
}

const WHITESPACE = /\s+/u;
/** A held-back piece longer than this is counted as is, so the carry never grows without bound. */
const MAX_CARRY_CHARS = 1 << 20;

function add(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

/** Adds the whitespace-separated words of `text` to `words`; returns how many there were. */
export function countWords(words: Map<string, number>, text: string): number {
  let total = 0;
  for (const w of text.split(WHITESPACE)) {
    if (w.length === 0) continue;
    add(words, w, 1);
    total++;
  }
  return total;
}

/**
 * Only when the pieces are the unit cut into consecutive parts can the last one be re-read with
 * the next line; a pre-tokenizer that drops or rewrites text gets each line on its own.
 */
function coversContiguously(pieces: string[], unit: string): boolean {
  let length = 0;
  for (const p of pieces) length += p.length;
  return length === unit.length && unit.endsWith(pieces[pieces.length - 1]);
}

/** What the reader gets from a count: cancel, line limit, and the hash and progress of the bytes on disk. */
export function hashedReadOptions(opts: Pick<CountCorpusOptions, 'signal' | 'maxLineBytes' | 'onProgress'>, hash: Hash): ReadOptions {
  return {
    signal: opts.signal,
    maxLineBytes: opts.maxLineBytes,
    onRawChunk: (chunk) => hash.update(chunk),
    onBytes: opts.onProgress ? (bytesRead, totalBytes) => opts.onProgress?.({ bytesRead, totalBytes }) : undefined,
  };
}

export async function countCorpus(path: string, opts: CountCorpusOptions): Promise<CorpusCounts> {
  const info = await inspectCorpusFile(path);
  const hash = createHash('sha256');
  const readOpts = hashedReadOptions(opts, hash);
  const words = new Map<string, number>();
  const pretokens = new Map<string, number>();
  const { pretokenize } = opts;
  let lines = 0;
  let wordTotal = 0;

  if (opts.format === 'counts') {
    for await (const row of readCountRows(path, readOpts)) {
      lines++;
      add(words, row.token, row.count);
      wordTotal += row.count;
      for (const piece of pretokenize(row.token)) add(pretokens, piece, row.count);
    }
  } else if (opts.format === 'jsonl') {
    for await (const record of readTexts(path, 'jsonl', opts.textField ?? 'text', readOpts)) {
      lines++;
      wordTotal += countWords(words, record.text);
      for (const piece of pretokenize(record.text)) add(pretokens, piece, 1);
    }
  } else {
    // Lines are pre-tokenized with their '\n' so newlines are counted as in the whole file. A
    // line's last piece may still change with what follows (GPT-2's \s+(?!\S) splits "  \n"
    // differently before a word than at the end of a string; GPT-4o's [\r\n/]* extends ".\n"),
    // so it is held back and pre-tokenized again together with the next line.
    let carry = '';
    for await (const line of readTexts(path, 'text', undefined, readOpts)) {
      lines++;
      wordTotal += countWords(words, line.text);
      const unit = carry + (line.eol ? line.text + '\n' : line.text);
      const pieces = pretokenize(unit);
      carry = '';
      let last = pieces.length;
      if (pieces.length > 0 && coversContiguously(pieces, unit) && pieces[pieces.length - 1].length < MAX_CARRY_CHARS) {
        last--;
        carry = pieces[last];
      }
      for (let i = 0; i < last; i++) add(pretokens, pieces[i], 1);
    }
    if (carry.length > 0) add(pretokens, carry, 1);
  }

  return { pretokens, words, lines, wordTotal, sizeBytes: info.size, sha256: hash.digest('hex'), compressed: info.compressed };
}
