import { it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { trainBpe } from '../bpe/trainer';
import { BpeTokenizer } from '../bpe/tokenizer';
import { compilePattern, pretokenize, PRETOKENIZER_PRESETS } from '../bpe/pretokenize';
import type { BpeModel } from '../bpe/types';
import { encodeIdsNative, encodeTokensNative, nativeEncoderFor } from './encode';
import { nativeAddon } from './load';
import { describeNative, memoryGrowth } from './testSupport';

const sample = readFileSync(new URL('../../../samples/tr/sample.txt', import.meta.url), 'utf8');

function train(pattern: string, vocabSize: number, specialTokens: string[]): BpeModel {
  const re = compilePattern(pattern);
  const counts = new Map<string, number>();
  for (const s of pretokenize(sample, re)) {
    const p = sample.slice(s.start, s.end);
    counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  return trainBpe(counts, { vocabSize, minFrequency: 2, pattern, specialTokens }).model;
}

const models = {
  gpt4o: train(PRETOKENIZER_PRESETS.gpt4o, 3000, ['<|endoftext|>', '<|end|>', '<pad>']),
  gpt2: train(PRETOKENIZER_PRESETS.gpt2, 2000, ['<|endoftext|>']),
};

const text = fc
  .array(
    fc.oneof(
      fc.constantFrom('kitap', 'lar', 'ımız', ' getirdik', '<|endoftext|>', '<|end|>', '<|end', '<pad>', "'s", ' ', '\n', '\r\n', '\t', '  ', '123', '😀', 'İ', '\u0301', '.'),
      fc.integer({ min: 0, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff).map((c) => String.fromCodePoint(c)),
    ),
    { maxLength: 40 },
  )
  .map((a) => a.join(''));

describeNative('native encoding is identical to BpeTokenizer.encodeIds', () => {
  it('on the bundled sample and on random text, for both presets, with specials', () => {
    for (const model of Object.values(models)) {
      const ts = new BpeTokenizer(model);
      expect(encodeIdsNative(model, sample)).toEqual(ts.encodeIds(sample));
      fc.assert(
        fc.property(text, (t) => {
          expect(encodeIdsNative(model, t)).toEqual(ts.encodeIds(t));
        }),
        { numRuns: 1500 },
      );
    }
  });

  it('gives byte lengths that match the reference offsets', () => {
    const model = models.gpt4o;
    const ts = new BpeTokenizer(model);
    const t = 'Kitaplarımızı <|end|>getirdik 😀.\n';
    const { ids, lens } = nativeEncoderFor(model)!.encodeWithLengths(t);
    const ref = ts.encode(t);
    expect([...ids]).toEqual(ref.map((x) => x.id));
    expect([...lens]).toEqual(ref.map((x) => x.byteEnd - x.byteStart));
  });

  it('gives the reference tokens with offsets, partial characters and specials included', () => {
    for (const model of Object.values(models)) {
      const ts = new BpeTokenizer(model);
      expect(encodeTokensNative(model, sample.slice(0, 20000))).toEqual(ts.encode(sample.slice(0, 20000)));
      fc.assert(
        fc.property(text, (t) => {
          expect(encodeTokensNative(model, t)).toEqual(ts.encode(t));
        }),
        { numRuns: 500 },
      );
    }
  });

  it("keeps a whole pre-token with Hugging Face's ignore_merges", () => {
    const model: BpeModel = { ...models.gpt2, ignoreMerges: true };
    const ts = new BpeTokenizer(model);
    expect(encodeIdsNative(model, sample.slice(0, 5000))).toEqual(ts.encodeIds(sample.slice(0, 5000)));
  });

  it('leaves custom patterns to the TypeScript encoder', () => {
    expect(nativeEncoderFor({ ...models.gpt2, pattern: '\\S+|\\s+' })).toBeNull();
  });

  it('throws for lone surrogates and malformed models, never crashes', () => {
    expect(() => encodeIdsNative(models.gpt4o, 'ab\udc00')).toThrow('lone surrogate U+DC00 at offset 2 cannot be encoded as UTF-8');
    const enc = nativeEncoderFor(models.gpt4o)!;
    expect(() => (enc.encodeIds as (x: unknown) => unknown)(12)).toThrow(TypeError);
    const E = nativeAddon()!.Encoder as unknown as new (m: unknown) => unknown;
    const ok = { preset: 'gpt4o', byteIds: new Uint32Array(256), left: new Uint32Array(0), right: new Uint32Array(0), result: new Uint32Array(0), specials: [], specialIds: new Uint32Array(0), ignoreMerges: false };
    expect(() => new E(ok)).not.toThrow();
    expect(() => new E(undefined)).toThrow();
    expect(() => new E({ ...ok, preset: 'x' })).toThrow();
    expect(() => new E({ ...ok, byteIds: new Uint32Array(3) })).toThrow();
    expect(() => new E({ ...ok, left: new Uint32Array(2) })).toThrow();
    expect(() => new E({ ...ok, specials: ['a'] })).toThrow();
    expect(() => new E({ ...ok, specials: [''], specialIds: Uint32Array.of(0) })).toThrow();
    expect(() => new E({ ...ok, specials: [5], specialIds: Uint32Array.of(0) })).toThrow();
    expect(() => new E({ ...ok, ignoreMerges: true })).toThrow();
    expect(() => new E({ ...ok, ignoreMerges: true, tokenBytes: new Uint8Array(1), tokenLens: Uint32Array.of(5), tokenIds: Uint32Array.of(1) })).toThrow();
  });

  it('does not grow memory over repeated encoders and encodes', async () => {
    const run = () => {
      const model = { ...models.gpt4o };
      const enc = nativeEncoderFor(model)!;
      for (let i = 0; i < 3; i++) enc.encodeIds(sample);
    };
    const grew = await memoryGrowth(run);
    expect(grew.arrayBuffers).toBeLessThan(16 << 20);
    expect(grew.rss).toBeLessThan(128 << 20);
  });
});
