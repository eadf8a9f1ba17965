// Finds and loads the C++ addon (native/, built at install time by scripts/build-native.mjs). The app
// works without it: every native entry point has the TypeScript reference behind it, and the reason the
// addon is not in use is kept for `tokstudio doctor` and workspace.info().engine.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Engine = 'native' | 'typescript';

/** The functions native/src/addon.cc exports. */
/** Pre-token counts packed for the merge loop (see train.ts packPretokens), the budget and what is taken. */
type TrainInputArgs = [bytes: Uint8Array, lens: Uint32Array, counts: Float64Array, mergeBudget: number, minFrequency: number, extraTaken: Uint8Array[]];

export interface NativeAddon {
  abiVersion: number;
  train(...args: [...TrainInputArgs, onProgress?: (done: number, total: number, mergesPerSecond: number) => void]): NativeJob<NativeTrainResult>;
  /** train on the calling thread; the progress callback returns true to stop. */
  trainSync(...args: [...TrainInputArgs, onProgress?: (done: number, total: number, mergesPerSecond: number) => boolean]): NativeTrainResult;
  countText(path: string, preset: NativePreset, threads: number, maxLineBytes: number, minBytesPerThread: number): NativeJob<NativeCountResult> & { bytesRead(): number };
  /** Counting a corpus sent in batches (gzip text, JSONL records); optional so an older build falls back. */
  CountStream?: new (mode: 'text' | 'records', preset: NativePreset, threads: number, maxLineBytes: number, minBytesPerThread: number) => NativeCountStream;
  pretokenize(text: string, preset: NativePreset): Uint32Array;
  classes(from: number, to: number): Uint8Array;
  Encoder: new (model: NativeEncoderModel) => NativeEncoder;
  Analyzer: new (spec: NativeAnalyzerSpec & NativeScores) => NativeAnalyzerHandle;
}

/** The hybrid analyzer's spec (built by native/analyze.ts; the layout is documented in native/src/analyze_addon.cc). */
export interface NativeAnalyzerSpec {
  states: number;
  groups: number;
  rootText: string;
  rootLens: Uint32Array;
  rootCitation: Int32Array;
  rootPos: Int32Array;
  rootLabel: Int32Array;
  affixText: string;
  affixLens: Uint32Array;
  affixIsPrefix: Uint8Array;
  affixGroup: Int32Array;
  affixClass: Int32Array;
  affixLabel: Int32Array;
  affixVariant: Int32Array;
  residueLabel: number;
  hasEdges: boolean;
  allowed: Uint8Array;
  edge: Uint8Array;
  canEnd: Uint8Array;
  hasVowelTest: boolean;
  vowelUnits: Uint32Array;
  contextVowels: Uint32Array;
  classCodePoints: Int32Array;
  classMaskLo: Uint32Array;
  classMaskHi: Uint32Array;
  rules: Uint32Array;
}

/**
 * The analyzer's scores: per root citation, and per (state, group) either a dense states x groups table or, for
 * large dictionaries, the unigram scores with the transition rows' entries over them (see analyze.ts scoreTable).
 */
export type NativeScores = { rootLp: Float64Array } & (
  | { affixSparse: false; affixLp: Float64Array }
  | { affixSparse: true; affixUnigram: Float64Array; affixStates: Uint32Array; affixGroups: Uint32Array; affixValues: Float64Array }
);

export interface NativeAnalyzerHandle {
  setScores(scores: NativeScores): void;
  analyzeMany(text: string, lens: Uint32Array, k: number, threads?: number): { data: Int32Array; logp: Float64Array };
  countBest(text: string, lens: Uint32Array, weights: Float64Array, threads?: number): { roots: Float64Array; groups: Float64Array; pairIndex: Float64Array; pairCount: Float64Array; totals: Float64Array };
}

export type NativePreset = 'gpt2' | 'gpt4o';

export interface NativeJob<T> {
  promise: Promise<T>;
  cancel(): void;
}

export interface NativeTrainResult {
  left: Uint32Array;
  right: Uint32Array;
  /** 0 the budget was spent, 1 no pair left, 2 the best pair is below the minimum frequency. */
  stop: 0 | 1 | 2;
  stopCount: number;
  duplicatesSkipped: number;
  cancelled: boolean;
}

export interface PackedCounts {
  /** The keys back to back, UTF-8. */
  bytes: Buffer;
  /** Each key's length in UTF-16 code units. */
  lens: Uint32Array;
  counts: Float64Array;
}

export interface NativeCountResult {
  /** 0 ok, 1 the reader would refuse the file (the TypeScript path says why), 2 I/O error, 3 cancelled. */
  status: 0 | 1 | 2 | 3;
  message: string;
  pretokens?: PackedCounts;
  words?: PackedCounts;
  lines?: number;
  wordTotal?: number;
}

export interface NativeCountStream {
  /**
   * One batch, copied before this returns; resolves with a NativeCountResult status once counted. Await it
   * before the next push. 'text': whole lines (only the last batch may end without '\n'); 'records': the
   * texts back to back in UTF-8, lens[i] bytes each.
   */
  push(bytes: Uint8Array, lens?: Uint32Array): Promise<NativeCountResult['status']>;
  /** After the last push: the totals (the stream is spent). */
  finish(): NativeCountResult;
  /** Stops the batch in flight; safe at any time. */
  cancel(): void;
}

export interface NativeEncoderModel {
  preset: NativePreset;
  byteIds: Uint32Array;
  left: Uint32Array;
  right: Uint32Array;
  result: Uint32Array;
  specials: string[];
  specialIds: Uint32Array;
  ignoreMerges: boolean;
  tokenBytes?: Uint8Array;
  tokenLens?: Uint32Array;
  tokenIds?: Uint32Array;
}

export interface NativeEncoder {
  encodeIds(text: string): Uint32Array;
  encodeWithLengths(text: string): { ids: Uint32Array; lens: Uint32Array };
}

export interface NativeStatus {
  engine: Engine;
  /** The addon file that was loaded or, when none was, the first place looked. */
  path: string | null;
  /** Why the TypeScript path is in use; null when the addon is. */
  reason: string | null;
}

const ADDON_ABI = 2;
const RELATIVE = join('native', 'build', 'Release', 'tokstudio_native.node');

/** Places the addon may be: $TOKSTUDIO_NATIVE_PATH, then native/ of the checkout or package this module is in. */
export function addonCandidates(): string[] {
  const out: string[] = [];
  if (process.env.TOKSTUDIO_NATIVE_PATH) out.push(resolve(process.env.TOKSTUDIO_NATIVE_PATH));
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 6; up++) {
    out.push(join(dir, RELATIVE));
    // Electron packages keep *.node outside the asar archive.
    if (dir.endsWith('.asar')) out.push(join(`${dir}.unpacked`, RELATIVE));
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return [...new Set(out)];
}

let loaded: { addon: NativeAddon | null; status: NativeStatus } | null = null;

function load(): { addon: NativeAddon | null; status: NativeStatus } {
  if (process.env.TOKSTUDIO_ENGINE === 'typescript') {
    return { addon: null, status: { engine: 'typescript', path: null, reason: 'TOKSTUDIO_ENGINE=typescript forces the TypeScript reference' } };
  }
  const candidates = addonCandidates();
  const path = candidates.find((p) => existsSync(p));
  if (!path) {
    return {
      addon: null,
      status: { engine: 'typescript', path: candidates[0] ?? null, reason: 'the native addon is not built (run `npm run build:native`; it needs a C++17 compiler and Python)' },
    };
  }
  try {
    const addon = createRequire(import.meta.url)(path) as NativeAddon;
    if (addon.abiVersion !== ADDON_ABI) {
      return { addon: null, status: { engine: 'typescript', path, reason: `the addon at ${path} is from another version (ABI ${addon.abiVersion}, expected ${ADDON_ABI}); rebuild it` } };
    }
    return { addon, status: { engine: 'native', path, reason: null } };
  } catch (e) {
    return { addon: null, status: { engine: 'typescript', path, reason: `the addon at ${path} could not be loaded: ${(e as Error).message.split('\n')[0]}` } };
  }
}

/** The loaded addon, or null (see nativeStatus for why). Loaded once, on first use. */
export function nativeAddon(): NativeAddon | null {
  loaded ??= load();
  return loaded.addon;
}

export function nativeStatus(): NativeStatus {
  loaded ??= load();
  return loaded.status;
}

export function nativeAvailable(): boolean {
  return nativeAddon() !== null;
}

/** The engine the hot paths use: 'native' when the addon is loaded, else 'typescript'. */
export function engineInUse(): Engine {
  return nativeStatus().engine;
}
