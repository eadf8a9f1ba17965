import { describe, expect, it } from 'vitest';
import type { Annotation, AnnotationStatus } from '../../api/contract';
import { agreement, cohenKappa } from './agreement';

const ann = (annotator: string, segs: string, status: AnnotationStatus = 'gold'): Annotation => ({
  annotator,
  segments: segs.split(' '),
  labels: segs.split(' ').map(() => null),
  status,
  note: '',
  updatedAt: '2025-01-01T00:00:00.000Z',
});

describe('agreement', () => {
  it('matches a hand-worked example', () => {
    // Three words, 4 + 4 + 2 = 10 gaps between letters:
    //   evler  A: ev|ler   B: ev|ler   -> gap 2 both cut (n11 = 1), 3 gaps neither
    //   kitap  A: kitap    B: ki|tap   -> gap 2 only B cuts (n01 = 1), 3 gaps neither
    //   oda    A: o|da     B: oda      -> gap 1 only A cuts (n10 = 1), 1 gap neither
    // n11 = 1, n10 = 1, n01 = 1, n00 = 7, N = 10.
    // p_o = (1 + 7) / 10 = 0.8; p_A = 2/10 = 0.2, p_B = 2/10 = 0.2;
    // p_e = 0.2·0.2 + 0.8·0.8 = 0.68; κ = (0.8 − 0.68) / (1 − 0.68) = 0.12 / 0.32 = 0.375.
    // B against A: B's cuts {evler@2, kitap@2}, A's {evler@2, oda@1}: tp 1, fp 1, fn 1 -> P = R = F1 = 0.5.
    // A fourth item B left as draft and A did not annotate, and one A marked disputed, are not shared.
    const items = [
      { word: 'evler', annotations: [ann('A', 'ev ler'), ann('B', 'ev ler')] },
      { word: 'kitap', annotations: [ann('A', 'kitap'), ann('B', 'ki tap', 'draft')] },
      { word: 'oda', annotations: [ann('B', 'oda'), ann('A', 'o da')] },
      { word: 'gel', annotations: [ann('B', 'ge l', 'draft')] },
      { word: 'git', annotations: [ann('A', 'gi t', 'disputed'), ann('B', 'git')] },
    ];
    const r = agreement(items);
    expect(r.annotators).toEqual(['A', 'B']);
    expect(r.pairs).toHaveLength(1);
    const p = r.pairs[0];
    expect(p).toMatchObject({ a: 'A', b: 'B', items: 3, positions: 10, disagreements: 2 });
    expect(p.kappa).toBeCloseTo(0.375, 12);
    expect(p.precision).toBeCloseTo(0.5, 12);
    expect(p.recall).toBeCloseTo(0.5, 12);
    expect(p.f1).toBeCloseTo(0.5, 12);
  });

  it('handles the edge cases', () => {
    // Both never cut: p_e = 1 and they agree fully -> 1.
    expect(cohenKappa(0, 0, 0, 5)).toBe(1);
    expect(cohenKappa(5, 0, 0, 0)).toBe(1);
    expect(cohenKappa(0, 0, 0, 0)).toBe(0);
    // Perfect disagreement on a balanced table: p_o = 0, p_e = 0.5 -> -1.
    expect(cohenKappa(0, 1, 1, 0)).toBe(-1);
    const none = agreement([{ word: 'ev', annotations: [ann('A', 'ev')] }, { word: 'el', annotations: [ann('B', 'e l')] }]);
    expect(none.pairs[0]).toMatchObject({ items: 0, positions: 0, kappa: 0, f1: 0 });
  });
});
