import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCHEMA_VERSION, migrate, migrations, type Migration } from './migrations';
import { Workspace } from './workspace';
import { loadDictionary, saveDictionary } from './dictionaries';
import { readAllGroups, readAllRoots } from '../dict/ops';
import type { Dictionary } from '../dict/types';
import { readFileSync } from 'node:fs';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tokstudio-migrate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const tables = (db: Database.Database): string[] =>
  db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all() as string[];

describe('migrate', () => {
  it('creates every table and sets user_version', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toBe(SCHEMA_VERSION);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(tables(db)).toEqual([
      'annotation_history',
      'annotation_queues',
      'annotations',
      'corpora',
      'corpus_count_sets',
      'corpus_counts',
      'dict_edits',
      'dict_groups',
      'dict_root_alternants',
      'dict_roots',
      'dict_variants',
      'dictionaries',
      'evaluations',
      'gold_entries',
      'gold_sets',
      'jobs',
      'merges',
      'meta',
      'parallel_rows',
      'parallel_sets',
      'queue_items',
      'sqlite_sequence',
      'tokenizer_corpora',
      'tokenizer_versions',
      'vocab',
    ]);
    expect(db.prepare(`SELECT value FROM meta WHERE key = 'app'`).pluck().get()).toBe('tokenizer-studio');
    expect(db.prepare(`SELECT value FROM meta WHERE key = 'created_at'`).pluck().get()).toMatch(/^\d{4}-\d\d-\d\dT/);
    db.close();
  });

  it('applies a later migration when a workspace is reopened, once', () => {
    const file = join(dir, 'w.tokstudio');
    Workspace.open(file).close();
    let runs = 0;
    const next = SCHEMA_VERSION + 1;
    const later: Migration = {
      version: next,
      name: 'later feature',
      up: (db) => {
        runs++;
        db.exec(`CREATE TABLE later_feature (id INTEGER PRIMARY KEY, name TEXT NOT NULL)`);
      },
    };
    const db = new Database(file);
    expect(migrate(db, [...migrations, later])).toBe(next);
    expect(migrate(db, [...migrations, later])).toBe(next);
    expect(runs).toBe(1);
    expect(tables(db)).toContain('later_feature');
    db.close();
    // This build does not know the later schema, so the upgraded file is now refused.
    expect(() => Workspace.open(file)).toThrow(`was written by a newer Tokenizer Studio (schema ${next}; this build knows ${SCHEMA_VERSION})`);
  });

  it('leaves the previous version intact when a migration fails', () => {
    const db = new Database(':memory:');
    migrate(db);
    const broken: Migration = { version: SCHEMA_VERSION + 1, name: 'broken', up: `CREATE TABLE half_done (x INTEGER); SELECT * FROM no_such_table;` };
    expect(() => migrate(db, [...migrations, broken], 'test.tokstudio')).toThrow(
      `upgrading workspace test.tokstudio to schema ${SCHEMA_VERSION + 1} (broken) failed: no such table: no_such_table`,
    );
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(tables(db)).not.toContain('half_done');
    db.close();
  });

  it('refuses a database newer than the list it knows', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 7');
    expect(() => migrate(db, migrations, 'x.tokstudio')).toThrow(
      `workspace x.tokstudio was written by a newer Tokenizer Studio (schema 7; this build knows ${SCHEMA_VERSION})`,
    );
    db.close();
  });

  it('insists on versions 1, 2, 3, ... in order', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [{ version: 2, name: 'gap', up: '' }])).toThrow(/out of order/);
    db.close();
  });
});

describe('schema 2: dictionaries', () => {
  it('upgrades a schema-1 workspace in place and keeps its data and jobs', () => {
    const file = join(dir, 'old.tokstudio');
    const db = new Database(file);
    migrate(db, migrations.slice(0, 1));
    db.exec(`INSERT INTO meta (key, value) VALUES ('probe', 'kept')`);
    db.exec(`INSERT INTO jobs (kind, status, args_json, started_at) VALUES ('train', 'done', '{}', 'then')`);
    expect(migrate(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare(`SELECT kind || ':' || status FROM jobs`).pluck().all()).toEqual(['train:done']);
    db.exec(`INSERT INTO jobs (kind, status, args_json, started_at) VALUES ('dict-import', 'queued', '{}', 'now')`);
    expect(() => db.exec(`INSERT INTO jobs (kind, status, args_json, started_at) VALUES ('bogus', 'queued', '{}', 'now')`)).toThrow(/CHECK/);
    expect(db.prepare(`SELECT value FROM meta WHERE key = 'probe'`).pluck().get()).toBe('kept');
    expect(tables(db)).toEqual(expect.arrayContaining(['dictionaries', 'dict_roots', 'dict_root_alternants', 'dict_groups', 'dict_variants']));
    db.close();
  });
});

describe('schema 4: dictionary editing', () => {
  const small = (): Dictionary => JSON.parse(readFileSync(join(import.meta.dirname, '../../../fixtures/dict/small.json'), 'utf8')) as Dictionary;

  it('upgrades a schema-3 workspace keeping every dictionary row and its id', () => {
    const file = join(dir, 'three.tokstudio');
    const db = new Database(file);
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 3));
    const a = saveDictionary(db, small()).id;
    const b = saveDictionary(db, { ...small(), name: 'second' }).id;
    db.prepare(`DELETE FROM dict_roots WHERE dictionary_id = ? AND surface = 'gel'`).run(a); // a gap in the ids
    const before = [a, b].map((id) => ({ dict: loadDictionary(db, id), roots: readAllRoots(db, id), groups: readAllGroups(db, id) }));
    const maxRoot = db.prepare(`SELECT max(id) FROM dict_roots`).pluck().get() as number;

    expect(migrate(db)).toBe(SCHEMA_VERSION);
    expect([a, b].map((id) => ({ dict: loadDictionary(db, id), roots: readAllRoots(db, id), groups: readAllGroups(db, id) }))).toEqual(before);
    expect(db.prepare(`SELECT revision FROM dictionaries ORDER BY id`).pluck().all()).toEqual([0, 0]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(tables(db)).toEqual(expect.arrayContaining(['dict_edits']));
    // AUTOINCREMENT: a new row gets an id above every id ever used, so undo can put rows back under theirs.
    db.prepare(`DELETE FROM dict_roots WHERE id = ?`).run(maxRoot);
    const fresh = Number(db.prepare(`INSERT INTO dict_roots (dictionary_id, surface, pos) VALUES (?, 'yeni', 'noun')`).run(b).lastInsertRowid);
    expect(fresh).toBe(maxRoot + 1);
    // Cascades still work through the rebuilt tables.
    db.prepare(`DELETE FROM dictionaries WHERE id = ?`).run(a);
    expect(db.prepare(`SELECT count(*) FROM dict_root_alternants a JOIN dict_roots r ON r.id = a.root_id WHERE r.dictionary_id = ?`).pluck().get(a)).toBe(0);
    db.close();
    // The upgraded file opens as a workspace.
    const ws = Workspace.open(file);
    expect(ws.dictionaries.list().map((d) => d.name)).toEqual(['second']);
    ws.close();
  });
  it('upgrades a schema-5 workspace keeping gold sets and entries with their ids, and admits conllu', () => {
    const file = join(dir, 'w5.tokstudio');
    const db = new Database(file);
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 5));
    db.prepare(`INSERT INTO gold_sets (id, name, language, format, sha256, entries, created_at) VALUES (7, 'g', 'tr', 'tsv', 'abc', 2, 'now')`).run();
    db.prepare(`INSERT INTO gold_entries (id, set_id, position, word, segments_json, line) VALUES (40, 7, 0, 'evler', '[["ev","ler"]]', 1), (41, 7, 1, 'ev', '[["ev"]]', 2)`).run();
    expect(() => db.prepare(`UPDATE gold_sets SET format = 'conllu'`).run()).toThrow(/CHECK constraint/);
    expect(migrate(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare(`SELECT id, set_id, word FROM gold_entries ORDER BY id`).all()).toEqual([
      { id: 40, set_id: 7, word: 'evler' },
      { id: 41, set_id: 7, word: 'ev' },
    ]);
    db.prepare(`UPDATE gold_sets SET format = 'conllu'`).run();
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.prepare(`DELETE FROM gold_sets WHERE id = 7`).run();
    expect(db.prepare(`SELECT count(*) FROM gold_entries`).pluck().get()).toBe(0); // the cascade still holds
    db.close();
  });
});
