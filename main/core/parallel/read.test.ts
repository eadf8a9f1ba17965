import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { tempDir } from '../../testing/tmp';
import { detectParallelFormat, parseParallelJsonl, parseParallelTsv, readParallelFile } from './read';

const FIX = join(import.meta.dirname, '../../../fixtures/eval');
const rows = [{ en: 'The books', tr: 'Kitaplar', de: 'Die Bücher' }, { en: 'In the house', tr: 'Evde' }, { tr: 'Boş', de: 'Leer' }];

describe('parallel text', () => {
  it('reads JSONL and aligned TSV into the same rows (empty sides left out)', () => {
    const j = readParallelFile(join(FIX, 'parallel.jsonl'));
    expect(j).toMatchObject({ format: 'jsonl', languages: ['en', 'tr', 'de'], rows });
    const t = readParallelFile(join(FIX, 'parallel.tsv'));
    expect(t).toMatchObject({ format: 'tsv', languages: ['en', 'tr', 'de'], rows });
    expect(t.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('detects the format by extension, else by content', () => {
    expect(detectParallelFormat('a.jsonl', 'en\ttr')).toBe('jsonl');
    expect(detectParallelFormat('a.tsv', '{')).toBe('tsv');
    expect(detectParallelFormat('a.txt', '\n {"en":"x"}')).toBe('jsonl');
    expect(detectParallelFormat('a.txt', 'en\ttr\n')).toBe('tsv');
  });

  it('names the line of every malformed JSONL case', () => {
    const cases: [string, RegExp][] = [
      ['{"en":"a","tr":"b"}\n{"en":"a",}\n', /^p:2: not valid JSON/],
      ['["a","b"]\n', /^p:1: expected a JSON object/],
      ['{"en":"a","tr":3}\n', /^p:1: the value of "tr" is number/],
      ['{"en":"a","tr":["b"]}\n', /^p:1: the value of "tr" is an array/],
      ['{"en":"a","t r":"b"}\n', /^p:1: "t r" is not a language code/],
    ];
    for (const [text, re] of cases) expect(() => parseParallelJsonl(text, 'p')).toThrow(re);
  });

  it('names the line of every malformed TSV case', () => {
    const cases: [string, RegExp][] = [
      ['en\ttr\na\tb\nc\n', /^p:3: 1 columns, the header has 2 \(en, tr\)/],
      ['en\ttr\na\tb\tc\n', /^p:2: 3 columns/],
      ['en\ten\na\tb\n', /^p:1: language "en" appears twice/],
      ['\nen\t\na\tb\n', /^p:2: "" is not a language code/],
      ['\n\n', /^p: empty/],
    ];
    for (const [text, re] of cases) expect(() => parseParallelTsv(text, 'p')).toThrow(re);
  });

  it('refuses files without rows or with one language', () => {
    const tmp = tempDir('tokstudio-par-');
    try {
      writeFileSync(tmp.path('one.tsv'), 'en\nx\n');
      expect(() => readParallelFile(tmp.path('one.tsv'))).toThrow('one.tsv: parallel text needs at least two languages, found en');
      writeFileSync(tmp.path('none.tsv'), 'en\ttr\n');
      expect(() => readParallelFile(tmp.path('none.tsv'))).toThrow('none.tsv: no rows');
    } finally {
      tmp.cleanup();
    }
  });
});
