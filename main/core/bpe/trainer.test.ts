import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { trainBpe, TrainingCancelled } from './trainer';
import { bytesToToken } from './bytelevel';
import { PRETOKENIZER_PRESETS } from './pretokenize';
import type { BpeTrainOptions } from './types';

const opts = (o: Partial<BpeTrainOptions>): BpeTrainOptions => ({
  vocabSize: 1000,
  minFrequency: 1,
  pattern: PRETOKENIZER_PRESETS.gpt2,
  specialTokens: [],
  ...o,
});

/** Textbook BPE, recounting every pair at every step; the spec the fast trainer must match. */
function referenceMerges(counts: [string, number][], budget: number, minFrequency: number, specials: string[] = []): string[][] {
  const enc = new TextEncoder();
  const words = counts.map(([w, n]) => ({ syms: Array.from(enc.encode(w), (b) => [b]), n }));
  const key = (s: number[]) => bytesToToken(Uint8Array.from(s));
  const taken = new Set<string>([...Array.from({ length: 256 }, (_, b) => key([b])), ...specials]);
  const cmp = (x: number[], y: number[]) => {
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
    return x.length - y.length;
  };
  const merges: string[][] = [];
  while (merges.length < budget) {
    const pairs = new Map<string, { a: number[]; b: number[]; n: number }>();
    for (const w of words) {
      for (let i = 0; i + 1 < w.syms.length; i++) {
        const k = key(w.syms[i]) + '\u0000' + key(w.syms[i + 1]);
        const p = pairs.get(k) ?? { a: w.syms[i], b: w.syms[i + 1], n: 0 };
        p.n += w.n;
        pairs.set(k, p);
      }
    }
    let best: { a: number[]; b: number[]; n: number } | null = null;
    for (const p of pairs.values()) {
      if (taken.has(key([...p.a, ...p.b]))) continue;
      if (!best || p.n > best.n || (p.n === best.n && (cmp(p.a, best.a) < 0 || (cmp(p.a, best.a) === 0 && cmp(p.b, best.b) < 0)))) best = p;
    }
    if (!best || best.n < minFrequency) break;
    const { a, b } = best;
    const ka = key(a);
    const kb = key(b);
    merges.push([ka, kb]);
    taken.add(ka + kb);
    for (const w of words) {
      const out: number[][] = [];
      for (let i = 0; i < w.syms.length; i++) {
        if (i + 1 < w.syms.length && key(w.syms[i]) === ka && key(w.syms[i + 1]) === kb) {
          out.push([...a, ...b]);
          i++;
        } else out.push(w.syms[i]);
      }
      w.syms = out;
    }
  }
  return merges;
}

describe('trainBpe', () => {
  it('learns the hand-computed merges of a toy corpus', () => {
    // "ab" x3, "abc" x2, "bc" x1. Pair counts: a+b = 3+2 = 5, b+c = 2+1 = 3  -> merge 1: a+b.
    // Now ab x3, ab|c x2, b|c x1: ab+c = 2, b+c = 1                          -> merge 2: ab+c.
    // Left: b|c x1                                                          -> merge 3: b+c.
    // Then every pre-token is one token: stop early after 3 merges.
    const { model, stats } = trainBpe(
      [['ab', 3], ['abc', 2], ['bc', 1]],
      opts({ vocabSize: 300, specialTokens: ['<s>'] }),
    );
    expect(model.merges).toEqual([['a', 'b'], ['ab', 'c'], ['b', 'c']]);
    expect(model.vocab.length).toBe(1 + 256 + 3);
    expect(model.vocab[0]).toBe('<s>');
    expect(model.vocab[1]).toBe('\u0100'); // byte 0
    expect(model.vocab[1 + 0x20]).toBe('Ġ');
    expect(model.vocab.slice(257)).toEqual(['ab', 'abc', 'bc']);
    expect(model.specials).toEqual([{ id: 0, content: '<s>' }]);
    expect(stats.merges).toBe(3);
    expect(stats.stoppedEarly?.atMerges).toBe(3);
    expect(stats.stoppedEarly?.reason).toMatch(/No pairs were left/);
    expect(stats.pretokenTypes).toBe(3);
    expect(stats.pretokenTotal).toBe(6);
  });

  it('counts pairs inside multi-byte characters and across repeated symbols', () => {
    // " şş" = 20 C5 9F C5 9F, x4. Pairs: (20,C5) 4, (C5,9F) 8, (9F,C5) 4 -> merge 1: C5+9F ("ş").
    // Then Ġ|ş|ş: (Ġ,ş) 4, (ş,ş) 4; tie on count, left byte strings 20 < C5 9F -> merge 2: Ġ+ş.
    // Then Ġş|ş: merge 3: Ġş+ş.
    const { model } = trainBpe([[' şş', 4]], opts({ vocabSize: 256 + 3 }));
    const s = bytesToToken(new TextEncoder().encode('ş'));
    expect(model.merges).toEqual([[s[0], s[1]], ['Ġ', s], ['Ġ' + s, s]]);
  });

  it('breaks count ties by the left token, then the right token, as raw bytes (a prefix is smaller)', () => {
    // Space (0x20, shown as "Ġ" = U+0120) sorts before "A" (0x41) as a byte though not as a string.
    expect(trainBpe([['Ax', 1], [' x', 1]], opts({ vocabSize: 257 })).model.merges).toEqual([['Ġ', 'x']]);
    // Same left token: the smaller right token wins.
    expect(trainBpe([['ac', 2], ['ab', 2]], opts({ vocabSize: 257 })).model.merges).toEqual([['a', 'b']]);
    // "ab" x10 -> merge a+b. Then ab+d = 2 and a+d = 2: left "a" is a prefix of "ab", so a+d first.
    const { model } = trainBpe([['ab', 10], ['abd', 2], ['ad', 2]], opts({ vocabSize: 259 }));
    expect(model.merges).toEqual([['a', 'b'], ['a', 'd'], ['ab', 'd']]);
  });

  it('applies a merge left to right without overlap', () => {
    // "aaaa" x1, "aaa" x1: a+a = 3 + 2 = 5 -> aa|aa and aa|a. Then aa+aa = 1, aa+a = 1; tie: left equal,
    // right "a" is a prefix of "aa" -> aa+a first, then aa+aa.
    const { model } = trainBpe([['aaaa', 1], ['aaa', 1]], opts({ vocabSize: 259 }));
    expect(model.merges).toEqual([['a', 'a'], ['aa', 'a'], ['aa', 'aa']]);
  });

  it('stops at minFrequency and says why', () => {
    const { model, stats } = trainBpe([['ab', 3], ['abc', 2], ['bc', 1]], opts({ vocabSize: 300, minFrequency: 2 }));
    expect(model.merges).toEqual([['a', 'b'], ['ab', 'c']]);
    expect(model.vocab.length).toBe(258);
    expect(stats.stoppedEarly).toEqual({
      reason: 'Stopped after 2 merges: the most frequent remaining pair occurs 1 time, below the minimum frequency of 2.',
      atMerges: 2,
    });
  });

  it('uses the whole budget when the corpus allows, with vocabSize = specials + 256 + merges exactly', () => {
    const { model, stats } = trainBpe([['abcdef', 5], ['abcxyz', 3]], opts({ vocabSize: 2 + 256 + 4, specialTokens: ['<a>', '<b>'] }));
    expect(model.vocab.length).toBe(262);
    expect(model.merges.length).toBe(4);
    expect(stats.stoppedEarly).toBeNull();
    expect(new Set(model.vocab).size).toBe(model.vocab.length);
  });

  it('rejects a budget smaller than specials + 256, explaining the split', () => {
    expect(() => trainBpe([['ab', 1]], opts({ vocabSize: 257, specialTokens: ['<a>', '<b>'] }))).toThrow(
      /vocabulary size 257 is too small: .*2 special tokens \+ 256 byte tokens, so the minimum is 258/,
    );
  });

  it('rejects duplicate, empty and byte-colliding specials', () => {
    expect(() => trainBpe([], opts({ specialTokens: ['<s>', '<s>'] }))).toThrow(/"<s>" is listed twice/);
    expect(() => trainBpe([], opts({ specialTokens: [''] }))).toThrow(/cannot be the empty string/);
    expect(() => trainBpe([], opts({ specialTokens: ['a'] }))).toThrow(/same string as a byte token/);
    expect(() => trainBpe([], opts({ specialTokens: ['\ud800'] }))).toThrow(/lone surrogate/);
  });

  it('rejects bad counts and bad patterns', () => {
    expect(() => trainBpe([['ab', -1]], opts({}))).toThrow(/invalid count -1/);
    expect(() => trainBpe([['ab', 1.5]], opts({}))).toThrow(/invalid count 1.5/);
    expect(() => trainBpe([['ab', 1]], opts({ pattern: '(' }))).toThrow(/not a valid regular expression/);
  });

  it('sums duplicate pre-tokens', () => {
    const a = trainBpe([['ab', 1], ['cd', 2], ['ab', 2]], opts({ vocabSize: 258 })).model;
    expect(a.merges).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('skips a pair whose concatenation is already a token (here a special), keeping tokens unique', () => {
    const { model, stats } = trainBpe([['ab', 5], ['cd', 1]], opts({ vocabSize: 258, specialTokens: ['ab'] }));
    expect(model.merges).toEqual([['c', 'd']]);
    expect(stats.duplicatePairsSkipped).toBe(1);
  });

  it('matches the textbook algorithm on random corpora', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'ş', ' '), minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(fc.array(fc.tuple(word, fc.integer({ min: 1, max: 6 })), { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 3 }), (counts, minF) => {
        const merged = new Map<string, number>();
        for (const [w, n] of counts) merged.set(w, (merged.get(w) ?? 0) + n);
        const { model } = trainBpe(counts, opts({ vocabSize: 256 + 40, minFrequency: minF }));
        expect(model.merges).toEqual(referenceMerges([...merged], 40, minF));
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: shuffled input gives a byte-identical model', () => {
    const text = 'kitap kitaplar kitaplarımız evler evlerimiz gelecekler geleceğimiz okul okullar okulda 2024 2025!'.repeat(3);
    const counts = new Map<string, number>();
    for (const m of text.matchAll(new RegExp(PRETOKENIZER_PRESETS.gpt4o, 'gu'))) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
    const entries = [...counts];
    const base = JSON.stringify(trainBpe(entries, opts({ vocabSize: 330 })).model);
    let seed = 7;
    for (let round = 0; round < 5; round++) {
      const shuffled = [...entries];
      for (let i = shuffled.length - 1; i > 0; i--) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        const j = seed % (i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
      }
      expect(JSON.stringify(trainBpe(shuffled, opts({ vocabSize: 330 })).model)).toBe(base);
    }
  });

  it('reports progress about every 1% and can be cancelled', () => {
    const counts: [string, number][] = [];
    for (let i = 0; i < 3000; i++) counts.push([`w${i.toString(36)}x${(i * 7919).toString(36)}`, 1 + (i % 5)]);
    const seen: number[] = [];
    const { stats } = trainBpe(counts, opts({ vocabSize: 256 + 500 }), {
      onProgress: (p) => {
        expect(p.phase).toBe('merging');
        expect(p.total).toBe(500);
        seen.push(p.done);
      },
    });
    expect(stats.merges).toBe(500);
    expect(seen.length).toBe(100);
    expect(seen[seen.length - 1]).toBe(500);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));

    let calls = 0;
    expect(() =>
      trainBpe(counts, opts({ vocabSize: 256 + 500 }), { shouldStop: () => ++calls >= 3 }),
    ).toThrow(TrainingCancelled);
    expect(calls).toBe(3);
  });
});
