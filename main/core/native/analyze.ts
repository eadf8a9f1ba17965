// The hybrid analyzer on the addon (native/src/analyze.cc): the same n best analyses as the reference
// Analyzer (hybrid/analyzer.ts), which stays the specification. This module turns a dictionary and scores into
// the addon's integer spec (states, labels, variants and character classes interned the way the reference
// compares them) and the packed results back into the reference's objects. Whatever the spec cannot express
// exactly (more than 64 character classes, a condition naming an unknown class, a score lookup that is not a
// number) gives null, and the caller keeps the reference.
import { availableParallelism } from 'node:os';
import type { Analysis, DictView, Morph, MorphemeLogProbs } from '../hybrid/analyzer';
import { contextKey } from '../hybrid/allomorph';
import type { ClassRef, Condition } from '../dict/types';
import { nativeAddon, type NativeAnalyzerHandle, type NativeAnalyzerSpec, type NativeScores } from './load';

export type AnalysisWithStates = Analysis & { states: string[] };

/** Hard-EM statistics of best analyses, weighted by word counts (see HybridAnalyzer.countBest). */
export interface BestCounts {
  /** 'r:' + root citation and 'g:' + group name -> morphs (what estimateLogProbs takes). */
  counts: Map<string, number>;
  /** Root citation -> morphs. */
  rootCounts: Map<string, number>;
  /** State + '\u0000' + group name -> affixes of that group after that state. */
  pairs: Map<string, number>;
  /** State -> events after it (a morph, or the word end after a last morph that is not residue). */
  totals: Map<string, number>;
}

/** An allomorph observation of hybrid training's residue pass: a group's variant after a context, as table keys. */
export interface AffixObservation {
  group: string;
  /** The last vowel and the last code point before the affix, as tableKeys (allomorph.ts) gives them ('' for none). */
  vowel: string;
  last: string;
  variant: string;
  weight: number;
}

/**
 * What hybrid training's residue pass takes from the words' best analyses (see HybridAnalyzer.residuePass): each
 * distinct observation and residue string once, with its summed weight, in the order first seen.
 */
export interface ResidueTally {
  /** The weight (lead + inner) and the number of the words whose best analysis is full. */
  coveredWeight: number;
  coveredTypes: number;
  affixes: AffixObservation[];
  residue: [string, number][];
}

/** The addon's residuePass (native/src/analyze_addon.cc); an addon built before it lacks it. */
type ResiduePassHandle = {
  residuePass?(text: string, lens: Uint32Array, lead: Float64Array, inner: Float64Array, threads?: number): {
    coveredWeight: number;
    coveredTypes: number;
    /** 4 per observation: group index, vowel unit, the last code point's first and second unit (-1: none). */
    affixes: Int32Array;
    affixText: string;
    affixLens: Uint32Array;
    affixWeights: Float64Array;
    residueText: string;
    residueLens: Uint32Array;
    residueWeights: Float64Array;
  };
};

/** A key for an observation's group, context and variant that no other one shares (lengths first). */
export const observationKey = (o: Omit<AffixObservation, 'weight'>) => `${o.group.length}:${o.group}` + contextKey(o.vowel, o.last, o.variant);

export const emptyBestCounts = (): BestCounts => ({ counts: new Map(), rootCounts: new Map(), pairs: new Map(), totals: new Map() });
export const addCount = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);

const KINDS = ['prefix', 'root', 'suffix', 'residue'] as const;
const MAX_CLASSES = 64;
const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface Tables {
  states: string[];
  stateIds: Map<string, number>;
  groupNames: string[];
  rootCitations: string[];
  rootEntries: { citation: string; surface: string }[];
  affixEntries: { group: string; surface: string }[];
}

/** Bit masks of a class reference (an intersection of names and !names), or null for an unknown class. */
function refMask(ref: ClassRef | undefined, classBits: Map<string, number>): number[] | null {
  if (ref === undefined) return [0, 0, 0, 0, 0];
  let need = 0n;
  let forbid = 0n;
  for (const r of Array.isArray(ref) ? ref : [ref]) {
    const negated = r.startsWith('!');
    const bit = classBits.get(negated ? r.slice(1) : r);
    if (bit === undefined) return null;
    if (negated) forbid |= 1n << BigInt(bit);
    else need |= 1n << BigInt(bit);
  }
  const lo = (x: bigint) => Number(x & 0xffffffffn);
  const hi = (x: bigint) => Number(x >> 32n);
  return [1, lo(need), hi(need), lo(forbid), hi(forbid)];
}

/** Above this many (state, group) pairs the affix scores go to the addon sparse (a dense table of doubles would take over 32 MB). */
export const SPARSE_SCORES_ABOVE = 1 << 22;

function scoreTable(dict: DictView, probs: MorphemeLogProbs, t: Tables, sparseAbove = SPARSE_SCORES_ABOVE): NativeScores | null {
  // The same lookups as Analyzer.rootLp / affixLp, so a missing entry falls back exactly as there.
  const rootLp = new Float64Array(t.rootCitations.length);
  for (let i = 0; i < t.rootCitations.length; i++) {
    const v = probs.roots[t.rootCitations[i]] ?? probs.unseen;
    if (typeof v !== 'number') return null;
    rootLp[i] = v;
  }
  const G = t.groupNames.length;
  const S = t.states.length;
  // A state without a transition row takes the unigram scores (hoisted: states x groups can be millions).
  const unigram: unknown[] = t.groupNames.map((name) => probs.groups[name] ?? probs.unseen);
  const unigramOk = unigram.every((v) => typeof v === 'number');
  if (S * G > sparseAbove) {
    // Sparse: the unigram scores, and per state with a row the groups its row names. A group missing from a row
    // reads the unigram score, as the reference's `row[group] ?? unigram` does; a group name the row inherits
    // (e.g. "constructor") would read something else, so such a row is left to the reference.
    if (!unigramOk) return null;
    // A name can stand for more than one group (repeated names): each reads the row's entry.
    const groupIndex = new Map<string, number[]>();
    t.groupNames.forEach((name, g) => groupIndex.set(name, [...(groupIndex.get(name) ?? []), g]));
    const inherited = t.groupNames.filter((name) => name in Object.prototype);
    const states: number[] = [];
    const groups: number[] = [];
    const values: number[] = [];
    for (let s = 0; s < S; s++) {
      const row = probs.transitions?.[t.states[s]] as Record<string, unknown> | undefined;
      if (row === undefined) continue;
      if (inherited.some((name) => !Object.prototype.hasOwnProperty.call(row, name))) return null;
      for (const [name, v] of Object.entries(row)) {
        const gs = groupIndex.get(name);
        if (gs === undefined || v === undefined || v === null) continue;
        if (typeof v !== 'number') return null;
        for (const g of gs) {
          states.push(s);
          groups.push(g);
          values.push(v);
        }
      }
    }
    return { rootLp, affixSparse: true, affixUnigram: Float64Array.from(unigram as number[]), affixStates: Uint32Array.from(states), affixGroups: Uint32Array.from(groups), affixValues: Float64Array.from(values) };
  }
  const affixLp = new Float64Array(S * G);
  for (let s = 0; s < S; s++) {
    const row = probs.transitions?.[t.states[s]];
    if (row === undefined && unigramOk) {
      affixLp.set(unigram as number[], s * G);
      continue;
    }
    for (let g = 0; g < G; g++) {
      const v = row?.[t.groupNames[g]] ?? unigram[g];
      if (typeof v !== 'number') return null;
      affixLp[s * G + g] = v;
    }
  }
  return { rootLp, affixSparse: false, affixLp };
}

/** The addon's spec for a dictionary and scores (exported for the tests), or null when it cannot say them exactly. */
export function analyzerSpec(dict: DictView, probs: MorphemeLogProbs, sparseAbove = SPARSE_SCORES_ABOVE): { spec: NativeAnalyzerSpec & NativeScores; tables: Tables } | null {
  const stateIds = new Map<string, number>([
    ['^', 0],
    ['*', 1],
  ]);
  const states = ['^', '*'];
  const intern = (s: string) => {
    let id = stateIds.get(s);
    if (id === undefined) {
      stateIds.set(s, (id = states.length));
      states.push(s);
    }
    return id;
  };
  const labels = new Set<string>(['residue:']);
  const citationIds = new Map<string, number>();
  const rootCitations: string[] = [];
  const rootEntries: Tables['rootEntries'] = [];
  const rootPos: number[] = [];
  const addRoot = (surface: string, citation: string, pos: string) => {
    if (surface.length === 0) return; // the reference's trie never reports an empty surface
    let c = citationIds.get(citation);
    if (c === undefined) {
      citationIds.set(citation, (c = rootCitations.length));
      rootCitations.push(citation);
    }
    rootEntries.push({ citation, surface });
    rootPos.push(intern(pos));
    labels.add('root:' + citation);
  };
  // Trie insertion order of the reference: each root, then its alternants that differ from it.
  for (const r of dict.roots) {
    addRoot(r.surface, r.surface, r.pos);
    for (const a of r.alternants ?? []) if (a.surface !== r.surface) addRoot(a.surface, r.surface, r.pos);
  }
  const variantIds = new Map<string, number>();
  const variant = (s: string) => {
    let id = variantIds.get(s);
    if (id === undefined) variantIds.set(s, (id = variantIds.size));
    return id;
  };
  const groupNames = dict.groups.map((g) => g.name);
  const affixEntries: Tables['affixEntries'] = [];
  const affixIsPrefix: number[] = [];
  const affixGroup: number[] = [];
  const affixClass: number[] = [];
  const affixVariant: number[] = [];
  const suffixClasses = new Set<string>();
  dict.groups.forEach((g, gi) => {
    if (g.kind === 'suffix') suffixClasses.add(g.class);
    for (const v of new Set(g.variants)) {
      if (v.length === 0) continue;
      affixEntries.push({ group: g.name, surface: v });
      affixIsPrefix.push(g.kind === 'prefix' ? 1 : 0);
      affixGroup.push(gi);
      affixClass.push(intern(g.class));
      affixVariant.push(variant(v));
      labels.add(`${g.kind === 'prefix' ? 'prefix' : 'suffix'}:${g.name}`);
    }
  });

  // Character classes in compileClasses' order; rules as fixed-width integer records (analyze_addon.cc).
  const classNames = Object.keys(dict.charClasses).sort();
  if (classNames.length > MAX_CLASSES) return null;
  const classBits = new Map(classNames.map((c, i) => [c, i]));
  const classCodePoints: number[] = [];
  const classMaskLo: number[] = [];
  const classMaskHi: number[] = [];
  classNames.forEach((name, i) => {
    for (const ch of Array.from(dict.charClasses[name])) {
      classCodePoints.push(ch.codePointAt(0)!);
      classMaskLo.push(i < 32 ? 2 ** i : 0);
      classMaskHi.push(i < 32 ? 0 : 2 ** (i - 32));
    }
  });
  const rules: number[] = [];
  for (let gi = 0; gi < dict.groups.length; gi++) {
    for (const rule of dict.groups[gi].rules ?? []) {
      const when: Condition = rule.when;
      const parts = [refMask(when.lastVowel, classBits), refMask(when.lastChar, classBits), refMask(when.next, classBits)];
      if (parts.some((p) => p === null)) return null;
      rules.push(gi, variant(rule.variant), ...parts[0]!, ...parts[1]!, ...parts[2]!, when.nextIsEnd === undefined ? 0 : when.nextIsEnd ? 2 : 1);
    }
  }

  // Morphotactics as Analyzer.allowed / canEnd and the raw edges compounds use.
  // (Filled from the edge list, not by asking every pair: a Hunspell import has thousands of states.)
  const mt = dict.morphotactics;
  const hasEdges = mt !== undefined && mt.edges.length > 0;
  const endEdges = mt !== undefined && mt.edges.some(([, b]) => b === '$');
  const S = states.length;
  const allowed = new Uint8Array(S * S);
  const edge = new Uint8Array(S * S);
  const canEnd = new Uint8Array(S);
  const ends = new Set<string>();
  for (const [a, b] of hasEdges ? mt.edges : []) {
    const f = stateIds.get(a);
    const t = stateIds.get(b);
    if (f !== undefined && t !== undefined) edge[f * S + t] = 1;
    if (b === '$') ends.add(a);
  }
  if (!hasEdges) allowed.fill(1);
  else {
    allowed.set(edge);
    const star = stateIds.get('*')!;
    for (let t = 0; t < S; t++) allowed[star * S + t] = suffixClasses.has(states[t]) ? 1 : 0;
  }
  for (let f = 0; f < S; f++) canEnd[f] = !hasEdges || !endEdges || states[f] === '*' || ends.has(states[f]) ? 1 : 0;

  const labelRank = new Map([...labels].sort(cmpStr).map((l, i) => [l, i]));
  const vowel = dict.charClasses.vowel;
  const tables: Tables = { states, stateIds, groupNames, rootCitations, rootEntries, affixEntries };
  const scores = scoreTable(dict, probs, tables, sparseAbove);
  if (scores === null) return null;
  const spec: NativeAnalyzerSpec & NativeScores = {
    states: S,
    groups: groupNames.length,
    rootText: rootEntries.map((e) => e.surface).join(''),
    rootLens: Uint32Array.from(rootEntries, (e) => e.surface.length),
    rootCitation: Int32Array.from(rootEntries, (e) => citationIds.get(e.citation)!),
    rootPos: Int32Array.from(rootPos),
    rootLabel: Int32Array.from(rootEntries, (e) => labelRank.get('root:' + e.citation)!),
    affixText: affixEntries.map((e) => e.surface).join(''),
    affixLens: Uint32Array.from(affixEntries, (e) => e.surface.length),
    affixIsPrefix: Uint8Array.from(affixIsPrefix),
    affixGroup: Int32Array.from(affixGroup),
    affixClass: Int32Array.from(affixClass),
    affixLabel: Int32Array.from(affixEntries, (e, i) => labelRank.get(`${affixIsPrefix[i] ? 'prefix' : 'suffix'}:${e.group}`)!),
    affixVariant: Int32Array.from(affixVariant),
    residueLabel: labelRank.get('residue:')!,
    hasEdges,
    allowed,
    edge,
    canEnd,
    hasVowelTest: Boolean(vowel),
    vowelUnits: Uint32Array.from(vowel ? Array.from(vowel, (c) => c.charCodeAt(0)) : []),
    contextVowels: Uint32Array.from(Array.from(vowel ?? '').filter((c) => c.length === 1), (c) => c.charCodeAt(0)),
    classCodePoints: Int32Array.from(classCodePoints),
    classMaskLo: Uint32Array.from(classMaskLo),
    classMaskHi: Uint32Array.from(classMaskHi),
    rules: Uint32Array.from(rules),
    ...scores,
  };
  return { spec, tables };
}

/** The reference Analyzer's interface, on the addon. */
/** What visitBest hands over: per word whether its best analysis is full, then its morphs in order. */
export interface BestVisitor {
  word(i: number, full: boolean): void;
  morph(i: number, kind: Morph['kind'], start: number, end: number, label: string | undefined): void;
}

export class NativeAnalyzer {
  /** Whether two of the dictionary's groups share a name (found on first use). */
  private sharedNames: boolean | undefined;

  private constructor(
    private readonly handle: NativeAnalyzerHandle,
    private readonly dict: DictView,
    private readonly tables: Tables,
    private readonly sparseAbove: number,
  ) {}

  /**
   * A native analyzer for this dictionary and these scores, or null (no addon, or the spec cannot say it).
   * `sparseAbove`: from how many (state, group) pairs the affix scores go sparse (the tests lower it).
   */
  static create(dict: DictView, probs: MorphemeLogProbs, sparseAbove = SPARSE_SCORES_ABOVE): NativeAnalyzer | null {
    const addon = nativeAddon();
    if (!addon) return null;
    const built = analyzerSpec(dict, probs, sparseAbove);
    if (built === null) return null;
    return new NativeAnalyzer(new addon.Analyzer(built.spec), dict, built.tables, sparseAbove);
  }

  /**
   * The addon handle and the entries its analyses refer to (by index): what the native word encoder
   * (wordEncoder.ts) analyses with and maps to vocabulary ids.
   */
  get internals(): { handle: NativeAnalyzerHandle; rootEntries: readonly { citation: string; surface: string }[]; affixEntries: readonly { group: string; surface: string }[] } {
    return { handle: this.handle, rootEntries: this.tables.rootEntries, affixEntries: this.tables.affixEntries };
  }

  /** Replaces the scores; false when the addon cannot take them (the caller then switches to the reference). */
  setProbs(p: MorphemeLogProbs): boolean {
    const scores = scoreTable(this.dict, p, this.tables, this.sparseAbove);
    if (scores === null) return false;
    this.handle.setScores(scores);
    return true;
  }

  analyze(word: string, n = 5): Analysis[] {
    return this.analyzeWithStates(word, n).map(({ states: _, ...a }) => a);
  }

  /** Adds the words' best-analysis statistics, weighted, into `into` (the analysis stays in the addon). */
  countBest(words: readonly string[], weights: readonly number[], into: BestCounts): void {
    const lens = Uint32Array.from(words, (w) => w.length);
    const threads = words.length >= 4096 ? availableParallelism() : 1;
    const r = this.handle.countBest(words.join(''), lens, Float64Array.from(weights), threads);
    const t = this.tables;
    // Zero entries are left out: the reference's maps hold only what occurred.
    r.roots.forEach((n, c) => {
      if (n === 0) return;
      addCount(into.counts, 'r:' + t.rootCitations[c], n);
      addCount(into.rootCounts, t.rootCitations[c], n);
    });
    r.groups.forEach((n, g) => n !== 0 && addCount(into.counts, 'g:' + t.groupNames[g], n));
    const G = t.groupNames.length;
    for (let k = 0; k < r.pairIndex.length; k++) {
      const i = r.pairIndex[k];
      addCount(into.pairs, `${t.states[Math.floor(i / G)]}\u0000${t.groupNames[i % G]}`, r.pairCount[k]);
    }
    r.totals.forEach((n, s) => n !== 0 && addCount(into.totals, t.states[s], n));
  }

  /**
   * Hybrid training's residue pass over the words' best analyses, summed up inside the addon (see
   * HybridAnalyzer.residuePass); null when the addon was built before it.
   */
  residuePass(words: readonly string[], lead: ArrayLike<number>, inner: ArrayLike<number>): ResidueTally | null {
    const handle = this.handle as NativeAnalyzerHandle & ResiduePassHandle;
    if (typeof handle.residuePass !== 'function') return null;
    // (A plain loop: Uint32Array.from with a map function goes through the iterator protocol, several times slower.)
    const lens = new Uint32Array(words.length);
    for (let i = 0; i < words.length; i++) lens[i] = words[i].length;
    const threads = words.length >= 4096 ? availableParallelism() : 1;
    const f64 = (a: ArrayLike<number>) => (a instanceof Float64Array ? a : Float64Array.from(a));
    const r = handle.residuePass(words.join(''), lens, f64(lead), f64(inner), threads);
    const names = this.tables.groupNames;
    // The addon keys observations by group index; groups sharing a name are one to the learner (the reference
    // labels affixes by name), so those observations are merged, in the order first seen.
    this.sharedNames ??= new Set(names).size !== names.length;
    const merged = this.sharedNames ? new Map<string, AffixObservation>() : null;
    const affixes: AffixObservation[] = [];
    const unit = (u: number) => (u < 0 ? '' : String.fromCharCode(u));
    for (let i = 0, at = 0; i < r.affixLens.length; i++) {
      const k = 4 * i;
      const o: AffixObservation = {
        group: names[r.affixes[k]],
        vowel: unit(r.affixes[k + 1]),
        last: unit(r.affixes[k + 2]) + unit(r.affixes[k + 3]),
        variant: r.affixText.slice(at, (at += r.affixLens[i])),
        weight: r.affixWeights[i],
      };
      if (merged !== null) {
        const key = observationKey(o);
        const seen = merged.get(key);
        if (seen !== undefined) {
          seen.weight += o.weight;
          continue;
        }
        merged.set(key, o);
      }
      affixes.push(o);
    }
    const residue: [string, number][] = [];
    for (let i = 0, at = 0; i < r.residueLens.length; i++) residue.push([r.residueText.slice(at, (at += r.residueLens[i])), r.residueWeights[i]]);
    return { coveredWeight: r.coveredWeight, coveredTypes: r.coveredTypes, affixes, residue };
  }

  analyzeWithStates(word: string, n = 5): AnalysisWithStates[] {
    return this.analyzeMany([word], n)[0];
  }

  /** The n best analyses of each word, best first, in one call to the addon. */
  analyzeMany(words: readonly string[], n = 5): AnalysisWithStates[][] {
    return this.unpack(words, n, true) as AnalysisWithStates[][];
  }

  /** The best analysis of each word, without the states (what the encoder and the trainer's residue pass read). */
  bestMany(words: readonly string[]): Analysis[] {
    return this.unpack(words, 1, false).map((list) => list[0]);
  }

  /**
   * The best analysis of each word handed to `visit` in place, morph by morph, without building analysis
   * objects (the trainer's residue pass reads every type's best analysis once). `label` is the root's citation
   * or the affix's group.
   */
  visitBest(words: readonly string[], visit: BestVisitor): void {
    const lens = Uint32Array.from(words, (w) => w.length);
    const { data } = this.handle.analyzeMany(words.join(''), lens, 1, words.length >= 4096 ? availableParallelism() : 1);
    const t = this.tables;
    let at = 0;
    for (let i = 0; i < words.length; i++) {
      if (data[at++] === 0) continue; // no analysis (an empty word)
      const residue = data[at++];
      const m = data[at++];
      visit.word(i, residue === 0);
      for (let j = 0; j < m; j++, at += 5) {
        const kind = KINDS[data[at]];
        const ref = data[at + 3];
        visit.morph(i, kind, data[at + 1], data[at + 2], kind === 'root' ? t.rootEntries[ref].citation : kind === 'residue' ? undefined : t.affixEntries[ref].group);
      }
      at++; // the end state
    }
  }

  private unpack(words: readonly string[], n: number, withStates: boolean): (Analysis | AnalysisWithStates)[][] {
    const k = Math.max(1, n);
    const lens = Uint32Array.from(words, (w) => w.length);
    const { data, logp } = this.handle.analyzeMany(words.join(''), lens, k, words.length >= 4096 ? availableParallelism() : 1);
    const t = this.tables;
    const out: (Analysis | AnalysisWithStates)[][] = [];
    let at = 0;
    let li = 0;
    for (const w of words) {
      const list: (Analysis | AnalysisWithStates)[] = [];
      for (let count = data[at++]; count > 0; count--) {
        const residue = data[at++];
        const m = data[at++];
        const morphs: Morph[] = [];
        const states: string[] = [];
        for (let j = 0; j < m; j++, at += 5) {
          const kind = KINDS[data[at]];
          const start = data[at + 1];
          const end = data[at + 2];
          const ref = data[at + 3];
          if (withStates) states.push(t.states[data[at + 4]]);
          const surface = w.slice(start, end);
          // Key order as the reference builds its morphs (JSON of analyses is compared byte for byte).
          if (kind === 'root') morphs.push({ surface, kind, root: t.rootEntries[ref].citation, start, end });
          else if (kind === 'residue') morphs.push({ surface, kind, start, end });
          else morphs.push({ surface, kind, group: t.affixEntries[ref].group, start, end });
        }
        const endState = data[at++];
        const score = { residueChars: residue, logProb: logp[li++], morphs: m };
        if (withStates) {
          states.push(t.states[endState]);
          list.push({ morphs, states, score, full: residue === 0 });
        } else list.push({ morphs, score, full: residue === 0 });
      }
      out.push(list);
    }
    return out;
  }

}
