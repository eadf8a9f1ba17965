// Runs import and training jobs on worker threads so the API keeps answering while they work.
// Live progress stays in memory (and goes out as events); the jobs table records start and end.
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Job } from '../../api/contract';
import type { Workspace } from '../store/workspace';
import type { DetachedKind, JobKindName, WorkerMessage } from './types';
import { UserError } from '../errors';

interface LiveJob {
  job: Job;
  worker: Worker;
  flag: Int32Array;
  finished: Promise<Job>;
}

/** Finds the bundled worker: beside this file when bundled, else the project's dist/ (tests run from source). */
export function defaultWorkerPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  let dir = here;
  for (let i = 0; i < 6; i++) {
    for (const candidate of [join(dir, 'worker.mjs'), join(dir, 'dist', 'worker.mjs')]) {
      if (existsSync(candidate)) return candidate;
    }
    dir = dirname(dir);
  }
  throw new Error(`the job worker (dist/worker.mjs) was not found near ${here}: run "npm run build" first`);
}

export class JobRunner {
  private live = new Map<number, LiveJob>();

  constructor(
    private readonly workspace: Workspace,
    private readonly onJob: (job: Job) => void,
    private readonly workerPath: string = defaultWorkerPath(),
  ) {}

  start(kind: JobKindName, args: unknown): Job {
    const created = this.workspace.createJob(kind, args);
    this.workspace.updateJob(created.id, { status: 'running', phase: 'starting', percent: 0 });
    const job: Job = { ...this.workspace.getJob(created.id), rate: null, rateUnit: null };
    const cancelBuffer = new SharedArrayBuffer(4);
    const flag = new Int32Array(cancelBuffer);
    const worker = new Worker(this.workerPath, {
      workerData: { kind, dbPath: this.workspace.path, args, cancelBuffer },
    });
    let settle!: (j: Job) => void;
    const finished = new Promise<Job>((r) => (settle = r));
    const entry: LiveJob = { job, worker, flag, finished };
    this.live.set(job.id, entry);

    const end = (patch: Partial<Job>) => {
      if (!this.live.has(job.id)) return;
      this.live.delete(job.id);
      const finishedAt = new Date().toISOString();
      this.workspace.updateJob(job.id, { ...patch, finishedAt });
      const final: Job = { ...this.workspace.getJob(job.id), rate: entry.job.rate, rateUnit: entry.job.rateUnit };
      this.onJob(final);
      settle(final);
    };

    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') {
        entry.job = {
          ...entry.job,
          phase: m.phase,
          percent: m.percent,
          rate: m.rate ?? null,
          rateUnit: m.rateUnit ?? null,
          message: m.message ?? entry.job.message,
        };
        this.onJob(entry.job);
      } else if (m.type === 'done') {
        end({ status: 'done', phase: 'done', percent: 100, resultId: m.resultId, message: m.message ?? null });
      } else if (m.type === 'cancelled') {
        end({ status: 'cancelled', phase: 'cancelled', error: null });
      } else if (m.type === 'failed') {
        end({ status: 'failed', phase: 'failed', error: m.error });
      }
    });
    worker.on('error', (err) => end({ status: 'failed', phase: 'failed', error: `the job crashed: ${err.message}` }));
    worker.on('exit', (code) => {
      if (Atomics.load(flag, 0) === 1) end({ status: 'cancelled', phase: 'cancelled' });
      else end({ status: 'failed', phase: 'failed', error: `the job's worker exited with code ${code} before finishing` });
    });
    this.onJob(job);
    return job;
  }

  /** Runs a task in a worker without a job row and resolves with its value (the event loop stays free). */
  runDetached<T>(kind: DetachedKind, args: unknown): Promise<T> {
    const cancelBuffer = new SharedArrayBuffer(4);
    const worker = new Worker(this.workerPath, { workerData: { kind, dbPath: this.workspace.path, args, cancelBuffer } });
    return new Promise<T>((ok, fail) => {
      let settled = false;
      const settle = (f: () => void) => {
        if (!settled) {
          settled = true;
          f();
        }
      };
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'done') settle(() => ok(m.value as T));
        else if (m.type === 'failed') settle(() => fail(new UserError(m.error)));
        else if (m.type === 'cancelled') settle(() => fail(new UserError('cancelled')));
      });
      worker.on('error', (err) => settle(() => fail(err)));
      worker.on('exit', (code) => settle(() => fail(new Error(`the worker exited with code ${code} before finishing`))));
    });
  }

  /** Asks the job to stop; it stops at its next check, or is terminated after a grace period. */
  cancel(id: number): boolean {
    const entry = this.live.get(id);
    if (!entry) return false;
    Atomics.store(entry.flag, 0, 1);
    const timer = setTimeout(() => void entry.worker.terminate(), 5000);
    void entry.finished.then(() => clearTimeout(timer));
    return true;
  }

  get(id: number): Job {
    return this.live.get(id)?.job ?? { ...this.workspace.getJob(id), rate: null, rateUnit: null };
  }

  list(): Job[] {
    return this.workspace.listJobs().map((j) => this.live.get(j.id)?.job ?? j);
  }

  /** Resolves when the job has ended (done, failed or cancelled). */
  async wait(id: number): Promise<Job> {
    const entry = this.live.get(id);
    return entry ? entry.finished : this.get(id);
  }

  get running(): number {
    return this.live.size;
  }

  async close(): Promise<void> {
    const pending = [...this.live.values()];
    for (const e of pending) this.cancel(e.job.id);
    await Promise.all(pending.map((e) => e.finished));
  }
}
