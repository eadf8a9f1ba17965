import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { importDictionaryFile } from '../dict/import';
import type { Dictionary } from '../dict/types';
import { Analyzer, type MorphemeLogProbs } from './analyzer';
import { indonesianMini, turkishMini } from './testdicts';
import { trainHybrid } from './trainer';

const sample = readFileSync(new URL('../../../samples/tr/sample.txt', import.meta.url), 'utf8');
const counts = () => {
  const m = new Map<string, number>();
  for (const w of sample.split(/\s+/u)) if (w) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
};

// Transition rows hold only the groups the morphotactics allow after the state: the analyzer never reads the
// others. Filling them with an absurd score must change no analysis.
describe('transition table', () => {
  const dicts: [string, () => Dictionary][] = [
    ['starter', () => importDictionaryFile(new URL('../../../samples/tr/dictionary.json', import.meta.url).pathname).dictionary],
    ['turkishMini', turkishMini],
    ['indonesianMini', indonesianMini],
  ];
  for (const [name, dict] of dicts) {
    it(`leaves out only entries the analyzer never reads (${name})`, () => {
      const d = dict();
      const { model } = trainHybrid({ wordCounts: counts(), dictionary: d, config: { vocabSize: 4000, subwordShare: 0.3, minFrequency: 1, digits: 'single', caseMarkers: true, specialTokens: [] } });
      const probs = model.logProbs as MorphemeLogProbs;
      const names = [...new Set(d.groups.map((g) => g.name))];
      const poisoned: MorphemeLogProbs = { ...probs, transitions: {} };
      let added = 0;
      for (const [s, row] of Object.entries(probs.transitions ?? {})) {
        const full: Record<string, number> = { ...row };
        for (const g of names) if (!(g in full)) (full[g] = 50), added++;
        poisoned.transitions![s] = full;
      }
      if (d.morphotactics) expect(added).toBeGreaterThan(0);
      const a = new Analyzer(model.dictionary, probs);
      const b = new Analyzer(model.dictionary, poisoned);
      const words = [...new Set(sample.toLocaleLowerCase('tr').split(/[^\p{L}\p{M}]+/u).filter(Boolean))];
      for (const w of words) expect(JSON.stringify(b.analyze(w, 5)), w).toBe(JSON.stringify(a.analyze(w, 5)));
    });
  }
});
