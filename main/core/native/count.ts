// Corpus counting on the addon: pre-tokenization (gpt2 / gpt4o presets, hand-written in C++) and word
// counts on all cores, with the same CorpusCounts as countCorpus (corpus/count.ts):
// - plain text: the addon reads the file itself (countText), one stretch per core;
// - gzip text: node:zlib decompresses here and the addon counts batches of whole lines (CountStream 'text'),
//   the next batch decompressing while the last one counts;
// - JSONL, gzip or not: the reference reader (readTexts) parses the records here and the addon counts their
//   texts in batches (CountStream 'records'), each text on its own as countCorpus counts it.
// Custom patterns stay on countCorpus (there is no JavaScript regex engine in C++), and so do count tables
// (one pre-tokenization per distinct row: nothing to gain). A file the reader refuses goes to countCorpus
// too, so errors and results never depend on the engine.
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { createGunzip } from 'node:zlib';
import { countCorpus, countWords, hashedReadOptions, type CorpusCounts, type CountCorpusOptions } from '../corpus/count';
import { CorpusError } from '../corpus/errors';
import { inspectCorpusFile, readTexts, type CorpusFileInfo, type ReadOptions } from '../corpus/read';
import { PRETOKENIZER_PRESETS } from '../bpe/pretokenize';
import { nativeAddon, type NativeAddon, type NativePreset, type PackedCounts } from './load';

const DEFAULT_MAX_LINE_BYTES = 64 << 20;
/** The reader's chunk size (corpus/read.ts), for the same chunks, hashing and progress. */
const CHUNK_BYTES = 1 << 20;
/** A streamed batch: big enough to split across cores, small enough to keep memory flat. */
const MIN_BATCH_BYTES = 4 << 20;
/** Records per batch at most (empty texts take no bytes). */
const MAX_BATCH_RECORDS = 1 << 16;

/** The preset a pattern is, when the addon has a matcher for it. */
export function nativePresetOf(pattern: string): NativePreset | null {
  if (pattern === PRETOKENIZER_PRESETS.gpt4o) return 'gpt4o';
  if (pattern === PRETOKENIZER_PRESETS.gpt2) return 'gpt2';
  return null;
}

export function unpackCounts(p: PackedCounts): Map<string, number> {
  const out = new Map<string, number>();
  const text = p.bytes.toString('utf8'); // one decode, then slices: far cheaper than a decode per key
  let at = 0;
  for (let i = 0; i < p.lens.length; i++) {
    const end = at + p.lens[i];
    out.set(text.slice(at, end), p.counts[i]);
    at = end;
  }
  return out;
}

async function sha256Of(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20, signal })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface NativeCountOptions extends Omit<CountCorpusOptions, 'pretokenize'> {
  /** The pre-tokenizer pattern; the native path needs a preset (see nativePresetOf). */
  pattern: string;
  /** Used when the native path cannot take the file, and for a JSONL text with a lone surrogate; pretokenize with `pattern`. */
  pretokenize: CountCorpusOptions['pretokenize'];
  /** Threads for the native path; default: every core. */
  threads?: number;
  /** Smallest share of the file (of a batch, for gzip and JSONL) worth a thread of its own (tests lower it).
   *  Default 8 MiB for a file, 1 MiB for a batch. */
  minBytesPerThread?: number;
  /** Gzip and JSONL: bytes per batch sent to the addon (tests lower it). Default 1 MiB per thread, 4 MiB at least. */
  batchBytes?: number;
}

/**
 * Whether countCorpusNative would count this file on the addon rather than hand it to countCorpus (a file
 * the reader refuses still goes there, for its error): text and JSONL, gzip or not, with a preset pattern.
 */
export async function nativeCanCount(path: string, opts: Pick<NativeCountOptions, 'format' | 'pattern'>): Promise<boolean> {
  const addon = nativeAddon();
  if (!addon || opts.format === 'counts' || nativePresetOf(opts.pattern) === null) return false;
  if (typeof addon.CountStream === 'function') return true;
  return opts.format === 'text' && !(await inspectCorpusFile(path)).compressed; // an addon built before CountStream
}

/** countCorpus with the addon doing the work when it can; identical results either way. */
export async function countCorpusNative(path: string, opts: NativeCountOptions): Promise<CorpusCounts> {
  const addon = nativeAddon();
  const preset = nativePresetOf(opts.pattern);
  const info = await inspectCorpusFile(path);
  if (!addon || preset === null || opts.format === 'counts') return countCorpus(path, opts);
  opts.signal?.throwIfAborted();
  if (opts.format === 'text' && !info.compressed) return countFile(addon, info, preset, opts);
  if (typeof addon.CountStream !== 'function') return countCorpus(path, opts);
  // null: the addon stopped (a line the reader refuses, damaged gzip): the reference gives the error.
  return (await countStreamed(addon.CountStream, info, preset, opts)) ?? countCorpus(path, opts);
}

/** A plain text file, read by the addon itself. */
async function countFile(addon: NativeAddon, info: CorpusFileInfo, preset: NativePreset, opts: NativeCountOptions): Promise<CorpusCounts> {
  const path = info.path;
  const job = addon.countText(
    path,
    preset,
    opts.threads ?? availableParallelism(),
    opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
    opts.minBytesPerThread ?? 8 << 20,
  );
  const onAbort = () => job.cancel();
  opts.signal?.addEventListener('abort', onAbort);
  const timer = opts.onProgress ? setInterval(() => opts.onProgress?.({ bytesRead: Math.min(job.bytesRead(), info.size), totalBytes: info.size }), 100) : null;
  let result;
  let sha256;
  try {
    // The hash streams on this thread while the addon counts on its own.
    [result, sha256] = await Promise.all([job.promise, sha256Of(path, opts.signal)]);
  } catch (e) {
    job.cancel();
    opts.signal?.throwIfAborted(); // the abort reason, as countCorpus throws it
    throw e;
  } finally {
    if (timer) clearInterval(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
  opts.signal?.throwIfAborted();
  if (result.status !== 0) {
    // Refused or unreadable: the reference reader gives the error with its file, line and offset.
    return countCorpus(path, opts);
  }
  opts.onProgress?.({ bytesRead: info.size, totalBytes: info.size });
  return {
    pretokens: unpackCounts(result.pretokens!),
    words: unpackCounts(result.words!),
    lines: result.lines!,
    wordTotal: result.wordTotal!,
    sizeBytes: info.size,
    sha256,
    compressed: false,
  };
}

type CountStreamClass = NonNullable<NativeAddon['CountStream']>;

/** Counts of the rare JSONL texts the addon cannot take (a lone surrogate has no UTF-8), made here as countCorpus makes them. */
interface LocalCounts {
  pretokens: Map<string, number>;
  words: Map<string, number>;
  lines: number;
  wordTotal: number;
}

function addTo(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

const isWellFormed = (s: string): boolean => (s as string & { isWellFormed(): boolean }).isWellFormed();

/**
 * Gzip text or JSONL through the addon's CountStream: the corpus is read here in batches and each batch is
 * counted on the addon's threads while the next one is read. Null when the addon stops on something the
 * reader refuses (or anything else goes wrong): the caller then runs countCorpus for its exact error.
 */
async function countStreamed(CountStream: CountStreamClass, info: CorpusFileInfo, preset: NativePreset, opts: NativeCountOptions): Promise<CorpusCounts | null> {
  const threads = opts.threads ?? availableParallelism();
  const maxLineBytes = opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const batchBytes = Math.max(1, opts.batchBytes ?? Math.max(MIN_BATCH_BYTES, threads * (1 << 20)));
  const records = opts.format === 'jsonl';
  const stream = new CountStream(records ? 'records' : 'text', preset, threads, maxLineBytes, opts.minBytesPerThread ?? 1 << 20);
  const hash = createHash('sha256');
  // What countCorpus hands the reader: the hash and the progress are of the bytes on disk.
  const readOpts = hashedReadOptions(opts, hash);

  // One batch in flight: the next push first waits for it, so reading and counting overlap by one batch.
  let inFlight: Promise<number> | null = null;
  const send = async (bytes: Uint8Array, lens?: Uint32Array): Promise<boolean> => {
    if (inFlight !== null && (await inFlight) !== 0) return false;
    inFlight = stream.push(bytes, lens);
    inFlight.catch(() => {}); // awaited by the next send or at the end; this only keeps it from counting as unhandled
    return true;
  };

  const local: LocalCounts = { pretokens: new Map(), words: new Map(), lines: 0, wordTotal: 0 };
  const sendRecords = async (): Promise<boolean> => {
    // Reused: push copies the batch before it returns.
    const buf = Buffer.allocUnsafe(batchBytes);
    const lens = new Uint32Array(MAX_BATCH_RECORDS);
    let used = 0;
    let count = 0;
    const flush = async (): Promise<boolean> => {
      if (count === 0) return true;
      const ok = await send(buf.subarray(0, used), lens.subarray(0, count));
      used = 0;
      count = 0;
      return ok;
    };
    for await (const record of readTexts(info.path, 'jsonl', opts.textField ?? 'text', readOpts)) {
      const text = record.text;
      if (!isWellFormed(text)) {
        local.lines++;
        local.wordTotal += countWords(local.words, text);
        for (const piece of opts.pretokenize(text)) addTo(local.pretokens, piece, 1);
        continue;
      }
      const most = text.length * 3; // UTF-8 bytes per UTF-16 code unit, at most
      if (most > batchBytes - used || count === MAX_BATCH_RECORDS) {
        if (!(await flush())) return false;
      }
      if (most > batchBytes) {
        const bytes = Buffer.from(text, 'utf8'); // a text longer than a batch goes alone
        if (!(await send(bytes, Uint32Array.of(bytes.length)))) return false;
        continue;
      }
      const n = buf.write(text, used, 'utf8');
      lens[count++] = n;
      used += n;
    }
    return flush();
  };
  const sendLines = async (): Promise<boolean> => {
    for await (const batch of gzipLineBatches(info, readOpts, batchBytes, maxLineBytes)) {
      if (!(await send(batch))) return false;
    }
    return true;
  };

  const onAbort = () => stream.cancel();
  opts.signal?.addEventListener('abort', onAbort);
  try {
    const sent = records ? await sendRecords() : await sendLines();
    const last = inFlight === null ? 0 : await inFlight;
    opts.signal?.throwIfAborted();
    if (!sent || last !== 0) return null;
    const result = stream.finish();
    if (result.status !== 0) return null;
    const pretokens = unpackCounts(result.pretokens!);
    const words = unpackCounts(result.words!);
    for (const [k, n] of local.pretokens) addTo(pretokens, k, n);
    for (const [k, n] of local.words) addTo(words, k, n);
    return {
      pretokens,
      words,
      lines: result.lines! + local.lines,
      wordTotal: result.wordTotal! + local.wordTotal,
      sizeBytes: info.size,
      sha256: hash.digest('hex'),
      compressed: info.compressed,
    };
  } catch (e) {
    stream.cancel();
    opts.signal?.throwIfAborted(); // the abort reason, as countCorpus throws it
    // The reference reader's own error (JSONL is parsed by readTexts): the one countCorpus would throw.
    if (e instanceof CorpusError) throw e;
    return null; // damaged gzip, a line too long for a batch, …: countCorpus says what and where
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * The decompressed bytes of a gzip file in batches of whole lines (the last may end without '\n'), read as
 * corpus/read.ts reads them: the same chunks, and the raw chunks hashed and reported as progress. A batch is a
 * view of one reused buffer, valid until the next one is asked for (push copies it at once).
 */
async function* gzipLineBatches(info: CorpusFileInfo, readOpts: ReadOptions, batchBytes: number, maxLineBytes: number): AsyncGenerator<Buffer> {
  const raw = createReadStream(info.path, { highWaterMark: CHUNK_BYTES });
  let rawRead = 0;
  raw.on('data', (chunk) => {
    rawRead += chunk.length;
    readOpts.onRawChunk?.(chunk as Buffer);
    readOpts.onBytes?.(rawRead, info.size);
  });
  const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
  raw.on('error', (e) => gunzip.destroy(e));
  raw.pipe(gunzip);
  let buf = Buffer.allocUnsafe(batchBytes + CHUNK_BYTES);
  let size = 0;
  let scanned = 0; // no '\n' in buf[batchBytes - 1, scanned): where the search for the next cut goes on
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      readOpts.signal?.throwIfAborted();
      if (size + chunk.length > buf.length) {
        const bigger = Buffer.allocUnsafe(Math.max(2 * buf.length, size + chunk.length)); // a long line
        buf.copy(bigger, 0, 0, size);
        buf = bigger;
      }
      chunk.copy(buf, size);
      size += chunk.length;
      // Batches of at least batchBytes, each cut just after a '\n'.
      let start = 0;
      for (;;) {
        const nl = size - start < batchBytes ? -1 : buf.subarray(0, size).indexOf(0x0a, Math.max(start + batchBytes - 1, scanned));
        if (nl === -1) break;
        yield buf.subarray(start, nl + 1);
        start = nl + 1;
      }
      if (start > 0) buf.copy(buf, 0, start, size); // what is left to the front
      size -= start;
      scanned = Math.max(batchBytes - 1, size);
      // A line this long the addon refuses anyway (more than half of maxLineBytes): the reference decides.
      if (size > maxLineBytes + batchBytes) throw new Error('a line longer than a batch may be');
    }
    if (size > 0) yield buf.subarray(0, size);
  } finally {
    raw.destroy();
    gunzip.destroy();
  }
}
