// The one entry point for bringing a dictionary file into Tokenizer Studio: picks the reader by
// format (or extension), applies the caller's name/language, and validates before anything is stored.
import { existsSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { UserError } from '../errors';
import { importHunspell } from './hunspell';
import { parseJsonText, readDictionaryText } from './json';
import type { DictionaryFormat, ImportReport } from './report';
import { surfaceFolder } from './normalize';
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
  /**
   * The part of speech for roots the file gives none: Hunspell stems without a po: field (else "stem"),
   * word-list rows without a pos/class (else "root"). Roots whose file names a pos keep it; JSON roots
   * always name theirs.
   */
  rootPos?: string;
}

export interface DictionaryImport {
  dictionary: Dictionary;
  report: ImportReport;
  /**
   * The roots whose pos the file did not give (they took rootPos or the format's default), as
   * `surface + "\0" + pos` in the dictionary's folded form. A merge matches them by surface alone.
   */
  rootsWithoutPos: Set<string>;
}

const POS_MAX = 64;

/** Why `pos` cannot be the rootPos option, or null when it can. `option` names it in the message. */
export function rootPosProblem(pos: string, option = 'rootPos'): string | null {
  const what = `${option} ${JSON.stringify(pos)}`;
  if (pos.trim() === '') return `${option} is empty: give the part of speech for imported roots that have none (e.g. noun), or leave the option out to keep the file's`;
  if (pos === '^' || pos === '$') return `${what}: "^" and "$" are the word start and end, not a part of speech`;
  if (/[\s\p{C}]/u.test(pos)) return `${what}: a part of speech is one word without spaces or control characters`;
  if (pos.length > POS_MAX) return `${what}: longer than ${POS_MAX} characters`;
  return null;
}

/** Throws a UserError when `pos` cannot be the rootPos option. */
export function checkRootPos(pos: string | undefined, option = 'rootPos'): void {
  if (pos === undefined) return;
  const problem = rootPosProblem(pos, option);
  if (problem !== null) throw new UserError(problem);
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
  checkRootPos(opts.rootPos);
  const format = !opts.format || opts.format === 'auto' ? formatOf(path) : opts.format;
  const started = performance.now();
  let dictionary: unknown;
  let report: ImportReport;
  let withoutPos = new Set<string>();
  let source = basename(path);
  switch (format) {
    case 'hunspell': {
      const { aff, dic } = hunspellPair(path, opts.affPath);
      ({ dictionary, report, rootsWithoutPos: withoutPos } = importHunspell(aff, dic, { language: opts.language, name: opts.name, defaultPos: opts.rootPos }));
      source = `${basename(aff)} + ${basename(dic)}`;
      break;
    }
    case 'tsv':
    case 'csv':
      ({ dictionary, report, rootsWithoutPos: withoutPos } = importWordlist(path, { format, language: opts.language, name: opts.name, defaultPos: opts.rootPos }));
      break;
    case 'json': {
      const raw = parseJsonText(readDictionaryText(path), source);
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
  // Keys in the stored form: validation folded the surfaces with the dictionary's language.
  const fold = surfaceFolder(valid.language);
  const rootsWithoutPos = new Set<string>();
  for (const key of withoutPos) {
    const cut = key.indexOf('\u0000');
    rootsWithoutPos.add(`${fold(key.slice(0, cut))}\u0000${key.slice(cut + 1)}`);
  }
  if (opts.rootPos !== undefined && rootsWithoutPos.size === 0 && valid.roots.length > 0) {
    report.warnings.push(`rootPos ${JSON.stringify(opts.rootPos)} was not used: every root in the file names its part of speech (roots that do keep theirs)`);
  }
  return { dictionary: valid, report, rootsWithoutPos };
}
