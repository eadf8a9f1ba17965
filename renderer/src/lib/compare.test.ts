import { describe, it, expect } from 'vitest';
import { contextAt, describeDisagreement, markersForRow, sourceKey, stepDisagreement } from './compare';

// "kitaplar" cut three ways: A = kitap|lar, B = kit|ap|lar, C = kitaplar (one token)
const A = [{ start: 0, end: 5 }, { start: 5, end: 8 }];
const B = [{ start: 0, end: 3 }, { start: 3, end: 5 }, { start: 5, end: 8 }];
const dis = [
  { offset: 3, cutBy: [1] },
  { offset: 5, cutBy: [0, 1] },
];

describe('markersForRow', () => {
  it('puts a marker after the chip that ends at a disagreement the row cuts', () => {
    expect([...markersForRow(A, dis, 0)]).toEqual([[0, 1]]);
    expect([...markersForRow(B, dis, 1)]).toEqual([[0, 0], [1, 1]]);
    expect(markersForRow([{ start: 0, end: 8 }], dis, 2).size).toBe(0);
  });
  it('skips zero-width markers and marks the text token once', () => {
    const withMarker = [{ start: 0, end: 5 }, { start: 5, end: 5 }, { start: 5, end: 8 }];
    expect([...markersForRow(withMarker, dis, 0)]).toEqual([[0, 1]]);
    const markerFirst = [{ start: 0, end: 0 }, { start: 0, end: 5 }, { start: 5, end: 8 }];
    expect([...markersForRow(markerFirst, dis, 0)]).toEqual([[1, 1]]);
  });
});

describe('describeDisagreement', () => {
  it('names who cuts and who does not, leaving out failed rows', () => {
    const labels = ['#1 bpe', '#2 hybrid', 'OpenAI o200k_base', '#9 broken'];
    const ran = [true, true, true, false];
    expect(describeDisagreement({ offset: 5, cutBy: [0, 1] }, labels, ran)).toBe('Cut here by #1 bpe and #2 hybrid; not by OpenAI o200k_base.');
    expect(describeDisagreement({ offset: 3, cutBy: [2] }, labels, ran)).toBe('Cut here by OpenAI o200k_base; not by #1 bpe and #2 hybrid.');
  });
});

describe('helpers', () => {
  it('shows context around a cut and steps through cuts', () => {
    expect(contextAt('Kitaplarımızdan\ngeldi', 5, 4)).toBe('itap│ları');
    expect(contextAt('ab\ncd', 2, 3)).toBe('ab│↵cd');
    expect(stepDisagreement(null, 3, 1)).toBe(0);
    expect(stepDisagreement(null, 3, -1)).toBe(2);
    expect(stepDisagreement(2, 3, 1)).toBe(0);
    expect(stepDisagreement(0, 3, -1)).toBe(2);
    expect(stepDisagreement(0, 0, 1)).toBeNull();
    expect(sourceKey({ kind: 'version', id: 3 })).toBe('v3');
    expect(sourceKey({ kind: 'openai', name: 'o200k_base' })).toBe('o:o200k_base');
  });
});
