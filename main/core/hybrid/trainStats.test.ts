import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { HybridTokenizer } from './codec';
import { alignmentMetrics, buildLexicon } from './metrics';
import type { HybridConfig, HybridModel } from './model';
import { turkishMini } from './testdicts';
import { trainHybrid } from './trainer';
import { corpusEncodingStats } from './trainStats';

// The definition the joined calls must reproduce: each word encoded alone after "a ", the tokens of "a" left out.
function oneCallPerWord(tok: HybridTokenizer, words: [string, number][]) {
  let tokens = 0;
  let total = 0;
  let sharable = 0;
  let shared = 0;
  const samples: { key: number; text: string; count: number }[] = [];
  for (const [w, n] of words) {
    total += n;
    for (const t of tok.encode('a ' + w).filter((t) => t.end > 1)) {
      tokens += n;
      if (t.type !== 'special') samples.push({ key: t.id, text: t.text, count: n });
      const e = tok.layout.entries[t.id];
      const multi = (e.kind === 'root' && e.alts.length > 0) || e.kind === 'rootAlt' || e.kind === 'group' || (e.kind === 'variant' && tok.layout.groupShared.get(e.group.name) !== t.id);
      if ((t.type === 'root' || t.type === 'affix') && multi) {
        sharable += n;
        if (t.shared) shared += n;
      }
    }
  }
  return { tokensPerWord: total === 0 ? 0 : tokens / total, sharingRate: sharable === 0 ? 0 : shared / sharable, alignment: alignmentMetrics(samples, buildLexicon(tok.model.dictionary)) };
}

const config = (over: Partial<HybridConfig> = {}): HybridConfig => ({ vocabSize: 700, subwordShare: 0.3, minFrequency: 1, digits: 'single', caseMarkers: true, specialTokens: ['<|endoftext|>'], ...over });

function sampleWords(): [string, number][] {
  const counts = new Map<string, number>();
  const text = readFileSync(new URL('../../../samples/tr/sample.txt', import.meta.url), 'utf8');
  for (const w of text.split(/\s+/u)) if (w) counts.set(w, (counts.get(w) ?? 0) + 1);
  // Words a whitespace split never gives (they are measured one call each), case runs, specials, digits.
  for (const w of ['ev de', 'EV\r', '\u00a0evler', 'a\nb', 'KİTAP', "İSTANBUL'DA", 'x<|endoftext|>y', '<|endoftext|>', 'ÇOCUKLAR', '12.5', 'ev  ', ' ev', 'Ev\tev', '1.250', 'Ev.', '(kitap)']) counts.set(w, 3);
  return [...counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

describe('corpusEncodingStats', () => {
  const words = sampleWords();
  const cases: [string, Partial<HybridConfig>][] = [
    ['default', {}],
    ['no case markers, digit groups', { caseMarkers: false, digits: 'group3', vocabSize: 2000 }],
    // A special token holding a newline could match across joined words: every word is measured alone.
    ['a special token with a newline', { specialTokens: ['<|endoftext|>', 'b\na'] }],
  ];
  for (const [name, over] of cases) {
    it(`gives the figures of one encoder call per word (${name})`, () => {
      const { model } = trainHybrid({ wordCounts: new Map(words), dictionary: turkishMini(), config: config(over) });
      const fresh = () => new HybridTokenizer(JSON.parse(JSON.stringify(model)) as HybridModel);
      const got = corpusEncodingStats(fresh(), fresh().layout, words, buildLexicon(model.dictionary), () => {});
      const want = oneCallPerWord(fresh(), words);
      expect(got).toEqual(want);
      expect(got.tokensPerWord).toBeGreaterThan(1);
    });
  }

  it('reports progress in whole chunks and at the end', () => {
    const { model } = trainHybrid({ wordCounts: new Map(words), dictionary: turkishMini(), config: config() });
    const tok = new HybridTokenizer(model);
    const many: [string, number][] = Array.from({ length: 9000 }, (_, i) => [`kelime${i}`, 1]);
    const seen: number[] = [];
    corpusEncodingStats(tok, tok.layout, many, buildLexicon(model.dictionary), (d) => seen.push(d));
    expect(seen).toEqual([4096, 8192, 9000]);
  });
});
