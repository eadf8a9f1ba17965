// Morphological analysis of one folded (lower-case) word: the lattice of all analyses
//   prefix* (root | residue-root) (suffix | compound root)* residue-tail?
// (a further root is allowed only where the morphotactics have an edge from the current class to its pos)
// where a residue span is a stretch no dictionary entry explains. Morphotactics (when the dictionary has
// them) restrict which class may follow which; without them any order is allowed.
//
// Ranking, a deterministic total order (best first):
//   1. fewer residue characters (UTF-16 code units);
//   2. higher sum of morpheme log probabilities, rounded to 1e-6 (roots by citation surface, unigram; affixes
//      by group name given the morphotactic state before them, i.e. the previous morph's class or pos, '^' at
//      the word start, '*' after an unknown root: the model's class-bigram `transitions` entry, which
//      interpolates P(group | state) with the unigram P(group), else the unigram when the table lists neither
//      state nor group (models without the table score exactly as unigram); a residue span scores
//      RESIDUE_SPAN + RESIDUE_CHAR per character; an affix variant other than the one its group's rules
//      predict in that very context adds DISHARMONY);
//   3. fewer morphemes;
//   4. boundary positions compared left to right, the LATER boundary first (a longer leftmost morph wins);
//   5. morph labels (kind, then group or root citation) compared left to right in code point order.
// Admissibility: after an unknown (residue) root, an affix variant its group's rules reject is not allowed at
// all (with no evidence for the root, "kamçı" must not become kam + çı against the rules); after a known
// root it is allowed with the DISHARMONY penalty (lexical exceptions such as saat + i exist).
// The n best are exact: every lattice node (position, stage, state) keeps its n best completions under the
// same order, and all keys but the first-morph ones are additive or lexicographic over the completion (an
// affix's score depends only on the state, which is part of the node).
import type { AllomorphGroup, Condition, Dictionary, Morphotactics } from '../dict/types';
import { type CompiledClasses, compileClasses, predictVariant } from './context';

export type MorphKind = 'prefix' | 'root' | 'suffix' | 'residue';

export interface Morph {
  surface: string;
  kind: MorphKind;
  /** Allomorph group name (prefix, suffix). */
  group?: string;
  /** Citation surface of the root (root). */
  root?: string;
  start: number;
  end: number;
}

export interface AnalysisScore {
  residueChars: number;
  logProb: number;
  morphs: number;
}

export interface Analysis {
  morphs: Morph[];
  score: AnalysisScore;
  /** True when no residue is left. */
  full: boolean;
}

/** Morpheme log probabilities (plain JSON). */
export interface MorphemeLogProbs {
  roots: Record<string, number>;
  groups: Record<string, number>;
  /** For a root or group the table does not list. */
  unseen: number;
  /**
   * Optional class-bigram table: state (the previous morph's class or pos, '^' at the word start, '*' after an
   * unknown root) -> group -> log of the interpolated P(group | state). An affix whose state or group the table
   * does not list scores its unigram `groups` entry; a model without the table scores exactly as unigram.
   */
  transitions?: Record<string, Record<string, number>>;
}

/** What the analyzer needs from a dictionary. */
export type DictView = Pick<Dictionary, 'roots' | 'groups' | 'charClasses' | 'morphotactics' | 'language'>;

export const RESIDUE_SPAN = -12;
export const RESIDUE_CHAR = -4;
export const DISHARMONY = -6;
export const MAX_WORD = 64;

interface RootEntry {
  citation: string;
  pos: string;
  surface: string;
}
interface AffixEntry {
  group: string;
  def: AllomorphGroup;
  cls: string;
  surface: string;
}

class Trie<E> {
  private readonly root: TrieNode<E> = { next: new Map(), entries: [] };
  add(s: string, e: E): void {
    let n = this.root;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      let m = n.next.get(c);
      if (!m) n.next.set(c, (m = { next: new Map(), entries: [] }));
      n = m;
    }
    n.entries.push(e);
  }
  /** Calls f(end, entries) for every entry surface that starts at `from` in s. */
  walk(s: string, from: number, f: (end: number, entries: E[]) => void): void {
    let n: TrieNode<E> | undefined = this.root;
    for (let i = from; i < s.length; i++) {
      n = n.next.get(s.charCodeAt(i));
      if (!n) return;
      if (n.entries.length > 0) f(i + 1, n.entries);
    }
  }
}
interface TrieNode<E> {
  next: Map<number, TrieNode<E>>;
  entries: E[];
}

interface Completion {
  morphs: Morph[];
  /** The morphotactic state before each morph, then the state at the word end (one more than morphs). */
  states: string[];
  residue: number;
  logp: number;
  q: number;
}

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function label(m: Morph): string {
  return `${m.kind}:${m.group ?? m.root ?? ''}`;
}

function compareCompletions(a: Completion, b: Completion): number {
  if (a.residue !== b.residue) return a.residue - b.residue;
  if (a.q !== b.q) return b.q - a.q;
  if (a.morphs.length !== b.morphs.length) return a.morphs.length - b.morphs.length;
  for (let i = 0; i < a.morphs.length; i++) {
    if (a.morphs[i].end !== b.morphs[i].end) return b.morphs[i].end - a.morphs[i].end;
  }
  for (let i = 0; i < a.morphs.length; i++) {
    const c = cmpStr(label(a.morphs[i]), label(b.morphs[i]));
    if (c !== 0) return c;
  }
  return 0;
}

/** Why `b` ranks below `a` (a is better), in words, for the UI. */
export function rankReason(a: AnalysisScore & { bounds?: number[] }, b: AnalysisScore): string {
  if (a.residueChars !== b.residueChars) return `${b.residueChars} unexplained characters instead of ${a.residueChars}`;
  const qa = Math.round(a.logProb * 1e6);
  const qb = Math.round(b.logProb * 1e6);
  if (qa !== qb) return `lower probability (log ${b.logProb.toFixed(2)} vs ${a.logProb.toFixed(2)})`;
  if (a.morphs !== b.morphs) return `more morphemes (${b.morphs} vs ${a.morphs})`;
  return 'equal score; tie broken by boundary positions (longer leftmost morph first), then labels';
}

export interface RankedAnalysis extends Analysis {
  rank: number;
  /** Why this analysis ranks below the best one ('' for the best). */
  reason: string;
}

/** Numbers a best-first list of analyses and says why each ranks below the first. */
export function rankAnalyses(list: readonly Analysis[]): RankedAnalysis[] {
  return list.map((a, rank) => ({ ...a, rank, reason: rank === 0 ? '' : rankReason(list[0].score, a.score) }));
}

const PRE = 0;
const POST = 1;
const ANY = '*';

/** Analyses words of one dictionary. Not thread-safe; cheap to construct. */
export class Analyzer {
  private readonly roots = new Trie<RootEntry>();
  private readonly prefixes = new Trie<AffixEntry>();
  private readonly suffixes = new Trie<AffixEntry>();
  private readonly edges: Set<string> | null;
  private readonly endEdges: boolean;
  private readonly suffixClasses = new Set<string>();
  private readonly vowels: Set<number> | null;
  private readonly classes: CompiledClasses;

  constructor(
    dict: DictView,
    private probs: MorphemeLogProbs,
  ) {
    for (const r of dict.roots) {
      this.roots.add(r.surface, { citation: r.surface, pos: r.pos, surface: r.surface });
      for (const a of r.alternants ?? []) {
        if (a.surface !== r.surface) this.roots.add(a.surface, { citation: r.surface, pos: r.pos, surface: a.surface });
      }
    }
    for (const g of dict.groups) {
      const trie = g.kind === 'prefix' ? this.prefixes : this.suffixes;
      if (g.kind === 'suffix') this.suffixClasses.add(g.class);
      for (const v of new Set(g.variants)) if (v.length > 0) trie.add(v, { group: g.name, def: g, cls: g.class, surface: v });
    }
    this.classes = compileClasses(dict.charClasses);
    const v = dict.charClasses.vowel;
    this.vowels = v ? new Set(Array.from(v, (c) => c.charCodeAt(0))) : null;
    const mt: Morphotactics | undefined = dict.morphotactics;
    if (mt && mt.edges.length > 0) {
      this.edges = new Set(mt.edges.map(([a, b]) => `${a}\u0000${b}`));
      this.endEdges = mt.edges.some(([, b]) => b === '$');
    } else {
      this.edges = null;
      this.endEdges = false;
    }
  }

  setProbs(p: MorphemeLogProbs): void {
    this.probs = p;
  }

  private allowed(from: string, to: string): boolean {
    if (this.edges === null) return true;
    if (from === ANY) return this.suffixClasses.has(to);
    // Per class, the classes it may lead to (a hot path: no string keys built per call).
    let next = this.successors.get(from);
    if (!next) {
      next = new Set();
      for (const e of this.edges) if (e.startsWith(from + '\u0000')) next.add(e.slice(from.length + 1));
      this.successors.set(from, next);
    }
    return next.has(to);
  }
  private readonly successors = new Map<string, Set<string>>();

  private canEnd(state: string): boolean {
    if (this.edges === null || !this.endEdges || state === ANY) return true;
    return this.edges.has(`${state}\u0000$`);
  }

  /** 0 when the group's rules admit this variant here (or decide nothing), else DISHARMONY. */
  private fit(e: AffixEntry, w: string, start: number, end: number): number {
    if (!e.def.rules || e.def.rules.length === 0) return 0;
    const v = predictVariant(e.def, { left: w.slice(0, start), next: end < w.length ? w.slice(end) : null }, this.classes);
    return v === null || v === e.surface ? 0 : DISHARMONY;
  }

  private hasVowel(w: string, from: number, to: number): boolean {
    for (let i = from; i < to; i++) if (this.vowels!.has(w.charCodeAt(i))) return true;
    return false;
  }

  private rootLp(citation: string): number {
    return this.probs.roots[citation] ?? this.probs.unseen;
  }
  private groupLp(name: string): number {
    return this.probs.groups[name] ?? this.probs.unseen;
  }
  /** An affix group after a morph in `state`: the transition table's entry, else the unigram. */
  private affixLp(state: string, name: string): number {
    return this.probs.transitions?.[state]?.[name] ?? this.groupLp(name);
  }

  /** The n best analyses of a folded word, best first. Never empty for a non-empty word. */
  analyze(word: string, n = 5): Analysis[] {
    return this.analyzeWithStates(word, n).map(({ states: _, ...a }) => a);
  }

  /**
   * As analyze, with the morphotactic state before each morph and at the word end (`states` has one entry more
   * than `morphs`): what the transition model conditions on.
   */
  analyzeWithStates(word: string, n = 5): (Analysis & { states: string[] })[] {
    if (word.length === 0) return [];
    const k = Math.max(1, n);
    if (word.length > MAX_WORD) {
      const lp = RESIDUE_SPAN + RESIDUE_CHAR * word.length;
      return [{ morphs: [{ surface: word, kind: 'residue', start: 0, end: word.length }], states: ['^', ANY], score: { residueChars: word.length, logProb: lp, morphs: 1 }, full: false }];
    }
    const memo = new Map<string, Completion[]>();
    const top = this.best(word, 0, PRE, '^', k, memo);
    return top.map((c) => ({
      morphs: c.morphs,
      states: c.states,
      score: { residueChars: c.residue, logProb: c.logp, morphs: c.morphs.length },
      full: c.residue === 0,
    }));
  }

  /** `unk`: the root was a residue span (then no residue tail may follow: that would be one longer root). */
  private best(w: string, p: number, stage: number, state: string, k: number, memo: Map<string, Completion[]>, unk = false): Completion[] {
    const key = `${p}\u0000${stage}\u0000${state}\u0000${unk ? 1 : 0}`;
    const hit = memo.get(key);
    if (hit) return hit;
    const n = w.length;
    const cands: Completion[] = [];
    const extend = (m: Morph, lp: number, rest: Completion[]) => {
      const res = m.kind === 'residue' ? m.end - m.start : 0;
      for (const c of rest) {
        const logp = lp + c.logp;
        cands.push({ morphs: [m, ...c.morphs], states: [state, ...c.states], residue: res + c.residue, logp, q: Math.round(logp * 1e6) });
      }
    };
    const finish = (s: string): Completion[] => [{ morphs: [], states: [s], residue: 0, logp: 0, q: 0 }];
    const residueLp = (len: number) => RESIDUE_SPAN + RESIDUE_CHAR * len;
    if (stage === PRE) {
      this.prefixes.walk(w, p, (end, entries) => {
        if (end >= n) return; // a prefix needs a root after it
        for (const e of entries) {
          if (!this.allowed(state, e.cls)) continue;
          const fit = this.fit(e, w, p, end);
          const m: Morph = { surface: e.surface, kind: 'prefix', group: e.group, start: p, end };
          extend(m, this.affixLp(state, e.group) + fit, this.best(w, end, PRE, e.cls, k, memo));
        }
      });
      this.roots.walk(w, p, (end, entries) => {
        for (const e of entries) {
          if (!this.allowed(state, e.pos)) continue;
          const m: Morph = { surface: e.surface, kind: 'root', root: e.citation, start: p, end };
          const rest = end === n ? (this.canEnd(e.pos) ? finish(e.pos) : []) : this.best(w, end, POST, e.pos, k, memo);
          extend(m, this.rootLp(e.citation), rest);
        }
      });
      // An unknown root: a residue span, then known suffixes (or the end of the word). Before suffixes it must
      // hold a vowel (when the dictionary has a vowel class): "ve" is not v + DAT e.
      for (let end = p + 1; end <= n; end++) {
        if (end < n && this.vowels !== null && !this.hasVowel(w, p, end)) continue;
        const m: Morph = { surface: w.slice(p, end), kind: 'residue', start: p, end };
        extend(m, residueLp(end - p), end === n ? finish(ANY) : this.best(w, end, POST, ANY, k, memo, true));
      }
    } else {
      this.suffixes.walk(w, p, (end, entries) => {
        for (const e of entries) {
          if (!this.allowed(state, e.cls)) continue;
          const fit = this.fit(e, w, p, end);
          if (fit !== 0 && unk) continue;
          const m: Morph = { surface: e.surface, kind: 'suffix', group: e.group, start: p, end };
          const rest = end === n ? (this.canEnd(e.cls) ? finish(e.cls) : []) : this.best(w, end, POST, e.cls, k, memo, unk);
          extend(m, this.affixLp(state, e.group) + fit, rest);
        }
      });
      // A compound: another root, where the morphotactics have an edge from this class to a root's pos
      // (e.g. noun -> noun). Only with explicit morphotactics: without them any root could follow anything.
      if (!unk && this.edges !== null) {
        const edges = this.edges;
        this.roots.walk(w, p, (end, entries) => {
          for (const e of entries) {
            if (!edges.has(`${state}\u0000${e.pos}`)) continue;
            const m: Morph = { surface: e.surface, kind: 'root', root: e.citation, start: p, end };
            const rest = end === n ? (this.canEnd(e.pos) ? finish(e.pos) : []) : this.best(w, end, POST, e.pos, k, memo);
            extend(m, this.rootLp(e.citation), rest);
          }
        });
      }
      if (!unk) {
        const m: Morph = { surface: w.slice(p), kind: 'residue', start: p, end: n };
        extend(m, residueLp(n - p), finish(ANY));
      }
    }
    cands.sort(compareCompletions);
    if (cands.length > k) cands.length = k;
    memo.set(key, cands);
    return cands;
  }
}

/** Uniform log probabilities over all root citations and groups: the starting point of hard EM. */
export function uniformLogProbs(dict: DictView): MorphemeLogProbs {
  const citations = new Set(dict.roots.map((r) => r.surface));
  const v = citations.size + dict.groups.length;
  const lp = -Math.log(Math.max(1, v));
  const roots: Record<string, number> = {};
  for (const c of [...citations].sort(cmpStr)) roots[c] = lp;
  const groups: Record<string, number> = {};
  for (const g of [...dict.groups].sort((a, b) => cmpStr(a.name, b.name))) groups[g.name] = lp;
  return { roots, groups, unseen: lp };
}

/**
 * Re-estimates log probabilities from morpheme counts with add-alpha smoothing over the whole inventory.
 * Counts are keyed 'r:' + citation or 'g:' + group name.
 */
export function estimateLogProbs(dict: DictView, counts: Map<string, number>, alpha: number): MorphemeLogProbs {
  const citations = [...new Set(dict.roots.map((r) => r.surface))].sort(cmpStr);
  const groups = dict.groups.map((g) => g.name).sort(cmpStr);
  let total = 0;
  for (const c of citations) total += counts.get('r:' + c) ?? 0;
  for (const g of groups) total += counts.get('g:' + g) ?? 0;
  const denom = total + alpha * (citations.length + groups.length + 1);
  const lp = (n: number) => Math.log((n + alpha) / denom);
  const roots: Record<string, number> = {};
  for (const c of citations) roots[c] = lp(counts.get('r:' + c) ?? 0);
  const g2: Record<string, number> = {};
  for (const g of groups) g2[g] = lp(counts.get('g:' + g) ?? 0);
  return { roots, groups: g2, unseen: lp(0) };
}

/**
 * The class-bigram table for the transitions field, from hard-EM counts: `pairs` keyed state + '\u0000' + group
 * (affixes only), `totals` per state = how many times the state was followed by anything (an affix, a root, a
 * residue or the word end), so P(g | s) is the share of what follows s that is g, on the same footing as the
 * unigram P(g) (the share of all morphemes that are g). Add-alpha smoothing over the groups plus one slot for
 * everything else; then log(lambda * P(g | s) + (1 - lambda) * P(g)). States never seen are left out (they
 * fall back to the unigram), and so are the groups the morphotactics never allow after a state (never asked for).
 * Keys are in code point order.
 */
export function estimateTransitions(
  dict: DictView,
  unigram: MorphemeLogProbs,
  pairs: Map<string, number>,
  totals: Map<string, number>,
  alpha: number,
  lambda: number,
): Record<string, Record<string, number>> {
  const groups = [...new Set(dict.groups.map((g) => g.name))].sort(cmpStr);
  const asked = askedAfter(dict, groups);
  const out: Record<string, Record<string, number>> = {};
  for (const s of [...totals.keys()].sort(cmpStr)) {
    const total = totals.get(s)!;
    if (total <= 0) continue;
    const denom = total + alpha * (groups.length + 1);
    const row: Record<string, number> = {};
    for (const g of asked(s)) {
      const cond = ((pairs.get(`${s}\u0000${g}`) ?? 0) + alpha) / denom;
      row[g] = Math.log(lambda * cond + (1 - lambda) * Math.exp(unigram.groups[g] ?? unigram.unseen));
    }
    out[s] = row;
  }
  return out;
}

/**
 * The groups (sorted names) whose score the analyzer can ask for after state s: an affix is scored only where the
 * morphotactics allow its class after s (Analyzer.allowed), so the other entries of a row are never read. Without
 * morphotactics that is every group; a Hunspell import has thousands of states and groups, and full rows would
 * hold tens of millions of entries.
 */
function askedAfter(dict: DictView, groups: string[]): (s: string) => string[] {
  const mt = dict.morphotactics;
  if (!mt || mt.edges.length === 0) return () => groups;
  const namesOf = new Map<string, string[]>(); // class -> group names
  for (const g of dict.groups) {
    const list = namesOf.get(g.class);
    if (list) list.push(g.name);
    else namesOf.set(g.class, [g.name]);
  }
  const successors = new Map<string, Set<string>>();
  for (const [a, b] of mt.edges) successors.set(a, (successors.get(a) ?? new Set()).add(b));
  const suffixClasses = new Set(dict.groups.filter((g) => g.kind === 'suffix').map((g) => g.class));
  return (s) => {
    const classes = s === ANY ? suffixClasses : (successors.get(s) ?? new Set<string>());
    const names = new Set<string>();
    for (const c of classes) for (const n of namesOf.get(c) ?? []) names.add(n);
    return [...names].sort(cmpStr);
  };
}

export type { AllomorphGroup, Condition };
