import { describe, expect, it } from 'vitest';
import { makeCasing } from './casing';

describe('casing', () => {
  const tr = makeCasing('tr');
  const en = makeCasing('en');
  it('folds the Turkish dotted and dotless i both ways', () => {
    expect(tr.lower('İSTANBUL')).toBe('istanbul');
    expect(tr.lower('IĞDIR')).toBe('ığdır');
    expect(tr.upper('istanbul')).toBe('İSTANBUL');
    expect(tr.upper('ılık')).toBe('ILIK');
    expect(tr.capFirst('ışık')).toBe('Işık');
    expect(tr.capFirst('izmir')).toBe('İzmir');
    expect(en.lower('ISTANBUL')).toBe('istanbul');
  });
  it('classifies words by re-applying the decoder transform', () => {
    expect(tr.classify('ılık')).toBe('lower');
    expect(tr.classify('Işık')).toBe('capitalised');
    expect(tr.classify('İSTANBUL')).toBe('allcaps');
    expect(tr.classify('IĞDIR')).toBe('allcaps');
    expect(tr.classify('I')).toBe('capitalised');
    expect(tr.classify('iPhone')).toBe('mixed');
    expect(tr.classify('McDonald')).toBe('mixed');
    expect(en.classify('STRAẞE')).toBe('mixed'); // ẞ folds to ß, which upper-cases to SS
    expect(en.classify('ǅemal')).toBe('mixed'); // title-case digraph does not come back from capFirst
    expect(en.classify('123')).toBe('lower');
  });
});
