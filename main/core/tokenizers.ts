// One face for every kind of tokenizer version, so the service, the CLI and the evaluation never branch on kind
// except where a capability really differs (n-best analyses exist only for the hybrid tokenizer).
import type { EncodedToken, Encoding, TokenType } from '../api/contract';
import { BpeTokenizer } from './bpe/index';
import { encodeTokensNative, nativeEncoderFor } from './native/index';
import { MergeTracer, type MergeStep } from './bpe/trace';
import { HybridTokenizer } from './hybrid/index';
import type { RankedAnalysis } from './hybrid/index';
import type { KindedModel } from './store/workspace';

export interface TextTokenizer {
  readonly kind: KindedModel['kind'] | 'openai';
  readonly vocabSize: number;
  encode(text: string): EncodedToken[];
  decode(ids: readonly number[]): string;
  tokenType(id: number): TokenType;
  tokenText(id: number): string;
  /** The n best analyses of one word (hybrid only). */
  analyze?(word: string, n: number): RankedAnalysis[];
  /** The merges that built a subword token ([] for bytes, specials, roots and affixes). */
  mergeTrace?(id: number): MergeStep[];
}

export function loadTokenizer(v: KindedModel): TextTokenizer {
  if (v.kind === 'hybrid') {
    const tok = new HybridTokenizer(v.model);
    const residue = v.model.residue;
    const bpeBase = v.model.vocab.length - residue.vocab.length; // the residue BPE's ids come last
    let tracer: MergeTracer | null = null;
    return {
      kind: 'hybrid',
      vocabSize: tok.vocabSize,
      encode: (text) => tok.encode(text),
      decode: (ids) => tok.decode(ids),
      tokenType: (id) => tok.tokenType(id),
      tokenText: (id) => tok.tokenText(id),
      analyze: (word, n) => tok.analyze(word, n),
      mergeTrace: (id) => {
        tok.tokenType(id); // throws for an unknown id
        if (id < bpeBase) return [];
        tracer ??= new MergeTracer(residue);
        return tracer.trace(residue.vocab[id - bpeBase]);
      },
    };
  }
  const tok = new BpeTokenizer(v.model);
  const model = v.model;
  // The addon's encoder (identical tokens) when it is loaded and the pattern is a preset.
  const native = nativeEncoderFor(model) !== null;
  let tracer: MergeTracer | null = null;
  return {
    kind: 'bpe',
    vocabSize: tok.vocabSize,
    encode: (text) => (native ? encodeTokensNative(model, text) : tok.encode(text)),
    decode: (ids) => tok.decode([...ids]),
    tokenType: (id) => tok.tokenType(id),
    tokenText: (id) => tok.tokenText(id),
    mergeTrace: (id) => {
      if (tok.tokenType(id) === 'special') return [];
      tracer ??= new MergeTracer(model);
      return tracer.trace(model.vocab[id]);
    },
  };
}

/** Token types per id, as the store keeps them for vocabulary pages. */
export function tokenTypesOf(tok: TextTokenizer): string[] {
  return Array.from({ length: tok.vocabSize }, (_, id) => tok.tokenType(id));
}

const WORD_RE = /\S+/gu;

/** An encoding with the counts every view shows: characters (code points), words, and their ratios. */
export function summarizeEncoding(text: string, tokens: EncodedToken[]): Encoding {
  const chars = [...text].length;
  const words = text.match(WORD_RE)?.length ?? 0;
  return {
    tokens,
    chars,
    words,
    charsPerToken: tokens.length ? chars / tokens.length : 0,
    tokensPerWord: words ? tokens.length / words : 0,
  };
}
