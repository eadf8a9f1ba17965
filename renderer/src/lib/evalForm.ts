// The Reports view's "New evaluation" form as typed, and its translation into `eval.start` arguments.
// Checks here catch what the user can fix in the form right away; the server validates everything again.
import type { Args, CompareSource, ParallelSetSummary } from '../../../main/api/contract';
import { sourceKey } from './compare';

export const MAX_EVAL_SOURCES = 12;

export interface EvalForm {
  name: string;
  /** Source keys (compare.ts sourceKey), in the order picked. */
  sources: string[];
  corpusId: number | null;
  sampleLines: string;
  seed: string;
  goldSetIds: number[];
  parallelSetIds: number[];
  /** '' = the server's default ('en' when a set has it, else its first language). */
  pivot: string;
  dictionaryId: number | null;
  renyiAlpha: string;
  curveVersionId: number | null;
}

export function emptyEvalForm(): EvalForm {
  return { name: '', sources: [], corpusId: null, sampleLines: '2000', seed: '1', goldSetIds: [], parallelSetIds: [], pivot: '', dictionaryId: null, renyiAlpha: '2.5', curveVersionId: null };
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

function wholeNumber(text: string, what: string, min: number, max: number): Checked<number> {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return { ok: false, error: `${what} must be a whole number.` };
  const n = Number(t);
  if (n < min || n > max) return { ok: false, error: `${what} must be between ${min.toLocaleString('en-US')} and ${max.toLocaleString('en-US')}.` };
  return { ok: true, value: n };
}

/** The `eval.start` arguments, or the first thing to fix. `available` resolves the picked keys. */
export function toEvalStartArgs(form: EvalForm, available: readonly { source: CompareSource }[]): Checked<Args<'eval.start'>> {
  const byKey = new Map(available.map((a) => [sourceKey(a.source), a.source]));
  const sources = form.sources.map((k) => byKey.get(k)).filter((s): s is CompareSource => s !== undefined);
  if (sources.length === 0) return { ok: false, error: 'Pick at least one tokenizer to evaluate.' };
  if (sources.length > MAX_EVAL_SOURCES) return { ok: false, error: `An evaluation takes at most ${MAX_EVAL_SOURCES} tokenizers (${sources.length} picked).` };
  if (form.corpusId === null && form.goldSetIds.length === 0 && form.parallelSetIds.length === 0) {
    return { ok: false, error: 'Pick something to measure on: a corpus, a gold set or a parallel set.' };
  }
  const args: Args<'eval.start'> = { sources, goldSetIds: [...form.goldSetIds], parallelSetIds: [...form.parallelSetIds] };
  const name = form.name.trim();
  if (name) args.name = name;
  if (form.corpusId !== null) {
    const lines = wholeNumber(form.sampleLines, 'Sample lines', 1, 1_000_000);
    if (!lines.ok) return lines;
    args.corpusId = form.corpusId;
    args.sampleLines = lines.value;
  }
  const seed = wholeNumber(form.seed, 'Seed', 0, 2 ** 31 - 1);
  if (!seed.ok) return seed;
  args.seed = seed.value;
  const alphaText = form.renyiAlpha.trim();
  const alpha = Number(alphaText);
  if (alphaText === '' || !Number.isFinite(alpha) || alpha <= 0 || alpha > 100) return { ok: false, error: 'Rényi α must be a number above 0 and at most 100 (2.5 is the usual choice).' };
  args.renyiAlpha = alpha;
  if (form.parallelSetIds.length > 0 && form.pivot.trim()) args.pivot = form.pivot.trim();
  if (form.dictionaryId !== null) args.dictionaryId = form.dictionaryId;
  if (form.curveVersionId !== null) args.curveVersionId = form.curveVersionId;
  return { ok: true, value: args };
}

/** The languages a pivot can be chosen from: those of the picked parallel sets, in first-seen order. */
export function pivotChoices(sets: readonly ParallelSetSummary[], pickedIds: readonly number[]): string[] {
  const out: string[] = [];
  for (const s of sets) {
    if (!pickedIds.includes(s.id)) continue;
    for (const l of s.languages) if (!out.includes(l)) out.push(l);
  }
  return out;
}

/** The bundled Turkish gold set sits beside the bundled corpus: same folder, gold.tsv. */
export function bundledGoldPath(bundledCorpusPath: string): string {
  const cut = Math.max(bundledCorpusPath.lastIndexOf('/'), bundledCorpusPath.lastIndexOf('\\'));
  return cut < 0 ? 'gold.tsv' : `${bundledCorpusPath.slice(0, cut + 1)}gold.tsv`;
}

/** Adds or removes one id (or key) of a multi-select, keeping the order picked; `max` caps additions. */
export function toggled<T>(list: readonly T[], item: T, max = Infinity): T[] {
  if (list.includes(item)) return list.filter((x) => x !== item);
  return list.length >= max ? [...list] : [...list, item];
}
