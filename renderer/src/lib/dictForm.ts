// The Dictionaries view's import form and export files, without the DOM.
import type { Args } from '../../../main/api/contract';

export type DictImportFormat = NonNullable<Args<'dict.import'>['format']>;
export type DictExportFormat = Args<'dict.export'>['format'];

export interface DictImportForm {
  path: string;
  format: DictImportFormat;
  /** Empty: the file's own language (JSON) or the server's default. */
  language: string;
  /** Empty: the name inside the file, or one made from the file name. */
  name: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** The `dict.import` arguments, or the first thing to fix. */
export function toDictImportArgs(form: DictImportForm): Checked<Args<'dict.import'>> {
  const path = form.path.trim();
  if (!path) return { ok: false, error: 'Enter the path of a dictionary file.' };
  const language = form.language.trim();
  if (language && (language.length < 2 || language.length > 16)) return { ok: false, error: 'A language code has 2 to 16 characters (e.g. tr, az, hu).' };
  const name = form.name.trim();
  return { ok: true, value: { path, format: form.format, ...(language ? { language } : {}), ...(name ? { name } : {}) } };
}

/** The MIME type to save an exported file under, by its extension. */
export function exportMime(fileName: string): string {
  const ext = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'json') return 'application/json';
  if (ext === 'csv') return 'text/csv';
  if (ext === 'tsv') return 'text/tab-separated-values';
  return 'text/plain';
}
