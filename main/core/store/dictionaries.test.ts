import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../errors';
import type { Dictionary } from '../dict/types';
import { finishDictionary } from '../dict/validate';
import { findDictionaryByName, listDictionaries, loadDictionary, removeDictionary, replaceDictionary, saveDictionary } from './dictionaries';
import { NotFoundError } from './errors';
import { migrate } from './migrations';
import { Workspace } from './workspace';

const FIX = join(import.meta.dirname, '../../../fixtures/dict');
const small = (): Dictionary => JSON.parse(readFileSync(join(FIX, 'small.json'), 'utf8')) as Dictionary;

let dir: string;
let db: Database.Database;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tokstudio-dictstore-'));
  db = new Database(join(dir, 'w.db'));
  db.pragma('foreign_keys = ON');
  migrate(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const rows = (): Record<string, number> =>
  Object.fromEntries(
    ['dictionaries', 'dict_roots', 'dict_root_alternants', 'dict_groups', 'dict_variants'].map((t) => [t, db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]),
  );
const EMPTY = { dictionaries: 0, dict_roots: 0, dict_root_alternants: 0, dict_groups: 0, dict_variants: 0 };

describe('dictionary store', () => {
  it('saves and loads back the canonical dictionary, with alternants, rules and morphotactics', () => {
    const { id } = saveDictionary(db, small());
    expect(loadDictionary(db, id)).toEqual(finishDictionary(small(), 'small.json'));
    expect(rows()).toEqual({ dictionaries: 1, dict_roots: 3, dict_root_alternants: 1, dict_groups: 5, dict_variants: 19 });
  });

  it('lists, finds, replaces and removes', () => {
    const a = saveDictionary(db, small()).id;
    const other = { ...small(), name: 'other' };
    delete other.morphotactics;
    const b = saveDictionary(db, other).id;
    expect(listDictionaries(db).map((s) => [s.id, s.name, s.language, s.roots, s.groups, s.variants])).toEqual([
      [a, 'small test dictionary', 'tr', 3, 5, 19],
      [b, 'other', 'tr', 3, 5, 19],
    ]);
    expect(findDictionaryByName(db, 'other')?.id).toBe(b);
    expect(findDictionaryByName(db, 'nope')).toBeNull();
    expect(loadDictionary(db, b).morphotactics).toBeUndefined();

    const before = listDictionaries(db)[0];
    const changed = small();
    changed.roots = changed.roots.slice(1);
    changed.groups[0].variants = ['lar', 'ler', 'lır'];
    changed.groups[0].rules = undefined;
    replaceDictionary(db, a, changed);
    const after = findDictionaryByName(db, 'small test dictionary')!;
    expect(after).toMatchObject({ id: a, roots: 2, variants: 20, createdAt: before.createdAt });
    expect(loadDictionary(db, a).groups.find((g) => g.name === 'PLU')).toEqual({ name: 'PLU', kind: 'suffix', class: 'plural', variants: ['lar', 'ler', 'lır'], gloss: 'plural' });
    expect(() => replaceDictionary(db, 999, small())).toThrow(NotFoundError);

    expect(removeDictionary(db, a)).toBe(true);
    expect(removeDictionary(db, a)).toBe(false);
    expect(() => loadDictionary(db, a)).toThrow(NotFoundError);
    expect(rows()).toEqual({ dictionaries: 1, dict_roots: 3, dict_root_alternants: 1, dict_groups: 5, dict_variants: 19 });
  });

  it('leaves nothing behind when validation fails or an insert throws midway', () => {
    const bad = small();
    bad.roots.push({ surface: 'kitap', pos: 'noun' });
    expect(() => saveDictionary(db, bad)).toThrow(UserError);
    expect(rows()).toEqual(EMPTY);

    // A trigger makes the insert of the last group's variants fail after everything else went in.
    db.exec(`CREATE TEMP TRIGGER boom BEFORE INSERT ON dict_variants WHEN NEW.surface = 'lar' BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END`);
    expect(() => saveDictionary(db, small())).toThrow('disk full (simulated)');
    expect(rows()).toEqual(EMPTY);

    db.exec(`DROP TRIGGER boom`);
    const { id } = saveDictionary(db, small());
    db.exec(`CREATE TEMP TRIGGER boom BEFORE INSERT ON dict_variants WHEN NEW.surface = 'lar' BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END`);
    expect(() => replaceDictionary(db, id, { ...small(), name: 'renamed' })).toThrow('disk full (simulated)');
    expect(loadDictionary(db, id)).toEqual(finishDictionary(small(), 'small.json')); // the old content is intact
  });

  it('removes every row even with foreign keys off', () => {
    const plain = new Database(':memory:');
    migrate(plain);
    plain.pragma('foreign_keys = OFF');
    const { id } = saveDictionary(plain, small());
    removeDictionary(plain, id);
    for (const t of ['dict_roots', 'dict_root_alternants', 'dict_groups', 'dict_variants']) expect(plain.prepare(`SELECT count(*) FROM ${t}`).pluck().get()).toBe(0);
    plain.close();
  });

  it('is reachable from a Workspace', () => {
    const ws = Workspace.open(join(dir, 'ws.tokstudio'));
    const { id } = ws.dictionaries.save(small());
    expect(ws.dictionaries.list()).toHaveLength(1);
    expect(ws.dictionaries.load(id).roots).toHaveLength(3);
    expect(ws.dictionaries.findByName('small test dictionary')?.id).toBe(id);
    expect(ws.dictionaries.remove(id)).toBe(true);
    ws.close();
  });

  it('saves and loads 100k roots in one transaction (timing logged)', () => {
    const d = small();
    const letters = 'abcçdefgğhıijklmnoöprsştuüvyz';
    for (let i = 0; i < 100_000; i++) {
      let s = '';
      for (let n = i + 1; n > 0; n = Math.floor(n / letters.length)) s += letters[n % letters.length];
      d.roots.push({ surface: `${s}z`, pos: 'noun' });
    }
    const t0 = performance.now();
    const { id } = saveDictionary(db, d);
    const t1 = performance.now();
    const back = loadDictionary(db, id);
    const t2 = performance.now();
    expect(back.roots).toHaveLength(100_003);
    console.log(`dictionary store: save 100k roots ${(t1 - t0).toFixed(0)} ms (validate + insert), load ${(t2 - t1).toFixed(0)} ms`);
  });
});
