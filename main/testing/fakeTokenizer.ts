// A tiny greedy longest-match tokenizer over a fixed vocabulary, for tests that need token counts and cuts
// worked out by hand. Token ids are vocabulary indexes; a character the vocabulary lacks is an error.
import type { EncodedToken } from '../api/contract';
import type { TextTokenizer } from '../core/tokenizers';

export function fakeTokenizer(vocab: readonly string[], opts: { lossy?: boolean } = {}): TextTokenizer {
  const byLength = vocab.map((v, id) => ({ v, id })).sort((a, b) => b.v.length - a.v.length);
  return {
    kind: 'bpe',
    vocabSize: vocab.length,
    encode(text: string): EncodedToken[] {
      const out: EncodedToken[] = [];
      let i = 0;
      let bytes = 0;
      while (i < text.length) {
        const hit = byLength.find((e) => e.v.length > 0 && text.startsWith(e.v, i));
        if (!hit) throw new Error(`no token for ${JSON.stringify(text[i])}`);
        const len = Buffer.byteLength(hit.v);
        out.push({ id: hit.id, token: hit.v, text: hit.v, type: 'merge', start: i, end: i + hit.v.length, byteStart: bytes, byteEnd: bytes + len });
        i += hit.v.length;
        bytes += len;
      }
      return out;
    },
    decode: (ids) => ids.map((id) => (opts.lossy ? vocab[id].toLowerCase() : vocab[id])).join(''),
    tokenType: () => 'merge',
    tokenText: (id) => vocab[id],
  };
}
