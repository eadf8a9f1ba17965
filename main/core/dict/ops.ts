// Row-level writes of a stored dictionary, as plain-JSON operations. Every edit, its undo and its redo
// are one of these, so the undo log (edit.ts) can store them and replay them in either direction. Rows
// keep their ids across a delete and its undo (the tables use AUTOINCREMENT, so an id is never reused).
import type Database from 'better-sqlite3';
import type { DictGroup, DictRoot } from '../../api/contract';
import { NotFoundError } from '../store/errors';
import type { AllomorphRule, Condition } from './types';

type Db = Database.Database;
export type Alternant = DictRoot['alternants'][number];

/** A root row, compact because an import's undo entry may hold hundreds of thousands of them. */
export type RootTuple = [rowId: number, surface: string, pos: string, gloss: string | null, alternants: Alternant[]];

export interface DictMeta {
  alphabet: string;
  charClasses: Record<string, string>;
  /** null: no morphotactics (any order). */
  edges: [string, string][] | null;
}

export type Op =
  /** Inserts rows; a rowId of 0 gets a new id, written back into the op (so the log records it). */
  | { op: 'roots.put'; rows: RootTuple[] }
  /** Overwrites every field of existing rows. */
  | { op: 'roots.set'; rows: RootTuple[] }
  | { op: 'roots.del'; rowIds: number[] }
  | { op: 'groups.put'; rows: DictGroup[] }
  | { op: 'groups.set'; rows: DictGroup[] }
  | { op: 'groups.del'; rowIds: number[] }
  | { op: 'meta.set'; meta: Partial<DictMeta> }
  | { op: 'batch'; ops: Op[] };

export const toRoot = (t: RootTuple): DictRoot => ({ rowId: t[0], surface: t[1], pos: t[2], gloss: t[3], alternants: t[4] });
export const toTuple = (r: DictRoot): RootTuple => [r.rowId, r.surface, r.pos, r.gloss, r.alternants];

/** Applies `op` to dictionary `dictId`; the caller runs it inside a transaction. */
export function applyOp(db: Db, dictId: number, op: Op): void {
  switch (op.op) {
    case 'batch':
      for (const o of op.ops) applyOp(db, dictId, o);
      return;
    case 'roots.put': {
      const insert = db.prepare(`INSERT INTO dict_roots (id, dictionary_id, surface, pos, gloss) VALUES (?, ?, ?, ?, ?)`);
      for (const row of op.rows) {
        const info = insert.run(row[0] === 0 ? null : row[0], dictId, row[1], row[2], row[3]);
        row[0] = Number(info.lastInsertRowid);
        insertAlternants(db, row);
      }
      return;
    }
    case 'roots.set': {
      const update = db.prepare(`UPDATE dict_roots SET surface = ?, pos = ?, gloss = ? WHERE id = ? AND dictionary_id = ?`);
      const clear = db.prepare(`DELETE FROM dict_root_alternants WHERE root_id = ?`);
      for (const row of op.rows) {
        if (update.run(row[1], row[2], row[3], row[0], dictId).changes === 0) throw missing('root', row[0], dictId);
        clear.run(row[0]);
        insertAlternants(db, row);
      }
      return;
    }
    case 'roots.del': {
      const clear = db.prepare(`DELETE FROM dict_root_alternants WHERE root_id = ?`);
      const del = db.prepare(`DELETE FROM dict_roots WHERE id = ? AND dictionary_id = ?`);
      for (const id of op.rowIds) {
        clear.run(id);
        if (del.run(id, dictId).changes === 0) throw missing('root', id, dictId);
      }
      return;
    }
    case 'groups.put': {
      const insert = db.prepare(`INSERT INTO dict_groups (id, dictionary_id, name, kind, class, gloss, rules_json) VALUES (?, ?, ?, ?, ?, ?, ?)`);
      for (const g of op.rows) {
        const info = insert.run(g.rowId === 0 ? null : g.rowId, dictId, g.name, g.kind, g.class, g.gloss, rulesJson(g.rules));
        g.rowId = Number(info.lastInsertRowid);
        insertVariants(db, g);
      }
      return;
    }
    case 'groups.set': {
      const update = db.prepare(`UPDATE dict_groups SET name = ?, kind = ?, class = ?, gloss = ?, rules_json = ? WHERE id = ? AND dictionary_id = ?`);
      const clear = db.prepare(`DELETE FROM dict_variants WHERE group_id = ?`);
      for (const g of op.rows) {
        if (update.run(g.name, g.kind, g.class, g.gloss, rulesJson(g.rules), g.rowId, dictId).changes === 0) throw missing('group', g.rowId, dictId);
        clear.run(g.rowId);
        insertVariants(db, g);
      }
      return;
    }
    case 'groups.del': {
      const clear = db.prepare(`DELETE FROM dict_variants WHERE group_id = ?`);
      const del = db.prepare(`DELETE FROM dict_groups WHERE id = ? AND dictionary_id = ?`);
      for (const id of op.rowIds) {
        clear.run(id);
        if (del.run(id, dictId).changes === 0) throw missing('group', id, dictId);
      }
      return;
    }
    case 'meta.set': {
      const m = op.meta;
      if (m.alphabet !== undefined) db.prepare(`UPDATE dictionaries SET alphabet = ? WHERE id = ?`).run(m.alphabet, dictId);
      if (m.charClasses !== undefined) db.prepare(`UPDATE dictionaries SET char_classes_json = ? WHERE id = ?`).run(JSON.stringify(m.charClasses), dictId);
      if (m.edges !== undefined) {
        const json = m.edges === null ? null : JSON.stringify({ edges: m.edges });
        db.prepare(`UPDATE dictionaries SET morphotactics_json = ? WHERE id = ?`).run(json, dictId);
      }
      return;
    }
  }
}

function missing(what: string, rowId: number, dictId: number): NotFoundError {
  return new NotFoundError(`${what} ${rowId} is not in dictionary ${dictId}`);
}

const rulesJson = (rules: AllomorphRule[]): string | null => (rules.length > 0 ? JSON.stringify(rules) : null);

function insertAlternants(db: Db, row: RootTuple): void {
  const insert = db.prepare(`INSERT INTO dict_root_alternants (root_id, surface, position, when_json) VALUES (?, ?, ?, ?)`);
  row[4].forEach((a, i) => insert.run(row[0], a.surface, i, a.when ? JSON.stringify(a.when) : null));
}

function insertVariants(db: Db, g: DictGroup): void {
  const insert = db.prepare(`INSERT INTO dict_variants (group_id, position, surface) VALUES (?, ?, ?)`);
  g.variants.forEach((v, i) => insert.run(g.rowId, i, v));
}

// ---------- reads ----------

export function readMeta(db: Db, dictId: number): DictMeta & { language: string; revision: number } {
  const row = db
    .prepare(`SELECT language, alphabet, char_classes_json, morphotactics_json, revision FROM dictionaries WHERE id = ?`)
    .raw()
    .get(dictId) as [string, string, string, string | null, number] | undefined;
  if (!row) throw new NotFoundError(`dictionary ${dictId} not found`);
  const [language, alphabet, classes, morphotactics, revision] = row;
  const edges = morphotactics === null ? null : (JSON.parse(morphotactics) as { edges: [string, string][] }).edges;
  return { language, alphabet, charClasses: JSON.parse(classes) as Record<string, string>, edges, revision };
}

/** The alternants of the given roots, in their order. */
function alternantsOf(db: Db, rootIds: readonly number[]): Map<number, Alternant[]> {
  const out = new Map<number, Alternant[]>();
  const stmt = db.prepare(`SELECT root_id, surface, when_json FROM dict_root_alternants WHERE root_id IN (SELECT value FROM json_each(?)) ORDER BY root_id, position`);
  for (let i = 0; i < rootIds.length; i += 5000) {
    const rows = stmt.raw().all(JSON.stringify(rootIds.slice(i, i + 5000))) as [number, string, string | null][];
    for (const [id, surface, when] of rows) {
      const list = out.get(id) ?? [];
      list.push({ surface, when: when === null ? null : (JSON.parse(when) as Condition) });
      out.set(id, list);
    }
  }
  return out;
}

/** Root rows from (id, surface, pos, gloss) rows, with their alternants. */
export function withAlternants(db: Db, rows: [number, string, string, string | null][]): DictRoot[] {
  const alts = alternantsOf(
    db,
    rows.map((r) => r[0]),
  );
  return rows.map(([rowId, surface, pos, gloss]) => ({ rowId, surface, pos, gloss, alternants: alts.get(rowId) ?? [] }));
}

export function readRoot(db: Db, dictId: number, rowId: number): DictRoot {
  const row = db.prepare(`SELECT id, surface, pos, gloss FROM dict_roots WHERE id = ? AND dictionary_id = ?`).raw().get(rowId, dictId) as
    | [number, string, string, string | null]
    | undefined;
  if (!row) throw missing('root', rowId, dictId);
  return withAlternants(db, [row])[0];
}

/** Every root of the dictionary in (surface, pos) order: the order loadDictionary gives. */
export function readAllRoots(db: Db, dictId: number): DictRoot[] {
  const rows = db.prepare(`SELECT id, surface, pos, gloss FROM dict_roots WHERE dictionary_id = ? ORDER BY surface, pos`).raw().all(dictId) as [
    number,
    string,
    string,
    string | null,
  ][];
  const alts = new Map<number, Alternant[]>();
  const altRows = db
    .prepare(
      `SELECT a.root_id, a.surface, a.when_json FROM dict_root_alternants a JOIN dict_roots r ON r.id = a.root_id
       WHERE r.dictionary_id = ? ORDER BY a.root_id, a.position`,
    )
    .raw()
    .iterate(dictId) as IterableIterator<[number, string, string | null]>;
  for (const [id, surface, when] of altRows) {
    const list = alts.get(id) ?? [];
    list.push({ surface, when: when === null ? null : (JSON.parse(when) as Condition) });
    alts.set(id, list);
  }
  return rows.map(([rowId, surface, pos, gloss]) => ({ rowId, surface, pos, gloss, alternants: alts.get(rowId) ?? [] }));
}

type GroupRow = [number, string, DictGroup['kind'], string, string | null, string | null];

/** Group rows from (id, name, kind, class, gloss, rules_json) rows, with their variants. */
export function withVariants(db: Db, rows: GroupRow[]): DictGroup[] {
  const stmt = db.prepare(`SELECT surface FROM dict_variants WHERE group_id = ? ORDER BY position`).pluck();
  return rows.map(([rowId, name, kind, cls, gloss, rules]) => ({
    rowId,
    name,
    kind,
    class: cls,
    gloss,
    variants: stmt.all(rowId) as string[],
    rules: rules === null ? [] : (JSON.parse(rules) as AllomorphRule[]),
  }));
}

export const GROUP_COLUMNS = `id, name, kind, class, gloss, rules_json`;

export function readGroup(db: Db, dictId: number, rowId: number): DictGroup {
  const row = db.prepare(`SELECT ${GROUP_COLUMNS} FROM dict_groups WHERE id = ? AND dictionary_id = ?`).raw().get(rowId, dictId) as GroupRow | undefined;
  if (!row) throw missing('group', rowId, dictId);
  return withVariants(db, [row])[0];
}

/** Every group of the dictionary in name order. */
export function readAllGroups(db: Db, dictId: number): DictGroup[] {
  return withVariants(db, db.prepare(`SELECT ${GROUP_COLUMNS} FROM dict_groups WHERE dictionary_id = ? ORDER BY name`).raw().all(dictId) as GroupRow[]);
}
