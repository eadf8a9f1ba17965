// BPE training on the addon: the same input, model and statistics as trainBpe (bpe/trainer.ts), with the
// merge loop on a worker thread of the addon so the event loop stays free.
import type { BpeModel, BpeTrainOptions, BpeTrainStats } from '../bpe/types';
import { BYTE_TO_CHAR, charToByteValue } from '../bpe/bytelevel';
import { BYTE_ALPHABET } from '../bpe/budget';
import { belowMinimumFrequency, noPairsLeft, sumPretokenCounts, TrainingCancelled, validateTrainOptions, type TrainHooks } from '../bpe/trainer';
import { nativeAddon, type NativeTrainResult } from './load';

/** A special token spelled entirely in the byte alphabet is a byte string a merge must not produce again. */
function specialAsBytes(s: string): Uint8Array | null {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const b = charToByteValue(s[i]);
    if (b === undefined) return null;
    out[i] = b;
  }
  return out;
}

/** Pre-token counts packed for the addon: UTF-8 back to back, byte lengths, counts. */
export function packPretokens(merged: Map<string, number>): { bytes: Uint8Array; lens: Uint32Array; counts: Float64Array } {
  const lens = new Uint32Array(merged.size);
  const counts = new Float64Array(merged.size);
  let total = 0;
  let i = 0;
  for (const [text, n] of merged) {
    const len = Buffer.byteLength(text, 'utf8');
    lens[i] = len;
    counts[i++] = n;
    total += len;
  }
  const bytes = Buffer.allocUnsafe(total);
  let at = 0;
  for (const text of merged.keys()) at += bytes.write(text, at, 'utf8');
  return { bytes, lens, counts };
}

/**
 * trainBpe on the native addon: identical merges, vocabulary and statistics (trainingMs aside). Throws when
 * the addon is not loaded; cancellation (hooks.shouldStop) rejects with TrainingCancelled.
 */
/** What both entry points send to the addon. */
function prepare(counts: Iterable<[string, number]>, opts: BpeTrainOptions) {
  validateTrainOptions(opts);
  const mergeBudget = opts.vocabSize - opts.specialTokens.length - BYTE_ALPHABET;
  const { merged, total } = sumPretokenCounts(counts);
  const packed = packPretokens(merged);
  const extra = opts.specialTokens.map(specialAsBytes).filter((b): b is Uint8Array => b !== null);
  return { mergeBudget, types: merged.size, total, packed, extra };
}

/** The model and statistics trainBpe would give, from the addon's merges. */
function finish(result: NativeTrainResult, opts: BpeTrainOptions, prep: ReturnType<typeof prepare>, started: number): { model: BpeModel; stats: BpeTrainStats } {
  const symText: string[] = [...BYTE_TO_CHAR];
  const merges: [string, string][] = [];
  for (let i = 0; i < result.left.length; i++) {
    const l = symText[result.left[i]];
    const r = symText[result.right[i]];
    merges.push([l, r]);
    symText.push(l + r);
  }
  const model: BpeModel = {
    pattern: opts.pattern,
    specials: opts.specialTokens.map((content, id) => ({ id, content })),
    vocab: [...opts.specialTokens, ...symText],
    merges,
  };
  const stoppedEarly =
    result.stop === 1 ? noPairsLeft(merges.length) : result.stop === 2 ? belowMinimumFrequency(merges.length, result.stopCount, opts.minFrequency) : null;
  const stats: BpeTrainStats = {
    merges: merges.length,
    stoppedEarly,
    pretokenTypes: prep.types,
    pretokenTotal: prep.total,
    trainingMs: Math.round(performance.now() - started),
    duplicatePairsSkipped: result.duplicatesSkipped,
  };
  return { model, stats };
}

export async function trainBpeNative(
  counts: Iterable<[string, number]>,
  opts: BpeTrainOptions,
  hooks: TrainHooks = {},
): Promise<{ model: BpeModel; stats: BpeTrainStats }> {
  const addon = nativeAddon();
  if (!addon) throw new Error('the native addon is not loaded');
  const started = performance.now();
  const prep = prepare(counts, opts);
  const { mergeBudget, packed, extra } = prep;

  let lastDone = 0;
  let lastRate = 0;
  const job = addon.train(packed.bytes, packed.lens, packed.counts, mergeBudget, opts.minFrequency, extra, (done, totalMerges, rate) => {
    lastDone = done;
    lastRate = rate;
    hooks.onProgress?.({ phase: 'merging', done, total: totalMerges, mergesPerSecond: rate > 0 ? rate : undefined });
    if (hooks.shouldStop?.()) job.cancel();
  });
  // Progress comes only every 1% of the merges; poll too so a cancel is seen quickly.
  const poll = hooks.shouldStop ? setInterval(() => hooks.shouldStop?.() && job.cancel(), 50) : null;
  let result;
  try {
    result = await job.promise;
  } finally {
    if (poll) clearInterval(poll);
  }
  if (result.cancelled) throw new TrainingCancelled();
  // Progress reports are coalesced while the event loop is busy; the last step is always reported, as by trainBpe.
  if (mergeBudget > 0 && result.left.length === mergeBudget && lastDone !== mergeBudget) {
    hooks.onProgress?.({ phase: 'merging', done: mergeBudget, total: mergeBudget, mergesPerSecond: lastRate > 0 ? lastRate : undefined });
  }
  return finish(result, opts, prep, started);
}

/**
 * trainBpeNative on the calling thread, for callers that are already on a worker thread and small inputs (the
 * hybrid tokenizer's residue); progress is reported and a stop request is seen at every 1% of the merges.
 */
export function trainBpeNativeSync(counts: Iterable<[string, number]>, opts: BpeTrainOptions, hooks: TrainHooks = {}): { model: BpeModel; stats: BpeTrainStats } {
  const addon = nativeAddon();
  if (!addon) throw new Error('the native addon is not loaded');
  const started = performance.now();
  const prep = prepare(counts, opts);
  const result = addon.trainSync(prep.packed.bytes, prep.packed.lens, prep.packed.counts, prep.mergeBudget, opts.minFrequency, prep.extra, (done, total, rate) => {
    hooks.onProgress?.({ phase: 'merging', done, total, mergesPerSecond: rate > 0 ? rate : undefined });
    return hooks.shouldStop?.() === true;
  });
  if (result.cancelled) throw new TrainingCancelled();
  return finish(result, opts, prep, started);
}
