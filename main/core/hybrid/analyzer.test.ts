import { describe, expect, it } from 'vitest';
import type { Dictionary } from '../dict/types';
import { Analyzer, MAX_WORD, estimateLogProbs, estimateTransitions, uniformLogProbs } from './analyzer';
import { indonesianMini, turkishMini } from './testdicts';

const seg = (a: { morphs: { surface: string; kind: string }[] }) => a.morphs.map((m) => (m.kind === 'residue' ? `?${m.surface}` : m.surface)).join('+');

describe('Analyzer (Turkish-like)', () => {
  const dict = turkishMini();
  const an = new Analyzer(dict, uniformLogProbs(dict));
  it('gidiyorum is git~gid + iyor + um, not gid + i + yorum, although yorum is a root', () => {
    const [best] = an.analyze('gidiyorum');
    expect(seg(best)).toBe('gid+iyor+um');
    expect(best.morphs.map((m) => m.group ?? m.root)).toEqual(['git', 'PROG', 'A1SG']);
    expect(best.full).toBe(true);
  });
  it('finds root alternants and suffix chains', () => {
    expect(seg(an.analyze('kitabı')[0])).toBe('kitab+ı');
    expect(seg(an.analyze('kitaptan')[0])).toBe('kitap+tan');
    expect(seg(an.analyze('evlerimizden')[0])).toBe('ev+ler+imiz+den');
  });
  it('lets an unknown root stand as residue before known suffixes', () => {
    const [best] = an.analyze('bilgisayarlarımızdan');
    expect(seg(best)).toBe('?bilgisayar+lar+ımız+dan');
    expect(best.full).toBe(false);
    expect(best.score.residueChars).toBe(10);
  });
  it('allows a residue tail after a known chain, but not after an unknown root', () => {
    expect(seg(an.analyze('evlerxq')[0])).toBe('ev+ler+?xq');
    for (const a of an.analyze('qqlarzz', 20)) expect(a.morphs.filter((m) => m.kind === 'residue').length).toBeLessThanOrEqual(1);
  });
  it('returns the n best in the documented total order', () => {
    const list = an.analyze('evleri', 10);
    expect(list.length).toBeGreaterThan(2);
    for (let i = 1; i < list.length; i++) {
      const a = list[i - 1].score;
      const b = list[i].score;
      const ok = a.residueChars < b.residueChars || (a.residueChars === b.residueChars && (Math.round(a.logProb * 1e6) > Math.round(b.logProb * 1e6) || (Math.round(a.logProb * 1e6) === Math.round(b.logProb * 1e6) && a.morphs <= b.morphs)));
      expect(ok).toBe(true);
    }
    expect(list[0].full).toBe(true);
  });
  it('re-estimates log probabilities with add-alpha smoothing', () => {
    const p = estimateLogProbs(dict, new Map([['r:ev', 9], ['g:ACC', 1]]), 0.5);
    expect(p.roots.ev).toBeCloseTo(Math.log(9.5 / (10 + 0.5 * (17 + 8 + 1))), 10);
    expect(p.roots.ev).toBeGreaterThan(p.groups.ACC);
  });
  it('puts words over the length cap into residue whole', () => {
    const w = 'ev'.repeat(MAX_WORD);
    const [a] = an.analyze(w);
    expect(a.morphs).toHaveLength(1);
    expect(a.morphs[0].kind).toBe('residue');
  });
  it('is deterministic and quick on adversarial input', () => {
    const w = 'ı'.repeat(60);
    const t = performance.now();
    const a = JSON.stringify(an.analyze(w, 5));
    expect(JSON.stringify(an.analyze(w, 5))).toBe(a);
    expect(performance.now() - t).toBeLessThan(2000);
  });
});

describe('Analyzer (Indonesian-like, prefixes and morphotactics)', () => {
  const dict = indonesianMini();
  const an = new Analyzer(dict, uniformLogProbs(dict));
  it('analyses prefixes, confix-like ke-...-an and clitics', () => {
    expect(seg(an.analyze('membaca')[0])).toBe('mem+baca');
    expect(seg(an.analyze('mengambil')[0])).toBe('meng+ambil');
    expect(seg(an.analyze('bermain')[0])).toBe('ber+main');
    expect(seg(an.analyze('dipukul')[0])).toBe('di+pukul');
    expect(seg(an.analyze('keadilan')[0])).toBe('ke+adil+an');
    expect(seg(an.analyze('rumahnya')[0])).toBe('rumah+nya');
    expect(an.analyze('keadilan')[0].morphs.map((m) => m.kind)).toEqual(['prefix', 'root', 'suffix']);
  });
  it('respects morphotactics: a noun takes no prefix meN-', () => {
    const [a] = an.analyze('merumah');
    expect(a.full).toBe(false);
  });
});

describe('Analyzer with a class-bigram transition table', () => {
  // ev + leri (P3PL) and ev + ler + i (PLU + P3SG) both explain "evleri"; only the context can choose.
  const dict: Dictionary = {
    format: 'tokstudio-dictionary/1',
    name: 'tr-bigram',
    language: 'tr',
    alphabet: 'eilrv',
    charClasses: {},
    roots: [{ surface: 'ev', pos: 'noun' }],
    groups: [
      { name: 'P3PL', kind: 'suffix', class: 'poss3', variants: ['leri'] },
      { name: 'P3SG', kind: 'suffix', class: 'poss3', variants: ['i'] },
      { name: 'PLU', kind: 'suffix', class: 'plural', variants: ['ler'] },
    ],
  };
  const unigram = uniformLogProbs(dict);

  it('without a table scores by the unigram: two morphemes beat three', () => {
    const [a] = new Analyzer(dict, unigram).analyze('evleri');
    expect(seg(a)).toBe('ev+leri');
    expect(a.score.logProb).toBeCloseTo(unigram.roots.ev + unigram.groups.P3PL, 10);
  });

  it('scores an affix by its state, falls back to the unigram for unlisted pairs, and reports the states', () => {
    const probs = { ...unigram, transitions: { noun: { P3PL: -6, PLU: -1 }, plural: { P3SG: -0.5 } } };
    const an = new Analyzer(dict, probs);
    const [a] = an.analyzeWithStates('evleri', 3);
    expect(seg(a)).toBe('ev+ler+i');
    expect(a.states).toEqual(['^', 'noun', 'plural', 'poss3']);
    expect(a.score.logProb).toBeCloseTo(unigram.roots.ev - 1 - 0.5, 10);
    // "evi": P3SG after a noun is not listed, so it keeps its unigram probability.
    expect(an.analyze('evi')[0].score.logProb).toBeCloseTo(unigram.roots.ev + unigram.groups.P3SG, 10);
    expect(an.analyze('evleri', 3).map((x) => x.morphs)).toEqual(an.analyzeWithStates('evleri', 3).map((x) => x.morphs));
  });

  it('estimates log(lambda P(g|s) + (1 - lambda) P(g)) with add-alpha smoothing, in key order', () => {
    const pairs = new Map([
      ['plural\u0000P3SG', 6],
      ['noun\u0000PLU', 8],
    ]);
    const totals = new Map([
      ['plural', 8],
      ['noun', 10],
    ]);
    const t = estimateTransitions(dict, unigram, pairs, totals, 0.5, 0.7);
    expect(Object.keys(t)).toEqual(['noun', 'plural']);
    expect(Object.keys(t.noun)).toEqual(['P3PL', 'P3SG', 'PLU']);
    const p = (c: number, total: number, g: string) => Math.log(0.7 * ((c + 0.5) / (total + 0.5 * 4)) + 0.3 * Math.exp(unigram.groups[g]));
    expect(t.plural.P3SG).toBeCloseTo(p(6, 8, 'P3SG'), 12);
    expect(t.plural.P3PL).toBeCloseTo(p(0, 8, 'P3PL'), 12);
    expect(t.noun.PLU).toBeCloseTo(p(8, 10, 'PLU'), 12);
    expect(t.poss3).toBeUndefined();
    const [a] = new Analyzer(dict, { ...unigram, transitions: t }).analyze('evleri');
    expect(seg(a)).toBe('ev+ler+i');
  });
});
