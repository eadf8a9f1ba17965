// How a tokenizer cuts one word, the view that whole-word rates and morpheme boundary scores share.
//
// A word is encoded as it appears in running text after a space: the text "a " + word is encoded (the same
// context the hybrid trainer's statistics use, so a hybrid root takes its implied space and a byte-level BPE
// sees " word" as one pre-token), and the word's tokens are those that end inside or at the end of the word.
// Of these, zero-width tokens (case and no-space markers) and tokens whose text is only whitespace (a space
// token) are dropped: what remains are the word's *content tokens*.
//   whole word      exactly one content token.
//   segmentation    the offsets where content tokens end strictly inside the word, relative to the word's
//                   start, in UTF-16 units. A byte-level token that ends inside a multi-byte character
//                   already spans to the character's end (text/byteSpans.ts), so such a cut counts at the
//                   character's end; cuts that coincide merge.
import type { EncodedToken } from '../../api/contract';
import type { TextTokenizer } from '../tokenizers';

const PREFIX = 'a ';

export function contentTokens(tokens: readonly EncodedToken[], wordStart: number): EncodedToken[] {
  return tokens.filter((t) => t.end > wordStart && t.end > t.start && t.text.trim() !== '');
}

/** Cut offsets strictly inside [wordStart, wordEnd), relative to wordStart, ascending and distinct. */
export function cutsInside(tokens: readonly EncodedToken[], wordStart: number, wordEnd: number): number[] {
  const cuts = new Set<number>();
  for (const t of contentTokens(tokens, wordStart)) if (t.end > wordStart && t.end < wordEnd) cuts.add(t.end - wordStart);
  return [...cuts].sort((a, b) => a - b);
}

export function segmentsAt(word: string, cuts: readonly number[]): string[] {
  const out: string[] = [];
  let from = 0;
  for (const c of [...cuts, word.length]) {
    out.push(word.slice(from, c));
    from = c;
  }
  return out;
}

/** Per-tokenizer word views, cached by word (words repeat a lot in running text). */
export class WordView {
  private readonly cache = new Map<string, EncodedToken[]>();
  constructor(private readonly tok: TextTokenizer) {}

  private tokensOf(word: string): EncodedToken[] {
    let toks = this.cache.get(word);
    if (!toks) {
      toks = this.tok.encode(PREFIX + word);
      if (this.cache.size > 200_000) this.cache.clear();
      this.cache.set(word, toks);
    }
    return toks;
  }

  isWhole(word: string): boolean {
    return contentTokens(this.tokensOf(word), PREFIX.length).length === 1;
  }

  segments(word: string): string[] {
    return segmentsAt(word, cutsInside(this.tokensOf(word), PREFIX.length, PREFIX.length + word.length));
  }
}
