import { describe, expect, it } from 'vitest';
import { alignmentMetrics, buildLexicon, classifyToken } from './metrics';
import { turkishMini } from './testdicts';

describe('alignment metrics', () => {
  const lex = buildLexicon(turkishMini());
  it('classifies token texts as pure morphemes, dictionary words or neither', () => {
    expect(classifyToken(' Kitab', lex)).toEqual({ counted: true, pure: true, language: true });
    expect(classifyToken('lar', lex)).toEqual({ counted: true, pure: true, language: true });
    expect(classifyToken(' kitaplar', lex)).toEqual({ counted: true, pure: false, language: true });
    expect(classifyToken('itapl', lex)).toEqual({ counted: true, pure: false, language: false });
    expect(classifyToken(' ', lex).counted).toBe(false);
    // Any leading whitespace goes: tab, newline, no-break and ideographic spaces.
    for (const ws of ['\t', '\n ', '\u00a0', '\u3000', '\u2028']) expect(classifyToken(ws + 'Kitab', lex), JSON.stringify(ws)).toEqual({ counted: true, pure: true, language: true });
    expect(classifyToken('\u00a0', lex).counted).toBe(false);
    expect(classifyToken('', lex).counted).toBe(false);
    expect(classifyToken('İSTANBUL', lex).pure).toBe(true); // folded with Turkish rules
  });
  it('computes shares over occurrences and over distinct types', () => {
    const m = alignmentMetrics(
      [
        { key: 1, text: 'kitap', count: 3 },
        { key: 2, text: 'lar', count: 1 },
        { key: 3, text: 'evler', count: 1 },
        { key: 4, text: 'xq', count: 5 },
        { key: 5, text: '\n', count: 9 },
      ],
      lex,
    );
    expect(m.tokens).toMatchObject({ counted: 10, language: 5, pure: 4, languagePct: 50, purePct: 40 });
    expect(m.types).toMatchObject({ counted: 4, language: 3, pure: 2, languagePct: 75, purePct: 50 });
  });
});
