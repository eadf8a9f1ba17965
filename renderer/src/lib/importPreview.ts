// The preview of an import into a dictionary, shaped for its table and its one-line summary.
import type { ImportPreview } from '../../../main/api/contract';

export interface PreviewRow {
  what: 'Roots' | 'Groups';
  added: number;
  changed: number;
  unchanged: number;
}

export function previewRows(p: ImportPreview, rootsOnly: boolean): PreviewRow[] {
  const rows: PreviewRow[] = [{ what: 'Roots', ...p.roots }];
  // Roots only: the file's groups are not taken, so a groups row would only say zero three times.
  if (!rootsOnly) rows.push({ what: 'Groups', ...p.groups });
  return rows;
}

const n = (x: number, one: string, many: string) => `${x.toLocaleString('en-US')} ${x === 1 ? one : many}`;

/** "Adds 3 roots, changes 1 root; 2 rows rejected." or "Changes nothing: every entry is already there." */
export function previewSummary(p: ImportPreview, rootsOnly: boolean): string {
  const parts: string[] = [];
  const addRoots = p.roots.added;
  const addGroups = rootsOnly ? 0 : p.groups.added;
  const chRoots = p.roots.changed;
  const chGroups = rootsOnly ? 0 : p.groups.changed;
  const adds = [addRoots ? n(addRoots, 'root', 'roots') : '', addGroups ? n(addGroups, 'group', 'groups') : ''].filter(Boolean);
  const changes = [chRoots ? n(chRoots, 'root', 'roots') : '', chGroups ? n(chGroups, 'group', 'groups') : ''].filter(Boolean);
  if (adds.length) parts.push(`adds ${adds.join(' and ')}`);
  if (changes.length) parts.push(`changes ${changes.join(' and ')}`);
  let s = parts.length ? parts.join(', ') : 'changes nothing: every entry is already there';
  s = s[0].toUpperCase() + s.slice(1);
  if (p.rejectedTotal > 0) s += `; ${n(p.rejectedTotal, 'row', 'rows')} rejected`;
  return `${s}.`;
}

/** Whether confirming would change the dictionary at all. */
export function previewChangesSomething(p: ImportPreview, rootsOnly: boolean): boolean {
  return p.roots.added + p.roots.changed + (rootsOnly ? 0 : p.groups.added + p.groups.changed) > 0;
}

/** "368,120 roots have no part of speech in the file: they take “noun”." */
export function withoutPosNote(w: NonNullable<ImportPreview['rootsWithoutPos']>): string {
  return `${n(w.count, 'root has', 'roots have')} no part of speech in the file: ${w.count === 1 ? 'it takes' : 'they take'} “${w.pos}”.`;
}

/** "3 entries left out: the dictionary already analyses them (e.g. ev+ler, kitab+ı)." (skipAnalysed) */
export function analysedNote(a: NonNullable<ImportPreview['analysed']>): string {
  const eg = a.examples.length > 0 ? ` (e.g. ${a.examples.join(', ')}${a.count > a.examples.length ? ', …' : ''})` : '';
  return `${n(a.count, 'entry', 'entries')} left out: the dictionary already analyses ${a.count === 1 ? 'it' : 'them'}${eg}.`;
}
