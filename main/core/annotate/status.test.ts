import { describe, expect, it } from 'vitest';
import type { AnnotationStatus } from '../../api/contract';
import { goldSegments, itemStatus } from './status';

const a = (segments: string, status: AnnotationStatus) => ({ segments: segments.split(' '), status });

describe('item status', () => {
  it('follows the documented rule, first match wins', () => {
    expect(itemStatus([], false)).toBe('unseen');
    expect(itemStatus([a('ev ler', 'unseen')], false)).toBe('unseen');
    expect(itemStatus([a('ev ler', 'draft')], false)).toBe('draft');
    expect(itemStatus([a('ev ler', 'gold')], false)).toBe('gold');
    expect(itemStatus([a('ev ler', 'gold'), a('ev ler', 'gold')], false)).toBe('gold');
    expect(itemStatus([a('ev ler', 'gold'), a('ev ler', 'draft')], false)).toBe('draft');
    expect(itemStatus([a('ev ler', 'gold'), a('evler', 'gold')], false)).toBe('disputed');
    expect(itemStatus([a('ev ler', 'draft'), a('evler', 'draft')], false)).toBe('disputed');
    expect(itemStatus([a('ev ler', 'gold'), a('ev ler', 'disputed')], false)).toBe('disputed');
    // An annotator who left the item unseen takes no part.
    expect(itemStatus([a('ev ler', 'gold'), a('evler', 'unseen')], false)).toBe('gold');
    // Adjudication settles anything.
    expect(itemStatus([a('ev ler', 'gold'), a('evler', 'disputed')], true)).toBe('gold');
  });

  it('gives the gold segmentation: adjudicated, else the agreed one, else none', () => {
    expect(goldSegments([a('ev ler', 'gold'), a('evler', 'gold')], a('e vler', 'gold'))).toEqual(['e', 'vler']);
    expect(goldSegments([a('ev ler', 'gold'), a('ev ler', 'gold')], null)).toEqual(['ev', 'ler']);
    expect(goldSegments([a('ev ler', 'draft')], null)).toBeNull();
    expect(goldSegments([a('ev ler', 'gold'), a('evler', 'gold')], null)).toBeNull();
  });
});
