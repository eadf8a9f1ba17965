// The long-running work of the app: importing a corpus and training a tokenizer. Both run inside a worker
// thread (worker.ts) with their own workspace connection and write their result in one transaction at the
// end, so a cancelled or crashed job leaves the workspace as it was.
import { existsSync } from 'node:fs';
import { countCorpusNative, nativeAvailable, trainBpeNative } from '../native/index';
import { detectFormat } from '../corpus/read';
import { Workspace } from '../store/workspace';
import { hashConfig } from '../store/hash';
import {
  compilePattern,
  pretokenize,
  resolvePattern,
  trainBpe,
  PRETOKENIZER_PRESETS,
  TrainingCancelled,
} from '../bpe/index';
import { trainHybrid, TrainingCancelled as HybridCancelled } from '../hybrid/index';
import { importDictionaryFile } from '../dict/import';
import { mergeMessage } from '../dict/merge';
import { dictionaryToJson } from '../dict/json';
import { loadTokenizer, tokenTypesOf } from '../tokenizers';
import { CancelledError, UserError } from '../errors';
import type { DictImportArgs, ImportArgs, TrainArgs } from './args';
import type { TaskContext, TaskResult } from './types';

/** The pre-tokenizer counted at import time, so training with the default needs no second pass. */
export const IMPORT_PRETOKENIZER = PRETOKENIZER_PRESETS.gpt4o;

export function pretokenizerFor(pattern: string): (text: string) => string[] {
  const re = compilePattern(pattern);
  return (text) => pretokenize(text, re).map((p) => text.slice(p.start, p.end));
}

function abortSignalFor(ctx: TaskContext): { signal: AbortSignal; stop(): void } {
  const ac = new AbortController();
  // Cancellation is a shared flag set by the runner; poll it while streaming.
  const timer = setInterval(() => {
    if (ctx.isCancelled()) ac.abort(new CancelledError());
  }, 50);
  return { signal: ac.signal, stop: () => clearInterval(timer) };
}

function rethrowCancel(err: unknown, ctx: TaskContext): never {
  if (ctx.isCancelled()) throw new CancelledError();
  throw err;
}

export async function runImport(args: ImportArgs, ctx: TaskContext): Promise<number> {
  const ws = ctx.workspace;
  const format = args.format === 'auto' ? detectFormat(args.path) : args.format;
  const started = performance.now();
  let lastBytes = 0;
  let lastTime = started;
  let rate = 0;
  const { signal, stop } = abortSignalFor(ctx);
  let counted;
  try {
    counted = await countCorpusNative(args.path, {
      format,
      textField: args.textField,
      pattern: IMPORT_PRETOKENIZER,
      pretokenize: pretokenizerFor(IMPORT_PRETOKENIZER),
      signal,
      onProgress: ({ bytesRead, totalBytes }) => {
        const now = performance.now();
        if (now - lastTime > 250) {
          rate = (bytesRead - lastBytes) / 1e6 / ((now - lastTime) / 1000);
          lastBytes = bytesRead;
          lastTime = now;
        }
        const percent = totalBytes > 0 ? Math.min(99, (100 * bytesRead) / totalBytes) : 0;
        ctx.progress({ phase: 'counting', percent, rate, rateUnit: 'MB/s' });
      },
    });
  } catch (err) {
    rethrowCancel(err, ctx);
  } finally {
    stop();
  }
  if (ctx.isCancelled()) throw new CancelledError();
  const existing = ws.findCorpusBySha(counted.sha256);
  if (existing && existing.format === format && (format !== 'jsonl' || existing.textField === args.textField)) {
    throw new UserError(`${args.path} is already in this workspace as corpus #${existing.id} "${existing.name}" (same sha256)`, 'conflict');
  }
  ctx.progress({ phase: 'saving', percent: 99 });
  const name = args.name?.trim() || baseName(args.path);
  let wordTotal = 0;
  for (const c of counted.words.values()) wordTotal += c;
  const corpus = ws.addCorpus(
    {
      name,
      sourcePath: args.path,
      format,
      compressed: counted.compressed,
      language: args.language,
      textField: format === 'jsonl' ? args.textField : null,
      sizeBytes: counted.sizeBytes,
      sha256: counted.sha256,
      lines: counted.lines,
      words: wordTotal,
      wordTypes: counted.words.size,
      importedAt: new Date().toISOString(),
      importMs: Math.round(performance.now() - started),
    },
    { words: counted.words, pretokens: { pattern: IMPORT_PRETOKENIZER, counts: counted.pretokens } },
  );
  return corpus.id;
}

function baseName(path: string): string {
  const last = path.split(/[\\/]/).pop() ?? path;
  return last.replace(/\.gz$/i, '');
}

/**
 * Pre-token counts of one corpus under one pattern: stored ones when present; otherwise derived from the
 * stored word table (count tables) or counted again from the source file and kept for next time.
 */
async function pretokenCounts(corpusId: number, pattern: string, ctx: TaskContext): Promise<Map<string, number>> {
  const ws = ctx.workspace;
  const scheme = Workspace.patternScheme(pattern);
  const stored = ws.getCounts(corpusId, scheme);
  if (stored) return stored;
  const corpus = ws.getCorpus(corpusId);
  const split = pretokenizerFor(pattern);
  if (corpus.format === 'counts') {
    const words = ws.getCounts(corpusId, 'words') ?? new Map<string, number>();
    const out = new Map<string, number>();
    for (const [w, c] of words) for (const piece of split(w)) out.set(piece, (out.get(piece) ?? 0) + c);
    return out;
  }
  if (!existsSync(corpus.sourcePath)) {
    throw new UserError(
      `corpus #${corpus.id} "${corpus.name}" was counted for another pre-tokenizer and its source file ${corpus.sourcePath} is gone; re-import it or train with the gpt4o preset`,
    );
  }
  const { signal, stop } = abortSignalFor(ctx);
  try {
    const counted = await countCorpusNative(corpus.sourcePath, {
      format: corpus.format,
      textField: corpus.textField ?? undefined,
      pattern,
      pretokenize: split,
      signal,
      onProgress: ({ bytesRead, totalBytes }) =>
        ctx.progress({ phase: `counting ${corpus.name}`, percent: totalBytes ? (100 * bytesRead) / totalBytes : 0 }),
    });
    if (counted.sha256 !== corpus.sha256) {
      throw new UserError(`${corpus.sourcePath} changed since it was imported as corpus #${corpus.id} (sha256 differs); re-import it`);
    }
    ws.putCounts(corpusId, scheme, pattern, counted.pretokens);
    return counted.pretokens;
  } catch (err) {
    rethrowCancel(err, ctx);
  } finally {
    stop();
  }
}

export async function runTrain(args: TrainArgs, ctx: TaskContext): Promise<number> {
  return args.kind === 'hybrid' ? runTrainHybrid(args, ctx) : runTrainBpe(args, ctx);
}

async function runTrainBpe(args: Extract<TrainArgs, { kind: 'bpe' }>, ctx: TaskContext): Promise<number> {
  const ws = ctx.workspace;
  const cfg = args.config;
  const pattern = resolvePattern(cfg.pretokenizer, cfg.pattern);
  compilePattern(pattern); // a bad custom regex fails before any work
  const corpora = args.corpusIds.map((id) => ws.getCorpus(id));
  const merged = new Map<string, number>();
  for (const corpus of corpora) {
    const counts = await pretokenCounts(corpus.id, pattern, ctx);
    for (const [k, v] of counts) merged.set(k, (merged.get(k) ?? 0) + v);
  }
  if (ctx.isCancelled()) throw new CancelledError();
  const started = performance.now();
  let result;
  try {
    // The addon when it is loaded (identical merges, see native/README.md), else the TypeScript reference.
    result = await (nativeAvailable() ? trainBpeNative : trainBpe)(
      merged,
      { vocabSize: cfg.vocabSize, minFrequency: cfg.minFrequency, pattern, specialTokens: cfg.specialTokens },
      {
        onProgress: (p) =>
          ctx.progress({
            phase: p.phase,
            percent: p.total ? (100 * p.done) / p.total : 0,
            rate: p.mergesPerSecond ?? null,
            rateUnit: 'merges/s',
          }),
        shouldStop: () => ctx.isCancelled(),
      },
    );
  } catch (err) {
    if (err instanceof TrainingCancelled) throw new CancelledError();
    throw err;
  }
  const trainingMs = Math.round(performance.now() - started);
  ctx.progress({ phase: 'saving', percent: 100 });
  const tokenTypes = tokenTypesOf(loadTokenizer({ kind: 'bpe', model: result.model }));
  const config = { ...cfg, pattern };
  const summary = ws.addTokenizerVersion({
    name: args.name,
    kind: 'bpe',
    source: 'trained',
    parentId: null,
    config,
    configHash: hashConfig({ kind: 'bpe', config, corpora: corpora.map((c) => c.sha256) }),
    model: result.model,
    tokenTypes,
    stats: { ...result.stats, peakRssBytes: process.resourceUsage().maxRSS * 1024 },
    trainingMs,
    corpusIds: corpora.map((c) => c.id),
  });
  return summary.id;
}

/** Word counts of several corpora, summed. */
function mergedWordCounts(ws: Workspace, corpusIds: number[]): Map<string, number> {
  const merged = new Map<string, number>();
  for (const id of corpusIds) {
    const counts = ws.getCounts(id, 'words');
    if (!counts) throw new UserError(`corpus #${id} has no word counts stored; re-import it`);
    for (const [k, v] of counts) merged.set(k, (merged.get(k) ?? 0) + v);
  }
  return merged;
}

async function runTrainHybrid(args: Extract<TrainArgs, { kind: 'hybrid' }>, ctx: TaskContext): Promise<number> {
  const ws = ctx.workspace;
  const corpora = args.corpusIds.map((id) => ws.getCorpus(id));
  // Read together so the stamp names exactly the content trained on (a later edit makes the version stale).
  const { dictSummary, dictionary, dictionaryStamp } = ws.transaction(() => ({
    dictSummary: ws.dictionaries.get(args.dictionaryId),
    dictionary: ws.dictionaries.load(args.dictionaryId),
    dictionaryStamp: ws.dictionaries.stamp(args.dictionaryId),
  }));
  ctx.progress({ phase: 'loading', percent: 0 });
  const wordCounts = mergedWordCounts(ws, args.corpusIds);
  let result;
  try {
    result = trainHybrid(
      { wordCounts, dictionary, config: args.config },
      {
        onProgress: (p) => ctx.progress({ phase: p.phase, percent: p.total ? (100 * p.done) / p.total : 0 }),
        shouldStop: () => ctx.isCancelled(),
      },
    );
  } catch (err) {
    if (err instanceof HybridCancelled || err instanceof TrainingCancelled) throw new CancelledError();
    throw err;
  }
  ctx.progress({ phase: 'saving', percent: 100 });
  const dictionaryHash = hashConfig(JSON.parse(dictionaryToJson(dictionary)));
  const config = { ...args.config, dictionaryId: args.dictionaryId, dictionaryName: dictSummary.name, dictionaryHash, dictionaryStamp };
  const summary = ws.addTokenizerVersion({
    name: args.name,
    kind: 'hybrid',
    source: 'trained',
    parentId: null,
    config,
    configHash: hashConfig({ kind: 'hybrid', config, corpora: corpora.map((c) => c.sha256) }),
    model: result.model,
    tokenTypes: tokenTypesOf(loadTokenizer({ kind: 'hybrid', model: result.model })),
    stats: { ...result.stats, peakRssBytes: process.resourceUsage().maxRSS * 1024 },
    trainingMs: result.stats.trainingMs,
    corpusIds: corpora.map((c) => c.id),
  });
  return summary.id;
}

/**
 * Imports a dictionary file as a new dictionary, or with `into` merges it into that one as one undoable
 * edit (dict/merge.ts: rows outside the target's alphabet are left out) and returns the target's id, with
 * what the merge did and its warnings as the job's message.
 */
export async function runDictImport(args: DictImportArgs, ctx: TaskContext): Promise<number | TaskResult> {
  const ws = ctx.workspace;
  ctx.progress({ phase: 'reading', percent: 0 });
  const target = args.into === undefined ? null : ws.dictionaries.get(args.into);
  const { dictionary, report, rootsWithoutPos } = importDictionaryFile(args.path, {
    format: args.format === 'auto' ? undefined : args.format,
    language: args.language ?? target?.language,
    name: args.name,
    rootPos: args.rootPos,
  });
  if (ctx.isCancelled()) throw new CancelledError();
  if (target) {
    ctx.progress({ phase: 'merging', percent: 80 });
    const merged = ws.dictionaries.merge(target.id, dictionary, args.rootsOnly, baseName(args.path), rootsWithoutPos, args.skipAnalysed);
    return { resultId: target.id, message: mergeMessage(merged, report.skippedTotal) };
  }
  const clash = ws.dictionaries.findByName(dictionary.name);
  if (clash) throw new UserError(`a dictionary named "${dictionary.name}" is already in this workspace (#${clash.id}); import it under another --name`, 'conflict');
  ctx.progress({ phase: 'saving', percent: 90 });
  return ws.dictionaries.save(dictionary).id;
}
