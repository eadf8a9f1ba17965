// Byte-level BPE training.
//
// Merge order (a deterministic total order, so the same corpus and config give a byte-identical model
// no matter how the pre-token counts are ordered):
//   1. the pair with the highest count (summed over pre-tokens, weighted by pre-token frequency) wins;
//   2. on equal counts, the pair whose LEFT token is smaller as a raw byte string wins (lexicographic
//      on UTF-8 bytes, a proper prefix is smaller);
//   3. then the pair whose RIGHT token is smaller the same way.
// Within a pre-token a merge applies left to right without overlap ("aaa" with a+a gives "aa","a").
// A pair whose concatenation is already a token (reached earlier through a different split, or equal
// to a special token) is skipped, so every merge adds exactly one new, distinct token and
// vocabSize = specials + 256 + merges holds exactly.
// Vocabulary layout: ids 0..s-1 special tokens (in the given order), s..s+255 the bytes 0..255,
// then one token per merge in merge order.

import type { BpeModel, BpeTrainOptions, BpeTrainProgress, BpeTrainStats } from './types';
import { BYTE_TO_CHAR } from './bytelevel';
import { BYTE_ALPHABET, explainBudget } from './budget';
import { compilePattern } from './pretokenize';

export class TrainingCancelled extends Error {
  constructor() {
    super('training was cancelled');
    this.name = 'TrainingCancelled';
  }
}

export interface TrainHooks {
  onProgress?(p: BpeTrainProgress): void;
  shouldStop?(): boolean;
}

const SHIFT = 2 ** 21; // symbol ids stay below 2^21, so left * SHIFT + right is an exact integer key
const pairKey = (a: number, b: number) => a * SHIFT + b;

function compareBytes(x: Uint8Array, y: Uint8Array): number {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/** Throws a clear Error for unusable specials, budget, minimum frequency or pattern. */
export function validateTrainOptions(opts: BpeTrainOptions): void {
  const seen = new Set<string>();
  for (const s of opts.specialTokens) {
    if (s.length === 0) throw new Error('a special token cannot be the empty string');
    if (seen.has(s)) throw new Error(`special token ${JSON.stringify(s)} is listed twice`);
    if (/\p{Cs}/u.test(s)) throw new Error(`special token ${JSON.stringify(s)} contains a lone surrogate`);
    if (BYTE_TO_CHAR.includes(s)) {
      throw new Error(`special token ${JSON.stringify(s)} is the same string as a byte token; choose another`);
    }
    seen.add(s);
  }
  const budget = explainBudget(opts.vocabSize, opts.specialTokens.length);
  if (!budget.ok) throw new Error(`vocabulary size ${budget.text}`);
  if (!Number.isInteger(opts.minFrequency) || opts.minFrequency < 1) {
    throw new Error(`minimum frequency must be a positive integer, got ${opts.minFrequency}`);
  }
  compilePattern(opts.pattern);
}

/** A max-heap of pair keys ordered by (count desc, left bytes asc, right bytes asc); entries go stale lazily. */
class PairHeap {
  counts: number[] = [];
  keys: number[] = [];
  constructor(private readonly symBytes: Uint8Array[]) {}

  get size(): number {
    return this.keys.length;
  }

  /** True when entry i should come out before entry j. */
  private before(i: number, j: number): boolean {
    const ci = this.counts[i];
    const cj = this.counts[j];
    if (ci !== cj) return ci > cj;
    const ki = this.keys[i];
    const kj = this.keys[j];
    const li = Math.floor(ki / SHIFT);
    const lj = Math.floor(kj / SHIFT);
    if (li !== lj) return compareBytes(this.symBytes[li], this.symBytes[lj]) < 0;
    return compareBytes(this.symBytes[ki - li * SHIFT], this.symBytes[kj - lj * SHIFT]) < 0;
  }

  private swap(i: number, j: number): void {
    const c = this.counts[i];
    this.counts[i] = this.counts[j];
    this.counts[j] = c;
    const k = this.keys[i];
    this.keys[i] = this.keys[j];
    this.keys[j] = k;
  }

  push(count: number, key: number): void {
    this.counts.push(count);
    this.keys.push(key);
    let i = this.keys.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Removes the top entry (read it first from counts[0] / keys[0]). */
  pop(): void {
    const last = this.keys.length - 1;
    this.swap(0, last);
    this.counts.pop();
    this.keys.pop();
    const n = this.keys.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < n && this.before(l, best)) best = l;
      if (r < n && this.before(r, best)) best = r;
      if (best === i) break;
      this.swap(i, best);
      i = best;
    }
  }
}

/** The early stop when every pre-token is a single token (shared with the native trainer's glue). */
export function noPairsLeft(merges: number): NonNullable<BpeTrainStats['stoppedEarly']> {
  return { reason: `No pairs were left to merge after ${merges} merges: every pre-token is already a single token.`, atMerges: merges };
}

/** The early stop when the best pair is below the minimum frequency. */
export function belowMinimumFrequency(merges: number, bestCount: number, minFrequency: number): NonNullable<BpeTrainStats['stoppedEarly']> {
  return {
    reason:
      `Stopped after ${merges} merges: the most frequent remaining pair occurs ${bestCount} ` +
      `time${bestCount === 1 ? '' : 's'}, below the minimum frequency of ${minFrequency}.`,
    atMerges: merges,
  };
}

/** Pre-token counts with duplicates summed and zero counts dropped; throws for a count that is not a non-negative integer. */
export function sumPretokenCounts(counts: Iterable<[string, number]>): { merged: Map<string, number>; total: number } {
  const merged = new Map<string, number>();
  let total = 0;
  for (const [text, n] of counts) {
    if (!Number.isFinite(n) || n < 0 || !Number.isInteger(n)) {
      throw new Error(`pre-token ${JSON.stringify(text)} has an invalid count ${n}`);
    }
    if (n === 0) continue;
    merged.set(text, (merged.get(text) ?? 0) + n);
    total += n;
  }
  return { merged, total };
}

export function trainBpe(
  counts: Iterable<[string, number]>,
  opts: BpeTrainOptions,
  hooks: TrainHooks = {},
): { model: BpeModel; stats: BpeTrainStats } {
  const started = performance.now();
  validateTrainOptions(opts);
  const specialCount = opts.specialTokens.length;
  const mergeBudget = opts.vocabSize - specialCount - BYTE_ALPHABET;

  // Symbols 0..255 are the bytes; merged symbols follow. Vocab id = specialCount + symbol.
  const symBytes: Uint8Array[] = [];
  const symText: string[] = [];
  for (let b = 0; b < 256; b++) {
    symBytes.push(Uint8Array.of(b));
    symText.push(BYTE_TO_CHAR[b]);
  }
  const taken = new Set<string>([...symText, ...opts.specialTokens]);

  // Pre-tokens (summing duplicates), as byte sequences; single-byte ones carry no pairs.
  const { merged, total: pretokenTotal } = sumPretokenCounts(counts);
  const encoder = new TextEncoder();
  const words: Int32Array[] = [];
  const wordLen: number[] = [];
  const wordCount: number[] = [];
  for (const [text, n] of merged) {
    const bytes = encoder.encode(text);
    if (bytes.length < 2) continue;
    words.push(Int32Array.from(bytes));
    wordLen.push(bytes.length);
    wordCount.push(n);
  }

  // Pair counts and, per pair, the words that contain it (may hold stale or repeated entries).
  const pairCount = new Map<number, number>();
  const pairWords = new Map<number, number[]>();
  for (let w = 0; w < words.length; w++) {
    const seq = words[w];
    const n = wordCount[w];
    for (let i = 0; i + 1 < seq.length; i++) {
      const k = pairKey(seq[i], seq[i + 1]);
      pairCount.set(k, (pairCount.get(k) ?? 0) + n);
      const list = pairWords.get(k);
      if (list === undefined) pairWords.set(k, [w]);
      else if (list[list.length - 1] !== w) list.push(w);
    }
  }
  const heap = new PairHeap(symBytes);
  for (const [k, c] of pairCount) heap.push(c, k);

  const merges: [string, string][] = [];
  const seenStamp = new Int32Array(words.length).fill(-1);
  const touched: number[] = []; // keys of pairs created in the current merge step
  let stoppedEarly: BpeTrainStats['stoppedEarly'] = null;
  let duplicatesSkipped = 0;
  const step = Math.max(1, Math.ceil(mergeBudget / 100));
  const mergeStart = performance.now();

  const addPair = (k: number, delta: number, w: number) => {
    const c = (pairCount.get(k) ?? 0) + delta;
    if (c === 0) pairCount.delete(k);
    else pairCount.set(k, c);
    if (delta > 0) {
      const list = pairWords.get(k);
      if (list === undefined) {
        pairWords.set(k, [w]);
        touched.push(k);
      } else if (list[list.length - 1] !== w) list.push(w);
    }
  };

  while (merges.length < mergeBudget) {
    // Find the best live pair: drop stale heap entries, re-queue ones whose count went down.
    let best = -1;
    let bestCount = 0;
    while (heap.size > 0) {
      const k = heap.keys[0];
      const stored = heap.counts[0];
      heap.pop();
      const current = pairCount.get(k) ?? 0;
      if (current === 0) continue;
      if (current !== stored) {
        heap.push(current, k);
        continue;
      }
      const a = Math.floor(k / SHIFT);
      const b = k - a * SHIFT;
      if (taken.has(symText[a] + symText[b])) {
        // Dropped from the heap for good (only brand-new pairs are ever pushed), so it is never merged.
        duplicatesSkipped++;
        continue;
      }
      best = k;
      bestCount = current;
      break;
    }
    if (best < 0) {
      stoppedEarly = noPairsLeft(merges.length);
      break;
    }
    if (bestCount < opts.minFrequency) {
      stoppedEarly = belowMinimumFrequency(merges.length, bestCount, opts.minFrequency);
      break;
    }

    const a = Math.floor(best / SHIFT);
    const b = best - a * SHIFT;
    const z = symBytes.length;
    const zBytes = new Uint8Array(symBytes[a].length + symBytes[b].length);
    zBytes.set(symBytes[a]);
    zBytes.set(symBytes[b], symBytes[a].length);
    symBytes.push(zBytes);
    symText.push(symText[a] + symText[b]);
    taken.add(symText[z]);
    merges.push([symText[a], symText[b]]);

    const stamp = merges.length;
    touched.length = 0;
    for (const w of pairWords.get(best) ?? []) {
      if (seenStamp[w] === stamp) continue;
      seenStamp[w] = stamp;
      const seq = words[w];
      const len = wordLen[w];
      const n = wordCount[w];
      let out = 0;
      let i = 0;
      while (i < len) {
        if (i + 1 < len && seq[i] === a && seq[i + 1] === b) {
          addPair(best, -n, w);
          if (out > 0) {
            const left = seq[out - 1];
            addPair(pairKey(left, a), -n, w);
            addPair(pairKey(left, z), n, w);
          }
          if (i + 2 < len) {
            const right = seq[i + 2];
            addPair(pairKey(b, right), -n, w);
            addPair(pairKey(z, right), n, w);
          }
          seq[out++] = z;
          i += 2;
        } else {
          seq[out++] = seq[i++];
        }
      }
      wordLen[w] = out;
    }
    pairWords.delete(best);
    pairCount.delete(best);
    for (const k of touched) {
      const c = pairCount.get(k);
      if (c !== undefined && c > 0) heap.push(c, k);
    }

    if (merges.length % step === 0 || merges.length === mergeBudget) {
      const seconds = (performance.now() - mergeStart) / 1000;
      hooks.onProgress?.({
        phase: 'merging',
        done: merges.length,
        total: mergeBudget,
        mergesPerSecond: seconds > 0 ? merges.length / seconds : undefined,
      });
      if (hooks.shouldStop?.()) throw new TrainingCancelled();
    }
  }

  const vocab = [...opts.specialTokens, ...symText];
  const model: BpeModel = {
    pattern: opts.pattern,
    specials: opts.specialTokens.map((content, id) => ({ id, content })),
    vocab,
    merges,
  };
  const stats: BpeTrainStats = {
    merges: merges.length,
    stoppedEarly,
    pretokenTypes: merged.size,
    pretokenTotal,
    trainingMs: Math.round(performance.now() - started),
    duplicatePairsSkipped: duplicatesSkipped,
  };
  return { model, stats };
}
