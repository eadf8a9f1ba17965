import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { trainBpe, TrainingCancelled } from '../bpe/trainer';
import { compilePattern, pretokenize, PRETOKENIZER_PRESETS } from '../bpe/pretokenize';
import type { BpeTrainOptions } from '../bpe/types';
import { trainBpeNative, trainBpeNativeSync, packPretokens } from './train';
import { nativeAddon } from './load';
import { describeNative, memoryGrowth } from './testSupport';

const opts = (o: Partial<BpeTrainOptions>): BpeTrainOptions => ({
  vocabSize: 1000,
  minFrequency: 1,
  pattern: PRETOKENIZER_PRESETS.gpt4o,
  specialTokens: [],
  ...o,
});

function countPieces(text: string, pattern: string): Map<string, number> {
  const re = compilePattern(pattern);
  const out = new Map<string, number>();
  for (const s of pretokenize(text, re)) {
    const p = text.slice(s.start, s.end);
    out.set(p, (out.get(p) ?? 0) + 1);
  }
  return out;
}

async function expectSame(counts: [string, number][], o: BpeTrainOptions): Promise<void> {
  const ts = trainBpe(counts, o);
  const nat = await trainBpeNative(counts, o);
  expect(nat.model).toEqual(ts.model);
  expect({ ...nat.stats, trainingMs: 0 }).toEqual({ ...ts.stats, trainingMs: 0 });
  const sync = trainBpeNativeSync(counts, o);
  expect(sync.model).toEqual(ts.model);
  expect({ ...sync.stats, trainingMs: 0 }).toEqual({ ...ts.stats, trainingMs: 0 });
}

describeNative('native BPE training is identical to trainBpe', () => {
  it('on toy corpora: ties, overlapping pairs, early stops, specials in the byte alphabet', async () => {
    await expectSame([['aaaa', 3], ['aaa', 2], ['ab', 5], ['ba', 5]], opts({ vocabSize: 270 }));
    await expectSame([['low', 5], ['lower', 2], ['newest', 6], ['widest', 3]], opts({ vocabSize: 300 }));
    // every pre-token ends up one token: stops early, saying so
    await expectSame([['abc', 1], ['x', 4]], opts({ vocabSize: 400 }));
    // the minimum frequency stops it
    await expectSame([['hello', 3], ['help', 2], ['yo', 1]], opts({ vocabSize: 400, minFrequency: 2 }));
    // 'ab' written as a special token: the pair a+b is skipped as a duplicate
    await expectSame([['ab', 10], ['abab', 3], ['ba', 2]], opts({ vocabSize: 280, specialTokens: ['ab', '<|end|>'] }));
    // duplicate keys are summed; zero counts dropped
    await expectSame([['ab', 1], ['ab', 2], ['cd', 0], ['çğ', 2]], opts({ vocabSize: 270 }));
    // a budget of zero merges
    await expectSame([['ab', 1]], opts({ vocabSize: 256 }));
  });

  it('on random corpora over every plane, with whitespace runs and long words', async () => {
    const char = fc.oneof(
      fc.constantFrom('a', 'b', ' ', '\n', '\t', 'ş', 'İ', 'ı', '\u0301', '😀', '𝐀', '\u3000', '\u00a0'),
      fc.integer({ min: 0, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff).map((c) => String.fromCodePoint(c)),
    );
    const word = fc.array(char, { minLength: 1, maxLength: 12 }).map((a) => a.join(''));
    const longWord = fc.array(fc.constantFrom('a', 'b', 'ab', 'ğ'), { minLength: 50, maxLength: 300 }).map((a) => a.join(''));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.oneof(word, word, word, longWord), fc.integer({ min: 0, max: 50 })), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 256, max: 700 }),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        async (counts, vocab, minFrequency, withSpecial) => {
          const specialTokens = withSpecial ? ['<s>', 'ab'] : [];
          await expectSame(counts, opts({ vocabSize: Math.max(vocab, 256 + specialTokens.length), minFrequency, specialTokens }));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('on the bundled Turkish sample, with both presets', async () => {
    const text = readFileSync(new URL('../../../samples/tr/sample.txt', import.meta.url), 'utf8');
    for (const pattern of [PRETOKENIZER_PRESETS.gpt4o, PRETOKENIZER_PRESETS.gpt2]) {
      const counts = [...countPieces(text, pattern)];
      await expectSame(counts, opts({ vocabSize: 4000, minFrequency: 2, pattern, specialTokens: ['<|endoftext|>'] }));
    }
  });

  it('reports progress and stops on cancel with TrainingCancelled', async () => {
    const text = readFileSync(new URL('../../../samples/tr/sample.txt', import.meta.url), 'utf8');
    const counts = countPieces(text, PRETOKENIZER_PRESETS.gpt4o);
    const seen: number[] = [];
    await trainBpeNative(counts, opts({ vocabSize: 1256 }), { onProgress: (p) => seen.push(p.done) });
    // coalesced while the event loop is busy, so fewer than 100 may arrive; always rising, always the last
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((d, i) => i === 0 || d > seen[i - 1])).toBe(true);
    expect(seen[seen.length - 1]).toBe(1000);
    await expect(trainBpeNative(counts, opts({ vocabSize: 3000 }), { shouldStop: () => true })).rejects.toBeInstanceOf(TrainingCancelled);
    // the synchronous entry point: every 1% reported, in order; a stop request seen at the next report
    const syncSeen: number[] = [];
    trainBpeNativeSync(counts, opts({ vocabSize: 1256 }), { onProgress: (p) => syncSeen.push(p.done) });
    expect(syncSeen).toEqual(Array.from({ length: 100 }, (_, i) => (i + 1) * 10));
    let calls = 0;
    expect(() => trainBpeNativeSync(counts, opts({ vocabSize: 3000 }), { shouldStop: () => ++calls > 3 })).toThrow(TrainingCancelled);
    expect(calls).toBe(4);
  });

  it('throws the reference errors for unusable options and counts', async () => {
    await expect(trainBpeNative([['ab', 1]], opts({ vocabSize: 10 }))).rejects.toThrow(/vocabulary size/);
    await expect(trainBpeNative([['ab', 1.5]], opts({}))).rejects.toThrow(/invalid count/);
    await expect(trainBpeNative([['ab', -1]], opts({}))).rejects.toThrow(/invalid count/);
  });

  it('refuses malformed arguments from JavaScript with an exception, never a crash', () => {
    const addon = nativeAddon()!;
    const p = packPretokens(new Map([['ab', 1]]));
    const bad: unknown[][] = [
      [],
      ['x', p.lens, p.counts, 10, 1, []],
      [p.bytes, new Int32Array(1), p.counts, 10, 1, []],
      [p.bytes, p.lens, new Float64Array(2), 10, 1, []],
      [p.bytes, Uint32Array.of(99), p.counts, 10, 1, []],
      [p.bytes, Uint32Array.of(0xffffffff), p.counts, 10, 1, []],
      [p.bytes, p.lens, Float64Array.of(NaN), 10, 1, []],
      [p.bytes, p.lens, Float64Array.of(-1), 10, 1, []],
      [p.bytes, p.lens, p.counts, -1, 1, []],
      [p.bytes, p.lens, p.counts, 1e12, 1, []],
      [p.bytes, p.lens, p.counts, 10, 0, []],
      [p.bytes, p.lens, p.counts, 10, 1, [1, 2]],
      [p.bytes, p.lens, p.counts, 10, 1, [], 'not a function'],
    ];
    for (const args of bad) expect(() => (addon.train as (...a: unknown[]) => unknown)(...args)).toThrow();
  });

  it('rejects with the error a progress callback throws, and keeps running', async () => {
    const addon = nativeAddon()!;
    const text = readFileSync(new URL('../../../samples/tr/sample.txt', import.meta.url), 'utf8');
    const p = packPretokens(countPieces(text, PRETOKENIZER_PRESETS.gpt4o));
    const boom = new Error('boom');
    const job = addon.train(p.bytes, p.lens, p.counts, 2000, 1, [], () => {
      throw boom;
    });
    await expect(job.promise).rejects.toBe(boom);
    job.cancel(); // harmless after the end
    expect((await addon.train(p.bytes, p.lens, p.counts, 10, 1, []).promise).left.length).toBe(10);
  });

  it('does not grow memory over repeated training', async () => {
    const text = readFileSync(new URL('../../../samples/tr/sample.txt', import.meta.url), 'utf8');
    const counts = countPieces(text, PRETOKENIZER_PRESETS.gpt4o);
    const o = opts({ vocabSize: 2000 });
    const grew = await memoryGrowth(() => trainBpeNative(counts, o));
    // arrayBuffers hold the addon's results; a leak of one copy per run would add up fast
    expect(grew.arrayBuffers).toBeLessThan(8 << 20);
    expect(grew.rss).toBeLessThan(96 << 20);
  });
});

describe('native training without the addon', () => {
  it('is skipped only outside CI', () => {
    expect(nativeAddon() !== null || !process.env.CI).toBe(true);
  });
});
