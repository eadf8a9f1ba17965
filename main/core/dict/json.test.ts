import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dictionaryToJson, readDictionaryJson, writeDictionaryJson } from './json';
import type { Dictionary } from './types';

const FIX = join(import.meta.dirname, '../../../fixtures/dict');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tokstudio-dictjson-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('dictionary JSON', () => {
  it('round-trips byte for byte in canonical form', () => {
    const d = readDictionaryJson(join(FIX, 'small.json'));
    expect(d.roots.map((r) => r.surface)).toEqual(['ev', 'gel', 'kitap']);
    const file = join(dir, 'out.json');
    writeDictionaryJson(file, d);
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(dictionaryToJson(d));
    expect(readDictionaryJson(file)).toEqual(d);
    writeDictionaryJson(file, readDictionaryJson(file));
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(readdirSync(dir)).toEqual(['out.json']); // no temporary file left
  });

  it('names the file, line and column of a JSON syntax error', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{\n  "format": "tokstudio-dictionary/1",\n  "name": "x",\n}\n');
    expect(() => readDictionaryJson(file)).toThrow(/^bad\.json:4:1: invalid JSON: /);
    writeFileSync(file, '{\n  "roots": [');
    expect(() => readDictionaryJson(file)).toThrow(/^bad\.json:2:13: invalid JSON: /);
  });

  it('names the file and the paths of invalid content', () => {
    const file = join(dir, 'd.json');
    const d = JSON.parse(readFileSync(join(FIX, 'small.json'), 'utf8')) as Dictionary;
    d.roots[1].surface = 'eq';
    writeFileSync(file, JSON.stringify(d));
    expect(() => readDictionaryJson(file)).toThrow('d.json: 1 problem in the dictionary:\n  roots[1].surface: root "eq" contains "q" (U+0071), which is not in the alphabet');
    expect(() => writeDictionaryJson(join(dir, 'w.json'), d)).toThrow('w.json: 1 problem');
    expect(() => readDictionaryJson(join(dir, 'missing.json'))).toThrow(/cannot read dictionary .*missing\.json: ENOENT/);
  });
});
