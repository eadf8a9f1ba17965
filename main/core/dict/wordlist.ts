// Roots and affixes as a table (TSV or CSV, header row required), the format spreadsheets and
// hand-made lists come in. Columns: surface (required), pos (or class), kind (root|prefix|suffix,
// default root), group (affixes: the allomorph group), alternants (roots: "|"-separated), gloss.
// A table holds no conditions, rules, char classes or morphotactics: exportWordlist drops them.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { UserError } from '../errors';
import { alphabetOf, normalizeDictionary } from './normalize';
import { SkipLog, type ImportReport } from './report';
import { DICTIONARY_FORMAT } from './schema';
import type { AllomorphGroup, Dictionary, Root } from './types';

export type WordlistFormat = 'tsv' | 'csv';

export interface WordlistOptions {
  language?: string;
  name?: string;
  /** Default: from the extension (.tsv tab, .csv comma). */
  format?: WordlistFormat;
  /** The pos of a root whose row gives none (no pos/class column, or an empty cell); default "root". */
  defaultPos?: string;
}

export interface WordlistImport {
  dictionary: Dictionary;
  report: ImportReport;
  /** Roots whose pos is `defaultPos` because no row gave one, as `surface + "\0" + pos`. */
  rootsWithoutPos: Set<string>;
}

const COLUMNS = ['surface', 'pos', 'class', 'kind', 'group', 'alternants', 'gloss'] as const;
type Column = (typeof COLUMNS)[number];

interface Record_ {
  line: number;
  fields: string[];
}

/** RFC 4180 records with the line each starts on; quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsv(text: string, file: string): Record_[] {
  const records: Record_[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let i = 0;
  let fieldStarted = false;
  const endRecord = (): void => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: start, fields });
    fields = [];
    field = '';
    fieldStarted = false;
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' && !fieldStarted) {
      const quoteLine = line;
      i++;
      for (;;) {
        if (i >= text.length) throw new UserError(`${file}:${quoteLine}: a quoted field is not closed`);
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') line++;
        field += c;
        i++;
      }
      fieldStarted = true;
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new UserError(`${file}:${line}: unexpected ${JSON.stringify(next)} after a closing quote (a quote inside a quoted field is written "")`);
      }
      continue;
    }
    if (ch === ',') {
      fields.push(field);
      field = '';
      fieldStarted = false;
      i++;
    } else if (ch === '\n' || ch === '\r') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      start = line;
    } else {
      if (ch === '"') throw new UserError(`${file}:${line}: a quote inside an unquoted field (quote the whole field and write "")`);
      field += ch;
      fieldStarted = true;
      i++;
    }
  }
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

function parseTsv(text: string): Record_[] {
  const records: Record_[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() !== '') records.push({ line: i + 1, fields: line.split('\t') });
  });
  return records;
}

export function formatOfPath(path: string): WordlistFormat | null {
  const ext = extname(path).toLowerCase();
  return ext === '.tsv' || ext === '.tab' ? 'tsv' : ext === '.csv' ? 'csv' : null;
}

export function importWordlist(path: string, opts: WordlistOptions = {}): WordlistImport {
  const file = basename(path);
  const format = opts.format ?? formatOfPath(path);
  if (!format) throw new UserError(`${file}: cannot tell TSV from CSV by the extension; use .tsv or .csv`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UserError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseWordlist(text, file, format, opts);
}

export function parseWordlist(text: string, file: string, format: WordlistFormat, opts: WordlistOptions = {}): WordlistImport {
  const started = performance.now();
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records = format === 'csv' ? parseCsv(text, file) : parseTsv(text);
  if (records.length === 0) throw new UserError(`${file}: the file is empty (a header row with a "surface" column is required)`);
  const header = records[0];
  const index = new Map<Column, number>();
  const warnings: string[] = [];
  header.fields.forEach((name, i) => {
    const col = name.trim().toLowerCase() as Column;
    if (!COLUMNS.includes(col)) {
      warnings.push(`${file}:${header.line}: column ${JSON.stringify(name)} is not used (known: ${COLUMNS.join(', ')})`);
      return;
    }
    if (index.has(col)) throw new UserError(`${file}:${header.line}: column "${col}" appears twice`);
    index.set(col, i);
  });
  if (!index.has('surface')) {
    throw new UserError(`${file}:${header.line}: the header row must name a "surface" column (found: ${header.fields.join(', ')})`);
  }
  if (index.has('pos') && index.has('class')) throw new UserError(`${file}:${header.line}: give "pos" or "class", not both (they are the same column)`);

  const roots = new Map<string, { root: Root; line: number }>();
  const groups = new Map<string, { group: AllomorphGroup; line: number }>();
  const skipped = new SkipLog();
  const defaultPos = opts.defaultPos ?? 'root';
  const rootsWithoutPos = new Set<string>();
  for (const { line, fields } of records.slice(1)) {
    const get = (col: Column): string => {
      const i = index.get(col);
      return i === undefined ? '' : (fields[i] ?? '').trim();
    };
    const where = `${file}:${line}`;
    if (fields.length > header.fields.length) throw new UserError(`${where}: ${fields.length} fields, but the header has ${header.fields.length}`);
    const surface = get('surface');
    if (surface === '') {
      // A wholly empty row is a blank line; a row with content but no surface is a mistake to show.
      if (fields.every((f) => f.trim() === '')) {
        skipped.add(file, line, 'empty row');
        continue;
      }
      throw new UserError(`${where}: the surface column is empty`);
    }
    const kind = get('kind').toLowerCase() || 'root';
    const pos = get('pos') || get('class');
    const gloss = get('gloss');
    if (kind === 'root') {
      if (get('group') !== '') throw new UserError(`${where}: a root has no group (the group column is for affixes)`);
      const alternants = get('alternants') === '' ? [] : get('alternants').split('|').map((s) => s.trim());
      if (alternants.some((a) => a === '')) throw new UserError(`${where}: empty alternant in ${JSON.stringify(get('alternants'))}`);
      const rootPos = pos || defaultPos;
      // Homographs with another pos are separate roots; a repeated (surface, pos) row adds to the first.
      const key = `${surface}\u0000${rootPos}`;
      const existing = roots.get(key);
      // The pos counts as unknown only if no row for this root names it.
      if (pos !== '') rootsWithoutPos.delete(key);
      else if (!existing) rootsWithoutPos.add(key);
      if (existing) {
        const have = new Set((existing.root.alternants ?? []).map((a) => a.surface));
        for (const a of alternants) if (!have.has(a)) (existing.root.alternants ??= []).push({ surface: a });
        if (gloss !== '' && !existing.root.gloss) existing.root.gloss = gloss;
        continue;
      }
      const root: Root = { surface, pos: rootPos };
      if (alternants.length > 0) root.alternants = alternants.map((a) => ({ surface: a }));
      if (gloss !== '') root.gloss = gloss;
      roots.set(key, { root, line });
    } else if (kind === 'prefix' || kind === 'suffix') {
      if (get('alternants') !== '') throw new UserError(`${where}: an affix has no alternants (list its variants as rows of one group)`);
      const name = get('group') || surface;
      const cls = pos || name;
      const existing = groups.get(name);
      if (existing) {
        const g = existing.group;
        if (g.kind !== kind || g.class !== cls) {
          throw new UserError(`${where}: group ${JSON.stringify(name)} is ${kind} of class ${JSON.stringify(cls)} here but ${g.kind} of class ${JSON.stringify(g.class)} on line ${existing.line}`);
        }
        if (!g.variants.includes(surface)) g.variants.push(surface);
        if (gloss !== '' && !g.gloss) g.gloss = gloss;
        continue;
      }
      const group: AllomorphGroup = { name, kind, class: cls, variants: [surface] };
      if (gloss !== '') group.gloss = gloss;
      groups.set(name, { group, line });
    } else {
      throw new UserError(`${where}: kind must be root, prefix or suffix, got ${JSON.stringify(get('kind'))}`);
    }
  }

  const rootList = [...roots.values()].map((r) => r.root);
  const groupList = [...groups.values()].map((g) => g.group);
  const dictionary = normalizeDictionary({
    format: DICTIONARY_FORMAT,
    name: opts.name ?? file.replace(/\.[^.]*$/, ''),
    language: opts.language ?? 'und',
    alphabet: '',
    charClasses: {},
    roots: rootList,
    groups: groupList,
    sources: [file],
  });
  dictionary.alphabet = alphabetOf(dictionary);
  return {
    dictionary,
    report: {
      format,
      roots: dictionary.roots.length,
      groups: dictionary.groups.length,
      variants: dictionary.groups.reduce((n, g) => n + g.variants.length, 0),
      edges: 0,
      skipped: skipped.entries,
      skippedTotal: skipped.total,
      warnings,
      parseMs: performance.now() - started,
    },
    rootsWithoutPos,
  };
}

const EXPORT_COLUMNS = ['surface', 'kind', 'pos', 'group', 'alternants', 'gloss'];

function csvField(s: string): string {
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * The roots and affixes as a table: one row per root, one row per affix variant (the group's gloss on
 * its first row). Alternant conditions, rules, char classes and morphotactics have no column.
 */
export function exportWordlist(d: Dictionary, format: WordlistFormat): string {
  const rows: string[][] = [EXPORT_COLUMNS];
  for (const r of d.roots) rows.push([r.surface, 'root', r.pos, '', (r.alternants ?? []).map((a) => a.surface).join('|'), r.gloss ?? '']);
  for (const g of d.groups) g.variants.forEach((v, i) => rows.push([v, g.kind, g.class, g.name, '', i === 0 ? (g.gloss ?? '') : '']));
  if (format === 'csv') return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
  for (const row of rows) {
    for (const cell of row) {
      if (/[\t\r\n]/.test(cell) || cell !== cell.trim()) {
        throw new UserError(`cannot write ${JSON.stringify(cell)} to TSV (it has a tab, a line break or edge spaces); export as CSV instead`);
      }
    }
  }
  return rows.map((r) => r.join('\t')).join('\n') + '\n';
}
