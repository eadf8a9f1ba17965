// Fertility against vocabulary size for a BPE version: its merge history cut (bpe/cut.ts) at each size, the
// sample encoded with each cut, tokens per word and characters and bytes per token measured (compression.ts).
import { BpeTokenizer } from '../bpe/tokenizer';
import { cutModel } from '../bpe/cut';
import type { BpeModel } from '../bpe/types';
import { textCounts } from './compression';

export interface CurvePoint {
  vocabSize: number;
  tokensPerWord: number;
  charsPerToken: number;
  bytesPerToken: number;
}

/** Powers of two from 512 strictly below the model's size and not below its minimum (specials + 256), then its size. */
export function defaultCurveSizes(vocabSize: number, specials: number): number[] {
  const out: number[] = [];
  for (let s = 512; s < vocabSize; s *= 2) if (s >= specials + 256) out.push(s);
  out.push(vocabSize);
  return out;
}

export function fertilityCurve(model: BpeModel, sizes: readonly number[], lines: readonly string[], onPoint?: (done: number) => void): CurvePoint[] {
  let words = 0, chars = 0, bytes = 0;
  for (const l of lines) {
    const c = textCounts(l);
    words += c.words.length;
    chars += c.chars;
    bytes += c.bytes;
  }
  const full = model.vocab.length;
  return [...new Set(sizes)].sort((a, b) => a - b).map((size, i) => {
    const tok = new BpeTokenizer(size === full ? model : cutModel(model, size));
    let tokens = 0;
    for (const l of lines) tokens += tok.encodeIds(l).length;
    onPoint?.(i + 1);
    return {
      vocabSize: size,
      tokensPerWord: words ? tokens / words : 0,
      charsPerToken: tokens ? chars / tokens : 0,
      bytesPerToken: tokens ? bytes / tokens : 0,
    };
  });
}
