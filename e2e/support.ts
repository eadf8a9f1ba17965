// Shared E2E set-up: the built renderer in Debian's Chromium, served by the real localhost bridge over a temp
// workspace, plus the direct API client the tests use to check what the UI did.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startBridge, type Bridge } from '../main/bridge/server';
import type { Args, Job, MethodName, Reply, Result } from '../main/api/contract';

export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI) {
  throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) for the E2E test`);
}

export const repo = fileURLToPath(new URL('..', import.meta.url));
export const shots = join(repo, 'test-results', 'e2e');

export interface E2EApp {
  tmp: string;
  workspacePath: string;
  bridge: Bridge;
  browser: Browser;
  page: Page;
}

/**
 * Starts the bridge on a fresh workspace `workspaceName` inside a new temp folder and opens a page in Chromium.
 * Page errors and console errors (CSP violations, uncaught exceptions) are pushed onto `problems`.
 */
export async function openApp(tmpPrefix: string, workspaceName: string, problems: string[]): Promise<E2EApp> {
  for (const built of ['dist/worker.mjs', 'dist/renderer/index.html']) {
    if (!existsSync(join(repo, built))) throw new Error(`${built} is missing: run "npm run build" before the E2E test`);
  }
  mkdirSync(shots, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), tmpPrefix));
  const workspacePath = join(tmp, workspaceName);
  let bridge: Bridge | undefined;
  try {
    bridge = await startBridge({ workspacePath, staticDir: join(repo, 'dist', 'renderer') });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
    });
    const context = await browser.newContext({ viewport: { width: 1360, height: 1000 }, acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    return { tmp, workspacePath, bridge, browser, page };
  } catch (e) {
    // afterAll never sees a half-opened app, so close what did open here.
    await bridge?.close();
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

export async function closeApp(app: E2EApp | undefined): Promise<void> {
  if (!app) return;
  await app.browser.close();
  await app.bridge.close();
  rmSync(app.tmp, { recursive: true, force: true });
}

/** The API straight, not through the UI, to check what the UI shows. */
export async function callApi<M extends MethodName>(bridge: Bridge, method: M, args: Args<M>): Promise<Result<M>> {
  const res = await fetch(`${bridge.origin}/api/call/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bridge.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const reply = (await res.json()) as Reply<M>;
  if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
  return reply.result;
}

/** Polls job.get until the job is no longer queued or running. */
export async function waitForJobOn(bridge: Bridge, id: number, timeoutMs: number): Promise<Job> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = await callApi(bridge, 'job.get', { id });
    if (job.status !== 'queued' && job.status !== 'running') return job;
    if (Date.now() > until) throw new Error(`job ${id} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Full-page capture from the top, so the sticky header and navigation sit where a user sees them. */
export async function screenshot(page: Page, name: string, { keepScroll = false } = {}): Promise<void> {
  if (!keepScroll) await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}
