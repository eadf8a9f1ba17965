// Compression on a text sample. Definitions:
//   words     whitespace-separated (\S+) word occurrences          chars   Unicode code points
//   bytes     UTF-8 bytes                                          tokens  every token the encoder emits
//             (markers and whitespace tokens included: they take places in a model's context window)
//   tokens per word (fertility) = tokens / words;  chars per token = chars / tokens;  bytes per token likewise
//   whole-word rate = word occurrences that are whole words (words.ts) / words
// Ratios with a zero denominator are 0.
import type { z } from 'zod';
import type { EvalCompression } from '../../api/contract';

export type Compression = z.infer<typeof EvalCompression>;

const WORD_RE = /\S+/gu;

export function textCounts(text: string): { words: string[]; chars: number; bytes: number } {
  let chars = 0;
  for (const _ of text) chars++;
  return { words: text.match(WORD_RE) ?? [], chars, bytes: Buffer.byteLength(text, 'utf8') };
}

/** `tokenCounts[i]` is the number of tokens of `lines[i]`; `isWhole` says whether a word is one content token. */
export function compression(lines: readonly string[], tokenCounts: readonly number[], isWhole: (word: string) => boolean): Compression {
  let words = 0, chars = 0, bytes = 0, tokens = 0, whole = 0;
  lines.forEach((line, i) => {
    const c = textCounts(line);
    words += c.words.length;
    chars += c.chars;
    bytes += c.bytes;
    tokens += tokenCounts[i];
    for (const w of c.words) if (isWhole(w)) whole++;
  });
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  return {
    lines: lines.length,
    words,
    tokens,
    chars,
    bytes,
    tokensPerWord: ratio(tokens, words),
    charsPerToken: ratio(chars, tokens),
    bytesPerToken: ratio(bytes, tokens),
    wholeWords: whole,
    wholeWordRate: ratio(whole, words),
  };
}
