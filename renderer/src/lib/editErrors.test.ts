import { describe, it, expect } from 'vitest';
import { errorAt, splitEditError, unplacedErrors } from './editErrors';

describe('splitEditError', () => {
  it('splits the lines and their paths', () => {
    const e = splitEditError('surface: root "ev" (noun) already exists (row 12)\nalternants[1].when.next: character class "vovel" is not defined in charClasses\n… and 3 more');
    expect(e).toEqual([
      { path: 'surface', message: 'root "ev" (noun) already exists (row 12)' },
      { path: 'alternants[1].when.next', message: 'character class "vovel" is not defined in charClasses' },
      { path: '', message: '… and 3 more' },
    ]);
  });
  it('keeps a message without a path whole, colon included', () => {
    expect(splitEditError('nothing to undo')).toEqual([{ path: '', message: 'nothing to undo' }]);
    expect(splitEditError('dictionary 4 not found: removed?')).toEqual([{ path: '', message: 'dictionary 4 not found: removed?' }]);
    expect(splitEditError('charClasses.front: character class "front" contains "q"')[0].path).toBe('charClasses.front');
  });
});

describe('errorAt / unplacedErrors', () => {
  const errors = splitEditError('surface: bad\nalternants[0].when.next: unknown class\nvariants[1]: duplicate variant "ler"\nsomething else');
  it('finds a field and what is inside it', () => {
    expect(errorAt(errors, 'surface')).toBe('bad');
    expect(errorAt(errors, 'alternants[0]')).toBe('unknown class');
    expect(errorAt(errors, 'alternants')).toBe('unknown class');
    expect(errorAt(errors, 'alternants[1]')).toBeNull();
    expect(errorAt(errors, 'variants[1]')).toBe('duplicate variant "ler"');
    expect(errorAt(errors, 'pos')).toBeNull();
  });
  it('leaves the rest for the form', () => {
    expect(unplacedErrors(errors, ['surface', 'alternants', 'variants'])).toBe('something else');
    expect(unplacedErrors(errors, ['surface', 'alternants', 'variants', ''])).toBe('something else');
    expect(unplacedErrors(splitEditError('surface: x'), ['surface'])).toBeNull();
  });
});
