// One evaluation run over resolved inputs: every tokenizer measured on the sample (compression, Rényi
// efficiency and utilisation, alignment, round trip, throughput), on each gold set (boundaries) and on each
// parallel set (premium), plus the fertility curve of one BPE version. No store access here (jobs/evaluate.ts
// gathers the inputs and saves the result), so it runs the same in a worker, a test or a benchmark.
import type { z } from 'zod';
import type { CompareSource, EvalCurve, EvalTokenizerResult } from '../../api/contract';
import type { BpeModel } from '../bpe/types';
import type { GoldItem } from '../gold/types';
import { alignmentMetrics, type MorphemeLexicon, type TokenSample } from '../hybrid/metrics';
import type { ParallelRow } from '../parallel/read';
import type { TextTokenizer } from '../tokenizers';
import { goldScores } from './boundaries';
import { compression } from './compression';
import { fertilityCurve } from './curve';
import { choosePivot, tokenPremium } from './premium';
import { renyiEfficiency, utilisation } from './renyi';
import { WordView } from './words';

export interface EvalTokenizerInput {
  source: CompareSource;
  label: string;
  configHash: string | null;
  load(): Promise<TextTokenizer> | TextTokenizer;
}

export interface EvalRunInput {
  tokenizers: readonly EvalTokenizerInput[];
  /** The sampled lines, or null when no corpus was given. */
  sample: readonly string[] | null;
  gold: readonly { id: number; name: string; items: readonly GoldItem[] }[];
  parallel: readonly { id: number; name: string; languages: readonly string[]; rows: readonly ParallelRow[] }[];
  pivot?: string;
  lexicon: MorphemeLexicon | null;
  renyiAlpha: number;
  curve: { versionId: number; label: string; model: BpeModel; sizes: readonly number[] } | null;
}

export interface EvalHooks {
  /** Called between steps and every few hundred lines; `done` of `total` steps. */
  progress(phase: string, done: number, total: number): void;
  /** Throws (e.g. a CancelledError) to stop the run. */
  checkCancelled(): void;
}

export interface EvalRunOutput {
  tokenizers: EvalTokenizerResult[];
  curve: z.infer<typeof EvalCurve> | null;
}

const noHooks: EvalHooks = { progress: () => {}, checkCancelled: () => {} };

export async function runEvaluation(input: EvalRunInput, hooks: EvalHooks = noHooks): Promise<EvalRunOutput> {
  const pivots = input.parallel.map((p) => choosePivot(p.languages, input.pivot, p.name));
  const stepsPer = (input.sample ? 1 : 0) + input.gold.length + input.parallel.length;
  const total = input.tokenizers.length * Math.max(stepsPer, 1) + (input.curve ? input.curve.sizes.length : 0);
  let done = 0;
  const results: EvalTokenizerResult[] = [];
  for (const t of input.tokenizers) {
    const base: EvalTokenizerResult = {
      source: t.source,
      label: t.label,
      kind: null,
      vocabSize: null,
      configHash: t.configHash,
      compression: null,
      renyi: null,
      alignment: null,
      roundTrip: null,
      throughputMBs: null,
      boundaries: [],
      premium: [],
      error: null,
    };
    const stepsBefore = done;
    try {
      hooks.progress(`${t.label}: loading`, done, total);
      const tok = await t.load();
      base.kind = tok.kind;
      base.vocabSize = tok.vocabSize;
      const words = new WordView(tok);
      if (input.sample) {
        hooks.progress(`${t.label}: encoding the sample`, done, total);
        Object.assign(base, measureSample(tok, words, input.sample, input.lexicon, input.renyiAlpha, hooks));
        done++;
      }
      for (const g of input.gold) {
        hooks.progress(`${t.label}: boundaries on ${g.name}`, done, total);
        hooks.checkCancelled();
        const s = goldScores(g.items, (w) => words.segments(w));
        base.boundaries.push({ goldSetId: g.id, name: g.name, ...s });
        done++;
      }
      input.parallel.forEach((p, k) => {
        hooks.progress(`${t.label}: premium on ${p.name}`, done, total);
        hooks.checkCancelled();
        const languages = tokenPremium(p.rows, p.languages, pivots[k], (_lang, text) => tok.encode(text).length);
        base.premium.push({ parallelSetId: p.id, name: p.name, pivot: pivots[k], languages });
        done++;
      });
    } catch (err) {
      if ((err as Error).name === 'CancelledError') throw err;
      // A failed tokenizer reports only its error: half-measured figures would read as results.
      results.push({ ...base, compression: null, renyi: null, alignment: null, roundTrip: null, throughputMBs: null, boundaries: [], premium: [], error: (err as Error).message });
      done = stepsBefore + Math.max(stepsPer, 1);
      continue;
    }
    results.push(base);
  }
  let curve: EvalRunOutput['curve'] = null;
  if (input.curve) {
    const c = input.curve;
    hooks.progress(`${c.label}: fertility curve`, done, total);
    const at = done;
    const points = fertilityCurve(c.model, c.sizes, input.sample ?? [], (n) => {
      hooks.checkCancelled();
      hooks.progress(`${c.label}: fertility curve`, at + n, total);
    });
    curve = { versionId: c.versionId, label: c.label, points };
  }
  hooks.progress('done', total, total);
  return { tokenizers: results, curve };
}

/** One pass over the sample: every line encoded once (timed), decoded once; the metrics read those encodings. */
function measureSample(tok: TextTokenizer, words: WordView, sample: readonly string[], lexicon: MorphemeLexicon | null, alpha: number, hooks: EvalHooks) {
  const tokenCounts: number[] = [];
  const idCounts = new Map<number, number>();
  const aligned: TokenSample[] = [];
  let exact = 0;
  let encodeMs = 0;
  let bytes = 0;
  sample.forEach((line, i) => {
    if (i % 200 === 0) hooks.checkCancelled();
    const t0 = performance.now();
    const toks = tok.encode(line);
    encodeMs += performance.now() - t0;
    bytes += Buffer.byteLength(line, 'utf8');
    tokenCounts.push(toks.length);
    for (const t of toks) {
      idCounts.set(t.id, (idCounts.get(t.id) ?? 0) + 1);
      // Special tokens (user specials, hybrid markers and whitespace) are not text the dictionary can judge.
      if (lexicon && t.type !== 'special') aligned.push({ key: t.id, text: t.text });
    }
    if (tok.decode(toks.map((t) => t.id)) === line) exact++;
  });
  return {
    compression: compression(sample, tokenCounts, (w) => words.isWhole(w)),
    renyi: {
      alpha,
      efficiency: renyiEfficiency(idCounts.values(), tok.vocabSize, alpha),
      shannonEfficiency: renyiEfficiency(idCounts.values(), tok.vocabSize, 1),
      utilisation: utilisation(idCounts.size, tok.vocabSize),
      typesUsed: idCounts.size,
    },
    alignment: lexicon ? alignmentMetrics(aligned, lexicon) : null,
    roundTrip: { lines: sample.length, exact, rate: sample.length ? exact / sample.length : 0 },
    throughputMBs: encodeMs > 0 ? bytes / 1e6 / (encodeMs / 1000) : null,
  };
}
