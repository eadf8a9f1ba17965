import { describe, it, expect } from 'vitest';
import type { DictGroup, DictRoot } from '../../../main/api/contract';
import { dictOffers, foldFor, offerEdit, rootKnows } from './dictOffers';

const plu: DictGroup = { rowId: 7, name: 'PLU', kind: 'suffix', class: 'PLU', gloss: null, variants: ['lar', 'ler'], rules: [] };
const abl: DictGroup = { rowId: 8, name: 'ABL', kind: 'suffix', class: 'CASE', gloss: null, variants: ['dan', 'den'], rules: [] };
const root = (surface: string, alts: string[] = []): DictRoot => ({ rowId: 1, surface, pos: 'noun', gloss: null, alternants: alts.map((s) => ({ surface: s, when: null })) });

describe('dictOffers', () => {
  it('folds with Turkish rules for tr and az only', () => {
    expect(foldFor('tr', 'IŞIK İzmir')).toBe('ışık izmir');
    expect(foldFor('az-Latn', 'I')).toBe('ı');
    expect(foldFor('en', 'I')).toBe('i');
  });
  it('knows a root by its surface or an alternant', () => {
    expect(rootKnows([root('kitap', ['kitab'])], 'kitab')).toBe(true);
    expect(rootKnows([root('kitap')], 'kita')).toBe(false);
  });
  it('offers a root the dictionary lacks, once its look-up has answered', () => {
    const known = new Map([['sandalye', false]]);
    const offers = dictOffers(['Sandalye', 'ler'], ['root', 'PLU'], 'tr', (s) => known.get(s), [plu]);
    expect(offers).toEqual([{ kind: 'root', segment: 0, surface: 'sandalye' }]);
    expect(dictOffers(['masa'], ['root'], 'tr', () => undefined, [])).toEqual([]);
    expect(dictOffers(['masa'], ['root'], 'tr', () => true, [])).toEqual([]);
  });
  it('offers a variant its labelled group lacks, and says when no group has the name', () => {
    const offers = dictOffers(['ev', 'lır', 'dän', 'x'], ['root', 'PLU', 'ABL', 'NOPE'], 'tr', () => true, [plu, abl]);
    expect(offers).toEqual([
      { kind: 'variant', segment: 1, surface: 'lır', group: plu },
      { kind: 'variant', segment: 2, surface: 'dän', group: abl },
      { kind: 'no-group', segment: 3, surface: 'x', groupName: 'NOPE' },
    ]);
    expect(dictOffers(['ev', 'ler'], [null, 'new'], 'tr', () => false, [plu])).toEqual([]);
  });
  it('turns an offer into the dictionary edit', () => {
    expect(offerEdit({ kind: 'root', segment: 0, surface: 'sandalye' }, ' noun ', '')).toEqual({ op: 'root.add', surface: 'sandalye', pos: 'noun', gloss: null });
    expect(offerEdit({ kind: 'variant', segment: 1, surface: 'lır', group: plu }, '', '')).toEqual({ op: 'group.update', rowId: 7, variants: ['lar', 'ler', 'lır'] });
    expect(offerEdit({ kind: 'no-group', segment: 1, surface: 'x', groupName: 'N' }, '', '')).toBeNull();
  });
});
