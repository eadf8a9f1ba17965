import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../errors';
import { importDictionaryFile } from './import';

const FIX = join(import.meta.dirname, '../../../fixtures/dict');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tokstudio-dictimport-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('importDictionaryFile', () => {
  it('picks the reader by extension', () => {
    expect(importDictionaryFile(join(FIX, 'small.json')).report).toMatchObject({ format: 'json', roots: 3, groups: 5, variants: 19, edges: 10 });
    for (const file of ['mini.aff', 'mini.dic']) {
      const { dictionary, report } = importDictionaryFile(join(FIX, file));
      expect(report).toMatchObject({ format: 'hunspell', roots: 6, groups: 5 });
      expect(dictionary.sources).toEqual(['mini.aff', 'mini.dic']);
    }
    writeFileSync(join(dir, 'roots.tsv'), 'surface\tpos\nkitap\tnoun\n');
    expect(importDictionaryFile(join(dir, 'roots.tsv')).report).toMatchObject({ format: 'tsv', roots: 1 });
    writeFileSync(join(dir, 'roots.csv'), 'surface,pos\nkitap,noun\n');
    expect(importDictionaryFile(join(dir, 'roots.csv'), { name: 'Roots', language: 'tr' }).dictionary).toMatchObject({ name: 'Roots', language: 'tr' });
  });

  it('applies name and language overrides (the language decides case folding)', () => {
    const src = JSON.parse(readFileSync(join(FIX, 'small.json'), 'utf8'));
    src.language = 'en';
    src.roots.push({ surface: 'IŞIK', pos: 'noun' });
    writeFileSync(join(dir, 'd.json'), JSON.stringify(src));
    const { dictionary } = importDictionaryFile(join(dir, 'd.json'), { language: 'tr', name: 'renamed' });
    expect(dictionary.name).toBe('renamed');
    expect(dictionary.roots.map((r) => r.surface)).toContain('ışık');
  });

  it('finds the .aff beside the .dic, or takes it from affPath', () => {
    copyFileSync(join(FIX, 'mini.dic'), join(dir, 'words.dic'));
    expect(() => importDictionaryFile(join(dir, 'words.dic'))).toThrow(/Hunspell \.aff file .*words\.aff not found/);
    const { report } = importDictionaryFile(join(dir, 'words.dic'), { affPath: join(FIX, 'mini.aff') });
    expect(report.roots).toBe(6);
  });

  it('refuses unknown extensions and invalid content with one UserError', () => {
    expect(() => importDictionaryFile(join(dir, 'x.txt'))).toThrow('x.txt: cannot tell the dictionary format from the extension ".txt"');
    writeFileSync(join(dir, 'bad.tsv'), 'surface\tpos\nkitap\t\n');
    // An empty pos column defaults to "root"; a root with an empty surface is skipped, so this is valid.
    expect(importDictionaryFile(join(dir, 'bad.tsv')).dictionary.roots).toEqual([{ surface: 'kitap', pos: 'root' }]);
    const src = JSON.parse(readFileSync(join(FIX, 'small.json'), 'utf8'));
    src.groups[0].rules[0].variant = 'lır';
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(src));
    expect(() => importDictionaryFile(join(dir, 'bad.json'))).toThrow(UserError);
    expect(() => importDictionaryFile(join(dir, 'bad.json'))).toThrow('bad.json: 1 problem in the dictionary:\n  groups[0].rules[0].variant: rule names variant "lır"');
  });

  it('puts validation warnings into the report', () => {
    const src = JSON.parse(readFileSync(join(FIX, 'small.json'), 'utf8'));
    src.groups.push({ name: 'DIM', kind: 'suffix', class: 'diminutive', variants: ['cik'] });
    writeFileSync(join(dir, 'w.json'), JSON.stringify(src));
    expect(importDictionaryFile(join(dir, 'w.json')).report.warnings).toEqual(['morphotactics.edges: class "diminutive" cannot be reached from "^"']);
  });
});
