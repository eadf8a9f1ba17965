// Gold segmentation sets, parallel text sets and evaluation runs. Imports of gold and parallel files are small
// and synchronous; an evaluation runs as a job (kind 'evaluate') whose result id is the stored run.
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { UserError } from '../../core/errors';
import { compareEvaluations } from '../../core/eval/comparison';
import { exportComparison } from '../../core/eval/comparisonExport';
import { exportEvaluation } from '../../core/eval/export';
import { readGoldFile } from '../../core/gold/read';
import { resolveInputs } from '../../core/jobs/evaluate';
import { readParallelFile } from '../../core/parallel/read';
import type { Core } from '../service';
import type { Handlers } from '../dispatcher';

type EvalMethods =
  | 'gold.import'
  | 'gold.list'
  | 'gold.remove'
  | 'gold.entries'
  | 'parallel.import'
  | 'parallel.list'
  | 'parallel.remove'
  | 'eval.start'
  | 'eval.list'
  | 'eval.get'
  | 'eval.remove'
  | 'eval.export'
  | 'eval.compare';

function existingFile(path: string): string {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new UserError(`${abs}: no such file`);
  return abs;
}

export function evaluationHandlers(core: Core): Pick<Handlers, EvalMethods> {
  const ws = () => core.workspace;
  return {
    'gold.import': ({ path, format, name, language }) => {
      const abs = existingFile(path);
      const file = readGoldFile(abs, format);
      const same = ws().gold.findBySha(file.sha256);
      if (same) throw new UserError(`${abs} is already in this workspace as gold set #${same.id} "${same.name}" (same sha256)`, 'conflict');
      return ws().gold.add({ name: name?.trim() || basename(abs), language, format: file.format, sourcePath: abs, sha256: file.sha256, items: file.items });
    },
    'gold.list': () => ws().gold.list(),
    'gold.remove': ({ id }) => ({ removed: ws().gold.remove(id) }),
    'gold.entries': ({ id, offset, limit }) => ws().gold.entries(id, offset, limit),

    'parallel.import': ({ path, format, name }) => {
      const abs = existingFile(path);
      const file = readParallelFile(abs, format);
      const same = ws().parallel.findBySha(file.sha256);
      if (same) throw new UserError(`${abs} is already in this workspace as parallel set #${same.id} "${same.name}" (same sha256)`, 'conflict');
      return ws().parallel.add(name?.trim() || basename(abs), abs, file);
    },
    'parallel.list': () => ws().parallel.list(),
    'parallel.remove': ({ id }) => ({ removed: ws().parallel.remove(id) }),

    'eval.start': (args) => {
      if (args.corpusId === undefined && args.goldSetIds.length === 0 && args.parallelSetIds.length === 0) {
        throw new UserError('nothing to measure on: give a corpus, a gold set or a parallel set');
      }
      if (args.dictionaryId !== undefined && args.corpusId === undefined) throw new UserError('alignment with a dictionary is measured on a corpus sample: give a corpus too');
      if (args.curveVersionId !== undefined && args.corpusId === undefined) throw new UserError('the fertility curve is measured on a corpus sample: give a corpus too');
      resolveInputs(ws(), args); // a missing id, a pivot a set lacks or a non-BPE curve fails now, not in the job
      return { jobId: core.runner.start('evaluate', args).id };
    },
    'eval.list': () => ws().evaluations.list(),
    'eval.get': ({ id }) => ws().evaluations.get(id),
    'eval.remove': ({ id }) => ({ removed: ws().evaluations.remove(id) }),
    'eval.export': ({ id, format }) => exportEvaluation(ws().evaluations.get(id), format),
    'eval.compare': ({ a, b, format }) => {
      // Checked before the look-ups: the same id twice is a mistake whether or not that run exists.
      if (a === b) throw new UserError(`evaluation #${a} cannot be compared with itself: pick two different runs`);
      const comparison = compareEvaluations(ws().evaluations.get(a), ws().evaluations.get(b));
      return { comparison, export: format ? exportComparison(comparison, format) : null };
    },
  };
}
