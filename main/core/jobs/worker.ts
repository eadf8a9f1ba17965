// Entry point of a job's worker thread (bundled to dist/worker.mjs). Opens its own workspace connection,
// runs one task, reports progress, and exits.
import { parentPort, workerData } from 'node:worker_threads';
import { Workspace } from '../store/workspace';
import { CancelledError } from '../errors';
import { runDictImport, runImport, runTrain } from './tasks';
import { runEvaluate } from './evaluate';
import { drawQueueTask } from './detached';
import type { DetachedKind, JobKindName, JobProgress, WorkerMessage } from './types';

interface WorkerInput {
  kind: JobKindName | DetachedKind;
  dbPath: string;
  args: unknown;
  cancelBuffer: SharedArrayBuffer;
}

const input = workerData as WorkerInput;
const flag = new Int32Array(input.cancelBuffer);
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

let lastPost = 0;
const progress = (p: JobProgress) => {
  // Throttle to ~10 messages a second; the UI cannot show more.
  const now = Date.now();
  if (now - lastPost < 100 && p.percent < 100) return;
  lastPost = now;
  post({ type: 'progress', ...p });
};

const workspace = Workspace.open(input.dbPath);
try {
  const ctx = { workspace, isCancelled: () => Atomics.load(flag, 0) === 1, progress };
  if (input.kind === 'draw-queue') {
    post({ type: 'done', resultId: null, value: drawQueueTask(input.args as never, ctx) });
  } else {
    const tasks = { import: runImport, train: runTrain, 'dict-import': runDictImport, evaluate: runEvaluate } as const;
    const result = await tasks[input.kind](input.args as never, ctx);
    post(typeof result === 'number' ? { type: 'done', resultId: result } : { type: 'done', ...result });
  }
} catch (err) {
  if (err instanceof CancelledError || Atomics.load(flag, 0) === 1) post({ type: 'cancelled' });
  else post({ type: 'failed', error: err instanceof Error ? err.message : String(err) });
} finally {
  workspace.close();
}
