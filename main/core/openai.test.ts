import { describe, expect, it } from 'vitest';
import { getEncoding } from 'js-tiktoken';
import { openAiTokenizer } from './openai';

describe('OpenAI encodings', () => {
  it("gives js-tiktoken's ids, with offsets that tile the text, and decodes back", async () => {
    const text = 'Kitaplarımızdan geliyoruz, İstanbul’da 1.250,75 TL!\n\tÇok güzel 🙂 <|endoftext|>';
    for (const name of ['o200k_base', 'cl100k_base'] as const) {
      const tok = await openAiTokenizer(name);
      const tokens = tok.encode(text);
      expect(tokens.map((t) => t.id)).toEqual(getEncoding(name).encode(text, [], []));
      expect(tok.decode(tokens.map((t) => t.id))).toBe(text);
      expect(tokens[0].byteStart).toBe(0);
      expect(tokens.at(-1)!.byteEnd).toBe(Buffer.byteLength(text));
      for (let i = 1; i < tokens.length; i++) expect(tokens[i].byteStart).toBe(tokens[i - 1].byteEnd);
    }
  });

  it('refuses ids outside the encoding', async () => {
    const tok = await openAiTokenizer('cl100k_base');
    expect(() => tok.decode([10_000_000])).toThrow(/not in this encoding/);
  });
});
