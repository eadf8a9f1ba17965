import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tempDir } from '../../testing/tmp';
import { readGoldFile } from '../gold/read';
import { Workspace } from './workspace';

const FIX = join(import.meta.dirname, '../../../fixtures/eval');
let tmp: ReturnType<typeof tempDir>;
let ws: Workspace;
beforeEach(() => {
  tmp = tempDir('tokstudio-goldstore-');
  ws = Workspace.open(tmp.path('w.tokstudio'));
});
afterEach(() => {
  ws.close();
  tmp.cleanup();
});

describe('gold sets in the workspace', () => {
  it('stores a set with its alternatives, pages entries, finds it by sha256 and removes it with its entries', () => {
    const file = readGoldFile(join(FIX, 'gold.morpho.tsv'));
    const s = ws.gold.add({ name: 'mc', language: 'tr', format: file.format, sourcePath: '/x/gold.morpho.tsv', sha256: file.sha256, items: file.items });
    expect(s).toMatchObject({ name: 'mc', language: 'tr', format: 'morpho', source: 'file', sourcePath: '/x/gold.morpho.tsv', entries: 3, withAlternatives: 1 });
    expect(ws.gold.list()).toEqual([s]);
    expect(ws.gold.entries(s.id, 1, 1)).toEqual({
      total: 3,
      items: [{ position: 1, word: 'evlerinde', alternatives: [['ev', 'ler', 'i', 'n', 'de'], ['ev', 'ler', 'in', 'de']], line: 3 }],
    });
    expect(ws.gold.items(s.id)).toEqual(file.items);
    expect(ws.gold.findBySha(file.sha256)?.id).toBe(s.id);
    expect(ws.gold.findBySha('0'.repeat(64))).toBeNull();

    expect(ws.gold.remove(s.id)).toBe(true);
    expect(ws.gold.remove(s.id)).toBe(false);
    expect(() => ws.gold.get(s.id)).toThrow(`gold set ${s.id} not found`);
  });

  it('writes nothing when an entry fails to insert', () => {
    expect(() => ws.gold.add({ name: 'bad', language: 'tr', format: 'tsv', sourcePath: 'b', sha256: 'x', items: [{ word: 'ev', alternatives: [['ev']], line: 1 }, { word: '', alternatives: [], line: 2 }] })).toThrow(/CHECK/);
    expect(ws.gold.list()).toEqual([]);
  });
});
