import { describe, expect, it } from 'vitest';
import { splitUnits } from './units';

const show = (t: string) => splitUnits(t).map((u) => `${u.kind}:${t.slice(u.start, u.end)}`);

describe('splitUnits', () => {
  it('separates words, numbers, whitespace and other runs', () => {
    expect(show("İstanbul'da 1.250,75 TL!\n")).toEqual(['word:İstanbul', "other:'", 'word:da', 'space: ', 'number:1', 'other:.', 'number:250', 'other:,', 'number:75', 'space: ', 'word:TL', 'other:!', 'space:\n']);
    expect(show('e\u0301te 🙂🙂  x')).toEqual(['word:e\u0301te', 'space: ', 'other:🙂🙂', 'space:  ', 'word:x']);
  });
  it('covers the text exactly', () => {
    const t = 'a\u00a0b\t\r\nc—d٣٤5';
    const us = splitUnits(t);
    expect(us.map((u) => t.slice(u.start, u.end)).join('')).toBe(t);
    for (let i = 1; i < us.length; i++) expect(us[i].start).toBe(us[i - 1].end);
  });
});
