import { describe, it, expect } from 'vitest';
import type { DictGroup, DictRoot } from '../../../main/api/contract';
import { groupDraft, groupEdit, moved, newRule, rootDraft, rootEdit, sentRuleIndex } from './dictDraft';

const kitap: DictRoot = { rowId: 7, surface: 'kitap', pos: 'noun', gloss: 'book', alternants: [{ surface: 'kitab', when: { next: 'vowel' } }] };
const plu: DictGroup = { rowId: 3, name: 'PLU', kind: 'suffix', class: 'plural', gloss: null, variants: ['lar', 'ler'], rules: [{ variant: 'lar', when: { lastVowel: 'back' } }] };

describe('root drafts', () => {
  it('an untouched draft is no edit', () => {
    expect(rootEdit(kitap, rootDraft(kitap))).toBeNull();
  });
  it('an update names only what changed', () => {
    const d = rootDraft(kitap);
    d.gloss = '';
    d.alternants[0].when.next = 'vowel, !front';
    expect(rootEdit(kitap, d)).toEqual({ op: 'root.update', rowId: 7, gloss: null, alternants: [{ surface: 'kitab', when: { next: ['vowel', '!front'] } }] });
  });
  it('a new root is an add with every field', () => {
    const d = rootDraft(null, 'noun');
    d.surface = 'kalem';
    expect(rootEdit(null, d)).toEqual({ op: 'root.add', surface: 'kalem', pos: 'noun', gloss: null, alternants: [] });
  });
});

describe('group drafts', () => {
  it('round-trips and drops empty rule rows', () => {
    const d = groupDraft(plu);
    expect(groupEdit(plu, d)).toBeNull();
    d.rules.push(newRule());
    expect(groupEdit(plu, d)).toBeNull();
    d.variants = moved(d.variants, 1, -1);
    expect(groupEdit(plu, d)).toEqual({ op: 'group.update', rowId: 3, variants: ['ler', 'lar'] });
  });
  it('a rule with a variant but no condition is sent (the backend says what is wrong with it)', () => {
    const d = groupDraft(plu);
    d.rules.push(newRule('ler'));
    expect(groupEdit(plu, d)).toMatchObject({ rules: [{ variant: 'lar', when: { lastVowel: 'back' } }, { variant: 'ler', when: {} }] });
  });
  it('maps form rows to the indices the backend sees', () => {
    const d = groupDraft(plu);
    d.rules.unshift(newRule());
    d.rules.push(newRule('ler'));
    expect([0, 1, 2].map((i) => sentRuleIndex(d, i))).toEqual([null, 0, 1]);
  });
  it('a new group starts as a suffix with one empty variant', () => {
    expect(groupEdit(null, { ...groupDraft(null), name: 'ABL', class: 'case', variants: ['dan', 'den'] })).toEqual({
      op: 'group.add', name: 'ABL', kind: 'suffix', class: 'case', gloss: null, variants: ['dan', 'den'], rules: [],
    });
  });
});

describe('moved', () => {
  it('moves within bounds only', () => {
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 2, -2)).toEqual(['c', 'a', 'b']);
    expect(moved(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  });
});
