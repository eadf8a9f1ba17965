// A form that launches a job (import, training, evaluation): the job it started, the error it got back, and
// whether it is busy, from the click until the job is no longer queued or running.
import type { Job } from '../../../main/api/contract';
import { errorMessage } from './api';
import { isActive } from './jobList';

interface JobSource {
  job(id: number | null): Job | undefined;
  track(jobId: number): Promise<void>;
}

export class JobLaunch {
  jobId = $state<number | null>(null);
  error = $state<string | null>(null);
  starting = $state(false);
  readonly #jobs: JobSource;

  constructor(jobs: JobSource) {
    this.#jobs = jobs;
  }

  get job(): Job | undefined {
    return this.#jobs.job(this.jobId);
  }

  get busy(): boolean {
    const job = this.job;
    return this.starting || (job !== undefined && isActive(job));
  }

  /** Calls the method that starts the job and follows the job it returns; a failure lands in `error`. */
  async start(begin: () => Promise<{ jobId: number }>): Promise<void> {
    this.error = null;
    this.starting = true;
    try {
      const { jobId } = await begin();
      this.jobId = jobId;
      void this.#jobs.track(jobId);
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.starting = false;
    }
  }
}

/**
 * Loads a list now and again whenever a job of `kind` finishes (started here or elsewhere); when it is the
 * form's own job and it succeeded, selects what it made. Returns the unsubscribe, for an $effect to return.
 */
export function refreshOnJobs(
  jobs: { onJobFinished(fn: (job: Job) => void): () => void },
  kind: Job['kind'],
  launch: JobLaunch,
  refresh: () => Promise<void>,
  select: (id: number) => void,
): () => void {
  void refresh();
  return jobs.onJobFinished((job) => {
    if (job.kind !== kind) return;
    void refresh().then(() => {
      if (job.id === launch.jobId && job.status === 'done' && job.resultId != null) select(job.resultId);
    });
  });
}
