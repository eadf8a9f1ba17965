// End to end: the built renderer in Debian's Chromium, served by the real localhost bridge over a temp
// workspace. Needs `npm run build` first (the job worker runs from dist/worker.mjs).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startBridge, type Bridge } from '../main/bridge/server';
import type { Args, MethodName, Reply, Result } from '../main/api/contract';
import { pseudoWordText, turkishText } from './turkishText';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI) {
  throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) for the E2E test`);
}

const repo = fileURLToPath(new URL('..', import.meta.url));
const fixture = join(repo, 'fixtures', 'e2e', 'turkish-small.txt');
const shots = join(repo, 'test-results', 'e2e');

describe.skipIf(!haveChromium)('Tokenizer Studio in a browser', () => {
  let tmp: string;
  let workspacePath: string;
  let bridge: Bridge;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  /** The API straight, not through the UI, to check what the UI shows. */
  async function api<M extends MethodName>(method: M, args: Args<M>): Promise<Result<M>> {
    const res = await fetch(`${bridge.origin}/api/call/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bridge.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
    const reply = (await res.json()) as Reply<M>;
    if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
    return reply.result;
  }

  async function waitForJob(id: number, timeoutMs = 60_000) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const job = await api('job.get', { id });
      if (job.status !== 'queued' && job.status !== 'running') return job;
      if (Date.now() > until) throw new Error(`job ${id} still ${job.status} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Full-page capture from the top, so the sticky header and navigation sit where a user sees them. */
  async function shot(name: string, { keepScroll = false } = {}) {
    if (!keepScroll) await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  }

  beforeAll(async () => {
    for (const built of ['dist/worker.mjs', 'dist/renderer/index.html']) {
      if (!existsSync(join(repo, built))) throw new Error(`${built} is missing: run "npm run build" before the E2E test`);
    }
    mkdirSync(shots, { recursive: true });
    tmp = mkdtempSync(join(tmpdir(), 'tokstudio-e2e-'));
    workspacePath = join(tmp, 'e2e.tokstudio');
    bridge = await startBridge({ workspacePath, staticDir: join(repo, 'dist', 'renderer') });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
    });
    const context = await browser.newContext({ viewport: { width: 1360, height: 1000 }, acceptDownloads: true });
    page = await context.newPage();
    // CSP violations and uncaught exceptions surface here; the app must produce none.
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('trades the URL token for a cookie and shows the workspace', async () => {
    await page.goto(bridge.url);
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    await expect.poll(() => page.getByTestId('workspace-path').textContent()).toContain('e2e.tokstudio');
    await expect.poll(() => page.getByTestId('jobs-indicator').textContent()).toContain('No running jobs');
    await page.getByTestId('corpus-empty').waitFor(); // a fresh workspace
  });

  it('shows an import error verbatim, naming the file', async () => {
    const missing = join(tmp, 'does-not-exist.txt');
    await page.getByTestId('import-path').fill(missing);
    await page.getByTestId('import-submit').click();
    await expect.poll(() => page.getByTestId('import-error').textContent()).toContain(missing);

    // A problem inside the file fails the job; its message names the file and the byte offset.
    const bad = join(tmp, 'bad.jsonl');
    writeFileSync(bad, '{"text": "Merhaba dünya"}\n{"text": "kırık satır"\n');
    await page.getByTestId('import-path').fill(bad);
    await page.getByTestId('import-format').selectOption('jsonl');
    await page.getByTestId('import-submit').click();
    await page.locator('[data-testid="import-progress"][data-status="failed"]').waitFor({ timeout: 30_000 });
    const message = (await page.getByTestId('import-progress').getByTestId('job-error').textContent()) ?? '';
    expect(message).toContain('bad.jsonl');
    expect(message).toMatch(/at byte \d+/);
    await page.getByTestId('import-format').selectOption('auto');
  });

  it('imports the fixture corpus as a job and lists it with its counts', async () => {
    await page.getByTestId('import-path').fill(fixture);
    await page.getByTestId('import-name').fill('e2e-small');
    await page.getByTestId('import-language').fill('tr');
    await page.getByTestId('import-submit').click();
    await page.locator('[data-testid="import-progress"][data-status="done"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('import-error').count()).toBe(0);

    const [corpus] = await api('corpus.list', {});
    expect(corpus.name).toBe('e2e-small');
    const row = page.getByTestId('corpus-row');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('e2e-small');
    expect(await row.getByTestId('corpus-words').textContent()).toBe(corpus.words.toLocaleString('en-US'));
    expect(await row.textContent()).toContain(corpus.sha256.slice(0, 12));
    // The finished import selects the corpus and shows a sample of its lines.
    await expect.poll(async () => ((await page.getByTestId('corpus-sample-text').textContent()) ?? '').length).toBeGreaterThan(20);
    await shot('corpora');
  });

  it('explains the budget live and trains a 600-token BPE with progress', async () => {
    await page.keyboard.press('Control+3');
    await page.getByTestId('train-form').waitFor({ state: 'visible' });
    await page.getByTestId('train-name').fill('e2e-600');

    const budget = page.getByTestId('budget');
    await page.getByTestId('train-vocab').fill('100');
    await expect.poll(() => budget.textContent()).toContain('100 is too small');
    expect(await budget.getAttribute('class')).toContain('bad');
    expect(await page.getByTestId('train-start').isDisabled()).toBe(true);

    await page.getByTestId('train-vocab').fill('600');
    await expect.poll(() => budget.textContent()).toContain('600 = 1 special token + 256 byte tokens + 343 merges');
    expect(await budget.getAttribute('class')).not.toContain('bad');
    await expect.poll(() => page.getByTestId('train-start').isEnabled()).toBe(true);

    await page.getByTestId('train-start').click();
    await page.getByTestId('train-progress').waitFor();
    await page.locator('[data-testid="train-progress"][data-status="done"]').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('job-row').first().getByTestId('job-status').textContent()).toBe('done');
    const [tok] = await api('tokenizer.list', {});
    expect(tok).toMatchObject({ name: 'e2e-600', vocabSize: 600, source: 'trained' });
    await shot('train');
  });

  it('inspects a sentence: chips, counts and a tooltip with id and offsets', async () => {
    await page.getByTestId('train-inspect').click();
    await page.getByTestId('inspector').waitFor({ state: 'visible' });
    await expect.poll(() => page.getByTestId('detail-vocab').textContent()).toBe('600');

    const [tok] = await api('tokenizer.list', {});
    const text = 'Evlerimizden geliyoruz, İstanbul’a gidiyorum.\nYarın\tgörüşürüz!';
    await page.getByTestId('inspect-text').fill(text);
    const expected = await api('tokenizer.encode', { id: tok.id, text });
    expect(expected.tokens.length).toBeGreaterThan(10);

    await expect.poll(() => page.getByTestId('count-tokens').textContent()).toBe(String(expected.tokens.length));
    await expect.poll(() => page.getByTestId('chip').count()).toBe(expected.tokens.length);
    expect(await page.getByTestId('count-chars').textContent()).toBe(String(text.length));
    // The newline is drawn as ↵ and the tab as →.
    const chipsText = (await page.getByTestId('chips').textContent()) ?? '';
    expect(chipsText).toContain('↵');
    expect(chipsText).toContain('→');

    const k = 3;
    await page.evaluate('window.scrollTo(0, 0)');
    await page.getByTestId('chip').nth(k).hover();
    const tip = page.getByTestId('token-tooltip');
    await tip.waitFor();
    const t = expected.tokens[k];
    expect(await tip.getByTestId('tip-id').textContent()).toBe(String(t.id));
    expect(await tip.getByTestId('tip-chars').textContent()).toBe(`[${t.start}, ${t.end})`);
    expect(await tip.getByTestId('tip-bytes').textContent()).toContain(`[${t.byteStart}, ${t.byteEnd})`);
    await shot('inspect', { keepScroll: true });

    // Keyboard: focus a chip, arrow to the next one, the tooltip follows.
    await page.mouse.move(0, 0);
    await page.getByTestId('chip').nth(0).focus();
    await page.keyboard.press('ArrowRight');
    expect(await tip.getByTestId('tip-id').textContent()).toBe(String(expected.tokens[1].id));
  });

  it('draws every chip for 10,000 characters of input', async () => {
    const [tok] = await api('tokenizer.list', {});
    const long = turkishText(99, 12_000).slice(0, 10_000);
    const expected = await api('tokenizer.encode', { id: tok.id, text: long });
    const started = Date.now();
    await page.getByTestId('inspect-text').fill(long);
    await expect.poll(() => page.getByTestId('count-tokens').textContent(), { interval: 10 }).toBe(expected.tokens.length.toLocaleString('en-US'));
    await expect.poll(() => page.getByTestId('chip').count(), { interval: 10 }).toBe(expected.tokens.length);
    const ms = Date.now() - started;
    // Logged, not asserted: speed is measured by benchmarks, not by timed tests on shared machines.
    console.log(`inspector: 10,000 chars -> ${expected.tokens.length} chips on screen in ${ms} ms (incl. 60 ms debounce)`);
  });

  it('exports tokenizer.json as a download the Hugging Face format describes', async () => {
    const [tok] = await api('tokenizer.list', {});
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-hf').click()]);
    expect(download.suggestedFilename()).toMatch(/\.json$/);
    const json = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(json.model.type).toBe('BPE');
    const ids = new Set<number>([...Object.values(json.model.vocab as Record<string, number>), ...json.added_tokens.map((a: { id: number }) => a.id)]);
    expect(ids.size).toBe(tok.vocabSize);
    expect(Math.max(...ids)).toBe(tok.vocabSize - 1);
  });

  it('imports a tokenizer.json, cuts a version and deletes with confirmation', async () => {
    const before = await api('tokenizer.list', {});
    const { json } = await api('tokenizer.exportHf', { id: before[0].id });
    const file = join(tmp, 'roundtrip.json');
    writeFileSync(file, json);
    await page.getByTestId('import-hf-file').setInputFiles(file);
    await expect.poll(() => page.getByTestId('tokenizer-row').count()).toBe(before.length + 1);
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('roundtrip.json');
    await expect.poll(() => page.getByTestId('detail-vocab').textContent()).toBe('600');

    await page.getByTestId('cut-size').fill('400');
    await page.getByTestId('cut').click();
    await expect.poll(() => page.getByTestId('detail-vocab').textContent()).toBe('400');
    const withCut = await api('tokenizer.list', {});
    expect(withCut.filter((t) => t.source === 'cut').map((t) => t.vocabSize)).toEqual([400]);

    // Delete asks first; "Keep" backs out, the second click deletes.
    await page.getByTestId('tokenizer-delete').click();
    await page.getByRole('button', { name: 'Keep' }).click();
    expect(await api('tokenizer.list', {})).toHaveLength(before.length + 2);
    for (let n = before.length + 1; n >= before.length; n--) {
      const selected = page.locator('[data-testid="tokenizer-row"].selected');
      await page.getByTestId('tokenizer-row').last().click();
      await expect.poll(() => selected.textContent()).not.toContain('e2e-600');
      await page.getByTestId('tokenizer-delete').click();
      await page.getByTestId('tokenizer-delete-confirm').click();
      await expect.poll(() => page.getByTestId('tokenizer-row').count()).toBe(n);
    }
    expect((await api('tokenizer.list', {})).map((t) => t.id)).toEqual(before.map((t) => t.id));
  });

  it('cancels a long training job from the Cancel button and keeps no new version', { timeout: 120_000 }, async () => {
    const big = join(tmp, 'pseudo-big.txt');
    writeFileSync(big, pseudoWordText(7, 4_000_000));
    const { jobId } = await api('corpus.import', { path: big, name: 'pseudo-big', language: 'tr' });
    expect((await waitForJob(jobId)).status).toBe('done');
    const before = await api('tokenizer.list', {});

    await page.keyboard.press('Control+3');
    const form = page.getByTestId('train-form');
    await form.waitFor({ state: 'visible' });
    // The Train view heard the import finish and lists the new corpus; train on it alone.
    const corpora = page.getByTestId('train-corpora');
    await corpora.getByText('pseudo-big').waitFor();
    for (const box of await corpora.getByRole('checkbox').all()) await box.uncheck();
    await corpora.getByRole('checkbox', { name: /pseudo-big/ }).check();
    await page.getByTestId('train-name').fill('e2e-cancelled');
    await page.getByTestId('train-vocab').fill('1000000');
    await page.getByTestId('train-minfreq').fill('1');
    await expect.poll(() => page.getByTestId('budget').textContent()).toContain('1000000 = ');
    await page.getByTestId('train-start').click();

    await page.locator('[data-testid="train-progress"][data-status="running"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.getByTestId('running-job').count()).toBe(1);
    // Let the merge loop report its rate, so the cancel interrupts real work (and the rate is on screen).
    const rate = page.getByTestId('train-progress').getByTestId('job-rate');
    await rate.waitFor({ timeout: 60_000 });
    expect(await rate.textContent()).toMatch(/merges\/s/);
    await shot('train-running');
    await page.getByTestId('train-progress').getByTestId('job-cancel').click();
    await page.locator('[data-testid="train-progress"][data-status="cancelled"]').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('running-job').count()).toBe(0);

    const after = await api('tokenizer.list', {});
    expect(after.map((t) => t.id)).toEqual(before.map((t) => t.id));
    await page.keyboard.press('Control+4');
    await expect.poll(() => page.getByTestId('tokenizer-row').count()).toBe(before.length);
    await page.keyboard.press('Control+3');
    await shot('train-cancelled');
  });

  it('removes a corpus after confirmation', async () => {
    await page.keyboard.press('Control+1');
    const row = page.getByTestId('corpus-row').filter({ hasText: 'pseudo-big' });
    await row.getByTestId('corpus-remove').click();
    await row.getByTestId('corpus-remove-confirm').click();
    await expect.poll(() => page.getByTestId('corpus-row').count()).toBe(1);
    expect((await api('corpus.list', {})).map((c) => c.name)).toEqual(['e2e-small']);
    await shot('corpora-after');
  });

  it('imports the bundled dictionary as a job and shows file-and-line errors verbatim', async () => {
    await page.keyboard.press('Control+2');
    await page.getByTestId('dict-import-form').waitFor({ state: 'visible' });
    await page.getByTestId('dict-empty').waitFor();

    // A bad row fails the job; the message names the file and the line.
    const bad = join(tmp, 'bad-dict.tsv');
    writeFileSync(bad, 'surface\tkind\tgroup\nev\troot\t\nlar\tsuffix\tPLU\nkitap\tbanana\t\n');
    await page.getByTestId('dict-path').fill(bad);
    await page.getByTestId('dict-language').fill('tr');
    await page.getByTestId('dict-import').click();
    await page.locator('[data-testid="dict-import-progress"][data-status="failed"]').waitFor({ timeout: 30_000 });
    const message = (await page.getByTestId('dict-import-progress').getByTestId('job-error').textContent()) ?? '';
    expect(message).toContain('bad-dict.tsv:4');
    expect(await api('dict.list', {})).toEqual([]);

    await page.getByTestId('dict-use-bundled').click();
    await expect.poll(() => page.getByTestId('dict-path').inputValue()).toMatch(/dictionary\.json$/);
    await page.getByTestId('dict-import').click();
    await page.locator('[data-testid="dict-import-progress"][data-status="done"]').waitFor({ timeout: 30_000 });
    const row = page.getByTestId('dict-row');
    await expect.poll(() => row.count()).toBe(1);
    const [dict] = await api('dict.list', {});
    expect(dict.roots).toBe(699);
    expect(await row.getByTestId('dict-roots').textContent()).toBe('699');
    expect(await row.textContent()).toContain(dict.name);
    expect(await page.locator('[data-testid="dict-row"].selected').count()).toBe(1);

    // Hunspell cannot hold everything: two files, and a note on what was left out.
    await page.getByTestId('dict-export-format').selectOption('hunspell');
    const downloads: string[] = [];
    page.on('download', (d) => downloads.push(d.suggestedFilename()));
    await page.getByTestId('dict-export').click();
    await page.getByTestId('dict-export-note').waitFor();
    await expect.poll(() => downloads.sort()).toEqual([expect.stringMatching(/\.aff$/), expect.stringMatching(/\.dic$/)]);
    const { lost } = await api('dict.export', { id: dict.id, format: 'hunspell' });
    expect(lost.length).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('dict-export-lost').locator('li').count()).toBe(lost.length);
    await shot('dictionaries');
  });

  it('trains a hybrid tokenizer with the dictionary', { timeout: 120_000 }, async () => {
    const [dict] = await api('dict.list', {});
    await page.keyboard.press('Control+3');
    await page.getByTestId('train-form').waitFor({ state: 'visible' });
    await page.getByTestId('train-kind-hybrid').click();
    await expect.poll(() => page.getByTestId('train-dictionary').inputValue()).toBe(String(dict.id));
    expect(await page.getByTestId('train-pretokenizer').count()).toBe(0); // a BPE-only option

    const corpora = page.getByTestId('train-corpora');
    await expect.poll(() => corpora.getByText('pseudo-big').count()).toBe(0); // removed in Corpora
    for (const box of await corpora.getByRole('checkbox').all()) await box.uncheck();
    await corpora.getByRole('checkbox', { name: /e2e-small/ }).check();
    await page.getByTestId('train-name').fill('e2e-hybrid');
    await page.getByTestId('train-vocab').fill('3000');
    await page.getByTestId('train-minfreq').fill('2');
    await expect.poll(() => page.getByTestId('budget').textContent()).toContain('3,000 = up to 2,100 for the dictionary');
    await expect.poll(() => page.getByTestId('train-start').isEnabled()).toBe(true);

    await page.getByTestId('train-start').click();
    await page.locator('[data-testid="train-progress"][data-status="done"]').waitFor({ timeout: 90_000 });
    const hybrid = (await api('tokenizer.list', {})).find((t) => t.name === 'e2e-hybrid');
    expect(hybrid).toMatchObject({ kind: 'hybrid', source: 'trained' });
    await shot('train-hybrid');
  });

  it('inspects a hybrid tokenizer: stats, typed chips, shared ids and n-best analyses', async () => {
    await page.getByTestId('train-inspect').click();
    await page.getByTestId('inspector').waitFor({ state: 'visible' });
    const hybrid = (await api('tokenizer.list', {})).find((t) => t.name === 'e2e-hybrid')!;
    const detail = await api('tokenizer.get', { id: hybrid.id });
    await page.getByTestId('hybrid-stats').waitFor();
    await expect.poll(() => page.getByTestId('detail-dictionary').textContent()).toBe('Turkish starter dictionary');
    const coverage = (detail.stats.coverage as { tokens: number }).tokens;
    expect(await page.getByTestId('hybrid-coverage').textContent()).toBe(`${(coverage * 100).toFixed(1).replace(/\.0$/, '')}%`);
    expect(await page.getByTestId('hybrid-size').textContent()).toContain('of 3,000 requested');
    expect(await page.getByTestId('export-hf').isDisabled()).toBe(true);
    expect(await page.getByTestId('cut').count()).toBe(0);

    const text = 'Kitaplarımızdan geliyoruz.';
    await page.getByTestId('inspect-text').fill(text);
    const expected = await api('tokenizer.encode', { id: hybrid.id, text });
    await expect.poll(() => page.getByTestId('chip').count()).toBe(expected.tokens.length);
    const chips = page.getByTestId('chip');
    expect(await page.locator('[data-testid="chip"].t-root').count()).toBe(expected.tokens.filter((t) => t.type === 'root').length);
    expect(await page.locator('[data-testid="chip"].t-root').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="chip"].t-affix').count()).toBeGreaterThan(0);
    // The capital K travels as a <cap> marker chip.
    expect(await page.locator('[data-testid="chip"].marker').first().textContent()).toBe('⇧');

    const affix = expected.tokens.findIndex((t) => t.type === 'affix' && t.shared);
    expect(affix).toBeGreaterThan(0);
    await page.evaluate('window.scrollTo(0, 0)');
    await chips.nth(affix).hover();
    const tip = page.getByTestId('token-tooltip');
    await tip.waitFor();
    expect(await tip.getByTestId('tip-role').textContent()).toBe(`shared id of group ${expected.tokens[affix].group}`);

    // A click on a chip of the first word analyses that word.
    const root = expected.tokens.findIndex((t) => t.type === 'root');
    await chips.nth(root).click();
    const panel = page.getByTestId('analyses');
    await panel.waitFor();
    expect(await panel.textContent()).toContain('Kitaplarımızdan');
    await expect.poll(() => panel.getByTestId('analysis').count()).toBeGreaterThanOrEqual(2);
    const best = await api('tokenizer.analyze', { id: hybrid.id, word: 'Kitaplarımızdan', n: 5 });
    await expect.poll(() => panel.getByTestId('analysis').count()).toBe(best.analyses.length);
    expect(await panel.getByTestId('analysis').first().getByTestId('analysis-chosen').count()).toBe(1);
    expect(await panel.getByTestId('analysis').nth(1).getByTestId('analysis-reason').textContent()).toContain(best.analyses[1].reason);

    // Keyboard: Enter on a focused chip of the second word analyses it instead.
    await page.mouse.move(0, 0);
    const second = expected.tokens.findIndex((t) => t.start >= text.indexOf('geliyoruz') && t.type === 'root');
    await chips.nth(second).focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await panel.locator('h3').textContent()) ?? '').toContain('geliyoruz');
    await page.keyboard.press('Escape');
    await chips.nth(root).click();
    await expect.poll(() => panel.getByTestId('analysis').count()).toBe(best.analyses.length);
    await page.keyboard.press('Escape'); // blur the chip, so no tooltip covers the capture
    await page.mouse.move(0, 0);
    await shot('inspect-hybrid');
  });

  it('raised no page errors or console errors (CSP included)', () => {
    expect(problems).toEqual([]);
  });
});
