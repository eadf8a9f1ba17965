import fc from 'fast-check';
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
  // Words a whitespace split never gives (pre-tokens keep their leading space; a final "\r" is measured alone),
  // case runs, specials, digits.
  const odd = ['ev de', 'EV\r', '\u00a0evler', 'a\nb', 'KİTAP', "İSTANBUL'DA", 'x<|endoftext|>y', '<|endoftext|>', 'ÇOCUKLAR', '12.5', 'ev  ', ' ev', 'Ev\tev', '1.250', 'Ev.', '(kitap)'];
  const pretokens = [' KİTAP', ' Kitap', ' kitap', '  ev', ' 123', ' ...', '\n', '\n\n', '\r', '\r\n', ' \r', 'ev\r\n', ' ', '   ', '\t', ' EV VE', 'EV \r\n', '\u2028', 'ev\u00a0', ' <|endoftext|>', '<|endoftext|> ', ' ' + ' '.repeat(20)];
  for (const w of [...odd, ...pretokens]) counts.set(w, 3);
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

  it('gives the figures of one call per word for random words of whitespace, letters, digits and punctuation', () => {
    const { model } = trainHybrid({ wordCounts: new Map(words), dictionary: turkishMini(), config: config() });
    const fresh = () => new HybridTokenizer(JSON.parse(JSON.stringify(model)) as HybridModel);
    const piece = fc.constantFrom(' ', '  ', '\n', '\r', '\r\n', '\t', '\u00a0', '\u2028', 'ev', 'EV', 'Ev', 'kitap', 'KİTAP', 'lar', 'ı', 'I', '3', '42', '.', "'", '😀', '<|endoftext|>');
    const word = fc.array(piece, { minLength: 1, maxLength: 5 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 30 }), (list) => {
        const ws = list.sort().map((w, i): [string, number] => [w, 1 + (i % 3)]);
        expect(corpusEncodingStats(fresh(), fresh().layout, ws, buildLexicon(model.dictionary), () => {})).toEqual(oneCallPerWord(fresh(), ws));
      }),
      { numRuns: 150 },
    );
  });

  it('reports progress in whole chunks and at the end', () => {
    const { model } = trainHybrid({ wordCounts: new Map(words), dictionary: turkishMini(), config: config() });
    const tok = new HybridTokenizer(model);
    const many: [string, number][] = Array.from({ length: 9000 }, (_, i) => [`kelime${i}`, 1]);
    const seen: number[] = [];
    corpusEncodingStats(tok, tok.layout, many, buildLexicon(model.dictionary), (d) => seen.push(d));
    expect(seen).toEqual([4096, 8192, 9000]);
  });
});
