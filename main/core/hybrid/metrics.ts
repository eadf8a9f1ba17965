// Alignment of tokens with morphology, for any tokenizer (hybrid, BPE, OpenAI encodings): the functions take
// token texts and a dictionary, nothing else.
//
// Definitions (they go into README):
//   A token's normalised text is its text with leading whitespace removed, case-folded for the dictionary's
//   language. Tokens whose normalised text is empty (markers, whitespace) are not counted; callers also leave
//   out special tokens.
//   pure token      the normalised text is exactly one morpheme surface: a root's citation surface or one of
//                   its alternants, or one variant of an allomorph group (prefix or suffix).
//   language token  a pure token, or one whose normalised text is a dictionary word: a word the dictionary
//                   analyses completely (root and affixes, no residue).
//   language-token % = language tokens / counted tokens;  pure-token % = pure tokens / counted tokens.
//   Both are computed over token occurrences (weighted by count) and over distinct token types (each type,
//   identified by the caller's key such as the token id, counted once).
import { type DictView, uniformLogProbs } from './analyzer';
import { HybridAnalyzer } from './engine';
import type { Engine } from '../native/load';
import { makeCasing } from './casing';

export interface MorphemeLexicon {
  /** Every root surface, alternant surface and affix variant. */
  morphs: Set<string>;
  fold(s: string): string;
  /** True for a word the dictionary analyses with no residue. */
  isWord(s: string): boolean;
  /** Answers isWord for many words at once (one batch for the analyzer), so later calls are lookups. */
  prime?(words: readonly string[]): void;
}

/**
 * `analyzer`: one already built over this very dictionary, with any scores (a word is "in the language" when its
 * best analysis is full, and that depends on the dictionary alone: residue ranks before any score), so a trainer
 * need not build another over a large dictionary.
 */
export function buildLexicon(dict: DictView, engine?: Engine, analyzer?: HybridAnalyzer): MorphemeLexicon {
  const morphs = new Set<string>();
  for (const r of dict.roots) {
    morphs.add(r.surface);
    for (const a of r.alternants ?? []) morphs.add(a.surface);
  }
  for (const g of dict.groups) for (const v of g.variants) if (v.length > 0) morphs.add(v);
  const casing = makeCasing(dict.language);
  analyzer ??= new HybridAnalyzer(dict, uniformLogProbs(dict), engine);
  const words = new Map<string, boolean>();
  const LIMIT = 100_000;
  return {
    morphs,
    fold: casing.lower,
    prime(list: readonly string[]) {
      const todo = [...new Set(list.filter((s) => s.length > 0 && !words.has(s)))].slice(0, LIMIT);
      if (words.size + todo.length > LIMIT) words.clear();
      // Only whether each best analysis is full matters: no analysis objects are built.
      analyzer.visitBest(todo, { word: (i, full) => words.set(todo[i], full), morph: () => {} });
    },
    isWord(s: string) {
      let hit = words.get(s);
      if (hit === undefined) {
        hit = s.length > 0 && analyzer.analyze(s, 1)[0].full;
        if (words.size > LIMIT) words.clear();
        words.set(s, hit);
      }
      return hit;
    },
  };
}

export interface AlignmentShare {
  counted: number;
  language: number;
  pure: number;
  languagePct: number;
  purePct: number;
}

export interface AlignmentMetrics {
  tokens: AlignmentShare;
  types: AlignmentShare;
}

export interface TokenSample {
  /** Identifies the token type (e.g. its id). */
  key: string | number;
  text: string;
  count?: number;
}

function share(counted: number, language: number, pure: number): AlignmentShare {
  const pct = (n: number) => (counted === 0 ? 0 : (100 * n) / counted);
  return { counted, language, pure, languagePct: pct(language), purePct: pct(pure) };
}

/** What a token is compared as: its text without leading whitespace, case-folded. */
const normalized = (text: string, lex: MorphemeLexicon) => {
  // Only a text starting with a space, a control or a non-ASCII unit can start with whitespace: the rest skip the regex.
  const c = text.charCodeAt(0);
  return lex.fold(c <= 0x20 || c >= 0x7f ? text.replace(/^\s+/u, '') : text);
};

export function classifyToken(text: string, lex: MorphemeLexicon): { counted: boolean; pure: boolean; language: boolean } {
  return classifyNormalized(normalized(text, lex), lex);
}

function classifyNormalized(norm: string, lex: MorphemeLexicon): { counted: boolean; pure: boolean; language: boolean } {
  if (norm.length === 0) return { counted: false, pure: false, language: false };
  const pure = lex.morphs.has(norm);
  return { counted: true, pure, language: pure || lex.isWord(norm) };
}

export function alignmentMetrics(tokens: Iterable<TokenSample>, lex: MorphemeLexicon): AlignmentMetrics {
  const list = Array.isArray(tokens) ? (tokens as TokenSample[]) : [...tokens];
  // Each sample's text normalized once: the lexicon is primed with the ones it must look up, then they are classified.
  const norms = list.map((t) => normalized(t.text, lex));
  if (lex.prime) lex.prime(norms.filter((norm) => norm.length > 0 && !lex.morphs.has(norm)));
  let counted = 0;
  let language = 0;
  let pure = 0;
  const types = new Map<string | number, { pure: boolean; language: boolean }>();
  list.forEach((t, i) => {
    const c = classifyNormalized(norms[i], lex);
    if (!c.counted) return;
    const n = t.count ?? 1;
    counted += n;
    if (c.language) language += n;
    if (c.pure) pure += n;
    if (!types.has(t.key)) types.set(t.key, c);
  });
  let tl = 0;
  let tp = 0;
  for (const c of types.values()) {
    if (c.language) tl++;
    if (c.pure) tp++;
  }
  return { tokens: share(counted, language, pure), types: share(types.size, tl, tp) };
}
