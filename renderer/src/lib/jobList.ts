// Keeping the client's list of jobs in step with job events.
import type { Job } from '../../../main/api/contract';

export const isActive = (job: Job): boolean => job.status === 'queued' || job.status === 'running';

/** The list with `job` inserted or replaced, newest first, at most `limit` long (active jobs are never dropped). */
export function upsertJob(list: readonly Job[], job: Job, limit = 100): Job[] {
  const next = list.filter((j) => j.id !== job.id);
  next.push(job);
  next.sort((a, b) => b.id - a.id);
  if (next.length <= limit) return next;
  const keep = next.slice(0, limit);
  for (const j of next.slice(limit)) if (isActive(j)) keep.push(j);
  return keep;
}

/** True when this update is the one that moved a job out of queued/running. */
export function justFinished(previous: Job | undefined, job: Job): boolean {
  return !isActive(job) && (previous === undefined || isActive(previous));
}

/** What a finished job produced, in words: "tokenizer #3", "dictionary #1", "corpus #2". */
export function jobResultLabel(job: Pick<Job, 'kind' | 'resultId'>): string | null {
  if (job.resultId == null) return null;
  const what = job.kind === 'train' ? 'tokenizer' : job.kind === 'dict-import' ? 'dictionary' : job.kind === 'import' ? 'corpus' : 'result';
  return `${what} #${job.resultId}`;
}

/** The header's verb for a running job. */
export function jobVerb(kind: Job['kind']): string {
  return kind === 'train' ? 'Training' : kind === 'dict-import' ? 'Importing dictionary' : kind === 'evaluate' ? 'Evaluating' : 'Importing';
}
