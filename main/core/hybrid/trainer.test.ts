import { describe, expect, it } from 'vitest';
import { TrainingCancelled } from '../bpe/trainer';
import { HybridTokenizer } from './codec';
import type { HybridConfig } from './model';
import { turkishMini } from './testdicts';
import { trainHybrid } from './trainer';

const TEXT = 'Kitap kitabı kitaptan evler evden eve okula masaya ağacı gidiyorum bilgisayarlarımızdan "kitap" ve, x1 iPhone 12.5';
const counts = () => {
  const m = new Map<string, number>();
  for (const w of TEXT.split(' ')) m.set(w, (m.get(w) ?? 0) + 3);
  return m;
};
const config = (over: Partial<HybridConfig> = {}): HybridConfig => ({ vocabSize: 600, subwordShare: 0.3, minFrequency: 1, digits: 'single', caseMarkers: true, specialTokens: ['<|endoftext|>'], ...over });

describe('trainHybrid', () => {
  it('is deterministic: the same input gives byte-identical JSON, whatever the map order', () => {
    const a = trainHybrid({ wordCounts: counts(), dictionary: turkishMini(), config: config() });
    const reversed = new Map([...counts().entries()].reverse());
    const b = trainHybrid({ wordCounts: reversed, dictionary: turkishMini(), config: config() });
    expect(JSON.stringify(b.model)).toBe(JSON.stringify(a.model));
    // The model survives JSON.
    const tok = new HybridTokenizer(JSON.parse(JSON.stringify(a.model)));
    expect(tok.decode(tok.encodeIds(TEXT))).toBe(TEXT);
  });

  it('gives no id to roots whose part of speech no morphotactic edge reaches (they could never occur)', () => {
    const mini = turkishMini();
    const edges = [...new Set(mini.roots.map((r) => r.pos))].map((p): [string, string] => ['^', p]);
    const d = { ...mini, morphotactics: { edges } };
    d.roots.push({ surface: 'sandalye', pos: 'stem' }, { surface: 'masa', pos: 'stem' });
    const { model, stats } = trainHybrid({ wordCounts: counts(), dictionary: d, config: config() });
    expect(stats.roots.droppedUnusable).toBe(1); // masa is also a noun: one of its parts of speech is reached
    expect(model.dictionary.roots.map((r) => r.surface)).not.toContain('sandalye');
    expect(model.dictionary.roots.map((r) => r.surface)).toContain('masa');
    // Without morphotactics every part of speech is usable.
    const { morphotactics: _, ...free } = d;
    expect(trainHybrid({ wordCounts: counts(), dictionary: free, config: config() }).stats.roots.droppedUnusable).toBe(0);
  });

  it('fills the vocabulary exactly and reports the split', () => {
    const { model, stats } = trainHybrid({ wordCounts: counts(), dictionary: turkishMini(), config: config({ minFrequency: 1 }) });
    const v = stats.vocab;
    expect(v.total).toBe(model.vocab.length);
    expect(v.specials + v.roots + v.rootAlternants + v.groups + v.variants + v.digits + v.bytes + v.merges).toBe(v.total);
    expect(v.specials).toBe(1 + 4 + 4 + 16);
    expect(v.bytes).toBe(256);
    expect(v.total).toBeLessThanOrEqual(600);
    expect(stats.coverage.types).toBeGreaterThan(0.5);
    expect(stats.sharingRate).toBeGreaterThan(0.9);
    expect(stats.tokensPerWord).toBeGreaterThan(1);
  });

  it('keeps every root the budget allows (unseen ones too) and, under a tight budget, the most frequent', () => {
    const { model, stats } = trainHybrid({ wordCounts: counts(), dictionary: turkishMini(), config: config() });
    const kept = model.dictionary.roots.map((r) => r.surface);
    expect(kept).toContain('kitap');
    expect(kept).toContain('göz'); // never in the corpus, but there is room
    expect(stats.roots.dropped).toBe(0);
    // Non-residue budget 600 * 0.1 = 60 < 25 specials + 10 digits + 44 affix ids: no room for roots.
    const tight = trainHybrid({ wordCounts: counts(), dictionary: turkishMini(), config: config({ subwordShare: 0.9 }) });
    expect(tight.model.dictionary.roots).toHaveLength(0);
    expect(tight.stats.roots.droppedForBudget).toBe(stats.roots.kept);
    expect(tight.stats.roots.droppedUnseen).toBeGreaterThan(0);
    // 82 = 79 fixed + 3: kitap (2 ids, 12 occurrences) first, then ev (1 id, 9 occurrences).
    const mid = trainHybrid({ wordCounts: counts(), dictionary: turkishMini(), config: config({ vocabSize: 1000, subwordShare: 1 - 82.5 / 1000 }) });
    expect(mid.model.dictionary.roots.map((r) => r.surface)).toEqual(['ev', 'kitap']);
  });

  it('learns a table for a group without rules', () => {
    const { model } = trainHybrid({ wordCounts: counts(), dictionary: turkishMini(), config: config() });
    expect(model.allomorphy.DAT).toBeDefined();
    const tok = new HybridTokenizer(model);
    const dat = (w: string) => tok.encode(w).find((t) => t.group === 'DAT')!;
    expect(dat('masaya')).toMatchObject({ text: 'ya', shared: true });
    expect(dat('eve')).toMatchObject({ text: 'e', shared: true });
    expect(dat('okula')).toMatchObject({ text: 'a', shared: true });
  });

  it('explains a budget too small for the residue bytes', () => {
    expect(() => trainHybrid({ wordCounts: counts(), dictionary: turkishMini(), config: config({ vocabSize: 300 }) })).toThrow(/too small.*256 byte tokens.*minimum is 335/);
    expect(() => trainHybrid({ wordCounts: counts(), dictionary: turkishMini(), config: config({ subwordShare: 2 }) })).toThrow(/subword share/);
    expect(() => trainHybrid({ wordCounts: counts(), dictionary: turkishMini(), config: config({ specialTokens: ['<cap>'] }) })).toThrow(/clashes/);
  });

  it('reports progress and can be cancelled', () => {
    const phases = new Set<string>();
    trainHybrid({ wordCounts: counts(), dictionary: turkishMini(), config: config() }, { onProgress: (p) => phases.add(p.phase) });
    expect([...phases]).toEqual(['units', 'em', 'prune', 'residue', 'bpe', 'stats']);
    expect(() => trainHybrid({ wordCounts: counts(), dictionary: turkishMini(), config: config() }, { shouldStop: () => true })).toThrow(TrainingCancelled);
  });
});
