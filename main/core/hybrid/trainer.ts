// Training a hybrid model from corpus word counts and a dictionary:
//   1. split every corpus word into units and fold case;
//   2. hard EM: analyse every folded word type with the current morpheme probabilities, count the morphemes
//      of the best analysis weighted by word frequency, and the (state, affix group) transitions in it, and
//      re-estimate with add-alpha smoothing: unigram log probabilities, and the class-bigram table that
//      interpolates P(group | state) with the unigram (TRANSITION_LAMBDA) (EM_PASSES);
//   3. prune roots: drop roots seen fewer than minFrequency times in the best analyses, then keep the most
//      frequent (ties by surface) while specials + roots + affix ids + digits fit vocabSize * (1 - subwordShare);
//   4. with the pruned dictionary, analyse again, learn allomorph tables and collect the residue: unexplained
//      spans (a span at a word's start also as " span", the way running text presents it after one space),
//      OTHER runs and mixed-case words;
//   5. train the residue BPE with exactly the remaining budget (256 bytes + merges).
// Everything iterates in sorted order, so the same input gives a byte-identical model JSON.
import { trainBpe, TrainingCancelled } from '../bpe/trainer';
import type { Dictionary } from '../dict/types';
import { TableLearner } from './allomorph';
import { type Analysis, type DictView, type MorphemeLogProbs, estimateLogProbs, estimateTransitions, uniformLogProbs } from './analyzer';
import { HybridAnalyzer, emptyBestCounts } from './engine';
import { nativeAvailable, type Engine } from '../native/load';
import { trainBpeNativeSync } from '../native/train';
import { corpusUnitsNative } from '../native/units';
import { HybridTokenizer } from './codec';
import { compileClasses } from './context';
import { corpusUnits } from './corpusUnits';
import { buildLexicon, type AlignmentMetrics } from './metrics';
import { corpusEncodingStats } from './trainStats';
import { HYBRID_FORMAT, type HybridConfig, type HybridModel, MARKERS, WHITESPACE_TOKENS, buildLayout, digitStrings, groupIdCount, mergedRoots } from './model';

export { TrainingCancelled };

export const EM_PASSES = 3;
export const EM_ALPHA = 0.5;
/**
 * Weight of the class-bigram P(affix group | previous morph's state) against the unigram P(group). The context
 * should decide (ev-ler-i vs ev-leri); the 0.1 unigram share keeps a pair the corpus never showed from scoring
 * as if it were impossible. On samples/tr (gold.tsv) lambda 0.5 / 0.7 / 0.9 / 0.95 gave 365 / 365 / 366 / 366 exact.
 */
export const TRANSITION_LAMBDA = 0.9;
/** Matches every residue string whole: residue strings are already the pieces. */
export const RESIDUE_PATTERN = '[\\s\\S]+';

export interface HybridTrainProgress {
  phase: 'units' | 'em' | 'prune' | 'residue' | 'bpe' | 'stats';
  done: number;
  total: number;
}

export interface HybridTrainHooks {
  onProgress?(p: HybridTrainProgress): void;
  shouldStop?(): boolean;
}

export interface HybridStats {
  vocab: { total: number; specials: number; roots: number; rootAlternants: number; groups: number; variants: number; digits: number; bytes: number; merges: number };
  /**
   * Roots are dropped for the budget (of those, how many the corpus never or rarely showed) or because no
   * morphotactic edge leads to any of their parts of speech (they could never occur in an analysis).
   */
  roots: { inDictionary: number; kept: number; dropped: number; droppedUnseen: number; droppedRare: number; droppedForBudget: number; droppedUnusable: number };
  /** Share (0..1) of WORD units / word types whose best analysis has no residue. */
  coverage: { tokens: number; types: number };
  /** Share (0..1) of root and affix token occurrences emitted with a shared id, among morphemes that have more than one surface. */
  sharingRate: number;
  /** Tokens per whitespace-separated corpus word (markers included). */
  tokensPerWord: number;
  alignment: AlignmentMetrics;
  bpe: { merges: number; stoppedEarly: string | null; residueTypes: number };
  trainingMs: number;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Words per call to the analyzer, by engine: on the addon enough that what a call costs besides the search
 * (joining the words, starting its threads, reading the result) does not add up (8,192 cost the Turkish corpus's
 * 30,000 types about 15 ms over its four passes); on either few enough that progress and cancel come every tenth
 * of a second or so.
 */
const BATCH = { native: 65536, typescript: 4096 } as const;

export function validateHybridConfig(c: HybridConfig): void {
  if (!Number.isInteger(c.vocabSize) || c.vocabSize < 1) throw new Error(`vocabulary size must be a positive integer, got ${c.vocabSize}`);
  if (!(c.subwordShare >= 0 && c.subwordShare <= 1)) throw new Error(`subword share must be between 0 and 1, got ${c.subwordShare}`);
  if (!Number.isInteger(c.minFrequency) || c.minFrequency < 1) throw new Error(`minimum frequency must be a positive integer, got ${c.minFrequency}`);
  if (c.digits !== 'single' && c.digits !== 'group3') throw new Error(`digits must be 'single' or 'group3', got ${JSON.stringify(c.digits)}`);
  const seen = new Set<string>([...MARKERS]);
  for (const s of c.specialTokens) {
    if (s.length === 0) throw new Error('a special token cannot be the empty string');
    if (/\p{Cs}/u.test(s)) throw new Error(`special token ${JSON.stringify(s)} contains a lone surrogate`);
    if (seen.has(s)) throw new Error(`special token ${JSON.stringify(s)} is listed twice or clashes with a case/space marker`);
    seen.add(s);
  }
}

/** The dictionary view the model stores: only what encoding needs, in a canonical order. */
function snapshot(d: Dictionary, keep: Set<string>): HybridModel['dictionary'] {
  const roots = d.roots
    .filter((r) => keep.has(r.surface))
    .map((r) => ({ surface: r.surface, pos: r.pos, ...(r.alternants && r.alternants.length > 0 ? { alternants: r.alternants } : {}) }))
    .sort((a, b) => cmp(a.surface, b.surface) || cmp(a.pos, b.pos) || cmp(JSON.stringify(a), JSON.stringify(b)));
  const groups = [...d.groups].sort((a, b) => cmp(a.name, b.name)).map((g) => ({ name: g.name, kind: g.kind, class: g.class, variants: g.variants, ...(g.rules ? { rules: g.rules } : {}) }));
  const classes: Record<string, string> = {};
  for (const k of Object.keys(d.charClasses).sort(cmp)) classes[k] = d.charClasses[k];
  return { name: d.name, language: d.language, charClasses: classes, roots, groups, ...(d.morphotactics ? { morphotactics: d.morphotactics } : {}) };
}

export function trainHybrid(
  /** engine: 'typescript' keeps every step on the reference (the default uses the addon where it is loaded). */
  input: { wordCounts: Map<string, number>; dictionary: Dictionary; config: HybridConfig; engine?: Engine },
  hooks: HybridTrainHooks = {},
): { model: HybridModel; stats: HybridStats } {
  const started = performance.now();
  const { dictionary: dict, config } = input;
  validateHybridConfig(config);
  const stop = () => {
    if (hooks.shouldStop?.()) throw new TrainingCancelled();
  };
  const progress = (phase: HybridTrainProgress['phase'], done: number, total: number) => hooks.onProgress?.({ phase, done, total });

  // 1. Units. Folded word types with how often they open a corpus word (then a space precedes them).
  // (Every phase reports done = 0 as it starts, so progress timestamps say where the time goes.)
  progress('units', 0, input.wordCounts.size);
  const unitsInput = { wordCounts: input.wordCounts, language: dict.language, caseMarkers: config.caseMarkers, progress: (done: number, total: number) => progress('units', done, total), stop };
  // The addon when it gives the reference's result (else null); the residue is sorted before its order is used.
  const { words, types, residue, wordUnits } = (input.engine !== 'typescript' ? corpusUnitsNative(unitsInput) : null) ?? corpusUnits(unitsInput);
  const addResidue = (s: string, n: number) => residue.set(s, (residue.get(s) ?? 0) + n);
  const typeList = types.list;

  // 2. Hard EM over the full dictionary.
  const full: DictView = dict;
  const analyzer = new HybridAnalyzer(full, uniformLogProbs(full), input.engine);
  let probs: MorphemeLogProbs = uniformLogProbs(full);
  let rootCounts = new Map<string, number>();
  const weights = typeList.map((_, i) => types.lead[i] + types.inner[i]);
  progress('em', 0, EM_PASSES * typeList.length);
  for (let pass = 0; pass < EM_PASSES; pass++) {
    const best = emptyBestCounts();
    const batch = BATCH[analyzer.engine];
    for (let from = 0; from < typeList.length; from += batch) {
      analyzer.countBest(typeList.slice(from, from + batch), weights.slice(from, from + batch), best);
      progress('em', pass * typeList.length + Math.min(typeList.length, from + batch), EM_PASSES * typeList.length);
      stop();
    }
    rootCounts = best.rootCounts;
    const unigram = estimateLogProbs(full, best.counts, EM_ALPHA);
    probs = { ...unigram, transitions: estimateTransitions(full, unigram, best.pairs, best.totals, EM_ALPHA, TRANSITION_LAMBDA) };
    analyzer.setProbs(probs);
  }
  progress('em', EM_PASSES * typeList.length, EM_PASSES * typeList.length);

  // 3. Prune roots.
  progress('prune', 0, 1);
  const merged = mergedRoots(dict.roots);
  const fixed = config.specialTokens.length + MARKERS.length + WHITESPACE_TOKENS.length + groupIdCount(dict.groups) + digitStrings(config.digits).length;
  if (config.vocabSize - fixed < 256) {
    throw new Error(
      `vocabulary size ${config.vocabSize} is too small: specials, markers and whitespace (${config.specialTokens.length + MARKERS.length + WHITESPACE_TOKENS.length}), ` +
        `affix ids (${groupIdCount(dict.groups)}) and digits (${digitStrings(config.digits).length}) take ${fixed} ids and the residue BPE needs at least 256 byte tokens, ` +
        `so the minimum is ${fixed + 256}`,
    );
  }
  const budget = Math.min(Math.floor(config.vocabSize * (1 - config.subwordShare)), config.vocabSize - 256);
  // Dictionary knowledge is kept whenever the budget allows, even for roots this corpus never shows; when it
  // does not, the most frequent roots win (ties by surface), so a large lexicon is cut to what the text uses.
  const count = (r: { citation: string }) => rootCounts.get(r.citation) ?? 0;
  const ranked = [...merged].sort((a, b) => count(b) - count(a) || cmp(a.citation, b.citation));
  // A root none of whose parts of speech any morphotactic edge leads to can never occur in an analysis (e.g.
  // Hunspell stems merged as "stem"): it gets no id.
  const edges = dict.morphotactics?.edges ?? [];
  const reached = edges.length > 0 ? new Set(edges.map(([, to]) => to)) : null;
  const posOf = new Map<string, string[]>();
  for (const r of dict.roots) posOf.set(r.surface, [...(posOf.get(r.surface) ?? []), r.pos]);
  const usable = (r: { citation: string }) => reached === null || posOf.get(r.citation)!.some((p) => reached.has(p));
  const keep = new Set<string>();
  let used = fixed;
  for (const r of ranked) {
    if (!usable(r)) continue;
    const cost = 1 + r.alts.length;
    if (used + cost > budget) continue; // a cheaper, rarer root may still fit
    used += cost;
    keep.add(r.citation);
  }
  const droppedUnusable = merged.filter((r) => !usable(r)).length;
  const dropped = merged.filter((r) => usable(r) && !keep.has(r.citation));
  const droppedUnseen = dropped.filter((r) => count(r) === 0).length;
  const droppedRare = dropped.filter((r) => count(r) > 0 && count(r) < config.minFrequency).length;
  progress('prune', 1, 1);
  stop();

  // 4. Analyse with the kept roots: tables, residue, coverage.
  const dictionary = snapshot(dict, keep);
  const keptProbs: MorphemeLogProbs = { roots: {}, groups: probs.groups, unseen: probs.unseen };
  for (const c of [...keep].sort(cmp)) keptProbs.roots[c] = probs.roots[c] ?? probs.unseen;
  if (probs.transitions) keptProbs.transitions = probs.transitions;
  const pruned = new HybridAnalyzer(dictionary, keptProbs, input.engine);
  const learner = new TableLearner(compileClasses(dictionary.charClasses));
  let coveredTokens = 0;
  let coveredTypes = 0;
  progress('residue', 0, typeList.length);
  // Each type's best analysis, summed up per batch by the analyzer: covered words, affix observations by their
  // table keys, residue strings (the addon's analyses never leave C++; the reference's are kept, to be handed to
  // the statistics pass's tokenizer).
  const seeds: Analysis[] = [];
  const batch = BATCH[pruned.engine];
  for (let from = 0; from < typeList.length; from += batch) {
    const r = pruned.residuePass(typeList.slice(from, from + batch), types.lead.subarray(from, from + batch), types.inner.subarray(from, from + batch));
    coveredTokens += r.coveredWeight;
    coveredTypes += r.coveredTypes;
    for (const o of r.affixes) learner.addKeys(o.group, o.vowel, o.last, o.variant, o.weight);
    for (const [s, n] of r.residue) addResidue(s, n);
    if (r.analyses !== null) for (const a of r.analyses) seeds.push(a);
    progress('residue', Math.min(typeList.length, from + batch), typeList.length);
    stop();
  }
  progress('residue', typeList.length, typeList.length);
  const tables = learner.tables();

  // 5. Residue BPE with exactly the remaining budget.
  const bpeSize = config.vocabSize - used;
  // (The default sort compares code units, as cmp does, without a call per comparison.)
  const residueSorted = [...residue.keys()].sort().map((s): [string, number] => [s, residue.get(s)!]);
  progress('bpe', 0, Math.max(0, bpeSize - 256));
  const train = input.engine !== 'typescript' && nativeAvailable() ? trainBpeNativeSync : trainBpe;
  const bpe = train(residueSorted, { vocabSize: bpeSize, minFrequency: config.minFrequency, pattern: RESIDUE_PATTERN, specialTokens: [] }, {
    onProgress: (p) => progress('bpe', p.done, p.total),
    shouldStop: hooks.shouldStop,
  });

  const base: Omit<HybridModel, 'vocab'> = { format: HYBRID_FORMAT, config: { ...config, specialTokens: [...config.specialTokens] }, dictionary, allomorphy: tables, logProbs: keptProbs, residue: bpe.model };
  const layout = buildLayout(base);
  const model: HybridModel = { format: base.format, config: base.config, dictionary, vocab: layout.tokens, allomorphy: tables, logProbs: keptProbs, residue: bpe.model };

  // Stats over every distinct corpus word, encoded with the finished tokenizer.
  progress('stats', 0, words.length);
  // The pruned analyzer has this very dictionary and these scores, and the layout is this model's: the tokenizer
  // uses both, and the analyzer's analyses are the ones just made.
  const tok = new HybridTokenizer(model, { engine: input.engine, analyzer: pruned, layout });
  // The reference's analyses are worth handing over (its search is slow); the addon searches a word faster than
  // it could take an analysis from JavaScript.
  if (seeds.length > 0) tok.seedAnalyses(typeList, seeds);
  const measured = corpusEncodingStats(tok, layout, words, buildLexicon(dictionary, input.engine, pruned), (done) => {
    progress('stats', done, words.length);
    stop();
  });
  progress('stats', words.length, words.length);
  const c = layout.counts;
  const stats: HybridStats = {
    vocab: { total: layout.tokens.length, ...c },
    roots: { inDictionary: merged.length, kept: keep.size, dropped: merged.length - keep.size, droppedUnseen, droppedRare, droppedForBudget: dropped.length, droppedUnusable },
    coverage: { tokens: wordUnits === 0 ? 0 : coveredTokens / wordUnits, types: typeList.length === 0 ? 0 : coveredTypes / typeList.length },
    sharingRate: measured.sharingRate,
    tokensPerWord: measured.tokensPerWord,
    alignment: measured.alignment,
    bpe: { merges: bpe.stats.merges, stoppedEarly: bpe.stats.stoppedEarly?.reason ?? null, residueTypes: residue.size },
    trainingMs: Math.round(performance.now() - started),
  };
  return { model, stats };
}
