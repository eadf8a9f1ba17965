// The renderer's only way to reach the core: a client of the API contract over Electron IPC or the
// localhost bridge. Only types come from main/ so the UI bundle carries no server code.
import type { ApiClient, ApiEvent, MethodName, Reply, Result } from '../../../main/api/contract';

/** What the Electron preload exposes on `window.tokstudio`. */
export interface IpcBridge {
  platform: 'electron';
  call(method: string, args: unknown): Promise<Reply>;
  onEvent(cb: (e: ApiEvent) => void): () => void;
}

declare global {
  interface Window {
    tokstudio?: IpcBridge;
  }
}

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

/** The contract's client plus what the UI needs to know about the event channel. */
export interface RendererClient extends ApiClient {
  readonly transport: 'electron' | 'http';
  /** Fires on every change of the event channel, and once right away with the current state. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

/** A failed call, carrying the server's own message (shown to the user verbatim). */
export class ApiError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

/** Turns a transport's reply into a result, or throws the server's error. */
export function unwrapReply<M extends MethodName>(method: M, reply: unknown): Result<M> {
  if (typeof reply !== 'object' || reply === null || typeof (reply as { ok?: unknown }).ok !== 'boolean') {
    throw new ApiError('internal', `Malformed reply to ${method}.`);
  }
  const r = reply as Reply<M>;
  if (r.ok) return r.result;
  const message = typeof r.error?.message === 'string' && r.error.message ? r.error.message : `${method} failed.`;
  throw new ApiError(typeof r.error?.code === 'string' ? r.error.code : 'internal', message);
}

/** The message to show for anything thrown by a call or by UI code. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}

class Listeners<T> {
  private set = new Set<(value: T) => void>();
  add(fn: (value: T) => void): () => void {
    this.set.add(fn);
    return () => this.set.delete(fn);
  }
  emit(value: T): void {
    for (const fn of [...this.set]) {
      try {
        fn(value);
      } catch (e) {
        // One broken view must not stop the others from hearing about jobs.
        console.error(e);
      }
    }
  }
}

export function createIpcClient(bridge: IpcBridge): RendererClient {
  return {
    transport: 'electron',
    async call(method, args) {
      return unwrapReply(method, await bridge.call(method, args ?? {}));
    },
    onEvent: (listener) => bridge.onEvent(listener),
    onConnection(listener) {
      listener('connected'); // IPC lives as long as the window does
      return () => {};
    },
  };
}

/** The subset of the WebSocket API the client relies on, so tests can supply a fake. */
export interface SocketLike {
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  close(): void;
}

export interface HttpClientOptions {
  /** e.g. "http://127.0.0.1:4321"; requests are same-origin so the auth cookie rides along. */
  origin: string;
  fetch?: typeof fetch;
  openSocket?: (url: string) => SocketLike;
  /** Delay before reconnect attempt n (0-based). */
  reconnectDelay?: (attempt: number) => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

export const defaultReconnectDelay = (attempt: number): number => Math.min(5000, 250 * 2 ** attempt);

export function createHttpClient(opts: HttpClientOptions): RendererClient {
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const openSocket = opts.openSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const reconnectDelay = opts.reconnectDelay ?? defaultReconnectDelay;
  const setTimer = opts.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const wsUrl = opts.origin.replace(/^http/, 'ws') + '/api/events';

  const events = new Listeners<ApiEvent>();
  const connection = new Listeners<ConnectionState>();
  let state: ConnectionState = 'disconnected';
  let started = false;
  let attempt = 0;

  const setState = (s: ConnectionState) => {
    if (s === state) return;
    state = s;
    connection.emit(s);
  };

  // One socket for the page's lifetime, opened on first interest and reopened whenever it drops.
  const connect = () => {
    setState('connecting');
    let socket: SocketLike;
    try {
      socket = openSocket(wsUrl);
    } catch {
      scheduleReconnect();
      return;
    }
    let closed = false;
    socket.onopen = () => {
      attempt = 0;
      setState('connected');
    };
    socket.onmessage = (ev) => {
      if (typeof ev.data !== 'string') return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(ev.data);
      } catch {
        return;
      }
      if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { type?: unknown }).type === 'string') {
        events.emit(parsed as ApiEvent);
      }
    };
    const onGone = () => {
      if (closed) return;
      closed = true;
      setState('disconnected');
      scheduleReconnect();
    };
    socket.onclose = onGone;
    socket.onerror = () => {
      onGone();
      try {
        socket.close();
      } catch {
        /* already closing */
      }
    };
  };
  const scheduleReconnect = () => {
    const ms = reconnectDelay(attempt++);
    setTimer(connect, ms);
  };
  const ensureStarted = () => {
    if (started) return;
    started = true;
    connect();
  };

  return {
    transport: 'http',
    async call(method, args) {
      let res: Response;
      try {
        res = await doFetch(`${opts.origin}/api/call/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(args ?? {}),
          credentials: 'same-origin',
        });
      } catch (e) {
        throw new ApiError('unreachable', `Cannot reach the Tokenizer Studio server (${errorMessage(e)}). Is it still running?`);
      }
      if (res.status === 401 || res.status === 403) {
        throw new ApiError(
          'unauthorized',
          'This page is not authorized. Open the URL with ?token= that `tokstudio serve` printed.',
        );
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        throw new ApiError('internal', `${method}: the server answered HTTP ${res.status} without a JSON reply.`);
      }
      return unwrapReply(method, body);
    },
    onEvent(listener) {
      const off = events.add(listener);
      ensureStarted();
      return off;
    },
    onConnection(listener) {
      const off = connection.add(listener);
      listener(state);
      ensureStarted();
      return off;
    },
  };
}

/** Picks the transport: Electron's preload bridge when present, else the same-origin localhost bridge. */
export function createClient(): RendererClient {
  const bridge = typeof window !== 'undefined' ? window.tokstudio : undefined;
  if (bridge) return createIpcClient(bridge);
  return createHttpClient({ origin: window.location.origin });
}

