// The one entry point for bringing a dictionary file into Tokenizer Studio: picks the reader by
// format (or extension), applies the caller's name/language, and validates before anything is stored.
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { UserError } from '../errors';
import { importHunspell } from './hunspell';
import { parseJsonText } from './json';
import type { DictionaryFormat, ImportReport } from './report';
import type { Dictionary } from './types';
import { prepareDictionary } from './validate';
import { importWordlist } from './wordlist';

export interface ImportOptions {
  format?: 'auto' | DictionaryFormat;
  /** BCP 47 code; overrides what the file says. */
  language?: string;
  /** Overrides the file's name for the dictionary. */
  name?: string;
  /** Hunspell: the .aff file when it does not sit beside the .dic with the same base name. */
  affPath?: string;
}

export interface DictionaryImport {
  dictionary: Dictionary;
  report: ImportReport;
}

function formatOf(path: string): DictionaryFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.aff' || ext === '.dic') return 'hunspell';
  if (ext === '.json') return 'json';
  if (ext === '.tsv' || ext === '.tab') return 'tsv';
  if (ext === '.csv') return 'csv';
  throw new UserError(`${basename(path)}: cannot tell the dictionary format from the extension "${ext}" (expected .json, .aff/.dic, .tsv or .csv)`);
}

/** The .aff and .dic of a Hunspell pair, given either one. */
function hunspellPair(path: string, affPath?: string): { aff: string; dic: string } {
  const base = path.replace(/\.(aff|dic)$/i, '');
  const dic = /\.aff$/i.test(path) ? `${base}.dic` : path;
  const aff = affPath ?? (/\.aff$/i.test(path) ? path : `${base}.aff`);
  for (const [file, what] of [[aff, '.aff'], [dic, '.dic']] as const) {
    if (!existsSync(file)) throw new UserError(`Hunspell ${what} file ${file} not found (a Hunspell dictionary is an .aff and a .dic with the same name)`);
  }
  return { aff, dic };
}

/** Reads, converts and validates a dictionary file; throws one UserError naming the file and the problems. */
export function importDictionaryFile(path: string, opts: ImportOptions = {}): DictionaryImport {
  const format = !opts.format || opts.format === 'auto' ? formatOf(path) : opts.format;
  const started = performance.now();
  let dictionary: unknown;
  let report: ImportReport;
  let source = basename(path);
  switch (format) {
    case 'hunspell': {
      const { aff, dic } = hunspellPair(path, opts.affPath);
      ({ dictionary, report } = importHunspell(aff, dic, { language: opts.language, name: opts.name }));
      source = `${basename(aff)} + ${basename(dic)}`;
      break;
    }
    case 'tsv':
    case 'csv':
      ({ dictionary, report } = importWordlist(path, { format, language: opts.language, name: opts.name }));
      break;
    case 'json': {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (e) {
        throw new UserError(`cannot read dictionary ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      const raw = parseJsonText(text, source);
      // Overrides apply before validation: the language decides the case folding.
      if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
        const obj = raw as Record<string, unknown>;
        if (opts.name !== undefined) obj.name = opts.name;
        if (opts.language !== undefined) obj.language = opts.language;
      }
      dictionary = raw;
      report = {
        format: 'json',
        roots: 0,
        groups: 0,
        variants: 0,
        edges: 0,
        skipped: [],
        skippedTotal: 0,
        warnings: [],
        parseMs: 0,
      };
      break;
    }
    default:
      throw new UserError(`unknown dictionary format ${JSON.stringify(format)}`);
  }
  const { dictionary: valid, warnings } = prepareDictionary(dictionary, source);
  // Warnings do not stop an import; they go into the report.
  for (const p of warnings) report.warnings.push(`${p.path}: ${p.message}`);
  report.roots = valid.roots.length;
  report.groups = valid.groups.length;
  report.variants = valid.groups.reduce((n, g) => n + g.variants.length, 0);
  report.edges = valid.morphotactics?.edges.length ?? 0;
  report.parseMs = performance.now() - started;
  return { dictionary: valid, report };
}
