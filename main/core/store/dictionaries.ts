// Affix dictionaries in the workspace: one row per dictionary, root, alternant, group and variant
// (schema 2). Every write validates first and runs in one transaction, so a dictionary that fails
// validation or an insert that fails midway leaves no rows behind.
import type Database from 'better-sqlite3';
import type { AllomorphGroup, AllomorphRule, Condition, Dictionary, Root } from '../dict/types';
import { finishDictionary } from '../dict/validate';
import type { DictEdit } from '../../api/contract';
import { applyEdit, bump, clearLog, redo, undo, undoState } from '../dict/edit';
import { mergeInto } from '../dict/merge';
import { type GroupQuery, type RootQuery, dictionaryStamp, getDetail, listGroups, listRoots } from '../dict/rows';
import { NotFoundError } from './errors';

export interface DictionarySummary {
  id: number;
  name: string;
  language: string;
  roots: number;
  groups: number;
  variants: number;
  createdAt: string;
  updatedAt: string;
}

type Db = Database.Database;

const SUMMARY_SELECT = `SELECT d.id, d.name, d.language,
  (SELECT count(*) FROM dict_roots r WHERE r.dictionary_id = d.id) AS roots,
  (SELECT count(*) FROM dict_groups g WHERE g.dictionary_id = d.id) AS groups,
  (SELECT count(*) FROM dict_variants v JOIN dict_groups g ON g.id = v.group_id WHERE g.dictionary_id = d.id) AS variants,
  d.created_at AS createdAt, d.updated_at AS updatedAt
  FROM dictionaries d`;

const now = (): string => new Date().toISOString();

function metaColumns(d: Dictionary): unknown[] {
  return [
    d.name,
    d.language,
    d.format,
    JSON.stringify(d.sources ?? []),
    JSON.stringify(d.charClasses),
    d.alphabet,
    d.morphotactics ? JSON.stringify(d.morphotactics) : null,
  ];
}

function insertEntries(db: Db, id: number, d: Dictionary): void {
  const root = db.prepare(`INSERT INTO dict_roots (dictionary_id, surface, pos, gloss) VALUES (?, ?, ?, ?)`);
  const alternant = db.prepare(`INSERT INTO dict_root_alternants (root_id, surface, position, when_json) VALUES (?, ?, ?, ?)`);
  for (const r of d.roots) {
    const info = root.run(id, r.surface, r.pos, r.gloss ?? null);
    r.alternants?.forEach((a, i) => alternant.run(info.lastInsertRowid, a.surface, i, a.when ? JSON.stringify(a.when) : null));
  }
  const group = db.prepare(`INSERT INTO dict_groups (dictionary_id, name, kind, class, gloss, rules_json) VALUES (?, ?, ?, ?, ?, ?)`);
  const variant = db.prepare(`INSERT INTO dict_variants (group_id, position, surface) VALUES (?, ?, ?)`);
  for (const g of d.groups) {
    const info = group.run(id, g.name, g.kind, g.class, g.gloss ?? null, g.rules && g.rules.length > 0 ? JSON.stringify(g.rules) : null);
    g.variants.forEach((v, i) => variant.run(info.lastInsertRowid, i, v));
  }
}

/** Deletes the entries explicitly, so it does not depend on PRAGMA foreign_keys being on. */
function deleteEntries(db: Db, id: number): void {
  db.prepare(`DELETE FROM dict_root_alternants WHERE root_id IN (SELECT id FROM dict_roots WHERE dictionary_id = ?)`).run(id);
  db.prepare(`DELETE FROM dict_roots WHERE dictionary_id = ?`).run(id);
  db.prepare(`DELETE FROM dict_variants WHERE group_id IN (SELECT id FROM dict_groups WHERE dictionary_id = ?)`).run(id);
  db.prepare(`DELETE FROM dict_groups WHERE dictionary_id = ?`).run(id);
}

/** Validates (throws a UserError listing the problems) and stores the dictionary in canonical form. */
export function saveDictionary(db: Db, d: Dictionary): { id: number } {
  const dict = finishDictionary(d, `dictionary ${JSON.stringify(d?.name)}`);
  return db.transaction(() => {
    const stamp = now();
    const info = db
      .prepare(
        `INSERT INTO dictionaries (name, language, format_version, sources_json, char_classes_json, alphabet,
           morphotactics_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(...metaColumns(dict), stamp, stamp);
    const id = Number(info.lastInsertRowid);
    insertEntries(db, id, dict);
    return { id };
  })();
}

/** Replaces the content of dictionary `id` (its id and created_at stay; entry ids are new). */
export function replaceDictionary(db: Db, id: number, d: Dictionary): void {
  const dict = finishDictionary(d, `dictionary ${JSON.stringify(d?.name)}`);
  db.transaction(() => {
    const changes = db
      .prepare(
        `UPDATE dictionaries SET name = ?, language = ?, format_version = ?, sources_json = ?, char_classes_json = ?,
           alphabet = ?, morphotactics_json = ?, updated_at = ? WHERE id = ?`,
      )
      .run(...metaColumns(dict), now(), id).changes;
    if (changes === 0) throw new NotFoundError(`dictionary ${id} not found`);
    deleteEntries(db, id);
    insertEntries(db, id, dict);
    // Entry ids are new, so the undo log (which names rows by id) no longer applies.
    clearLog(db, id);
    bump(db, id);
  })();
}

export function loadDictionary(db: Db, id: number): Dictionary {
  return db.transaction(() => {
    const meta = db
      .prepare(`SELECT name, language, format_version, sources_json, char_classes_json, alphabet, morphotactics_json FROM dictionaries WHERE id = ?`)
      .raw()
      .get(id) as [string, string, string, string, string, string, string | null] | undefined;
    if (!meta) throw new NotFoundError(`dictionary ${id} not found`);
    const [name, language, format, sourcesJson, charClassesJson, alphabet, morphotacticsJson] = meta;

    // The unique indexes (dictionary_id, surface, pos | name) return rows already in code point order.
    const roots: Root[] = [];
    const rootById = new Map<number, Root>();
    const rootRows = db.prepare(`SELECT id, surface, pos, gloss FROM dict_roots WHERE dictionary_id = ? ORDER BY surface, pos`).raw().iterate(id);
    for (const [rowId, surface, pos, gloss] of rootRows as IterableIterator<[number, string, string, string | null]>) {
      const root: Root = { surface, pos };
      if (gloss !== null) root.gloss = gloss;
      roots.push(root);
      rootById.set(rowId, root);
    }
    const altRows = db
      .prepare(
        `SELECT a.root_id, a.surface, a.when_json FROM dict_root_alternants a JOIN dict_roots r ON r.id = a.root_id
         WHERE r.dictionary_id = ? ORDER BY a.root_id, a.position`,
      )
      .raw()
      .iterate(id);
    for (const [rootId, surface, whenJson] of altRows as IterableIterator<[number, string, string | null]>) {
      const root = rootById.get(rootId)!;
      (root.alternants ??= []).push(whenJson === null ? { surface } : { surface, when: JSON.parse(whenJson) as Condition });
    }

    const groups: AllomorphGroup[] = [];
    const groupById = new Map<number, AllomorphGroup>();
    const groupRows = db
      .prepare(`SELECT id, name, kind, class, gloss, rules_json FROM dict_groups WHERE dictionary_id = ? ORDER BY name`)
      .raw()
      .iterate(id);
    for (const [rowId, gname, kind, cls, gloss, rulesJson] of groupRows as IterableIterator<
      [number, string, AllomorphGroup['kind'], string, string | null, string | null]
    >) {
      const group: AllomorphGroup = { name: gname, kind, class: cls, variants: [] };
      if (rulesJson !== null) group.rules = JSON.parse(rulesJson) as AllomorphRule[];
      if (gloss !== null) group.gloss = gloss;
      groups.push(group);
      groupById.set(rowId, group);
    }
    const variantRows = db
      .prepare(
        `SELECT v.group_id, v.surface FROM dict_variants v JOIN dict_groups g ON g.id = v.group_id
         WHERE g.dictionary_id = ? ORDER BY v.group_id, v.position`,
      )
      .raw()
      .iterate(id);
    for (const [groupId, surface] of variantRows as IterableIterator<[number, string]>) groupById.get(groupId)!.variants.push(surface);

    const dict: Dictionary = {
      format: format as Dictionary['format'],
      name,
      language,
      alphabet,
      charClasses: JSON.parse(charClassesJson) as Record<string, string>,
      roots,
      groups,
    };
    if (morphotacticsJson !== null) dict.morphotactics = JSON.parse(morphotacticsJson) as Dictionary['morphotactics'];
    const sources = JSON.parse(sourcesJson) as string[];
    if (sources.length > 0) dict.sources = sources;
    return dict;
  })();
}

export function listDictionaries(db: Db): DictionarySummary[] {
  return db.prepare(`${SUMMARY_SELECT} ORDER BY d.id`).all() as DictionarySummary[];
}

export function getDictionarySummary(db: Db, id: number): DictionarySummary {
  const row = db.prepare(`${SUMMARY_SELECT} WHERE d.id = ?`).get(id) as DictionarySummary | undefined;
  if (!row) throw new NotFoundError(`dictionary ${id} not found`);
  return row;
}

/** The oldest dictionary of that name, or null. */
export function findDictionaryByName(db: Db, name: string): DictionarySummary | null {
  const row = db.prepare(`${SUMMARY_SELECT} WHERE d.name = ? ORDER BY d.id LIMIT 1`).get(name) as DictionarySummary | undefined;
  return row ?? null;
}

export function removeDictionary(db: Db, id: number): boolean {
  return db.transaction(() => {
    deleteEntries(db, id);
    clearLog(db, id);
    return db.prepare(`DELETE FROM dictionaries WHERE id = ?`).run(id).changes > 0;
  })();
}

/** The functions above bound to one database (what Workspace.dictionaries hands out). */
export function dictionaryStore(db: Db) {
  return {
    save: (d: Dictionary) => saveDictionary(db, d),
    replace: (id: number, d: Dictionary) => replaceDictionary(db, id, d),
    load: (id: number) => loadDictionary(db, id),
    list: () => listDictionaries(db),
    get: (id: number) => getDictionarySummary(db, id),
    findByName: (name: string) => findDictionaryByName(db, name),
    remove: (id: number) => removeDictionary(db, id),
    /** `loaded`: the dictionary's content when the caller already holds it (see dict/cache.ts). */
    detail: (id: number, loaded?: Dictionary) => getDetail(db, id, getDictionarySummary(db, id), loaded ?? loadDictionary(db, id)),
    roots: (id: number, q: RootQuery) => listRoots(db, id, q),
    groups: (id: number, q: GroupQuery) => listGroups(db, id, q),
    edit: (id: number, edit: DictEdit) => applyEdit(db, id, edit),
    undo: (id: number) => undo(db, id),
    redo: (id: number) => redo(db, id),
    undoState: (id: number) => undoState(db, id),
    /** Changes with every edit; null when the dictionary does not exist. */
    stamp: (id: number) => dictionaryStamp(db, id),
    merge: (id: number, imported: Dictionary, rootsOnly: boolean, source: string, rootsWithoutPos?: ReadonlySet<string>, skipAnalysed?: boolean) =>
      mergeInto(db, id, imported, rootsOnly, source, rootsWithoutPos, skipAnalysed),
  };
}

export type DictionaryStore = ReturnType<typeof dictionaryStore>;
