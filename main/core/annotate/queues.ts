// Drawing an annotation queue: which words to annotate, in what order, why, and a proposed segmentation.
//
// Corpus word types are the letter runs (hybrid/units.ts) of the corpus's whitespace words, case-folded with
// the corpus language's rules and of at least `minLength` code points, their counts summed. Sources:
//   frequency     most frequent first, ties by word (code unit order);
//   disagreement  words whose segmentations by two or more tokenizer versions differ (eval/words.ts: the cuts
//                 of each tokenizer's tokens inside the word encoded after a space), most distinct
//                 segmentations first, then frequency, then word;
//   uncertainty   one hybrid version: the margin between the log-probabilities of its two best analyses, smallest
//                 first (then frequency, word). Only the analyses that explain as many characters as the best one
//                 compete (the ranking puts coverage first, so a runner-up with more residue is no real rival);
//                 words with fewer than two such analyses are left out;
//   wordlist      a file's words in file order (wordlist.ts), as written (not folded), at least minLength long.
// Disagreement and uncertainty rank at most SAMPLE_TYPES of the most frequent types, to bound the work.
// Proposals come from the first tokenizer: a hybrid version's best analysis (labels 'root', the affix's group,
// null for residue), any other version's tokens inside the word (no labels).
import { UserError } from '../errors';
import { WordView } from '../eval/words';
import { makeCasing } from '../hybrid/casing';
import { splitUnits } from '../hybrid/units';
import type { TextTokenizer } from '../tokenizers';
import type { NewQueueItem } from '../store/annotations';
import type { ListedWord } from './wordlist';

export const SAMPLE_TYPES = 50_000;

export type DrawSpec =
  | { source: 'frequency' | 'disagreement' | 'uncertainty'; counts: ReadonlyMap<string, number>; language: string }
  | { source: 'wordlist'; words: readonly ListedWord[] };

export interface DrawOptions {
  size: number;
  minLength: number;
  /** The versions named by the queue, in order; the first proposes segmentations. */
  tokenizers: readonly { id: number; tok: TextTokenizer }[];
}

const codePoints = (s: string) => [...s].length;
const byWord = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Folded letter-run types of a whitespace word count table, with summed counts. */
export function wordTypes(counts: ReadonlyMap<string, number>, language: string, minLength: number): Map<string, number> {
  const lower = makeCasing(language).lower;
  const out = new Map<string, number>();
  for (const [w, n] of counts) {
    for (const u of splitUnits(w)) {
      if (u.kind !== 'word') continue;
      const folded = lower(w.slice(u.start, u.end));
      if (codePoints(folded) < minLength) continue;
      out.set(folded, (out.get(folded) ?? 0) + n);
    }
  }
  return out;
}

function byFrequency(types: ReadonlyMap<string, number>): [string, number][] {
  return [...types].sort((a, b) => b[1] - a[1] || byWord(a[0], b[0]));
}

/** The proposing tokenizer's segmentation of `word`, or null when it cannot spell the word. */
export function propose(tok: TextTokenizer, view: WordView, word: string): Pick<NewQueueItem, 'proposal' | 'proposalLabels'> {
  if (tok.analyze) {
    const best = tok.analyze(word, 1)[0];
    if (best) {
      // Analyses are of the folded word; offsets map back when folding kept the length (it does for Turkish).
      const segs = best.morphs.map((m) => word.slice(m.start, m.end));
      if (segs.join('') === word && segs.every((s) => s.length > 0)) {
        return { proposal: segs, proposalLabels: best.morphs.map((m) => (m.kind === 'root' ? 'root' : m.kind === 'residue' ? null : (m.group ?? null))) };
      }
    }
  }
  const segs = view.segments(word);
  return { proposal: segs.join('') === word ? segs : null, proposalLabels: null };
}

interface Ranked {
  word: string;
  frequency: number;
  why: string;
}

function needTokenizers(opts: DrawOptions, n: number, what: string): void {
  if (opts.tokenizers.length < n) throw new UserError(`a ${what} queue needs ${n === 1 ? 'a tokenizer version' : `at least ${n} tokenizer versions`}`);
}

function rankDisagreement(types: [string, number][], opts: DrawOptions): Ranked[] {
  needTokenizers(opts, 2, 'disagreement');
  const views = opts.tokenizers.map((t) => new WordView(t.tok));
  const out: (Ranked & { distinct: number })[] = [];
  for (const [word, frequency] of types) {
    const distinct = new Set(views.map((v) => v.segments(word).join('\u0000'))).size;
    if (distinct > 1) out.push({ word, frequency, distinct, why: `${distinct} distinct segmentations` });
  }
  return out.sort((a, b) => b.distinct - a.distinct || b.frequency - a.frequency || byWord(a.word, b.word));
}

function rankUncertainty(types: [string, number][], opts: DrawOptions): Ranked[] {
  needTokenizers(opts, 1, 'uncertainty');
  if (opts.tokenizers.length > 1) throw new UserError('an uncertainty queue takes exactly one hybrid tokenizer version');
  const { id, tok } = opts.tokenizers[0];
  const analyze = tok.analyze;
  if (!analyze) throw new UserError(`tokenizer version ${id} is a ${tok.kind} tokenizer; an uncertainty queue needs a hybrid version (it ranks by n-best analyses)`);
  const out: (Ranked & { margin: number })[] = [];
  for (const [word, frequency] of types) {
    const [a, b] = analyze(word, 2);
    if (!a || !b || b.score.residueChars !== a.score.residueChars) continue;
    const margin = a.score.logProb - b.score.logProb;
    out.push({ word, frequency, margin, why: `n-best margin ${margin.toFixed(2)}` });
  }
  return out.sort((x, y) => x.margin - y.margin || y.frequency - x.frequency || byWord(x.word, y.word));
}

/** The queue's items, at most `size`, in annotation order. */
export function drawQueue(spec: DrawSpec, opts: DrawOptions): NewQueueItem[] {
  let ranked: Ranked[];
  if (spec.source === 'wordlist') {
    ranked = spec.words.filter((w) => codePoints(w.word) >= opts.minLength).map((w) => ({ word: w.word, frequency: w.count, why: `word list line ${w.line}` }));
  } else {
    const types = byFrequency(wordTypes(spec.counts, spec.language, opts.minLength));
    if (spec.source === 'frequency') ranked = types.map(([word, frequency]) => ({ word, frequency, why: `${frequency} occurrences` }));
    else if (spec.source === 'disagreement') ranked = rankDisagreement(types.slice(0, SAMPLE_TYPES), opts);
    else ranked = rankUncertainty(types.slice(0, SAMPLE_TYPES), opts);
  }
  const chosen = ranked.slice(0, opts.size);
  const first = opts.tokenizers[0];
  const view = first && new WordView(first.tok);
  return chosen.map((r) => ({ ...r, ...(first ? propose(first.tok, view!, r.word) : { proposal: null, proposalLabels: null }) }));
}
