// The shipped Turkish starter dictionary and sample corpus, end to end.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Dictionary } from '../dict/types';
import { HybridTokenizer } from './codec';
import { trainHybrid } from './trainer';

const dir = fileURLToPath(new URL('../../../samples/tr/', import.meta.url));
const read = (f: string) => readFileSync(dir + f, 'utf8');

describe('Turkish starter dictionary on the sample corpus', () => {
  const dictionary = JSON.parse(read('dictionary.json')) as Dictionary;
  const sample = read('sample.txt');
  const counts = new Map<string, number>();
  for (const w of sample.split(/\s+/)) if (w) counts.set(w, (counts.get(w) ?? 0) + 1);
  const { model, stats } = trainHybrid({ wordCounts: counts, dictionary, config: { vocabSize: 8000, subwordShare: 0.4, minFrequency: 2, digits: 'single', caseMarkers: true, specialTokens: ['<|endoftext|>'] } });
  const tok = new HybridTokenizer(model);

  it('round-trips every line of sample.txt and sentences.txt, and both files whole', () => {
    for (const f of ['sample.txt', 'sentences.txt']) {
      const text = read(f);
      expect(tok.decode(tok.encodeIds(text))).toBe(text);
      for (const line of text.split('\n')) expect(tok.decode(tok.encodeIds(line))).toBe(line);
    }
  });

  it('covers most words and shares most allomorph ids', () => {
    expect(stats.coverage.tokens).toBeGreaterThan(0.6);
    expect(stats.sharingRate).toBeGreaterThan(0.85);
    expect(stats.tokensPerWord).toBeLessThan(3.5);
  });

  it('agrees with most gold segmentations', () => {
    const rows = read('gold.tsv')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split('\t'));
    let agree = 0;
    for (const [word, gold] of rows) {
      const got = tok.analyze(word, 1)[0].morphs.map((m) => m.surface).join(' ');
      if (got === gold) agree++;
    }
    expect(agree / rows.length).toBeGreaterThan(0.8); // measured: 353 / 395 = 0.89
  });
});
