// The analyzer the hybrid tokenizer runs on: the addon's (native/src/analyze.cc) when it is loaded and can
// express the dictionary and scores, else the TypeScript reference (analyzer.ts). Both give the same analyses
// (main/core/native/analyze.test.ts), so callers never need to know which one they got.
import { NativeAnalyzer, addCount, observationKey, type AffixObservation, type AnalysisWithStates, type BestCounts, type BestVisitor, type ResidueTally } from '../native/analyze';
import type { Engine } from '../native/load';
import { tableKeys } from './allomorph';
import { Analyzer, type Analysis, type DictView, type MorphemeLogProbs } from './analyzer';
import { type CompiledClasses, compileClasses } from './context';

export type { AffixObservation, AnalysisWithStates, BestCounts, BestVisitor, ResidueTally };
export { emptyBestCounts } from '../native/analyze';

/** The reference's residue pass over best analyses (`best[i]` of `words[i]`, undefined for none): see HybridAnalyzer.residuePass. */
function tallyResidue(words: readonly string[], best: readonly (Analysis | undefined)[], lead: ArrayLike<number>, inner: ArrayLike<number>, classes: CompiledClasses): ResidueTally {
  let coveredWeight = 0;
  let coveredTypes = 0;
  const affixes = new Map<string, AffixObservation>();
  const residue = new Map<string, number>();
  const addResidue = (s: string, n: number) => residue.set(s, (residue.get(s) ?? 0) + n);
  best.forEach((a, i) => {
    if (a === undefined) return;
    const w = words[i];
    const weight = lead[i] + inner[i];
    if (a.full) {
      coveredWeight += weight;
      coveredTypes++;
    }
    for (const m of a.morphs) {
      if (m.kind === 'prefix' || m.kind === 'suffix') {
        const k = tableKeys({ left: w.slice(0, m.start), next: w.slice(m.end) || null }, classes);
        const o = { group: m.group!, vowel: k.vowel, last: k.char, variant: w.slice(m.start, m.end), weight };
        const key = observationKey(o);
        const seen = affixes.get(key);
        if (seen !== undefined) seen.weight += weight;
        else affixes.set(key, o);
      } else if (m.kind === 'residue') {
        const surface = w.slice(m.start, m.end);
        if (m.start === 0) {
          // Running text presents a word-opening span after one space (lead), or right after another unit (inner).
          if (lead[i] > 0) addResidue(' ' + surface, lead[i]);
          if (inner[i] > 0) addResidue(surface, inner[i]);
        } else addResidue(surface, weight);
      }
    }
  });
  return { coveredWeight, coveredTypes, affixes: [...affixes.values()], residue: [...residue] };
}

export class HybridAnalyzer {
  private native: NativeAnalyzer | null;
  private reference: Analyzer | null = null;
  /** The dictionary's character classes, for the residue pass's table keys (compiled on first use). */
  private classes: CompiledClasses | null = null;

  /** `engine: 'typescript'` forces the reference (equivalence tests); by default the addon is used when it can be. */
  constructor(
    private readonly dict: DictView,
    probs: MorphemeLogProbs,
    engine: Engine = 'native',
  ) {
    this.native = engine === 'native' ? NativeAnalyzer.create(dict, probs) : null;
    if (this.native === null) this.reference = new Analyzer(dict, probs);
  }

  /** The addon's analyzer when it answers (the native word encoder analyses with it), else null. */
  get nativeAnalyzer(): NativeAnalyzer | null {
    return this.native;
  }

  /** 'native' or 'typescript': which implementation answers. */
  get engine(): 'native' | 'typescript' {
    return this.native !== null ? 'native' : 'typescript';
  }

  setProbs(p: MorphemeLogProbs): void {
    if (this.native !== null && this.native.setProbs(p)) return;
    this.native = null;
    if (this.reference === null) this.reference = new Analyzer(this.dict, p);
    else this.reference.setProbs(p);
  }

  analyze(word: string, n = 5): Analysis[] {
    return this.native !== null ? this.native.analyze(word, n) : this.reference!.analyze(word, n);
  }

  analyzeWithStates(word: string, n = 5): AnalysisWithStates[] {
    return this.native !== null ? this.native.analyzeWithStates(word, n) : this.reference!.analyzeWithStates(word, n);
  }

  /**
   * Adds the hard-EM statistics of each word's best analysis, weighted by its count, into `into`: morphs per
   * root citation and group, the (state, group) transitions of affixes, and the events after each state (every
   * morph after its state, the word end after a known last morph). On the addon the analyses never leave C++.
   */
  countBest(words: readonly string[], weights: readonly number[], into: BestCounts): void {
    if (this.native !== null) return this.native.countBest(words, weights, into);
    words.forEach((w, i) => {
      const a = this.reference!.analyzeWithStates(w, 1)[0];
      if (a === undefined) return;
      const n = weights[i];
      if (a.morphs.at(-1)!.kind !== 'residue') addCount(into.totals, a.states[a.morphs.length], n);
      a.morphs.forEach((m, j) => {
        addCount(into.totals, a.states[j], n);
        if (m.kind === 'prefix' || m.kind === 'suffix') {
          addCount(into.pairs, `${a.states[j]}\u0000${m.group}`, n);
          addCount(into.counts, 'g:' + m.group, n);
        } else if (m.kind === 'root') {
          addCount(into.counts, 'r:' + m.root, n);
          addCount(into.rootCounts, m.root!, n);
        }
      });
    });
  }

  /** The best analysis of each word (one addon call, every core), without the morphotactic states. */
  bestMany(words: readonly string[]): Analysis[] {
    return this.native !== null ? this.native.bestMany(words) : words.map((w) => this.reference!.analyze(w, 1)[0]);
  }

  /**
   * Hands each word's best analysis to `visit` (see BestVisitor); returns the analyses when the reference made
   * them (the addon's never become objects).
   */
  visitBest(words: readonly string[], visit: BestVisitor): Analysis[] | null {
    if (this.native !== null) {
      this.native.visitBest(words, visit);
      return null;
    }
    const best = this.bestMany(words);
    best.forEach((a, i) => {
      if (a === undefined) return;
      visit.word(i, a.full);
      for (const m of a.morphs) visit.morph(i, m.kind, m.start, m.end, m.kind === 'root' ? m.root : m.group);
    });
    return best;
  }

  /**
   * Hybrid training's residue pass (trainer.ts step 4) over the words' best analyses, each word weighted by
   * lead + inner (how often it opens a corpus word, how often it stands inside one); a word with no analysis is
   * passed over. The full words' weight and number; each prefix and suffix as an observation (group, its table
   * keys, surface); each residue span, one at the word's start as " " + span with the lead weight and bare with
   * the inner one. Each distinct observation and string once with its summed weight, in the order first seen.
   * `analyses`: the reference's best analyses (worth keeping: its search is slow); on the addon nothing leaves
   * C++ but the sums, and it is null.
   */
  residuePass(words: readonly string[], lead: ArrayLike<number>, inner: ArrayLike<number>): ResidueTally & { analyses: Analysis[] | null } {
    const classes = () => (this.classes ??= compileClasses(this.dict.charClasses));
    if (this.native !== null) {
      // (An addon built before residuePass: its best analyses, summed up here.)
      const tally = this.native.residuePass(words, lead, inner) ?? tallyResidue(words, this.native.bestMany(words), lead, inner, classes());
      return { ...tally, analyses: null };
    }
    const best = this.bestMany(words);
    return { ...tallyResidue(words, best, lead, inner, classes()), analyses: best };
  }

  /** The n best analyses of each word (the addon takes them all in one call, on every core). */
  analyzeMany(words: readonly string[], n = 5): AnalysisWithStates[][] {
    return this.native !== null ? this.native.analyzeMany(words, n) : words.map((w) => this.reference!.analyzeWithStates(w, n));
  }
}

