// The localhost bridge: serves the renderer and the API contract to a browser on 127.0.0.1 only.
// Every request needs the per-run token (header, cookie, or ?token= on the first page load); Host and
// Origin are checked so other web pages and DNS-rebinding sites cannot reach the API.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { Core } from '../api/service';
import { createDispatcher } from '../api/dispatcher';

export interface BridgeOptions {
  workspacePath: string;
  /** The built renderer (dist/renderer); the API works without it. */
  staticDir?: string;
  port?: number;
  token?: string;
  workerPath?: string;
}

export interface Bridge {
  url: string;
  origin: string;
  token: string;
  port: number;
  core: Core;
  close(): Promise<void>;
}

const COOKIE = 'tokstudio_token';
const MAX_BODY = 64 * 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const core = new Core({ workspacePath: opts.workspacePath, workerPath: opts.workerPath });
  const dispatcher = createDispatcher(core.handlers);
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const staticDir = opts.staticDir ? resolve(opts.staticDir) : null;
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'internal', message: String(err?.message ?? err) } });
      else res.destroy();
    });
  });

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  function authorised(req: IncomingMessage): boolean {
    const header = req.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
    const cookie = parseCookies(req.headers.cookie)[COOKIE];
    return [header, cookie].some((t) => t !== undefined && safeEqual(t, token));
  }

  /** Host must be ours (DNS rebinding); a present Origin must be ours (cross-site pages). */
  function sameSite(req: IncomingMessage): string | null {
    if (!req.headers.host || !allowedHosts().has(req.headers.host)) return `host "${req.headers.host}" is not this bridge`;
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return `origin "${origin}" is not allowed`;
    return null;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refused = sameSite(req);
    if (refused) return send(res, 403, { ok: false, error: { code: 'forbidden', message: refused } });

    // First page load: trade the token in the URL for an HttpOnly cookie and drop it from the address bar.
    const queryToken = url.searchParams.get('token');
    if (req.method === 'GET' && queryToken !== null) {
      if (!safeEqual(queryToken, token)) return send(res, 401, { ok: false, error: { code: 'unauthorized', message: 'wrong token' } });
      url.searchParams.delete('token');
      res.writeHead(302, {
        'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + (url.search || ''),
        'Cache-Control': 'no-store',
      });
      return void res.end();
    }
    if (!authorised(req)) {
      return send(res, 401, { ok: false, error: { code: 'unauthorized', message: 'this bridge needs its token: open the URL it printed at start' } });
    }

    if (url.pathname.startsWith('/api/call/')) {
      if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'method-not-allowed', message: 'use POST' } });
      const method = decodeURIComponent(url.pathname.slice('/api/call/'.length));
      let args: unknown;
      try {
        const body = await readBody(req);
        args = body.length ? JSON.parse(body) : {};
      } catch (err) {
        return send(res, 400, { ok: false, error: { code: 'invalid-args', message: `request body: ${(err as Error).message}` } });
      }
      return send(res, 200, await dispatcher.dispatch(method, args));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { ok: false, error: { code: 'method-not-allowed', message: 'GET only' } });
    return serveStatic(url.pathname, res);
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    if (!staticDir) return send(res, 404, { ok: false, error: { code: 'not-found', message: 'no renderer is served by this bridge' } });
    const rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    let file = join(staticDir, rel);
    if (file !== staticDir && !file.startsWith(staticDir + sep)) return send(res, 403, { ok: false, error: { code: 'forbidden', message: 'outside the app' } });
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(staticDir, 'index.html'); // single-page app
    if (!existsSync(file)) return send(res, 404, { ok: false, error: { code: 'not-found', message: 'renderer not built: run npm run build' } });
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy':
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
    });
    createReadStream(file).pipe(res);
  }

  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const tokenOk = authorised(req) || safeEqual(url.searchParams.get('token') ?? '', token);
    if (url.pathname !== '/api/events' || sameSite(req) || !tokenOk) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return socket.destroy();
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
    });
  });
  const unsubscribe = core.onEvent((event) => {
    const data = JSON.stringify(event);
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(data);
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as { port: number }).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    port,
    core,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      await core.close();
    },
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(data);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        fail(new Error(`larger than ${MAX_BODY / 1024 / 1024} MiB`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of header?.split(';') ?? []) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
