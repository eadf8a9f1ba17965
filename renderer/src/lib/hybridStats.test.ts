import { describe, it, expect } from 'vitest';
import { formatShare, readHybridStats, rootsLine, sizeLine } from './hybridStats';

// The shape `tokenstudio train --kind hybrid` records (figures from a real run on the E2E fixture).
const stats = {
  vocab: { total: 1745, specials: 25, roots: 686, rootAlternants: 173, groups: 75, variants: 403, digits: 10, bytes: 256, merges: 117 },
  roots: { inDictionary: 686, kept: 686, dropped: 0, droppedUnseen: 0, droppedRare: 0, droppedForBudget: 0 },
  coverage: { tokens: 0.8646710321172435, types: 0.9165644171779141 },
  sharingRate: 0.9685816876122083,
  tokensPerWord: 3.0455955334987594,
  alignment: {
    tokens: { counted: 9047, language: 7139, pure: 7138, languagePct: 78.91013595667071, purePct: 78.89908256880734 },
    types: { counted: 427, language: 347, pure: 346, languagePct: 81.26463700234191, purePct: 81.0304449648712 },
  },
  bpe: { merges: 117, stoppedEarly: 'Stopped after 117 merges: …', residueTypes: 114 },
  trainingMs: 1007,
  peakRssBytes: 138588160,
};

describe('readHybridStats', () => {
  it('reads the vocabulary split and the sides of the budget', () => {
    const v = readHybridStats(stats)!;
    expect(v.total).toBe(1745);
    expect(v.segments.map((s) => s.key)).toEqual(['specials', 'roots', 'rootAlternants', 'groups', 'variants', 'digits', 'bytes', 'merges']);
    expect(v.segments.reduce((a, s) => a + s.count, 0)).toBe(1745);
    expect(v.dictionaryIds).toBe(686 + 173 + 75 + 403);
    expect(v.subwordIds).toBe(256 + 117);
    expect(v.segments[1].share).toBeCloseTo(686 / 1745);
  });
  it('reads the metrics', () => {
    const v = readHybridStats(stats)!;
    expect(v.coverage?.tokens).toBeCloseTo(0.8647, 4);
    expect(v.sharingRate).toBeCloseTo(0.9686, 4);
    expect(v.alignment?.types.purePct).toBeCloseTo(81.03, 2);
    expect(v.bpe).toEqual({ merges: 117, stoppedEarly: 'Stopped after 117 merges: …', residueTypes: 114 });
    expect(v.roots?.kept).toBe(686);
  });
  it('is null for BPE stats and tolerates missing parts', () => {
    expect(readHybridStats({ merges: 343, pretokenTypes: 10 })).toBeNull();
    const v = readHybridStats({ vocab: { specials: 1, roots: 2, merges: 0 } })!;
    expect(v.total).toBe(3);
    expect(v.segments.map((s) => s.key)).toEqual(['specials', 'roots']);
    expect(v.coverage).toBeNull();
    expect(v.alignment).toBeNull();
    expect(v.bpe).toBeNull();
    expect(readHybridStats({ ...stats, coverage: { tokens: 'x', types: 1 } })!.coverage).toBeNull();
  });
});

describe('lines', () => {
  it('formats shares, roots and the size', () => {
    expect(formatShare(0.8646710321172435)).toBe('86.5%');
    expect(rootsLine({ ...stats.roots, droppedUnusable: 0 })).toBe('686 of 686 kept');
    expect(rootsLine({ inDictionary: 700, kept: 600, dropped: 100, droppedUnseen: 80, droppedRare: 5, droppedForBudget: 100, droppedUnusable: 0 })).toBe(
      '600 of 700 kept; 100 dropped for the budget (80 never seen in the corpus, 5 below the minimum frequency)',
    );
    expect(rootsLine({ inDictionary: 700, kept: 600, dropped: 100, droppedUnseen: 10, droppedRare: 0, droppedForBudget: 30, droppedUnusable: 70 })).toBe(
      '600 of 700 kept; 30 dropped for the budget (10 never seen in the corpus); 70 left out: no morphotactic edge reaches their part of speech',
    );
    expect(sizeLine(1745, 3000)).toBe('1,745 of 3,000 requested');
    expect(sizeLine(3000, 3000)).toBe('3,000 ids');
  });
});
