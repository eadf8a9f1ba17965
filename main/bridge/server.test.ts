import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startBridge, type Bridge } from './server';
import { tempDir, writeSyntheticCorpus } from '../testing/tmp';
import type { ApiEvent, Job, Reply } from '../api/contract';

let bridge: Bridge;
const tmp = tempDir();

beforeAll(async () => {
  bridge = await startBridge({ workspacePath: tmp.path('ws.tokstudio') });
});
afterAll(async () => {
  await bridge.close();
  tmp.cleanup();
});

const call = async (method: string, args: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(`${bridge.origin}/api/call/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(args),
  });
  return { status: res.status, body: (await res.json()) as Reply };
};

const result = async <T>(method: string, args: unknown): Promise<T> => {
  const { body } = await call(method, args);
  if (!body.ok) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
};

describe('localhost bridge', () => {
  it('listens on 127.0.0.1 only, on a random port', () => {
    expect(bridge.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(bridge.port).toBeGreaterThan(0);
  });

  it('requires the token on every request', async () => {
    const noToken = await fetch(`${bridge.origin}/api/call/workspace.info`, { method: 'POST', body: '{}' });
    expect(noToken.status).toBe(401);
    const wrong = await call('workspace.info', {}, { Authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    const page = await fetch(`${bridge.origin}/`);
    expect(page.status).toBe(401);
    const ok = await call('workspace.info', {});
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, result: { schemaVersion: expect.any(Number) } });
  });

  it('trades the URL token for an HttpOnly SameSite cookie', async () => {
    const res = await fetch(bridge.url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const viaCookie = await fetch(`${bridge.origin}/api/call/workspace.info`, {
      method: 'POST',
      headers: { Cookie: cookie.split(';')[0]! },
      body: '{}',
    });
    expect(viaCookie.status).toBe(200);
  });

  it('refuses foreign origins and hosts (cross-site pages, DNS rebinding)', async () => {
    expect((await call('workspace.info', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await call('workspace.info', {}, { Origin: bridge.origin })).status).toBe(200);
    const { request } = await import('node:http');
    const status = await new Promise<number>((ok) => {
      const req = request({ host: '127.0.0.1', port: bridge.port, path: '/api/call/workspace.info', method: 'POST', headers: { Host: 'evil.example', Authorization: `Bearer ${bridge.token}` } }, (res) => ok(res.statusCode!));
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('returns contract errors as readable replies', async () => {
    const bad = await call('tokenizer.get', { id: 'x' });
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
    const missing = await call('tokenizer.get', { id: 999 });
    expect(missing.body).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const unknown = await call('no.such', {});
    expect(unknown.body).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });

  it('refuses event sockets without the token or from another origin', async () => {
    const attempt = (url: string, headers: Record<string, string>) =>
      new Promise<string>((ok) => {
        const ws = new WebSocket(url, { headers });
        ws.on('open', () => (ws.close(), ok('open')));
        ws.on('error', () => ok('refused'));
      });
    const wsUrl = bridge.origin.replace('http', 'ws') + '/api/events';
    expect(await attempt(wsUrl, {})).toBe('refused');
    expect(await attempt(wsUrl, { Authorization: `Bearer ${bridge.token}`, Origin: 'http://evil.example' })).toBe('refused');
    expect(await attempt(wsUrl, { Authorization: `Bearer ${bridge.token}` })).toBe('open');
  });

  it('answers while a training job runs, streams its progress, and a cancel leaves the workspace as it was', async () => {
    const file = tmp.path('big.txt');
    writeSyntheticCorpus(file, 40_000);
    const events: ApiEvent[] = [];
    const ws = new WebSocket(bridge.origin.replace('http', 'ws') + '/api/events', { headers: { Authorization: `Bearer ${bridge.token}` } });
    await new Promise((ok) => ws.on('open', ok));
    ws.on('message', (data) => events.push(JSON.parse(String(data))));

    const { jobId: importJob } = await result<{ jobId: number }>('corpus.import', { path: file, language: 'tr' });
    const imported = await bridge.core.runner.wait(importJob);
    expect(imported.status).toBe('done');
    const before = await result<unknown[]>('tokenizer.list', {});

    // The TypeScript trainer: the native one can finish this corpus before the cancel arrives. Workers copy
    // the environment when they start.
    process.env.TOKSTUDIO_ENGINE = 'typescript';
    const { jobId } = await result<{ jobId: number }>('train.start', {
      kind: 'bpe',
      name: 'long',
      corpusIds: [imported.resultId],
      config: { vocabSize: 60_000, minFrequency: 1, pretokenizer: 'gpt4o', specialTokens: [] },
    });
    // Wait until the merge loop is under way, then prove the API still answers.
    for (let i = 0; i < 400; i++) {
      const job = await result<Job>('job.get', { id: jobId });
      if (job.phase === 'merging' && job.percent > 0) break;
      if (job.status !== 'running') throw new Error(`job ended early: ${job.status} ${job.error}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    const info = await result<{ path: string }>('workspace.info', {});
    expect(info.path).toContain('ws.tokstudio');
    const mid = await result<Job>('job.get', { id: jobId });
    expect(mid.status).toBe('running'); // answered while the job was still at work

    delete process.env.TOKSTUDIO_ENGINE;
    expect(await result('job.cancel', { id: jobId })).toEqual({ cancelled: true });
    const ended = await bridge.core.runner.wait(jobId);
    expect(ended.status).toBe('cancelled');
    expect(await result('tokenizer.list', {})).toEqual(before);
    ws.close();
    const progress = events.filter((e): e is Extract<ApiEvent, { type: 'job' }> => e.type === 'job' && e.job.id === jobId);
    expect(progress.some((e) => e.job.phase === 'merging' && e.job.rateUnit === 'merges/s')).toBe(true);
    expect(progress.at(-1)!.job.status).toBe('cancelled');
  });
});
