import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { BpeTokenizer } from './tokenizer';
import { trainBpe } from './trainer';
import { PRETOKENIZER_PRESETS, compilePattern, pretokenize } from './pretokenize';
import { bytesToToken } from './bytelevel';
import type { BpeModel } from './types';

const fixture = readFileSync(new URL('../../../fixtures/bpe/mixed.txt', import.meta.url), 'utf8');
const SPECIALS = ['<|endoftext|>', '<pad>'];

function train(preset: 'gpt2' | 'gpt4o', vocabSize: number, text = fixture): BpeModel {
  const pattern = PRETOKENIZER_PRESETS[preset];
  const re = compilePattern(pattern);
  const counts = new Map<string, number>();
  for (const s of pretokenize(text, re)) counts.set(text.slice(s.start, s.end), (counts.get(text.slice(s.start, s.end)) ?? 0) + 1);
  return trainBpe(counts, { vocabSize, minFrequency: 1, pattern, specialTokens: SPECIALS }).model;
}

/** GPT-2's original loop: merge every occurrence of the lowest-ranked pair, until none is left. */
function referenceEncodePiece(model: BpeModel, piece: string): string[] {
  const rank = new Map(model.merges.map(([a, b], i) => [`${a} ${b}`, i]));
  let parts = [...bytesToToken(new TextEncoder().encode(piece))];
  for (;;) {
    let best = -1;
    for (let i = 0; i + 1 < parts.length; i++) {
      const r = rank.get(`${parts[i]} ${parts[i + 1]}`);
      if (r !== undefined && (best < 0 || r < best)) best = r;
    }
    if (best < 0) return parts;
    const [a, b] = model.merges[best];
    const next: string[] = [];
    for (let i = 0; i < parts.length; i++) {
      if (i + 1 < parts.length && parts[i] === a && parts[i + 1] === b) {
        next.push(a + b);
        i++;
      } else next.push(parts[i]);
    }
    parts = next;
  }
}

/** Character spans run left to right over the whole text; tokens inside one character share its span. */
function expectCharSpans(text: string, tokens: { start: number; end: number }[]): void {
  let prevStart = 0;
  let prevEnd = 0;
  for (const t of tokens) {
    expect(t.start).toBeGreaterThanOrEqual(prevStart);
    expect(t.start).toBeLessThanOrEqual(prevEnd);
    expect(t.end).toBeGreaterThanOrEqual(Math.max(prevEnd, t.start + 1));
    prevStart = t.start;
    prevEnd = t.end;
  }
  expect(prevEnd).toBe(text.length);
}

const models = { gpt2: train('gpt2', 258 + 700), gpt4o: train('gpt4o', 258 + 700) };
const toks = { gpt2: new BpeTokenizer(models.gpt2), gpt4o: new BpeTokenizer(models.gpt4o) };

describe('BpeTokenizer', () => {
  it('encodes frequent words of the training text as single tokens', () => {
    const tok = toks.gpt4o;
    const ids = tok.encodeIds(' evlerimiz');
    expect(ids.length).toBeLessThanOrEqual(2);
    expect(tok.decode(ids)).toBe(' evlerimiz');
  });

  it('matches the GPT-2 reference merge loop on every pre-token', () => {
    for (const preset of ['gpt2', 'gpt4o'] as const) {
      const model = models[preset];
      const re = compilePattern(model.pattern);
      const text = fixture + ' aaaaaaa ğğğğ ıııı 1111111 ====== ';
      const expected = pretokenize(text, re).flatMap((s) => referenceEncodePiece(model, text.slice(s.start, s.end)));
      expect(toks[preset].encode(text).map((t) => t.token)).toEqual(expected);
    }
  });

  it('gives exact UTF-16 and UTF-8 offsets, widening tokens that split a character', () => {
    // Only bytes, no merges: every multi-byte character becomes several byte tokens.
    const bare = new BpeTokenizer({ pattern: PRETOKENIZER_PRESETS.gpt4o, specials: [], vocab: bytesToToken(Uint8Array.from({ length: 256 }, (_, i) => i)).split(''), merges: [] });
    const text = 'aş🙂';
    const toksOut = bare.encode(text);
    expect(toksOut.map((t) => [t.start, t.end, t.byteStart, t.byteEnd])).toEqual([
      [0, 1, 0, 1],
      [1, 2, 1, 2],
      [1, 2, 2, 3],
      [2, 4, 3, 4],
      [2, 4, 4, 5],
      [2, 4, 5, 6],
      [2, 4, 6, 7],
    ]);
    expect(toksOut[1].text).toBe('\ufffd');
    expect(toksOut[0]).toMatchObject({ text: 'a', token: 'a', type: 'byte' });
    expect(toksOut.every((t, i) => i === 0 || t.type === 'byte')).toBe(true);
  });

  it('tiles the input: offsets are contiguous and texts reassemble it', () => {
    const tok = toks.gpt4o;
    const text = 'Öğrenciler<pad>ödüllerini 🙂 aldı.<|endoftext|>\r\n\tSon';
    const out = tok.encode(text);
    let byte = 0;
    for (const t of out) {
      expect(t.byteStart).toBe(byte);
      byte = t.byteEnd;
    }
    expect(byte).toBe(new TextEncoder().encode(text).length);
    expectCharSpans(text, out);
    expect(out.filter((t) => t.type === 'special').map((t) => [t.id, t.text, text.slice(t.start, t.end)])).toEqual([
      [1, '<pad>', '<pad>'],
      [0, '<|endoftext|>', '<|endoftext|>'],
    ]);
    // A token that splits a character shows U+FFFD; whole-character tokens show their exact text.
    for (const t of out) {
      if (t.text.includes('\ufffd')) expect(text.slice(t.start, t.end)).not.toContain('\ufffd');
      else expect(text.slice(t.start, t.end)).toBe(t.text);
    }
    expect(out.map((t) => t.id)).toEqual(tok.encodeIds(text));
  });

  it('rejects lone surrogates with the offset', () => {
    expect(() => toks.gpt2.encode('abc def ghi \ud83d!')).toThrow('lone surrogate U+D83D at offset 12 cannot be encoded as UTF-8');
    expect(() => toks.gpt2.encodeIds('x\udc00')).toThrow('lone surrogate U+DC00 at offset 1');
  });

  it('rejects unknown ids when decoding', () => {
    expect(() => toks.gpt2.decode([5, 958])).toThrow('token id 958 is not in the vocabulary (ids are 0..957)');
    expect(() => toks.gpt2.decode([-1])).toThrow(/token id -1/);
  });

  it('types and renders tokens', () => {
    const tok = toks.gpt4o;
    expect(tok.tokenType(0)).toBe('special');
    expect(tok.tokenText(1)).toBe('<pad>');
    expect(tok.tokenType(2 + 0x41)).toBe('byte');
    expect(tok.tokenText(2 + 0x41)).toBe('A');
    expect(tok.tokenText(2 + 0xc5)).toBe('\ufffd');
    expect(tok.tokenType(258)).toBe('merge');
    expect(tok.tokenText(258)).toBe(tok.decode([258]));
    expect(tok.tokenText(258).length).toBeGreaterThan(0);
    expect(() => tok.tokenType(5000)).toThrow(/token id 5000/);
  });

  it('rejects inconsistent models', () => {
    const m = models.gpt2;
    expect(() => new BpeTokenizer({ ...m, merges: [...m.merges, ['q', 'zz']] })).toThrow(/uses "zz", which is not in the vocabulary/);
    expect(() => new BpeTokenizer({ ...m, vocab: m.vocab.filter((t) => t !== 'Ġ') })).toThrow(/lacks the byte token for 0x20/);
  });

  const whitespace = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u0085', '\u3000', '\ufeff'), maxLength: 8 });
  const pieces = fc.array(
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 12 }),
      whitespace,
      fc.constantFrom(...SPECIALS, '<|endof', 'evlerimizden', ' kitap', "'s", '123456'),
    ),
    { maxLength: 10 },
  );
  for (const preset of ['gpt2', 'gpt4o'] as const) {
    it(`decode(encode(x)) === x for any well-formed string (${preset})`, () => {
      const tok = toks[preset];
      expect(tok.decode(tok.encodeIds(''))).toBe('');
      fc.assert(
        fc.property(pieces, (parts) => {
          const text = parts.join('');
          expect(tok.decode(tok.encodeIds(text))).toBe(text);
          expectCharSpans(text, tok.encode(text));
        }),
        { numRuns: 400 },
      );
    });
  }
});
