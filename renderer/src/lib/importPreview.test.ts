import { describe, it, expect } from 'vitest';
import type { ImportPreview } from '../../../main/api/contract';
import { analysedNote, previewChangesSomething, previewRows, previewSummary, withoutPosNote } from './importPreview';

const preview = (over: Partial<ImportPreview> = {}): ImportPreview => ({
  format: 'hunspell',
  roots: { added: 3, changed: 1, unchanged: 5 },
  groups: { added: 2, changed: 0, unchanged: 0 },
  rejected: [{ line: 6, reason: 't.dic: "yasak" is a FORBIDDENWORD' }],
  rejectedTotal: 2,
  warnings: [],
  samples: { added: ['ev (stem)'], changed: [] },
  rootsWithoutPos: null,
  analysed: null,
  ...over,
});

describe('import preview', () => {
  it('has a row per kind, without groups when only roots are taken', () => {
    expect(previewRows(preview(), false)).toEqual([
      { what: 'Roots', added: 3, changed: 1, unchanged: 5 },
      { what: 'Groups', added: 2, changed: 0, unchanged: 0 },
    ]);
    expect(previewRows(preview(), true).map((r) => r.what)).toEqual(['Roots']);
  });
  it('sums it up in a sentence', () => {
    expect(previewSummary(preview(), false)).toBe('Adds 3 roots and 2 groups, changes 1 root; 2 rows rejected.');
    expect(previewSummary(preview(), true)).toBe('Adds 3 roots, changes 1 root; 2 rows rejected.');
    const nothing = preview({ roots: { added: 0, changed: 0, unchanged: 9 }, groups: { added: 0, changed: 0, unchanged: 1 }, rejectedTotal: 0 });
    expect(previewSummary(nothing, false)).toBe('Changes nothing: every entry is already there.');
    expect(previewChangesSomething(nothing, false)).toBe(false);
    expect(previewChangesSomething(preview({ roots: { added: 0, changed: 0, unchanged: 1 } }), true)).toBe(false);
    expect(previewChangesSomething(preview(), true)).toBe(true);
  });
  it('says how many roots the file gives no part of speech, and which one they take', () => {
    expect(withoutPosNote({ count: 368123, pos: 'noun' })).toBe('368,123 roots have no part of speech in the file: they take “noun”.');
    expect(withoutPosNote({ count: 1, pos: 'stem' })).toBe('1 root has no part of speech in the file: it takes “stem”.');
  });
  it('says how many entries the dictionary already analyses, with examples of the analyses', () => {
    expect(analysedNote({ count: 108960, examples: ['anla+yacağ+ınız+dan', 'gel+ir'] })).toBe(
      '108,960 entries left out: the dictionary already analyses them (e.g. anla+yacağ+ınız+dan, gel+ir, …).',
    );
    expect(analysedNote({ count: 1, examples: ['ev+ler'] })).toBe('1 entry left out: the dictionary already analyses it (e.g. ev+ler).');
    expect(analysedNote({ count: 0, examples: [] })).toBe('0 entries left out: the dictionary already analyses them.');
  });
});
