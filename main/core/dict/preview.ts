// What an import would do, before it does it: the importer runs (nothing is written) and its result is
// diffed against the target dictionary with the merge's own rules (merge.ts), so the preview and the
// merge can never disagree.
import type { ImportPreview } from '../../api/contract';
import { type ImportOptions, importDictionaryFile } from './import';
import { planMerge, rootLabel, viewOfDictionary } from './merge';
import { MAX_SKIPPED_LISTED } from './report';
import type { Dictionary } from './types';

const SAMPLES = 10;

/**
 * `target` null: the import would create a new dictionary (everything is "added"; rootsOnly does not
 * apply). The target's language folds the imported surfaces unless `opts.language` says otherwise;
 * `opts.rootPos` gives a pos to the roots the file gives none; `skipAnalysed` (with a target) leaves out new
 * roots the target already analyses as more than one morph (merge.ts).
 */
export function previewImport(path: string, opts: ImportOptions, target: Dictionary | null, rootsOnly: boolean, skipAnalysed = false): ImportPreview {
  const { dictionary, report, rootsWithoutPos } = importDictionaryFile(path, { ...opts, language: opts.language ?? target?.language });
  const view = viewOfDictionary(target ?? { ...dictionary, roots: [], groups: [] });
  const plan = planMerge(view, dictionary, target !== null && rootsOnly, rootsWithoutPos, target !== null && skipAnalysed);
  const rejected = [
    ...report.skipped.map((s) => ({ line: s.line as number | null, reason: `${s.file}: ${s.reason}` })),
    ...plan.rejected.map((reason) => ({ line: null, reason })),
  ];
  const added = [...plan.roots.added.map(rootLabel), ...plan.groups.added.map((g) => `group ${g.name}`)];
  const changed = [...plan.roots.changed.map((c) => rootLabel(c.after)), ...plan.groups.changed.map((c) => `group ${c.after.name}`)];
  return {
    format: report.format,
    roots: { added: plan.roots.added.length, changed: plan.roots.changed.length, unchanged: plan.roots.unchanged },
    groups: { added: plan.groups.added.length, changed: plan.groups.changed.length, unchanged: plan.groups.unchanged },
    rejected: rejected.slice(0, MAX_SKIPPED_LISTED),
    rejectedTotal: report.skippedTotal + plan.rejected.length,
    warnings: [...report.warnings, ...plan.warnings],
    samples: { added: added.slice(0, SAMPLES), changed: changed.slice(0, SAMPLES) },
    // They all took one pos: rootPos, else the format's default.
    rootsWithoutPos: rootsWithoutPos.size === 0 ? null : { count: rootsWithoutPos.size, pos: rootsWithoutPos.values().next().value!.split('\u0000')[1] },
    analysed: target !== null && skipAnalysed ? plan.analysed : null,
  };
}
