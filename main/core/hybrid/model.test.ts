import { describe, expect, it } from 'vitest';
import { trainBpe } from '../bpe/trainer';
import { buildLayout, digitStrings, type HybridModel } from './model';
import { turkishMini } from './testdicts';

describe('vocabulary layout', () => {
  const residue = trainBpe([['ab', 3]], { vocabSize: 257, minFrequency: 1, pattern: '[\\s\\S]+', specialTokens: [] }).model;
  const dict = turkishMini();
  const base = { config: { vocabSize: 0, subwordShare: 0, minFrequency: 1, digits: 'single' as const, caseMarkers: true, specialTokens: ['<|endoftext|>'] }, dictionary: dict, residue } satisfies Pick<HybridModel, 'config' | 'dictionary' | 'residue'>;
  it('orders specials, markers, whitespace, roots, groups, digits, residue', () => {
    const L = buildLayout(base);
    expect(L.tokens.slice(0, 10)).toEqual(['<|endoftext|>', '<cap>', '<caps>', '<capsrun>', '<nosp>', '\n', '\r\n', '\r', '\t', ' ']);
    expect(L.tokens[24]).toBe(' '.repeat(16));
    const roots = L.tokens.slice(25, 25 + 20);
    expect(roots.slice(0, 5)).toEqual(['ankara', 'ağaç', 'ağaç~ağac', 'bilgi', 'bu']); // code point order: n < ğ
    expect(roots.slice(0, 5)).toHaveLength(5);
    const git = L.rootShared.get('git')!;
    expect(L.tokens[git + 1]).toBe('git~gid');
    const plu = L.groupShared.get('PLU')!;
    expect(L.tokens.slice(plu, plu + 3)).toEqual(['[PLU]', '[PLU:lar]', '[PLU:ler]']);
    expect(L.tokens[L.groupShared.get('REL')!]).toBe('[REL:ki]'); // one variant: one id
    expect(L.tokens[L.bpeBase - 10]).toBe('0');
    expect(L.tokens.length).toBe(L.bpeBase + 257);
    expect(L.counts).toMatchObject({ specials: 25, roots: 17, rootAlternants: 3, groups: 8, variants: 36, digits: 10, bytes: 256, merges: 1 });
  });
  it('does not depend on the order of dictionary entries', () => {
    const shuffled = { ...dict, roots: [...dict.roots].reverse(), groups: [...dict.groups].reverse() };
    expect(buildLayout({ ...base, dictionary: shuffled }).tokens).toEqual(buildLayout(base).tokens);
  });
  it('lists digit tokens', () => {
    expect(digitStrings('single')).toHaveLength(10);
    const g = digitStrings('group3');
    expect(g).toHaveLength(1110);
    expect(g).toContain('007');
    expect(g).toContain('00');
  });
});
