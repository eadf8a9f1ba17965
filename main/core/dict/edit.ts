// Editing a stored dictionary one row at a time, with an undo log in the workspace. Each edit validates
// only what it touches (the entry itself against the alphabet and character classes, plus the few
// cross-row facts that can break: duplicate roots and group names, edges naming undefined classes),
// then in ONE transaction applies the change, bumps the revision and appends a log entry holding the
// forward and inverse operations (ops.ts). Undo and redo replay those, so they survive reopening.
import type Database from 'better-sqlite3';
import type { DictEdit, DictGroup, DictProblem, DictRoot, EditResult, UndoState } from '../../api/contract';
import { UserError } from '../errors';
import { foldDictionary, sortDictionary } from './normalize';
import { type DictMeta, type Op, applyOp, readAllGroups, readAllRoots, readGroup, readMeta, readRoot, toTuple } from './ops';
import { DICTIONARY_FORMAT } from './schema';
import type { AllomorphGroup, Dictionary, Root } from './types';
import { checkEdges, reachableClasses, unreachableMessage, validateStored } from './validate';

type Db = Database.Database;
type Meta = ReturnType<typeof readMeta>;

/** Oldest entries beyond this are forgotten (an import's entry can be megabytes). */
export const MAX_LOG_ENTRIES = 1000;

interface Plan {
  label: string;
  forward: Op;
  /** Built after the forward op ran, when added rows have their ids. */
  inverse: () => Op;
  rowId: () => number | null;
  /** Morphotactic classes whose reachability the edit may change. */
  touched: string[];
  warnings: DictProblem[];
}

// ---------- the public operations ----------

export function applyEdit(db: Db, dictId: number, edit: DictEdit): EditResult {
  return db.transaction(() => {
    const meta = readMeta(db, dictId);
    const plan = planEdit(db, dictId, meta, edit);
    applyOp(db, dictId, plan.forward);
    const revision = record(db, dictId, plan.label, plan.forward, plan.inverse());
    const warnings = [...plan.warnings, ...classWarnings(db, dictId, plan.touched)];
    return { revision, rowId: plan.rowId(), warnings, undo: undoState(db, dictId) };
  })();
}

export function undo(db: Db, dictId: number): EditResult {
  return replay(db, dictId, 'undo');
}

export function redo(db: Db, dictId: number): EditResult {
  return replay(db, dictId, 'redo');
}

export function undoState(db: Db, dictId: number): UndoState {
  const [undoLabel, redoLabel] = db
    .prepare(
      `SELECT (SELECT label FROM dict_edits WHERE dictionary_id = @dict AND state = 'done' ORDER BY seq DESC LIMIT 1),
              (SELECT label FROM dict_edits WHERE dictionary_id = @dict AND state = 'undone' ORDER BY seq ASC LIMIT 1)`,
    )
    .raw()
    .get({ dict: dictId }) as [string | null, string | null];
  return { canUndo: undoLabel !== null, canRedo: redoLabel !== null, undoLabel, redoLabel };
}

/**
 * Appends a log entry for an already applied change, ends the redo chain, bumps the revision; returns
 * the new revision. The caller holds the transaction.
 */
export function record(db: Db, dictId: number, label: string, forward: Op, inverse: Op): number {
  db.prepare(`DELETE FROM dict_edits WHERE dictionary_id = ? AND state = 'undone'`).run(dictId);
  const seq = db.prepare(`SELECT coalesce(max(seq), 0) + 1 FROM dict_edits WHERE dictionary_id = ?`).pluck().get(dictId) as number;
  db.prepare(
    `INSERT INTO dict_edits (dictionary_id, seq, label, forward_json, inverse_json, state, created_at) VALUES (?, ?, ?, ?, ?, 'done', ?)`,
  ).run(dictId, seq, label, JSON.stringify(forward), JSON.stringify(inverse), new Date().toISOString());
  db.prepare(`DELETE FROM dict_edits WHERE dictionary_id = ? AND seq <= ?`).run(dictId, seq - MAX_LOG_ENTRIES);
  return bump(db, dictId);
}

/** Forgets the log (after a change the log did not make, e.g. replacing every row). */
export function clearLog(db: Db, dictId: number): void {
  db.prepare(`DELETE FROM dict_edits WHERE dictionary_id = ?`).run(dictId);
}

export function bump(db: Db, dictId: number): number {
  db.prepare(`UPDATE dictionaries SET revision = revision + 1, updated_at = ? WHERE id = ?`).run(new Date().toISOString(), dictId);
  return db.prepare(`SELECT revision FROM dictionaries WHERE id = ?`).pluck().get(dictId) as number;
}

function replay(db: Db, dictId: number, direction: 'undo' | 'redo'): EditResult {
  return db.transaction(() => {
    readMeta(db, dictId); // not-found before "nothing to undo"
    const entry = db
      .prepare(
        direction === 'undo'
          ? `SELECT id, inverse_json FROM dict_edits WHERE dictionary_id = ? AND state = 'done' ORDER BY seq DESC LIMIT 1`
          : `SELECT id, forward_json FROM dict_edits WHERE dictionary_id = ? AND state = 'undone' ORDER BY seq ASC LIMIT 1`,
      )
      .raw()
      .get(dictId) as [number, string] | undefined;
    if (!entry) throw new UserError(`nothing to ${direction}`);
    const op = JSON.parse(entry[1]) as Op;
    applyOp(db, dictId, op);
    db.prepare(`UPDATE dict_edits SET state = ? WHERE id = ?`).run(direction === 'undo' ? 'undone' : 'done', entry[0]);
    const revision = bump(db, dictId);
    return { revision, rowId: singleRow(op), warnings: [], undo: undoState(db, dictId) };
  })();
}

/** The one row an op puts back or changes, for the UI to select. */
function singleRow(op: Op): number | null {
  if ((op.op === 'roots.put' || op.op === 'roots.set') && op.rows.length === 1) return op.rows[0][0];
  if ((op.op === 'groups.put' || op.op === 'groups.set') && op.rows.length === 1) return op.rows[0].rowId;
  return null;
}

// ---------- planning one edit ----------

function planEdit(db: Db, dictId: number, meta: Meta, edit: DictEdit): Plan {
  switch (edit.op) {
    case 'root.add': {
      const root = checkRoot(db, dictId, meta, { rowId: 0, surface: edit.surface, pos: edit.pos, gloss: edit.gloss ?? null, alternants: edit.alternants ?? [] });
      const row = toTuple(root);
      return {
        label: `add root ${JSON.stringify(root.surface)}`,
        forward: { op: 'roots.put', rows: [row] },
        inverse: () => ({ op: 'roots.del', rowIds: [row[0]] }),
        rowId: () => row[0],
        touched: [root.pos],
        warnings: [],
      };
    }
    case 'root.update': {
      const before = readRoot(db, dictId, edit.rowId);
      const after = checkRoot(db, dictId, meta, {
        rowId: before.rowId,
        surface: edit.surface ?? before.surface,
        pos: edit.pos ?? before.pos,
        gloss: edit.gloss === undefined ? before.gloss : edit.gloss,
        alternants: edit.alternants ?? before.alternants,
      });
      return {
        label: `change root ${JSON.stringify(before.surface)}`,
        forward: { op: 'roots.set', rows: [toTuple(after)] },
        inverse: () => ({ op: 'roots.set', rows: [toTuple(before)] }),
        rowId: () => before.rowId,
        touched: [...new Set([before.pos, after.pos])],
        warnings: [],
      };
    }
    case 'root.delete': {
      const before = readRoot(db, dictId, edit.rowId);
      return {
        label: `delete root ${JSON.stringify(before.surface)} (${before.pos})`,
        forward: { op: 'roots.del', rowIds: [before.rowId] },
        inverse: () => ({ op: 'roots.put', rows: [toTuple(before)] }),
        rowId: () => null,
        touched: [before.pos],
        warnings: [],
      };
    }
    case 'group.add': {
      const { group, warnings } = checkGroup(db, dictId, meta, {
        rowId: 0,
        name: edit.name,
        kind: edit.kind,
        class: edit.class,
        gloss: edit.gloss ?? null,
        variants: edit.variants,
        rules: edit.rules ?? [],
      });
      return {
        label: `add group ${group.name}`,
        forward: { op: 'groups.put', rows: [group] },
        inverse: () => ({ op: 'groups.del', rowIds: [group.rowId] }),
        rowId: () => group.rowId,
        touched: [group.class],
        warnings,
      };
    }
    case 'group.update': {
      const before = readGroup(db, dictId, edit.rowId);
      const { group: after, warnings } = checkGroup(db, dictId, meta, {
        rowId: before.rowId,
        name: edit.name ?? before.name,
        kind: edit.kind ?? before.kind,
        class: edit.class ?? before.class,
        gloss: edit.gloss === undefined ? before.gloss : edit.gloss,
        variants: edit.variants ?? before.variants,
        rules: edit.rules ?? before.rules,
      });
      return {
        label: `change group ${before.name}`,
        forward: { op: 'groups.set', rows: [after] },
        inverse: () => ({ op: 'groups.set', rows: [before] }),
        rowId: () => before.rowId,
        touched: [...new Set([before.class, after.class])],
        warnings,
      };
    }
    case 'group.delete': {
      const before = readGroup(db, dictId, edit.rowId);
      return {
        label: `delete group ${before.name}`,
        forward: { op: 'groups.del', rowIds: [before.rowId] },
        inverse: () => ({ op: 'groups.put', rows: [before] }),
        rowId: () => null,
        touched: [before.class],
        warnings: [],
      };
    }
    case 'edges.set': {
      const edges = canonicalEdges(meta, edit.edges);
      const defined = definedClasses(db, dictId);
      const problems: DictProblem[] = [];
      checkEdges(edges, (c) => defined.has(c), (path, message) => problems.push({ path, message, severity: 'error' }));
      refuse(problems);
      const after: DictMeta['edges'] = edges.length > 0 ? edges : null;
      return {
        label: 'change morphotactics',
        forward: { op: 'meta.set', meta: { edges: after } },
        inverse: () => ({ op: 'meta.set', meta: { edges: meta.edges } }),
        rowId: () => null,
        touched: [...defined],
        warnings: [],
      };
    }
    case 'classes.set': {
      const alphabet = edit.alphabet ?? meta.alphabet;
      const { charClasses, alphabet: folded, warnings } = checkClasses(db, dictId, meta, edit.charClasses, alphabet);
      const alphabetChanged = folded !== meta.alphabet;
      return {
        label: alphabetChanged ? 'change alphabet and character classes' : 'change character classes',
        forward: { op: 'meta.set', meta: { charClasses, alphabet: folded } },
        inverse: () => ({ op: 'meta.set', meta: { charClasses: meta.charClasses, alphabet: meta.alphabet } }),
        rowId: () => null,
        touched: [],
        warnings,
      };
    }
  }
}

const MAX_LISTED = 20;

/** Throws one UserError with a line per error ("path: message"), the first MAX_LISTED of them. */
function refuse(problems: readonly DictProblem[]): void {
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length === 0) return;
  const lines = errors.slice(0, MAX_LISTED).map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
  if (errors.length > MAX_LISTED) lines.push(`… and ${errors.length - MAX_LISTED} more`);
  throw new UserError(lines.join('\n'));
}

/** A dictionary around some entries, so validate.ts can check them against the alphabet and classes. */
function around(meta: Meta, roots: Root[], groups: AllomorphGroup[]): Dictionary {
  return { format: DICTIONARY_FORMAT, name: 'edit', language: meta.language, alphabet: meta.alphabet, charClasses: meta.charClasses, roots, groups };
}

/** Problems of entry 0 of `kind`, with paths relative to the entry ("alternants[1].surface"). */
function entryProblems(d: Dictionary, kind: 'roots' | 'groups'): DictProblem[] {
  const prefix = `${kind}[0].`;
  return validateStored(d)
    .filter((p) => p.path.startsWith(prefix))
    .map((p) => ({ ...p, path: p.path.slice(prefix.length) }));
}

export function rootOf(r: DictRoot): Root {
  const root: Root = { surface: r.surface.trim(), pos: r.pos.trim() };
  if (r.alternants.length > 0) root.alternants = r.alternants.map((a) => (a.when ? { surface: a.surface.trim(), when: a.when } : { surface: a.surface.trim() }));
  const gloss = r.gloss?.trim();
  if (gloss) root.gloss = gloss;
  return root;
}

export function fromRoot(rowId: number, r: Root): DictRoot {
  return {
    rowId,
    surface: r.surface,
    pos: r.pos,
    gloss: r.gloss ?? null,
    alternants: (r.alternants ?? []).map((a) => ({ surface: a.surface, when: a.when ?? null })),
  };
}

export function groupOf(g: DictGroup): AllomorphGroup {
  const group: AllomorphGroup = { name: g.name.trim(), kind: g.kind, class: g.class.trim(), variants: g.variants.map((v) => v.trim()) };
  if (g.rules.length > 0) group.rules = g.rules.map((r) => ({ variant: r.variant.trim(), when: r.when }));
  const gloss = g.gloss?.trim();
  if (gloss) group.gloss = gloss;
  return group;
}

export function fromGroup(rowId: number, g: AllomorphGroup): DictGroup {
  return { rowId, name: g.name, kind: g.kind, class: g.class, gloss: g.gloss ?? null, variants: g.variants, rules: g.rules ?? [] };
}

/** The root in canonical form (trimmed, NFC, case-folded), or a UserError naming every problem. */
function checkRoot(db: Db, dictId: number, meta: Meta, input: DictRoot): DictRoot {
  const d = foldDictionary(around(meta, [rootOf(input)], []));
  const problems = entryProblems(d, 'roots');
  const root = sortDictionary(d).roots[0];
  const clash = db
    .prepare(`SELECT id FROM dict_roots WHERE dictionary_id = ? AND surface = ? AND pos = ? AND id <> ?`)
    .pluck()
    .get(dictId, root.surface, root.pos, input.rowId) as number | undefined;
  if (clash !== undefined) {
    problems.push({ path: 'surface', message: `root ${JSON.stringify(root.surface)} (${root.pos}) already exists (row ${clash})`, severity: 'error' });
  }
  refuse(problems);
  return fromRoot(input.rowId, root);
}

/** The group in canonical form, with the warnings it raises, or a UserError naming every problem. */
function checkGroup(db: Db, dictId: number, meta: Meta, input: DictGroup): { group: DictGroup; warnings: DictProblem[] } {
  const d = foldDictionary(around(meta, [], [groupOf(input)]));
  const problems = entryProblems(d, 'groups');
  const g = sortDictionary(d).groups[0];
  const clash = db.prepare(`SELECT id FROM dict_groups WHERE dictionary_id = ? AND name = ? AND id <> ?`).pluck().get(dictId, g.name, input.rowId) as
    | number
    | undefined;
  if (clash !== undefined) problems.push({ path: 'name', message: `a group named ${JSON.stringify(g.name)} already exists (row ${clash})`, severity: 'error' });
  refuse(problems);
  // Homophonous affixes of one class are allowed (passive / reflexive -In), but worth a look.
  const other = db.prepare(
    `SELECT g.id, g.name FROM dict_variants v JOIN dict_groups g ON g.id = v.group_id
     WHERE g.dictionary_id = ? AND g.kind = ? AND g.class = ? AND v.surface = ? AND g.id <> ? ORDER BY g.name LIMIT 1`,
  );
  const warnings: DictProblem[] = problems.filter((p) => p.severity === 'warning');
  g.variants.forEach((v, i) => {
    const hit = other.raw().get(dictId, g.kind, g.class, v, input.rowId) as [number, string] | undefined;
    if (hit) {
      warnings.push({
        path: `variants[${i}]`,
        message: `${g.kind} ${JSON.stringify(v)} is also in group ${JSON.stringify(hit[1])} (row ${hit[0]}), of the same class ${JSON.stringify(g.class)}`,
        severity: 'warning',
      });
    }
  });
  return { group: fromGroup(input.rowId, g), warnings };
}

/** NFC, trimmed, without duplicates, in (from, to) order. */
function canonicalEdges(meta: Meta, edges: [string, string][]): [string, string][] {
  const trimmed = edges.map(([a, b]): [string, string] => [a.trim(), b.trim()]);
  return sortDictionary(foldDictionary({ ...around(meta, [], []), morphotactics: { edges: trimmed } })).morphotactics!.edges;
}

/** Every class a root (pos) or group has. */
export function definedClasses(db: Db, dictId: number): Set<string> {
  const rows = db
    .prepare(`SELECT DISTINCT pos FROM dict_roots WHERE dictionary_id = @dict UNION SELECT DISTINCT class FROM dict_groups WHERE dictionary_id = @dict`)
    .pluck()
    .all({ dict: dictId }) as string[];
  return new Set(rows);
}

/**
 * New character classes (and alphabet) checked against what uses them: names, letters, and every rule or
 * alternant condition that names a class. With a new alphabet every surface is checked too.
 */
function checkClasses(
  db: Db,
  dictId: number,
  meta: Meta,
  charClasses: Record<string, string>,
  alphabet: string,
): { charClasses: Record<string, string>; alphabet: string; warnings: DictProblem[] } {
  const probe = foldDictionary({ ...around(meta, [], []), alphabet, charClasses });
  const alphabetChanged = probe.alphabet !== meta.alphabet && probe.alphabet !== '';
  const roots = alphabetChanged ? readAllRoots(db, dictId) : rootsWithConditions(db, dictId);
  const groups = readAllGroups(db, dictId);
  const d: Dictionary = { ...probe, roots: roots.map(rootOf), groups: groups.map(groupOf) };
  const problems = validateStored(d)
    .filter((p) => !p.path.startsWith('morphotactics'))
    .map((p) => ({ ...p, path: rowPath(p.path, roots, groups) }));
  refuse(problems);
  const canonical = sortDictionary({ ...probe, roots: [], groups: [] });
  const warnings = problems.filter((p) => p.severity === 'warning' && p.path.startsWith('charClasses'));
  return { charClasses: canonical.charClasses, alphabet: canonical.alphabet, warnings };
}

function rootsWithConditions(db: Db, dictId: number): DictRoot[] {
  const ids = db
    .prepare(
      `SELECT DISTINCT r.id FROM dict_root_alternants a JOIN dict_roots r ON r.id = a.root_id
       WHERE r.dictionary_id = ? AND a.when_json IS NOT NULL ORDER BY r.id`,
    )
    .pluck()
    .all(dictId) as number[];
  return ids.map((id) => readRoot(db, dictId, id));
}

/** "roots[3].surface" (an index into `roots`) as "root#<rowId>.surface"; the same for groups. */
export function rowPath(path: string, roots: readonly { rowId: number }[], groups: readonly { rowId: number }[]): string {
  return path.replace(/^(roots|groups)\[(\d+)\]/, (_, kind: string, i: string) => {
    const row = (kind === 'roots' ? roots : groups)[Number(i)];
    return `${kind === 'roots' ? 'root' : 'group'}#${row?.rowId ?? '?'}`;
  });
}

/**
 * After an edit: a touched class "^" cannot reach (when there are morphotactics), or one no row has any
 * more that the edges still name.
 */
function classWarnings(db: Db, dictId: number, touched: readonly string[]): DictProblem[] {
  const { edges } = readMeta(db, dictId);
  if (edges === null || touched.length === 0) return [];
  const defined = definedClasses(db, dictId);
  const reached = reachableClasses(edges);
  const named = new Set(edges.flat());
  const out: DictProblem[] = [];
  for (const c of touched) {
    if (defined.has(c) && !reached.has(c)) out.push({ path: 'morphotactics.edges', message: unreachableMessage(c), severity: 'warning' });
    else if (!defined.has(c) && named.has(c)) {
      out.push({ path: 'morphotactics.edges', message: `no root or group has class ${JSON.stringify(c)} any more, but the morphotactic edges name it`, severity: 'warning' });
    }
  }
  return out;
}
