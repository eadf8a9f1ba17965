// Row-level reads of a stored dictionary for the editor: one page of roots or groups at a time (fast on
// hundreds of thousands of roots: prefix search is an index range), and the dictionary's detail with its
// current problems and undo state.
import type Database from 'better-sqlite3';
import type { DictGroup, DictProblem, DictRoot, DictionaryDetail, DictionarySummary } from '../../api/contract';
import { rowPath, undoState } from './edit';
import { compareCodePoints, surfaceFolder } from './normalize';
import { GROUP_COLUMNS, readMeta, withAlternants, withVariants } from './ops';
import type { Dictionary } from './types';
import { reachableClasses, usableRootPos, validateStored } from './validate';

type Db = Database.Database;

export interface RootQuery {
  /** Prefix of a surface or alternant; with a leading '*', a substring anywhere. Case-folded. */
  query?: string;
  pos?: string;
  sort?: 'surface' | 'pos';
  offset?: number;
  limit?: number;
}

export interface Page<T> {
  total: number;
  items: T[];
}

/** Above every code point a surface can hold, so `q <= s < q + TOP` is "s starts with q". */
const TOP = '\u{10FFFF}';
export const MAX_PROBLEMS = 200;

export function listRoots(db: Db, dictId: number, q: RootQuery = {}): Page<DictRoot> {
  const { language } = readMeta(db, dictId);
  const raw = (q.query ?? '').trim();
  const substring = raw.startsWith('*');
  const needle = surfaceFolder(language)(substring ? raw.slice(1).trim() : raw);
  const where = ['r.dictionary_id = @dict'];
  if (q.pos !== undefined && q.pos !== '') where.push('r.pos = @pos');
  let from = 'dict_roots r';
  if (needle !== '' && substring) {
    where.push(`(instr(r.surface, @needle) > 0 OR EXISTS (SELECT 1 FROM dict_root_alternants a WHERE a.root_id = r.id AND instr(a.surface, @needle) > 0))`);
  } else if (needle !== '') {
    // Two index ranges (the roots' own surfaces, and alternants, whose index has no dictionary column),
    // and the hits drive the join: left to itself the planner may walk every root of the dictionary.
    from = `(SELECT id FROM dict_roots WHERE dictionary_id = @dict AND surface >= @needle AND surface < @upper
             UNION SELECT root_id FROM dict_root_alternants WHERE surface >= @needle AND surface < @upper) hits
            CROSS JOIN dict_roots r ON r.id = hits.id`;
  }
  const params = { dict: dictId, pos: q.pos ?? null, needle, upper: needle + TOP };
  const filter = where.join(' AND ');
  const total = db.prepare(`SELECT count(*) FROM ${from} WHERE ${filter}`).pluck().get(params) as number;
  const order = q.sort === 'pos' ? 'r.pos, r.surface' : 'r.surface, r.pos';
  const rows = db
    .prepare(`SELECT r.id, r.surface, r.pos, r.gloss FROM ${from} WHERE ${filter} ORDER BY ${order} LIMIT @limit OFFSET @offset`)
    .raw()
    .all({ ...params, limit: q.limit ?? 200, offset: q.offset ?? 0 }) as [number, string, string, string | null][];
  return { total, items: withAlternants(db, rows) };
}

export interface GroupQuery {
  /** Part of a group's name (any case), class, or one of its variants. */
  query?: string;
  offset?: number;
  limit?: number;
}

export function listGroups(db: Db, dictId: number, q: GroupQuery = {}): Page<DictGroup> {
  const { language } = readMeta(db, dictId);
  const raw = (q.query ?? '').trim().replace(/^\*/, '');
  const where = ['g.dictionary_id = @dict'];
  if (raw !== '') {
    where.push(`(instr(lower(g.name), lower(@raw)) > 0 OR instr(g.class, @raw) > 0
      OR EXISTS (SELECT 1 FROM dict_variants v WHERE v.group_id = g.id AND instr(v.surface, @folded) > 0))`);
  }
  const params = { dict: dictId, raw, folded: surfaceFolder(language)(raw) };
  const filter = where.join(' AND ');
  const total = db.prepare(`SELECT count(*) FROM dict_groups g WHERE ${filter}`).pluck().get(params) as number;
  const rows = db
    .prepare(`SELECT ${GROUP_COLUMNS.split(', ').map((c) => `g.${c}`).join(', ')} FROM dict_groups g WHERE ${filter} ORDER BY g.name LIMIT @limit OFFSET @offset`)
    .raw()
    .all({ ...params, limit: q.limit ?? 500, offset: q.offset ?? 0 }) as Parameters<typeof withVariants>[1];
  return { total, items: withVariants(db, rows) };
}

/** What changes whenever the dictionary does: a cache key for anything derived from its content. */
export function dictionaryStamp(db: Db, dictId: number): string | null {
  const row = db.prepare(`SELECT revision, created_at, updated_at FROM dictionaries WHERE id = ?`).raw().get(dictId) as [number, string, string] | undefined;
  return row ? `${dictId}:${row[0]}:${row[1]}:${row[2]}` : null;
}

/**
 * The dictionary's detail. `loaded` is its content as loadDictionary gives it (the caller may hold it in
 * a cache); its problems are found in one linear pass (validate.ts), paths naming rows ("root#12.surface").
 */
export function getDetail(db: Db, dictId: number, summary: DictionarySummary, loaded: Dictionary): DictionaryDetail {
  const meta = readMeta(db, dictId);
  const posCounts = db.prepare(`SELECT pos, count(*) FROM dict_roots WHERE dictionary_id = ? GROUP BY pos`).raw().all(dictId) as [string, number][];
  const poses = posCounts.map(([pos]) => pos);
  const groupClasses = db.prepare(`SELECT DISTINCT class FROM dict_groups WHERE dictionary_id = ?`).pluck().all(dictId) as string[];
  const reached = meta.edges === null ? null : reachableClasses(meta.edges);
  const classes = [...new Set([...poses, ...groupClasses])].sort(compareCodePoints).map((name) => ({ name, reachable: reached === null || reached.has(name) }));
  return {
    ...summary,
    alphabet: meta.alphabet,
    charClasses: meta.charClasses,
    edges: meta.edges ?? [],
    classes,
    usableRootPos: usableRootPos(posCounts, meta.edges),
    revision: meta.revision,
    problems: problemsOf(db, dictId, loaded),
    undo: undoState(db, dictId),
  };
}

/** Current problems, errors first, at most MAX_PROBLEMS (the last one says how many more there are). */
export function problemsOf(db: Db, dictId: number, d: Dictionary): DictProblem[] {
  const all = validateStored(d);
  if (all.length === 0) return [];
  // loadDictionary orders roots by (surface, pos) and groups by name: the same order gives their row ids.
  const rootIds = db.prepare(`SELECT id FROM dict_roots WHERE dictionary_id = ? ORDER BY surface, pos`).pluck().all(dictId) as number[];
  const groupIds = db.prepare(`SELECT id FROM dict_groups WHERE dictionary_id = ? ORDER BY name`).pluck().all(dictId) as number[];
  const roots = rootIds.map((rowId) => ({ rowId }));
  const groups = groupIds.map((rowId) => ({ rowId }));
  const sorted = [...all.filter((p) => p.severity === 'error'), ...all.filter((p) => p.severity === 'warning')];
  const out = sorted.slice(0, MAX_PROBLEMS).map((p) => ({ ...p, path: rowPath(p.path, roots, groups) }));
  if (sorted.length > MAX_PROBLEMS) {
    out[MAX_PROBLEMS - 1] = { path: '', message: `… and ${sorted.length - MAX_PROBLEMS + 1} more problems`, severity: out[MAX_PROBLEMS - 1].severity };
  }
  return out;
}
