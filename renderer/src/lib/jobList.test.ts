import { describe, it, expect } from 'vitest';
import { isActive, jobResultLabel, jobVerb, justFinished, upsertJob } from './jobList';
import type { Job } from '../../../main/api/contract';

const mk = (id: number, status: Job['status'] = 'running', percent = 0): Job => ({
  id,
  kind: 'import',
  status,
  phase: 'reading',
  percent,
  rate: null,
  rateUnit: null,
  message: null,
  error: null,
  resultId: null,
  startedAt: '2025-01-01T00:00:00Z',
  finishedAt: null,
});

describe('upsertJob', () => {
  it('inserts newest first and replaces by id', () => {
    let l = upsertJob([], mk(1));
    l = upsertJob(l, mk(3));
    l = upsertJob(l, mk(2));
    expect(l.map((j) => j.id)).toEqual([3, 2, 1]);
    l = upsertJob(l, mk(2, 'running', 50));
    expect(l).toHaveLength(3);
    expect(l[1].percent).toBe(50);
  });
  it('caps the list but keeps active jobs', () => {
    let l = [mk(1, 'running'), mk(2, 'done'), mk(3, 'done')];
    l = upsertJob(l, mk(4, 'done'), 2);
    expect(l.map((j) => j.id)).toEqual([4, 3, 1]);
  });
});

describe('job status', () => {
  it('knows active jobs', () => {
    expect(isActive(mk(1, 'queued'))).toBe(true);
    expect(isActive(mk(1, 'cancelled'))).toBe(false);
  });
  it('detects the finishing update once', () => {
    expect(justFinished(mk(1, 'running'), mk(1, 'done'))).toBe(true);
    expect(justFinished(undefined, mk(1, 'failed'))).toBe(true);
    expect(justFinished(mk(1, 'done'), mk(1, 'done'))).toBe(false);
    expect(justFinished(mk(1, 'queued'), mk(1, 'running'))).toBe(false);
  });
});

describe('jobResultLabel and jobVerb', () => {
  it('names what each kind of job produced', () => {
    expect(jobResultLabel({ kind: 'train', resultId: 3 })).toBe('tokenizer #3');
    expect(jobResultLabel({ kind: 'dict-import', resultId: 1 })).toBe('dictionary #1');
    expect(jobResultLabel({ kind: 'import', resultId: 2 })).toBe('corpus #2');
    expect(jobResultLabel({ kind: 'import', resultId: null })).toBeNull();
  });
  it('says what a running job does', () => {
    expect(jobVerb('train')).toBe('Training');
    expect(jobVerb('dict-import')).toBe('Importing dictionary');
    expect(jobVerb('import')).toBe('Importing');
  });
});
