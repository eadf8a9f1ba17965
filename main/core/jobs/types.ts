import type { Workspace } from '../store/workspace';

export type JobKindName = 'import' | 'train' | 'dict-import' | 'evaluate';

export interface JobProgress {
  phase: string;
  /** 0..100 */
  percent: number;
  rate?: number | null;
  rateUnit?: string | null;
  message?: string | null;
}

/** What a task sees of the world: its own workspace connection, a cancel flag, a progress sink. */
export interface TaskContext {
  workspace: Workspace;
  isCancelled(): boolean;
  progress(p: JobProgress): void;
}

/** A task's result when it has more to say than the id it produced (the job's message). */
export interface TaskResult {
  resultId: number;
  message: string;
}

/** Messages from the worker thread to the runner. */
export type WorkerMessage =
  | ({ type: 'progress' } & JobProgress)
  | { type: 'done'; resultId: number | null; message?: string | null; value?: unknown }
  | { type: 'cancelled' }
  | { type: 'failed'; error: string };

/** Work done off the main thread without a row in the jobs table: the caller awaits its value. */
export type DetachedKind = 'draw-queue';
