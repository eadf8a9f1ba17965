// The evaluation job: gathers its inputs from the workspace (a seeded sample of a corpus, verified against
// the corpus's sha256; gold and parallel sets; a dictionary for alignment; the tokenizers, OpenAI encodings
// included), runs eval/run.ts and stores the run with every input's checksum in one insert at the end.
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { CompareSource, EvalResult } from '../../api/contract';
import { readTexts } from '../corpus/read';
import { CancelledError, UserError } from '../errors';
import { defaultCurveSizes } from '../eval/curve';
import { runEvaluation, type EvalRunInput, type EvalTokenizerInput } from '../eval/run';
import { Reservoir } from '../eval/sample';
import { choosePivot } from '../eval/premium';
import { buildLexicon } from '../hybrid/metrics';
import { openAiTokenizer } from '../openai';
import { loadTokenizer } from '../tokenizers';
import type { Workspace } from '../store/workspace';
import type { EvalArgs } from './args';
import type { TaskContext } from './types';

/** Share of the progress bar the corpus pass takes. */
const SAMPLING_SHARE = 10;

export async function runEvaluate(args: EvalArgs, ctx: TaskContext): Promise<number> {
  const ws = ctx.workspace;
  const started = performance.now();
  const checkCancelled = () => {
    if (ctx.isCancelled()) throw new CancelledError();
  };
  const plan = resolveInputs(ws, args);

  let sample: string[] | null = null;
  let corpusInput: EvalResult['inputs']['corpus'] = null;
  if (args.corpusId !== undefined) {
    const corpus = ws.getCorpus(args.corpusId);
    sample = await sampleCorpus(ws, args.corpusId, args.sampleLines, args.seed, ctx);
    corpusInput = { id: corpus.id, name: corpus.name, sha256: corpus.sha256, language: corpus.language, lines: corpus.lines, sampledLines: sample.length };
  }
  if (plan.curve && !sample) throw new UserError('the fertility curve is measured on a corpus sample: give a corpus too');

  const run = await runEvaluation(
    { ...plan.run, sample },
    {
      checkCancelled,
      progress: (phase, done, total) => ctx.progress({ phase, percent: SAMPLING_SHARE + ((100 - SAMPLING_SHARE) * done) / Math.max(total, 1) }),
    },
  );
  checkCancelled();
  ctx.progress({ phase: 'saving', percent: 100 });
  const labels = plan.inputs.tokenizers.map((t) => t.label);
  const name = args.name?.trim() || `${labels.join(', ')}${corpusInput ? ` on ${corpusInput.name}` : ''}`.slice(0, 200);
  return ws.evaluations.add({
    name,
    createdAt: new Date().toISOString(),
    durationMs: Math.round(performance.now() - started),
    config: { sampleLines: args.sampleLines, seed: args.seed, renyiAlpha: args.renyiAlpha, pivot: args.pivot ?? null, curveSizes: plan.curve ? [...plan.curve.sizes] : null },
    inputs: { ...plan.inputs, corpus: corpusInput },
    tokenizers: run.tokenizers,
    curve: run.curve,
  });
}

interface Plan {
  run: Omit<EvalRunInput, 'sample'>;
  inputs: Omit<EvalResult['inputs'], 'corpus'>;
  curve: EvalRunInput['curve'];
}

/**
 * Everything but the corpus sample, read from the workspace; throws a not-found or bad-input error for a
 * missing set, a pivot a set lacks, or a curve version that is not BPE. Also used by eval.start to refuse
 * bad arguments before a job starts.
 */
export function resolveInputs(ws: Workspace, args: EvalArgs): Plan {
  if (args.corpusId !== undefined) {
    const c = ws.getCorpus(args.corpusId);
    if (c.format === 'counts') throw new UserError(`corpus #${c.id} "${c.name}" is a count table: evaluation needs running text (a text or JSONL corpus)`);
  }
  const tokenizers = args.sources.map((s) => tokenizerInput(ws, s));
  const gold = args.goldSetIds.map((id) => {
    const s = ws.gold.get(id);
    return { summary: s, items: ws.gold.items(id) };
  });
  const parallel = args.parallelSetIds.map((id) => ({ summary: ws.parallel.get(id), rows: ws.parallel.rows(id) }));
  for (const p of parallel) {
    try {
      choosePivot(p.summary.languages, args.pivot, p.summary.name);
    } catch (e) {
      throw new UserError((e as Error).message);
    }
  }
  let dictionary: EvalResult['inputs']['dictionary'] = null;
  let lexicon: EvalRunInput['lexicon'] = null;
  if (args.dictionaryId !== undefined) {
    const id = args.dictionaryId;
    const d = ws.transaction(() => ({ summary: ws.dictionaries.get(id), dict: ws.dictionaries.load(id), stamp: ws.dictionaries.stamp(id)! }));
    dictionary = { id, name: d.summary.name, stamp: d.stamp };
    lexicon = buildLexicon(d.dict);
  }
  let curve: EvalRunInput['curve'] = null;
  if (args.curveVersionId !== undefined) {
    const v = ws.getTokenizerVersion(args.curveVersionId);
    if (v.kind !== 'bpe') throw new UserError(`tokenizer #${v.summary.id} is a ${v.kind} tokenizer: the fertility curve cuts a BPE merge history`);
    const min = v.model.specials.length + 256;
    const sizes = args.curveSizes ?? defaultCurveSizes(v.summary.vocabSize, v.model.specials.length);
    const bad = sizes.find((s) => s < min || s > v.summary.vocabSize);
    if (bad !== undefined) throw new UserError(`curve size ${bad} is outside ${min}..${v.summary.vocabSize} for tokenizer #${v.summary.id} (specials + 256 bytes .. its size)`);
    curve = { versionId: v.summary.id, label: `#${v.summary.id} ${v.summary.name}`, model: v.model, sizes: [...new Set(sizes)].sort((a, b) => a - b) };
  }
  return {
    run: {
      tokenizers,
      gold: gold.map((g) => ({ id: g.summary.id, name: g.summary.name, items: g.items })),
      parallel: parallel.map((p) => ({ id: p.summary.id, name: p.summary.name, languages: p.summary.languages, rows: p.rows })),
      pivot: args.pivot,
      lexicon,
      renyiAlpha: args.renyiAlpha,
      curve,
    },
    inputs: {
      goldSets: gold.map(({ summary: s }) => ({ id: s.id, name: s.name, format: s.format, sha256: s.sha256, entries: s.entries })),
      parallelSets: parallel.map(({ summary: s }) => ({ id: s.id, name: s.name, sha256: s.sha256, rows: s.rows, languages: s.languages })),
      dictionary,
      tokenizers: tokenizers.map((t) => ({ source: t.source, label: t.label, configHash: t.configHash })),
    },
    curve,
  };
}

function tokenizerInput(ws: Workspace, source: CompareSource): EvalTokenizerInput {
  if (source.kind === 'openai') return { source, label: `OpenAI ${source.name}`, configHash: null, load: () => openAiTokenizer(source.name) };
  const s = ws.getTokenizerSummary(source.id);
  return { source, label: `#${s.id} ${s.name}`, configHash: s.configHash, load: () => loadTokenizer(ws.getTokenizerVersion(source.id)) };
}

/** A seeded sample of the corpus's non-blank lines, read from its source file, which must still match its sha256. */
async function sampleCorpus(ws: Workspace, corpusId: number, n: number, seed: number, ctx: TaskContext): Promise<string[]> {
  const corpus = ws.getCorpus(corpusId);
  if (corpus.format === 'counts') throw new UserError(`corpus #${corpus.id} "${corpus.name}" is a count table: evaluation needs running text`);
  if (!existsSync(corpus.sourcePath)) throw new UserError(`the source file of corpus #${corpus.id} "${corpus.name}" is gone: ${corpus.sourcePath}`);
  const hash = createHash('sha256');
  const reservoir = new Reservoir<string>(n, seed);
  let k = 0;
  const lines = readTexts(corpus.sourcePath, corpus.format, corpus.textField ?? 'text', {
    onRawChunk: (chunk) => hash.update(chunk),
    onBytes: (read, total) => ctx.progress({ phase: `sampling ${corpus.name}`, percent: total ? (SAMPLING_SHARE * read) / total : 0 }),
  });
  for await (const line of lines) {
    if (++k % 4096 === 0 && ctx.isCancelled()) throw new CancelledError();
    if (/\S/u.test(line.text)) reservoir.offer(line.text);
  }
  if (hash.digest('hex') !== corpus.sha256) {
    throw new UserError(`${corpus.sourcePath} changed since it was imported as corpus #${corpus.id} (sha256 differs); re-import it`);
  }
  return reservoir.items();
}
