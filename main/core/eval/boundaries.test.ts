import { describe, expect, it } from 'vitest';
import { bestAlternative, goldScores } from './boundaries';

describe('boundary scores against gold with alternatives', () => {
  it('picks the alternative with the highest word F1, ties to the first', () => {
    // predicted ev|ler|in|de: boundaries {2, 5, 7}
    // alt A ev|ler|i|n|de {2,5,6,7}: tp 3, P 1, R 3/4, F1 6/7 = 0.857
    // alt B ev|ler|in|de  {2,5,7}:   exact, F1 1 -> B
    const A = ['ev', 'ler', 'i', 'n', 'de'];
    const B = ['ev', 'ler', 'in', 'de'];
    expect(bestAlternative([A, B], ['ev', 'ler', 'in', 'de'])).toBe(B);
    // predicted ev|lerinde {2}: A gives P 1 R 1/4 F1 0.4, B gives P 1 R 1/3 F1 0.5 -> B
    expect(bestAlternative([A, B], ['ev', 'lerinde'])).toBe(B);
    // predicted evlerinde (no boundaries): F1 0 for both -> the first
    expect(bestAlternative([A, B], ['evlerinde'])).toBe(A);
  });

  it('pools the chosen pairs: micro over counts, macro over words', () => {
    const items = [
      { word: 'kitaplar', alternatives: [['kitap', 'lar']] },
      { word: 'evde', alternatives: [['ev', 'de'], ['evde']] },
    ];
    // kitaplar -> kit|ap|lar {3,5} vs gold {5}: tp 1, fp 1, fn 0 (P 0.5 R 1 F1 2/3)
    // evde -> evde {} : alt 1 gives F1 0 (R 0), alt 2 gives P 1 R 1 F1 1 -> alt 2, exact
    const seg: Record<string, string[]> = { kitaplar: ['kit', 'ap', 'lar'], evde: ['evde'] };
    const s = goldScores(items, (w) => seg[w]);
    expect(s).toMatchObject({ words: 2, tp: 1, fp: 1, fn: 0, overSegmented: 1, underSegmented: 0, exact: 1 });
    // micro P = 1/2, R = 1/1, F1 = 2/3; macro P = (0.5 + 1)/2 = 0.75, R = 1, F1 = (2/3 + 1)/2 = 5/6
    expect(s.micro.precision).toBeCloseTo(0.5, 10);
    expect(s.micro.f1).toBeCloseTo(2 / 3, 10);
    expect(s.macro.precision).toBeCloseTo(0.75, 10);
    expect(s.macro.f1).toBeCloseTo(5 / 6, 10);
  });
});
