// Corpus counting on the addon: pre-tokenization (gpt2 / gpt4o presets, hand-written in C++) and word
// counts on all cores, with the same CorpusCounts as countCorpus (corpus/count.ts). Whatever the addon
// cannot do exactly (gzip, JSONL, count tables, custom patterns) or a file the reader refuses goes to the
// TypeScript reference, so errors and results never depend on the engine.
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { countCorpus, type CorpusCounts, type CountCorpusOptions } from '../corpus/count';
import { inspectCorpusFile } from '../corpus/read';
import { PRETOKENIZER_PRESETS } from '../bpe/pretokenize';
import { nativeAddon, type NativePreset, type PackedCounts } from './load';

const DEFAULT_MAX_LINE_BYTES = 64 << 20;

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
  /** Used when the native path cannot take the file; defaults to pretokenize with `pattern`. */
  pretokenize: CountCorpusOptions['pretokenize'];
  /** Threads for the native path; default: every core. */
  threads?: number;
  /** Smallest share of the file worth a thread of its own (tests lower it). Default 8 MiB. */
  minBytesPerThread?: number;
}

/** Whether countCorpusNative would count this file on the addon (rather than hand it to countCorpus). */
export async function nativeCanCount(path: string, opts: Pick<NativeCountOptions, 'format' | 'pattern'>): Promise<boolean> {
  if (!nativeAddon() || opts.format !== 'text' || nativePresetOf(opts.pattern) === null) return false;
  return !(await inspectCorpusFile(path)).compressed;
}

/** countCorpus with the addon doing the work when it can; identical results either way. */
export async function countCorpusNative(path: string, opts: NativeCountOptions): Promise<CorpusCounts> {
  const addon = nativeAddon();
  const preset = nativePresetOf(opts.pattern);
  const info = await inspectCorpusFile(path);
  if (!addon || opts.format !== 'text' || preset === null || info.compressed) return countCorpus(path, opts);
  opts.signal?.throwIfAborted();

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
