import { describe, it, expect } from 'vitest';
import { ApiError, createHttpClient, createIpcClient, defaultReconnectDelay, unwrapReply } from './api';
import type { SocketLike } from './api';
import type { ApiEvent, Job } from '../../../main/api/contract';

const job: Job = {
  id: 7,
  kind: 'train',
  status: 'running',
  phase: 'merging',
  percent: 40,
  rate: 1200,
  rateUnit: 'merges/s',
  message: null,
  error: null,
  resultId: null,
  startedAt: '2025-01-01T00:00:00.000Z',
  finishedAt: null,
};

class FakeSocket implements SocketLike {
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {}
  close() {
    this.closed = true;
  }
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('unwrapReply', () => {
  it('returns the result of an ok reply', () => {
    expect(unwrapReply('corpus.list', { ok: true, result: [] })).toEqual([]);
  });
  it('throws the server message with its code', () => {
    try {
      unwrapReply('corpus.import', { ok: false, error: { code: 'bad-input', message: 'a.jsonl: bad JSON at byte 1234' } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError);
      expect((e as ApiError).message).toBe('a.jsonl: bad JSON at byte 1234');
      expect((e as ApiError).code).toBe('bad-input');
    }
  });
  it('rejects things that are not replies', () => {
    expect(() => unwrapReply('corpus.list', 'nope')).toThrow(/Malformed reply/);
    expect(() => unwrapReply('corpus.list', null)).toThrow(/Malformed reply/);
  });
});

describe('http client', () => {
  it('POSTs JSON args to /api/call/<method> on the same origin', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    const client = createHttpClient({
      origin: 'http://127.0.0.1:5000',
      fetch: (async (url: string, init: RequestInit) => {
        seen.push({ url, init });
        return jsonResponse(200, { ok: true, result: { removed: true } });
      }) as unknown as typeof fetch,
    });
    await expect(client.call('corpus.remove', { id: 3 })).resolves.toEqual({ removed: true });
    expect(seen[0].url).toBe('http://127.0.0.1:5000/api/call/corpus.remove');
    expect(seen[0].init.method).toBe('POST');
    expect(JSON.parse(String(seen[0].init.body))).toEqual({ id: 3 });
    expect(seen[0].init.credentials).toBe('same-origin');
  });

  it('turns error replies into thrown Errors with the server message', async () => {
    const client = createHttpClient({
      origin: 'http://x',
      fetch: (async () => jsonResponse(200, { ok: false, error: { code: 'not-found', message: 'No tokenizer 9.' } })) as unknown as typeof fetch,
    });
    await expect(client.call('tokenizer.get', { id: 9 })).rejects.toThrow('No tokenizer 9.');
  });

  it('explains 401/403 as an authorization problem', async () => {
    const client = createHttpClient({
      origin: 'http://x',
      fetch: (async () => new Response('no', { status: 401 })) as unknown as typeof fetch,
    });
    await expect(client.call('corpus.list', {})).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('reports an unreachable server readably', async () => {
    const client = createHttpClient({
      origin: 'http://x',
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as unknown as typeof fetch,
    });
    await expect(client.call('corpus.list', {})).rejects.toThrow(/Cannot reach.*Failed to fetch/);
  });

  it('delivers WebSocket events and reconnects after the socket drops', () => {
    const sockets: FakeSocket[] = [];
    const timers: { fn: () => void; ms: number }[] = [];
    const client = createHttpClient({
      origin: 'http://127.0.0.1:5000',
      openSocket: (url) => {
        const s = new FakeSocket(url);
        sockets.push(s);
        return s;
      },
      setTimer: (fn, ms) => timers.push({ fn, ms }),
    });
    const got: ApiEvent[] = [];
    const states: string[] = [];
    client.onConnection((s) => states.push(s));
    client.onEvent((e) => got.push(e));
    expect(sockets).toHaveLength(1); // one socket however many listeners
    expect(sockets[0].url).toBe('ws://127.0.0.1:5000/api/events');

    sockets[0].onopen?.({});
    sockets[0].onmessage?.({ data: JSON.stringify({ type: 'job', job }) });
    sockets[0].onmessage?.({ data: 'not json' }); // ignored, not thrown
    expect(got).toEqual([{ type: 'job', job }]);

    sockets[0].onerror?.({});
    sockets[0].onclose?.({}); // error+close count as one drop
    expect(timers).toHaveLength(1);
    expect(timers[0].ms).toBe(defaultReconnectDelay(0));
    timers[0].fn();
    expect(sockets).toHaveLength(2);
    sockets[1].onopen?.({});
    sockets[1].onmessage?.({ data: JSON.stringify({ type: 'job', job: { ...job, percent: 90 } }) });
    expect(got).toHaveLength(2);
    expect(states).toEqual(['disconnected', 'connecting', 'connected', 'disconnected', 'connecting', 'connected']);
  });

  it('backs off between reconnect attempts, capped', () => {
    expect(defaultReconnectDelay(0)).toBeLessThan(defaultReconnectDelay(3));
    expect(defaultReconnectDelay(30)).toBe(5000);
  });

  it('uses wss for https origins', () => {
    const urls: string[] = [];
    const client = createHttpClient({
      origin: 'https://localhost:9',
      openSocket: (url) => {
        urls.push(url);
        return new FakeSocket(url);
      },
    });
    client.onEvent(() => {});
    expect(urls).toEqual(['wss://localhost:9/api/events']);
  });
});

describe('ipc client', () => {
  it('passes calls and events through the preload bridge', async () => {
    let listener: ((e: ApiEvent) => void) | null = null;
    const calls: [string, unknown][] = [];
    const client = createIpcClient({
      platform: 'electron',
      call: async (method, args) => {
        calls.push([method, args]);
        return method === 'job.cancel'
          ? { ok: true, result: { cancelled: true } }
          : { ok: false, error: { code: 'conflict', message: 'busy' } };
      },
      onEvent: (cb) => {
        listener = cb;
        return () => (listener = null);
      },
    });
    await expect(client.call('job.cancel', { id: 1 })).resolves.toEqual({ cancelled: true });
    await expect(client.call('corpus.remove', { id: 1 })).rejects.toThrow('busy');
    expect(calls).toEqual([
      ['job.cancel', { id: 1 }],
      ['corpus.remove', { id: 1 }],
    ]);
    const got: ApiEvent[] = [];
    const off = client.onEvent((e) => got.push(e));
    listener!({ type: 'job', job });
    off();
    expect(listener).toBeNull();
    expect(got).toHaveLength(1);
  });
});
