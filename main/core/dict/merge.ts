// Merging an imported dictionary into a stored one, as ONE undoable edit, and the diff that both the
// merge and the import preview (preview.ts) are built on.
//
// Merge rules (an import adds knowledge, it never takes any away):
// - roots match on (surface, pos): a new one is added; a known one takes the import's gloss when the
//   import has one, and any alternants it lacks. A root whose pos the file did not give (rootsWithoutPos:
//   it took rootPos or the format's default) matches on its surface alone when the target has that
//   surface under another pos (the one with the least pos in code point order), so a lexicon without
//   parts of speech never adds "git (noun)" beside the target's "git (verb)";
// - groups match on name: a new one is added; a known one takes the import's kind and class (and gloss
//   when given), and the union of variants and of rules;
// - character classes the target lacks are added (never overwritten); when both have morphotactics the
//   edges are united (a target without morphotactics stays "any order");
// - a row whose letters are outside the target's alphabet (unless that alphabet is empty: anything
//   goes), or whose conditions name an undefined character class, is rejected, with the reason.
// With rootsOnly, only roots are merged. With skipAnalysed, roots the merge would add are left out when the
// target (before the merge) analyses their surface completely as more than one morph (analysed.ts): a
// lexicon's inflected forms listed as stems would otherwise outrank root + suffixes. Warnings name the imported roots whose pos the morphotactics give
// no way out of or in to (they could take no suffix, or never start a word).
import type Database from 'better-sqlite3';
import type { DictGroup, DictRoot } from '../../api/contract';
import { analysedSurfaces } from './analysed';
import { fromGroup, fromRoot, groupOf, record, rootOf } from './edit';
import { compareCodePoints, sortDictionary } from './normalize';
import { type DictMeta, type Op, applyOp, readAllGroups, readAllRoots, readMeta, toTuple } from './ops';
import { DICTIONARY_FORMAT } from './schema';
import type { Dictionary } from './types';
import { reachableClasses, usableRootPos, validateStored } from './validate';

type Db = Database.Database;

/** What a merge needs to know of its target. Row ids are 0 when the target is not stored. */
export interface TargetView extends DictMeta {
  language: string;
  roots: DictRoot[];
  groups: DictGroup[];
}

interface Change<T> {
  before: T;
  after: T;
}

export interface MergePlan {
  roots: { added: DictRoot[]; changed: Change<DictRoot>[]; unchanged: number };
  groups: { added: DictGroup[]; changed: Change<DictGroup>[]; unchanged: number };
  /** Set when character classes or edges change. */
  meta: Change<DictMeta> | null;
  /** Rows the merge refuses, one reason each. */
  rejected: string[];
  warnings: string[];
  /**
   * With skipAnalysed: how many roots the merge would have added that the target already analyses, with a
   * few of those analyses ("anla+yacağ+ınız+dan"); count 0 without the option.
   */
  analysed: { count: number; examples: string[] };
}

/** How many examples of analysed (left out) words a plan keeps. */
const ANALYSED_EXAMPLES = 5;

export function viewOfDictionary(d: Dictionary): TargetView {
  return {
    language: d.language,
    alphabet: d.alphabet,
    charClasses: d.charClasses,
    edges: d.morphotactics?.edges ?? null,
    roots: d.roots.map((r) => fromRoot(0, r)),
    groups: d.groups.map((g) => fromGroup(0, g)),
  };
}

export function readTargetView(db: Db, dictId: number): TargetView {
  const { language, alphabet, charClasses, edges } = readMeta(db, dictId);
  return { language, alphabet, charClasses, edges, roots: readAllRoots(db, dictId), groups: readAllGroups(db, dictId) };
}

const rootKey = (r: { surface: string; pos: string }): string => `${r.surface}\u0000${r.pos}`;
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
export const rootLabel = (r: { surface: string; pos: string }): string => `${r.surface} (${r.pos})`;

function mergeRoot(old: DictRoot, imp: DictRoot): DictRoot {
  const known = new Set([old.surface, ...old.alternants.map((a) => a.surface)]);
  const extra = imp.alternants.filter((a) => !known.has(a.surface));
  return { ...old, gloss: imp.gloss ?? old.gloss, alternants: [...old.alternants, ...extra] };
}

function mergeGroup(old: DictGroup, imp: DictGroup, language: string): DictGroup {
  const variants = [...old.variants, ...imp.variants.filter((v) => !old.variants.includes(v))];
  const seen = new Set(old.rules.map((r) => JSON.stringify(r)));
  const rules = [...old.rules, ...imp.rules.filter((r) => !seen.has(JSON.stringify(r)))];
  const merged: DictGroup = { ...old, kind: imp.kind, class: imp.class, gloss: imp.gloss ?? old.gloss, variants, rules };
  // Rules in canonical order (by variant position), as a stored group has them.
  const canon = sortDictionary({ format: DICTIONARY_FORMAT, name: '', language, alphabet: '', charClasses: {}, roots: [], groups: [groupOf(merged)] });
  return fromGroup(old.rowId, canon.groups[0]);
}

export function planMerge(
  target: TargetView,
  imported: Dictionary,
  rootsOnly: boolean,
  rootsWithoutPos: ReadonlySet<string> = new Set(),
  skipAnalysed = false,
): MergePlan {
  // Candidate rows, before validation.
  const byKey = new Map(target.roots.map((r) => [rootKey(r), r]));
  const bySurface = new Map<string, DictRoot>();
  for (const r of target.roots) {
    const seen = bySurface.get(r.surface);
    if (!seen || compareCodePoints(r.pos, seen.pos) < 0) bySurface.set(r.surface, r);
  }
  let addRoots: DictRoot[] = [];
  // Target rows the import touches, with their merged value (two imported roots may meet in one row).
  const merged = new Map<DictRoot, DictRoot>();
  for (const r of imported.roots) {
    const imp = fromRoot(0, r);
    const key = rootKey(imp);
    const old = byKey.get(key) ?? (rootsWithoutPos.has(key) ? bySurface.get(imp.surface) : undefined);
    if (!old) addRoots.push(imp);
    else merged.set(old, mergeRoot(merged.get(old) ?? old, imp));
  }
  const analysed = { count: 0, examples: [] as string[] };
  if (skipAnalysed && addRoots.length > 0) {
    // Only roots the merge would add: those the target already has are merged (or unchanged) as usual.
    const found = analysedSurfaces(
      {
        language: target.language,
        charClasses: target.charClasses,
        roots: target.roots.map(rootOf),
        groups: target.groups.map(groupOf),
        ...(target.edges ? { morphotactics: { edges: target.edges } } : {}),
      },
      addRoots.map((r) => r.surface),
    );
    const labels: string[] = [];
    addRoots = addRoots.filter((r) => {
      const label = found.get(r.surface);
      if (label === undefined) return true;
      labels.push(label);
      return false;
    });
    analysed.count = labels.length;
    // Spread over the (sorted) list: the first few would all share one root (acele+ce, acele+ci, …).
    const distinct = [...new Set(labels)];
    const n = Math.min(ANALYSED_EXAMPLES, distinct.length);
    for (let i = 0; i < n; i++) analysed.examples.push(distinct[Math.floor((i * distinct.length) / n)]);
  }
  const changeRoots: Change<DictRoot>[] = [];
  let unchangedRoots = 0;
  for (const [old, after] of merged) {
    if (same(after, old)) unchangedRoots++;
    else changeRoots.push({ before: old, after });
  }
  const addGroups: DictGroup[] = [];
  const changeGroups: Change<DictGroup>[] = [];
  let unchangedGroups = 0;
  let meta: Change<DictMeta> | null = null;
  const before: DictMeta = { alphabet: target.alphabet, charClasses: target.charClasses, edges: target.edges };
  let after = before;
  if (!rootsOnly) {
    const byName = new Map(target.groups.map((g) => [g.name, g]));
    for (const g of imported.groups) {
      const imp = fromGroup(0, g);
      const old = byName.get(imp.name);
      if (!old) addGroups.push(imp);
      else {
        const merged = mergeGroup(old, imp, target.language);
        if (same(merged, old)) unchangedGroups++;
        else changeGroups.push({ before: old, after: merged });
      }
    }
    const charClasses = { ...target.charClasses };
    for (const [name, chars] of Object.entries(imported.charClasses)) if (!Object.hasOwn(charClasses, name)) charClasses[name] = chars;
    const edges = target.edges === null ? null : [...target.edges, ...(imported.morphotactics?.edges ?? [])];
    const canon = sortDictionary({
      format: DICTIONARY_FORMAT,
      name: '',
      language: target.language,
      alphabet: target.alphabet,
      charClasses,
      roots: [],
      groups: [],
      ...(edges ? { morphotactics: { edges } } : {}),
    });
    after = { alphabet: target.alphabet, charClasses: canon.charClasses, edges: canon.morphotactics?.edges ?? null };
    if (!same(after, before)) meta = { before, after };
  }

  // Validate the rows the merge would write, against the target's alphabet and the merged classes.
  const rootRows = [...addRoots, ...changeRoots.map((c) => c.after)];
  const groupRows = [...addGroups, ...changeGroups.map((c) => c.after)];
  const problems = validateStored({
    format: DICTIONARY_FORMAT,
    name: 'merge',
    language: target.language,
    alphabet: after.alphabet,
    charClasses: after.charClasses,
    roots: rootRows.map(rootOf),
    groups: groupRows.map(groupOf),
  });
  const badRoots = new Map<number, string>();
  const badGroups = new Map<number, string>();
  const warnings: string[] = [];
  for (const p of problems) {
    const m = /^(roots|groups)\[(\d+)\]/.exec(p.path);
    if (!m) continue;
    const i = Number(m[2]);
    if (p.severity === 'warning') {
      if (m[1] === 'groups') warnings.push(`group ${groupRows[i].name}: ${p.message}`);
      continue;
    }
    const bad = m[1] === 'roots' ? badRoots : badGroups;
    if (!bad.has(i)) bad.set(i, p.message);
  }
  const rejected: string[] = [];
  for (const [i, message] of badRoots) rejected.push(`root ${rootLabel(rootRows[i])}: ${message}`);
  for (const [i, message] of badGroups) rejected.push(`group ${groupRows[i].name}: ${message}`);
  const keepRoot = (i: number) => !badRoots.has(i);
  const keepGroup = (i: number) => !badGroups.has(i);
  const roots = {
    added: addRoots.filter((_, i) => keepRoot(i)),
    changed: changeRoots.filter((_, i) => keepRoot(addRoots.length + i)),
    unchanged: unchangedRoots,
  };
  const groups = {
    added: addGroups.filter((_, i) => keepGroup(i)),
    changed: changeGroups.filter((_, i) => keepGroup(addGroups.length + i)),
    unchanged: unchangedGroups,
  };

  if (after.edges !== null && after.edges.length > 0) {
    const reached = reachableClasses(after.edges);
    // Group classes the merge brings in that "^" cannot reach: their rows would never be used in an analysis.
    const known = new Set([...target.roots.map((r) => r.pos), ...target.groups.map((g) => g.class)]);
    const fresh = new Map<string, number>();
    for (const g of groups.added) if (!known.has(g.class) && !reached.has(g.class)) fresh.set(g.class, (fresh.get(g.class) ?? 0) + 1);
    for (const [c, n] of [...fresh].sort((a, b) => compareCodePoints(a[0], b[0]))) {
      warnings.push(
        `class ${JSON.stringify(c)} cannot be reached from "^" (${count(n)} imported ${n === 1 ? 'entry has' : 'entries have'} it); ` +
          `add morphotactic edges to it, or the analyzer will not use ${n === 1 ? 'it' : 'them'}`,
      );
    }
    warnings.push(...stuckRootWarnings(roots.added, after.edges, reached, target.roots, rootsWithoutPos));
  }
  return { roots, groups, meta, rejected, warnings, analysed };
}

/**
 * One warning per pos of the added roots from which no edge leaves (the roots can take no suffix and, if
 * "$" edges exist, cannot even end a word) or which "^" cannot reach (they cannot start a word): in
 * either case the analyzer cannot use them as the file meant. This is what a lexicon merged with the
 * format's default pos ("stem", "root") runs into.
 */
function stuckRootWarnings(
  added: readonly DictRoot[],
  edges: readonly (readonly [string, string])[],
  reached: ReadonlySet<string>,
  targetRoots: readonly DictRoot[],
  rootsWithoutPos: ReadonlySet<string>,
): string[] {
  const byPos = new Map<string, { n: number; withoutPos: number }>();
  for (const r of added) {
    const c = byPos.get(r.pos) ?? { n: 0, withoutPos: 0 };
    c.n++;
    if (rootsWithoutPos.has(rootKey(r))) c.withoutPos++;
    byPos.set(r.pos, c);
  }
  const leaving = new Set(edges.map(([from]) => from));
  const hasEnd = edges.some(([, to]) => to === '$');
  const targetPos = new Map<string, number>();
  for (const r of targetRoots) targetPos.set(r.pos, (targetPos.get(r.pos) ?? 0) + 1);
  const usable = usableRootPos(targetPos, edges)
    .slice(0, 4)
    .map((p) => p.name);
  const out: string[] = [];
  for (const [pos, { n, withoutPos }] of [...byPos].sort((a, b) => compareCodePoints(a[0], b[0]))) {
    const noWayOut = !leaving.has(pos);
    const noWayIn = !reached.has(pos);
    if (!noWayOut && !noWayIn) continue;
    const they = n === 1 ? 'it' : 'they';
    const what = `${count(n)} imported ${n === 1 ? 'root has' : 'roots have'} pos ${JSON.stringify(pos)}`;
    const where = noWayOut && noWayIn ? 'which no morphotactic edge leaves and "^" cannot reach' : noWayOut ? 'which no morphotactic edge leaves' : 'which "^" cannot reach';
    const effects = [
      ...(noWayOut ? ['can take no suffix', ...(hasEnd ? ['cannot end a word'] : [])] : []),
      ...(noWayIn ? ['cannot start a word'] : []),
    ];
    const unused = noWayIn || (noWayOut && hasEnd);
    const why = `${where}: ${they} ${listed(effects)}${unused ? `, so the analyzer will not use ${n === 1 ? 'it' : 'them'}` : ''}`;
    // rootPos only helps roots whose file gave no pos; for the others the edges are what is missing.
    const fix =
      withoutPos === n && usable.length > 0
        ? `the file gives ${n === 1 ? 'it' : 'them'} no part of speech: set rootPos (--root-pos) to one the morphotactics use, e.g. ${usable.join(', ')}`
        : `add morphotactic edges ${[noWayIn ? 'to' : '', noWayOut ? 'from' : ''].filter(Boolean).join(' and ')} ${JSON.stringify(pos)}`;
    out.push(`${what}, ${why}; ${fix}`);
  }
  return out;
}

export const count = (n: number): string => n.toLocaleString('en-US');

/** "3 entries left out: the dictionary already analyses them (e.g. ev+ler, kitab+ı)" (skipAnalysed). */
export function analysedNote(a: { count: number; examples: readonly string[] }): string {
  const them = a.count === 1 ? 'it' : 'them';
  const eg = a.examples.length > 0 ? ` (e.g. ${a.examples.join(', ')}${a.count > a.examples.length ? ', …' : ''})` : '';
  return `${count(a.count)} ${a.count === 1 ? 'entry' : 'entries'} left out: the dictionary already analyses ${them}${eg}`;
}

/**
 * What a merge did, for a job's message: one line (the undo label, or that nothing changed, the rows left
 * out, and with skipAnalysed the entries the dictionary already analyses), then one "warning: …" line per
 * warning. `skipped`: rows the importer itself left out.
 */
export function mergeMessage(r: MergeResult, skipped = 0): string {
  let line = r.label ?? 'nothing changed: every entry is already there';
  const out = skipped + r.rejected.length;
  if (out > 0) line += `; ${count(out)} ${out === 1 ? 'row' : 'rows'} left out${r.rejected.length > 0 ? ` (e.g. ${r.rejected[0]})` : ''}`;
  if (r.analysed.count > 0) line += `; ${analysedNote({ count: r.analysed.count, examples: r.analysed.examples.slice(0, 3) })}`;
  return [line, ...r.warnings.map((w) => `warning: ${w}`)].join('\n');
}
const listed = (xs: string[]): string => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

export interface MergeResult {
  rootsAdded: number;
  rootsChanged: number;
  groupsAdded: number;
  groupsChanged: number;
  rejected: string[];
  warnings: string[];
  /** With skipAnalysed: the roots left out because the target already analyses them (see MergePlan). */
  analysed: { count: number; examples: string[] };
  /** The undo log's label, or null when the import changed nothing (then nothing was logged). */
  label: string | null;
}

/**
 * Applies `imported` to dictionary `dictId` as one undoable edit named after `source` (a file name).
 * `rootsWithoutPos`: the importer's roots whose pos the file did not give (they match on surface);
 * `skipAnalysed`: leave out new roots the dictionary already analyses (see planMerge).
 */
export function mergeInto(
  db: Db,
  dictId: number,
  imported: Dictionary,
  rootsOnly: boolean,
  source: string,
  rootsWithoutPos: ReadonlySet<string> = new Set(),
  skipAnalysed = false,
): MergeResult {
  return db.transaction(() => {
    const plan = planMerge(readTargetView(db, dictId), imported, rootsOnly, rootsWithoutPos, skipAnalysed);
    const { roots, groups } = plan;
    const result = {
      rootsAdded: roots.added.length,
      rootsChanged: roots.changed.length,
      groupsAdded: groups.added.length,
      groupsChanged: groups.changed.length,
      rejected: plan.rejected,
      warnings: plan.warnings,
      analysed: plan.analysed,
    };
    if (result.rootsAdded + result.rootsChanged + result.groupsAdded + result.groupsChanged === 0 && plan.meta === null) return { ...result, label: null };

    const addedRoots = roots.added.map(toTuple);
    const forward: Op = {
      op: 'batch',
      ops: [
        ...(plan.meta ? [{ op: 'meta.set', meta: plan.meta.after } as const] : []),
        { op: 'groups.put', rows: groups.added },
        { op: 'groups.set', rows: groups.changed.map((c) => c.after) },
        { op: 'roots.put', rows: addedRoots },
        { op: 'roots.set', rows: roots.changed.map((c) => toTuple(c.after)) },
      ],
    };
    applyOp(db, dictId, forward);
    // Compact: the rows the merge added are undone by id; only changed rows keep their previous values.
    const inverse: Op = {
      op: 'batch',
      ops: [
        { op: 'roots.set', rows: roots.changed.map((c) => toTuple(c.before)) },
        { op: 'roots.del', rowIds: addedRoots.map((r) => r[0]) },
        { op: 'groups.set', rows: groups.changed.map((c) => c.before) },
        { op: 'groups.del', rowIds: groups.added.map((g) => g.rowId) },
        ...(plan.meta ? [{ op: 'meta.set', meta: plan.meta.before } as const] : []),
      ],
    };
    let label = `import ${source} (${count(result.rootsAdded)} roots added, ${count(result.rootsChanged)} changed`;
    if (!rootsOnly && result.groupsAdded + result.groupsChanged > 0) label += `; ${count(result.groupsAdded)} groups added, ${count(result.groupsChanged)} changed`;
    label += ')';
    record(db, dictId, label, forward, inverse);
    return { ...result, label };
  })();
}
