// Jobs on worker threads: results land in one transaction, failures and crashes leave the workspace as it was.
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { Workspace } from '../store/workspace';
import { JobRunner } from './runner';
import { tempDir } from '../../testing/tmp';
import type { Job } from '../../api/contract';

const tmp = tempDir('tokstudio-jobs-');
afterEach(() => undefined);

function setup(workerPath?: string) {
  const ws = Workspace.open(tmp.path(`w${Math.random().toString(36).slice(2)}.tokstudio`), { owner: true });
  const events: Job[] = [];
  const runner = new JobRunner(ws, (j) => events.push(j), workerPath);
  return { ws, runner, events };
}

const importArgs = (path: string) => ({ path, format: 'auto', language: 'tr', textField: 'text' });

describe('job runner', () => {
  it('imports on a worker thread and reports progress and the result', async () => {
    const { ws, runner, events } = setup();
    const file = tmp.path('ok.txt');
    writeFileSync(file, 'bir iki üç\ndört beş\n');
    const job = runner.start('import', importArgs(file));
    expect(job.status).toBe('running');
    const done = await runner.wait(job.id);
    expect(done).toMatchObject({ status: 'done', percent: 100 });
    expect(ws.getCorpus(done.resultId!).words).toBe(5);
    expect(events.at(-1)!.status).toBe('done');
    expect(ws.getJob(job.id).status).toBe('done');
    ws.close();
  });

  it('a failing job records its error and adds nothing', async () => {
    const { ws, runner } = setup();
    const file = tmp.path('bad.jsonl');
    writeFileSync(file, '{"text": "iyi"}\n{"text": bozuk}\n');
    const done = await runner.wait(runner.start('import', importArgs(file)).id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/bad\.jsonl.*line 2/);
    expect(ws.listCorpora()).toEqual([]);
    ws.close();
  });

  it('a crashed worker fails the job with a message, and the workspace stays as it was', async () => {
    const crash = tmp.path('crash.mjs');
    writeFileSync(crash, 'process.exit(3);\n');
    const { ws, runner } = setup(crash);
    const done = await runner.wait(runner.start('import', importArgs(tmp.path('x.txt'))).id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/exited with code 3/);
    expect(ws.listCorpora()).toEqual([]);
    ws.close();
  });

  it('a job left running by a crashed app is marked failed when the workspace is next opened', () => {
    const path = tmp.path('interrupted.tokstudio');
    const ws = Workspace.open(path, { owner: true });
    const job = ws.createJob('train', {});
    ws.updateJob(job.id, { status: 'running' });
    ws.close();
    const again = Workspace.open(path, { owner: true });
    expect(again.getJob(job.id)).toMatchObject({ status: 'failed', error: expect.stringMatching(/interrupted/) });
    again.close();
  });
});
