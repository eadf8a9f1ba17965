import { describe, expect, it } from 'vitest';
import { trainBpe } from './trainer';
import { MergeTracer } from './trace';

describe('merge trace', () => {
  it('lists the merges that build a token, by rank', () => {
    // "kitap" x3, "kit" x2. Pairs k+i and i+t both count 5; the tie goes to the smaller left token ("i" < "k"):
    // i+t, then k+it (5); then a+p and kit+a both count 3, "a" < "kit": a+p, then kit+ap.
    const { model } = trainBpe(new Map([['kitap', 3], ['kit', 2]]), { vocabSize: 256 + 4, minFrequency: 1, pattern: '[\\s\\S]+', specialTokens: [] });
    const tracer = new MergeTracer(model);
    const kitap = model.vocab[model.vocab.length - 1];
    expect(tracer.trace(kitap).map((s) => `${s.left}+${s.right}=${s.result}`)).toEqual(['i+t=it', 'k+it=kit', 'a+p=ap', 'kit+ap=kitap']);
    expect(tracer.trace('k')).toEqual([]);
  });
});
