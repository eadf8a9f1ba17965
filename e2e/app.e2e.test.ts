// End to end: the built renderer in Debian's Chromium, served by the real localhost bridge over a temp
// workspace. Needs `npm run build` first (the job worker runs from dist/worker.mjs).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Args, MethodName, Result } from '../main/api/contract';
import { type E2EApp, callApi, closeApp, haveChromium, openApp, repo, screenshot, shots, waitForJobOn } from './support';
import { pseudoWordText, turkishText } from './turkishText';

const fixture = join(repo, 'fixtures', 'e2e', 'turkish-small.txt');

describe.skipIf(!haveChromium)('Tokenizer Studio in a browser', () => {
  let tmp: string;
  let app: E2EApp | undefined;
  let bridge: E2EApp['bridge'];
  let page: Page;
  const problems: string[] = [];

  const api = <M extends MethodName>(method: M, args: Args<M>): Promise<Result<M>> => callApi(bridge, method, args);
  const waitForJob = (id: number, timeoutMs = 60_000) => waitForJobOn(bridge, id, timeoutMs);

  /** The Inspector's own chips (the Compare card below it draws chips too). */
  const inspector = () => page.getByTestId('inspector');

  const shot = (name: string, opts?: { keepScroll?: boolean }) => screenshot(page, name, opts);

  beforeAll(async () => {
    app = await openApp('tokstudio-e2e-', 'e2e.tokstudio', problems);
    ({ tmp, bridge, page } = app);
  });

  afterAll(() => closeApp(app));

  it('trades the URL token for a cookie and shows the workspace', async () => {
    await page.goto(bridge.url);
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    await expect.poll(() => page.getByTestId('workspace-path').textContent()).toContain('e2e.tokstudio');
    await expect.poll(() => page.getByTestId('jobs-indicator').textContent()).toContain('No running jobs');
    await page.getByTestId('corpus-empty').waitFor(); // a fresh workspace
  });

  it('opens About from the footer: version, engine and its self-test; Escape closes it', async () => {
    await page.getByTestId('open-about').click();
    const about = page.getByTestId('about');
    await expect.poll(() => about.getByTestId('about-engine').textContent(), { timeout: 20_000 }).toMatch(/native \(C\+\+ addon\)|TypeScript reference/);
    const text = (await about.textContent()) ?? '';
    expect(text).toMatch(/Tokenizer Studio \d+\.\d+\.\d+/);
    expect(text).toContain('hybrid lattice search');
    if (text.includes('native (C++ addon)')) expect(text).toMatch(/Self-test\s*passed/);
    await shot('about');
    await page.keyboard.press('Escape');
    await expect.poll(() => about.isVisible()).toBe(false);
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
    await expect.poll(() => inspector().getByTestId('chip').count()).toBe(expected.tokens.length);
    expect(await page.getByTestId('count-chars').textContent()).toBe(String(text.length));
    // The newline is drawn as ↵ and the tab as →.
    const chipsText = (await inspector().getByTestId('chips').textContent()) ?? '';
    expect(chipsText).toContain('↵');
    expect(chipsText).toContain('→');

    const k = 3;
    await page.evaluate('window.scrollTo(0, 0)');
    await inspector().getByTestId('chip').nth(k).hover();
    const tip = page.getByTestId('token-tooltip');
    await tip.waitFor();
    const t = expected.tokens[k];
    expect(await tip.getByTestId('tip-id').textContent()).toBe(String(t.id));
    expect(await tip.getByTestId('tip-chars').textContent()).toBe(`[${t.start}, ${t.end})`);
    expect(await tip.getByTestId('tip-bytes').textContent()).toContain(`[${t.byteStart}, ${t.byteEnd})`);
    await shot('inspect', { keepScroll: true });

    // Keyboard: focus a chip, arrow to the next one, the tooltip follows.
    await page.mouse.move(0, 0);
    await inspector().getByTestId('chip').nth(0).focus();
    await page.keyboard.press('ArrowRight');
    expect(await tip.getByTestId('tip-id').textContent()).toBe(String(expected.tokens[1].id));

    // A merge token's tooltip shows the merges that built it, as the API traces them.
    const traces = await Promise.all(expected.tokens.map((x) => (x.type === 'merge' ? api('tokenizer.mergeTrace', { id: tok.id, tokenId: x.id }) : null)));
    const m = traces.findIndex((x) => x !== null && x.steps.length >= 2);
    expect(m).toBeGreaterThanOrEqual(0);
    const steps = traces[m]!.steps;
    await inspector().getByTestId('chip').nth(m).focus();
    const merges = tip.getByTestId('tip-merges');
    await expect.poll(() => merges.count()).toBe(1);
    const mergesText = (await merges.textContent()) ?? '';
    expect(mergesText.split(' · ').filter((x) => x.includes('→'))).toHaveLength(Math.min(12, steps.length));
    expect(mergesText).toContain(`(#${steps[0].rank})`);
    expect(mergesText).toContain(`→ ${steps[Math.min(11, steps.length - 1)].result.replace(/ /g, '·')} (#`);
    await shot('inspect-merges', { keepScroll: true });
    await page.keyboard.press('Escape');

    // Text from a file, too.
    const file = join(tmp, 'inspect-input.txt');
    writeFileSync(file, 'Dosyadan gelen metin.');
    await inspector().getByTestId('inspect-file').setInputFiles(file);
    await expect.poll(() => page.getByTestId('inspect-text').inputValue()).toBe('Dosyadan gelen metin.');
    const fromFile = await api('tokenizer.encode', { id: tok.id, text: 'Dosyadan gelen metin.' });
    await expect.poll(() => page.getByTestId('count-tokens').textContent()).toBe(String(fromFile.tokens.length));
  });

  it('draws every chip for 10,000 characters of input', async () => {
    const [tok] = await api('tokenizer.list', {});
    const long = turkishText(99, 12_000).slice(0, 10_000);
    const expected = await api('tokenizer.encode', { id: tok.id, text: long });
    const started = Date.now();
    await page.getByTestId('inspect-text').fill(long);
    await expect.poll(() => page.getByTestId('count-tokens').textContent(), { interval: 10 }).toBe(expected.tokens.length.toLocaleString('en-US'));
    await expect.poll(() => inspector().getByTestId('chip').count(), { interval: 10 }).toBe(expected.tokens.length);
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
    // The TypeScript trainer keeps this job busy long enough to cancel (the native one may finish first);
    // job workers copy the environment when they start.
    process.env.TOKSTUDIO_ENGINE = 'typescript';
    await page.getByTestId('train-start').click();

    await page.locator('[data-testid="train-progress"][data-status="running"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.getByTestId('running-job').count()).toBe(1);
    // Let the merge loop report its rate, so the cancel interrupts real work (and the rate is on screen).
    const rate = page.getByTestId('train-progress').getByTestId('job-rate');
    await rate.waitFor({ timeout: 60_000 });
    expect(await rate.textContent()).toMatch(/merges\/s/);
    await shot('train-running');
    delete process.env.TOKSTUDIO_ENGINE;
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
    // The preview reads the file before anything is written, so the bad row is refused right there.
    await page.getByTestId('dict-import').click();
    await expect.poll(async () => (await page.getByTestId('dict-import-error').textContent()) ?? '').toContain('bad-dict.tsv:4');
    expect(await page.getByTestId('import-preview').count()).toBe(0);
    expect(await api('dict.list', {})).toEqual([]);

    await page.getByTestId('dict-use-bundled').click();
    await expect.poll(() => page.getByTestId('dict-path').inputValue()).toMatch(/dictionary\.json$/);
    const bundled = await api('dict.previewImport', { path: await page.getByTestId('dict-path').inputValue() });
    await page.getByTestId('dict-import').click();
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    expect(await preview.getByTestId('preview-row-roots').getByTestId('preview-added').textContent()).toBe(String(bundled.roots.added));
    expect(await preview.getByTestId('preview-row-groups').getByTestId('preview-added').textContent()).toBe(String(bundled.groups.added));
    expect(await preview.getByTestId('preview-summary').textContent()).toContain(`Adds ${bundled.roots.added} roots and ${bundled.groups.added} groups`);
    expect(await api('dict.list', {})).toEqual([]); // nothing written yet
    await shot('dict-new-preview');
    await preview.getByTestId('preview-confirm').click();
    await page.locator('[data-testid="dict-import-progress"][data-status="done"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('import-preview').count()).toBe(0);
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
    await expect.poll(() => inspector().getByTestId('chip').count()).toBe(expected.tokens.length);
    const chips = inspector().getByTestId('chip');
    expect(await inspector().locator('[data-testid="chip"].t-root').count()).toBe(expected.tokens.filter((t) => t.type === 'root').length);
    expect(await inspector().locator('[data-testid="chip"].t-root').count()).toBeGreaterThan(0);
    expect(await inspector().locator('[data-testid="chip"].t-affix').count()).toBeGreaterThan(0);
    // The capital K travels as a <cap> marker chip.
    expect(await inspector().locator('[data-testid="chip"].marker').first().textContent()).toBe('⇧');

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

  /** The morphs of the try-a-word panel's best analysis, as "surface/kind" strings. */
  async function bestMorphs(): Promise<string[]> {
    const best = page.getByTestId('try-word').getByTestId('analysis').first();
    if ((await best.count()) === 0) return [];
    return best.locator('.morph').evaluateAll((els) => els.map((el) => `${el.querySelector('.surface')?.textContent}/${[...el.classList].find((c) => c.startsWith('k-'))?.slice(2)}`));
  }

  it('edits a root in the dictionary editor, sees the try-a-word panel change, and undoes it', async () => {
    const [dict] = await api('dict.list', {});
    const word = 'sandalyelerimizden';
    // The bundled dictionary has no "sandalye": the word's root is residue before the edit.
    const before = await api('dict.tryWord', { id: dict.id, word, n: 5 });
    expect(before.analyses[0].full).toBe(false);
    expect((await api('dict.roots', { id: dict.id, query: 'sandalye' })).total).toBe(0);

    await page.keyboard.press('Control+2');
    await page.getByTestId('dict-row').first().click();
    await page.getByTestId('dict-open-editor').click();
    await page.getByTestId('dict-editor').waitFor();
    await expect.poll(() => page.getByTestId('roots-total').textContent()).toBe(`${dict.roots} roots`);
    await expect.poll(() => page.getByTestId('root-row').count()).toBeGreaterThan(10);

    await page.getByTestId('try-word-input').fill(word);
    await expect.poll(bestMorphs).toEqual(before.analyses[0].morphs.map((m) => `${m.surface}/${m.kind}`));
    expect((await bestMorphs())[0]).toBe('sandalye/residue');

    // Ctrl+N opens a new row; Enter saves it.
    await page.keyboard.press('Control+n');
    await page.getByTestId('root-edit-surface').fill('sandalye');
    await page.getByTestId('root-edit-pos').fill('noun');
    await page.getByTestId('root-edit-gloss').fill('chair');
    await page.getByTestId('root-edit-gloss').press('Enter');
    await expect.poll(bestMorphs).toEqual(['sandalye/root', 'ler/suffix', 'imiz/suffix', 'den/suffix']);
    await expect.poll(() => page.getByTestId('dict-undo').textContent()).toContain('Undo add root “sandalye”');
    await expect.poll(() => page.getByTestId('roots-total').textContent()).toBe(`${dict.roots + 1} roots`);
    expect((await api('dict.roots', { id: dict.id, query: 'sandalye' })).items[0]).toMatchObject({ surface: 'sandalye', pos: 'noun', gloss: 'chair' });

    // Search answers while typing; the new root is in the list.
    await page.getByTestId('roots-search').fill('sanda');
    await expect.poll(() => page.getByTestId('root-surface').allTextContents()).toEqual(['sandalye']);
    await page.getByTestId('roots-search').fill('');
    await expect.poll(() => page.getByTestId('roots-total').textContent()).toBe(`${dict.roots + 1} roots`);
    await page.mouse.move(0, 0);
    await shot('dict-editor');

    // A refused edit shows the backend's message at the field; nothing is written.
    await page.keyboard.press('Control+n');
    await page.getByTestId('root-edit-surface').fill('kalem');
    await page.getByTestId('root-edit-pos').fill('noun');
    await page.getByTestId('root-edit-pos').press('Enter');
    await expect.poll(() => page.getByTestId('root-error-surface').textContent()).toMatch(/root "kalem" \(noun\) already exists \(row \d+\)/);
    await page.getByTestId('root-edit-pos').press('Escape');
    await expect.poll(() => page.getByTestId('root-new-row').count()).toBe(0);
    expect((await api('dict.get', { id: dict.id })).undo.undoLabel).toBe('add root "sandalye"');

    // Keyboard: ↓ selects, Enter edits inline, Esc cancels without an undo step.
    await page.getByTestId('roots-list').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByTestId('root-edit-surface').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('root-row-editing').count()).toBe(0);

    // Ctrl+Z (focus on the list, not in a field) undoes the add; the panel goes back.
    await page.getByTestId('roots-list').focus();
    await page.keyboard.press('Control+z');
    await expect.poll(bestMorphs).toEqual(before.analyses[0].morphs.map((m) => `${m.surface}/${m.kind}`));
    await expect.poll(() => page.getByTestId('dict-redo').textContent()).toContain('Redo add root “sandalye”');
    expect((await api('dict.roots', { id: dict.id, query: 'sandalye' })).total).toBe(0);
    await expect.poll(() => page.getByTestId('roots-total').textContent()).toBe(`${dict.roots} roots`);
  });

  it('previews a small Hunspell import into the dictionary, imports it as one undoable step', async () => {
    const [dict] = await api('dict.list', {});
    const aff = join(tmp, 'mini.aff');
    writeFileSync(aff, 'SET UTF-8\nLANG tr_TR\n\nSFX A Y 2\nSFX A 0 lar [aıou][^aeıioöuü]*\nSFX A 0 ler [eiöü][^aeıioöuü]*\n');
    // evlerimiz: an inflected form listed as a stem, which the starter already analyses (ev + suffixes).
    writeFileSync(join(tmp, 'mini.dic'), '6\nsandalye/A\nbalkon/A\nkırtasiye\nkalem/A\nyasak/!\nevlerimiz\n');
    const all = await api('dict.previewImport', { path: aff, into: dict.id, rootsOnly: true, rootPos: 'noun' });
    expect(all.roots.added).toBeGreaterThanOrEqual(4);
    const expected = await api('dict.previewImport', { path: aff, into: dict.id, rootsOnly: true, rootPos: 'noun', skipAnalysed: true });
    expect(expected.roots.added).toBe(all.roots.added - 1);
    expect(expected.analysed).toEqual({ count: 1, examples: [expect.stringMatching(/^ev\+.+/)] });
    expect(expected.warnings.filter((w) => w.includes('imported root'))).toEqual([]);

    await page.getByTestId('dict-import-into-open').click();
    await page.getByTestId('into-path').fill(aff);
    await page.getByTestId('into-roots-only').check();
    await page.getByTestId('into-preview').click();
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    // Kept as imported, the stems have pos "stem", which the starter's morphotactics neither reach nor leave.
    await expect.poll(() => preview.getByTestId('preview-warnings').textContent()).toMatch(/imported roots have pos "stem", .*can take no suffix/);
    expect(await preview.getByTestId('preview-without-pos').textContent()).toContain('they take “stem”');
    await shot('dict-import-preview-stem');

    // The select offers the starter's parts of speech that the morphotactics can use, most roots first.
    const detail = await api('dict.get', { id: dict.id });
    const offered = await page.getByTestId('into-root-pos').locator('option').evaluateAll((os) => os.map((o) => o.getAttribute('value') ?? ''));
    expect(offered).toEqual(['', ...detail.usableRootPos.map((p) => p.name)]);
    expect(offered).toContain('noun');
    expect(offered).not.toContain('stem');
    await page.getByTestId('into-root-pos').selectOption('noun');
    expect(await page.getByTestId('preview-confirm').isDisabled()).toBe(true); // the options changed: preview again
    await page.getByTestId('into-preview').click();
    await expect.poll(() => preview.getByTestId('preview-without-pos').textContent()).toContain('they take “noun”');
    const warned = preview.getByTestId('preview-warnings');
    expect((await warned.count()) === 0 ? '' : await warned.textContent()).not.toMatch(/imported root/);
    expect(await preview.getByTestId('preview-row-roots').getByTestId('preview-added').textContent()).toBe(String(all.roots.added));
    expect(await preview.getByTestId('preview-analysed').count()).toBe(0);

    // Skipping the words the starter already analyses leaves evlerimiz out, with its analysis as the example.
    await page.getByTestId('into-skip-analysed').check();
    expect(await page.getByTestId('preview-confirm').isDisabled()).toBe(true);
    await page.getByTestId('into-preview').click();
    await expect
      .poll(() => preview.getByTestId('preview-analysed').count().then((n) => (n === 0 ? '' : preview.getByTestId('preview-analysed').textContent())))
      .toBe(`1 entry left out: the dictionary already analyses it (e.g. ${expected.analysed!.examples[0]}).`);
    expect(await preview.getByTestId('preview-row-roots').getByTestId('preview-added').textContent()).toBe(String(expected.roots.added));
    expect(await preview.getByTestId('preview-row-groups').count()).toBe(0); // roots only
    expect(await preview.getByTestId('preview-sample-added').textContent()).toContain('sandalye (noun)');
    expect(await preview.getByTestId('preview-summary').textContent()).toContain(`Adds ${expected.roots.added} roots`);
    await shot('dict-import-preview');

    await page.getByTestId('preview-confirm').click();
    await page.locator('[data-testid="into-progress"][data-status="done"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('into-done').textContent()).toContain('reverts the whole import');
    // The job's message: what the merge did (and its warnings, here none).
    expect(await page.getByTestId('into-progress').textContent()).toContain(`import mini.aff (${expected.roots.added} roots added, 0 changed)`);
    expect(await page.getByTestId('into-progress').textContent()).toContain('1 entry left out: the dictionary already analyses it');
    expect((await api('dict.roots', { id: dict.id, query: 'evlerimiz' })).total).toBe(0);
    // As a noun the merged stem takes the starter's suffixes (try-a-word still holds "sandalyelerimizden").
    await expect.poll(bestMorphs).toEqual(['sandalye/root', 'ler/suffix', 'imiz/suffix', 'den/suffix']);
    await shot('dict-import-done');
    const after = await api('dict.get', { id: dict.id });
    expect(after.roots).toBe(dict.roots + expected.roots.added);
    expect((await api('dict.roots', { id: dict.id, query: 'sandalye' })).items.map((r) => r.pos)).toEqual(['noun']);
    await expect.poll(() => page.getByTestId('roots-total').textContent()).toBe(`${after.roots.toLocaleString('en-US')} roots`);
    await expect.poll(() => page.getByTestId('dict-undo').textContent()).toContain('Undo import mini.aff');

    await page.getByTestId('dict-undo').click();
    await expect.poll(() => page.getByTestId('roots-total').textContent()).toBe(`${dict.roots} roots`);
    expect((await api('dict.get', { id: dict.id })).roots).toBe(dict.roots);
    await page.getByTestId('dict-editor-back').click();
    await expect.poll(() => page.getByTestId('dict-row').first().getByTestId('dict-roots').textContent()).toBe(String(dict.roots));
  });

  it('marks the hybrid version stale after the dictionary changed, and Retrain brings a fresh one', { timeout: 120_000 }, async () => {
    const hybrid = (await api('tokenizer.list', {})).find((t) => t.name === 'e2e-hybrid')!;
    expect(hybrid.stale).toMatch(/changed since training/);
    await page.keyboard.press('Control+4');
    const row = page.getByTestId('tokenizer-row').filter({ hasText: 'e2e-hybrid' });
    await expect.poll(() => row.getByTestId('stale-badge').count()).toBe(1);
    // The view refreshes its list when shown: the badge may first carry the title of the previous revision.
    await expect.poll(() => row.getByTestId('stale-badge').getAttribute('title')).toBe(hybrid.stale);
    await row.click();
    await page.getByTestId('stale-note').waitFor();
    await page.getByTestId('retrain').click();
    await page.locator('[data-testid="retrain-progress"][data-status="done"]').waitFor({ timeout: 90_000 });
    const versions = await api('tokenizer.list', {});
    const fresh = versions[versions.length - 1];
    expect(fresh).toMatchObject({ name: 'e2e-hybrid', kind: 'hybrid', stale: null });
    expect(fresh.id).not.toBe(hybrid.id);
    await expect.poll(() => page.locator('[data-testid="tokenizer-row"].selected').textContent()).toContain('e2e-hybrid');
    await expect.poll(() => page.locator('[data-testid="tokenizer-row"].selected').getByTestId('stale-badge').count()).toBe(0);
    await expect.poll(() => page.getByTestId('stale-note').count()).toBe(0);
    expect(await page.getByTestId('tokenizer-row').filter({ hasText: 'e2e-hybrid' }).getByTestId('stale-badge').count()).toBe(1); // the old one
  });

  it('compares a BPE version, the hybrid version and OpenAI o200k_base, with disagreement markers', async () => {
    const versions = await api('tokenizer.list', {});
    const bpe = versions.find((t) => t.name === 'e2e-600')!;
    const hybrid = versions.filter((t) => t.name === 'e2e-hybrid').at(-1)!;
    const compare = page.getByTestId('compare');
    await compare.scrollIntoViewIfNeeded();
    const sources = compare.getByTestId('compare-sources');
    await expect.poll(() => sources.locator('label').count()).toBe(versions.length + 2);
    for (const box of await sources.getByRole('checkbox').all()) await box.uncheck();
    await sources.locator('label', { hasText: `#${bpe.id} e2e-600` }).getByRole('checkbox').check();
    await sources.locator('label', { hasText: `#${hybrid.id} e2e-hybrid` }).getByRole('checkbox').check();
    await sources.locator('label', { hasText: 'o200k_base' }).getByRole('checkbox').check();

    const text = 'Kitaplarımızdan birini okuyamadık. Evlerimizdeki sandalyeler 2024 yılında geldi.';
    await compare.getByTestId('compare-text').fill(text);
    const srcs = [
      { kind: 'version' as const, id: bpe.id },
      { kind: 'version' as const, id: hybrid.id },
      { kind: 'openai' as const, name: 'o200k_base' as const },
    ];
    const expected = await api('compare.run', { text, sources: srcs });
    expect(expected.disagreements.length).toBeGreaterThan(0);
    await expect.poll(() => compare.getByTestId('disagreement-count').textContent()).toBe(`${expected.disagreements.length} disagreements`);
    const rows = compare.getByTestId('compare-row');
    await expect.poll(() => rows.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      const enc = expected.results[i].encoding!;
      expect(await rows.nth(i).getByTestId('compare-tokens').textContent()).toBe(String(enc.tokens.length));
      expect(await rows.nth(i).getByTestId('chip').count()).toBe(enc.tokens.length);
    }
    // Each row marks the disagreements it cuts at.
    const marks = expected.disagreements.reduce((n, d) => n + d.cutBy.length, 0);
    expect(await compare.getByTestId('disagreement-marker').count()).toBe(marks);

    const d = expected.disagreements[0];
    const marker = rows.nth(d.cutBy[0]).locator(`[data-d="0"]`);
    await marker.scrollIntoViewIfNeeded();
    expect(await marker.isVisible()).toBe(true);
    await marker.hover();
    const tip = page.getByTestId('disagreement-tooltip');
    await tip.waitFor();
    const tipText = (await tip.textContent()) ?? '';
    for (const i of d.cutBy) expect(tipText).toContain(expected.results[i].label);
    expect(tipText).toContain('Cut here by');
    expect(tipText).toContain('not by');

    // Keyboard: ] steps to the next disagreement and shows it.
    await page.mouse.move(0, 0);
    await compare.getByTestId('disagreement-next').focus();
    await page.keyboard.press(']');
    await page.keyboard.press(']');
    await tip.waitFor();
    expect(await compare.locator('.dmark.current').count()).toBeGreaterThan(0);
    // The viewport as the user sees it (a full-page capture would move the fixed tooltip away from its marker).
    await page.screenshot({ path: join(shots, 'compare.png') });
  });

  it('evaluates BPE, hybrid and o200k_base in Reports: data sets, job, table, charts and exports', { timeout: 180_000 }, async () => {
    const versions = await api('tokenizer.list', {});
    const bpe = versions.find((t) => t.name === 'e2e-600')!;
    const hybrid = versions.filter((t) => t.name === 'e2e-hybrid').at(-1)!;
    const [corpus] = await api('corpus.list', {});
    const [dict] = await api('dict.list', {});

    await page.keyboard.press('Control+5');
    await page.getByTestId('eval-datasets').waitFor({ state: 'visible' });

    // The bundled gold set sits beside the bundled corpus.
    await page.getByTestId('gold-use-bundled').click();
    await expect.poll(() => page.getByTestId('gold-path').inputValue()).toMatch(/samples[\\/]tr[\\/]gold\.tsv$/);
    await page.getByTestId('gold-import').click();
    await expect.poll(() => page.getByTestId('gold-row').count()).toBe(1);
    const [goldSet] = await api('gold.list', {});
    expect(await page.getByTestId('gold-row').getByTestId('gold-entries').textContent()).toContain(goldSet.entries.toLocaleString('en-US'));
    expect(await page.getByTestId('gold-row').textContent()).toContain(goldSet.sha256.slice(0, 12));
    await expect.poll(() => page.getByTestId('gold-peek').locator('li').count()).toBeGreaterThan(5);

    // A gold import error names the file and line, verbatim.
    const badGold = join(tmp, 'bad-gold.tsv');
    writeFileSync(badGold, 'evler\tev ler\nkitaplar\tkitap lor\n');
    await page.getByTestId('gold-path').fill(badGold);
    await page.getByTestId('gold-format').selectOption('tsv');
    await page.getByTestId('gold-import').click();
    await expect.poll(async () => (await page.getByTestId('gold-error').textContent()) ?? '').toContain('bad-gold.tsv:2');
    await page.getByTestId('gold-format').selectOption('auto');

    const parallelFile = join(tmp, 'parallel.jsonl');
    writeFileSync(
      parallelFile,
      [
        { tr: 'Kitaplarımızı masanın üstüne bıraktık.', en: 'We left our books on the table.', hu: 'A könyveinket az asztalon hagytuk.' },
        { tr: 'Yarın İstanbul’a gidiyorum.', en: 'I am going to Istanbul tomorrow.', hu: 'Holnap Isztambulba megyek.' },
        { tr: 'Evlerimizdeki sandalyeler çok eski.', en: 'The chairs in our houses are very old.', hu: 'A házainkban lévő székek nagyon régiek.' },
        { tr: 'Öğrenciler kütüphanede ders çalışıyorlar.', en: 'The students are studying in the library.', hu: 'A diákok a könyvtárban tanulnak.' },
      ].map((r) => JSON.stringify(r)).join('\n') + '\n',
    );
    await page.getByTestId('parallel-path').fill(parallelFile);
    await page.getByTestId('parallel-import').click();
    await expect.poll(() => page.getByTestId('parallel-row').count()).toBe(1);
    expect(await page.getByTestId('parallel-languages').textContent()).toMatch(/tr.*en.*hu|en.*tr.*hu|tr.*hu.*en/);

    // The form: three tokenizers, the corpus, the gold set, the parallel set (pivot en), the dictionary, a curve.
    const form = page.getByTestId('eval-form');
    const sources = form.getByTestId('eval-sources');
    await expect.poll(() => sources.locator('label').count()).toBe(versions.length + 2);
    await sources.locator('label', { hasText: new RegExp(`#${bpe.id} e2e-600$`) }).getByRole('checkbox').check();
    await sources.locator('label', { hasText: new RegExp(`#${hybrid.id} e2e-hybrid$`) }).getByRole('checkbox').check();
    await sources.locator('label', { hasText: 'o200k_base' }).getByRole('checkbox').check();
    await form.getByTestId('eval-corpus').selectOption(String(corpus.id));
    await form.getByTestId('eval-gold').getByRole('checkbox').check();
    await form.getByTestId('eval-parallel').getByRole('checkbox').check();
    await form.getByTestId('eval-pivot').selectOption('en');
    await form.getByTestId('eval-dictionary').selectOption(String(dict.id));
    await form.getByTestId('eval-curve').selectOption(String(bpe.id));
    await form.getByTestId('eval-start').click();
    await page.locator('[data-testid="eval-progress"][data-status="done"]').waitFor({ timeout: 150_000 });

    const runs = await api('eval.list', {});
    expect(runs).toHaveLength(1);
    const res = await api('eval.get', { id: runs[0].id });
    expect(res.tokenizers.map((t) => t.error)).toEqual([null, null, null]);
    const result = page.getByTestId('eval-result');
    await result.waitFor();
    expect(await page.getByTestId('eval-run').count()).toBe(1);

    // The table: a row per tokenizer, its figures those of eval.get.
    const rows = result.getByTestId('eval-row');
    await expect.poll(() => rows.count()).toBe(3);
    const dec = (n: number, digits: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(n);
    for (const t of res.tokenizers) {
      const key = t.source.kind === 'version' ? `v${t.source.id}` : `o:${t.source.name}`;
      const row = result.locator(`[data-testid="eval-row"][data-key="${key}"]`);
      expect(await row.getByTestId('eval-cell-tokensPerWord').textContent()).toBe(dec(t.compression!.tokensPerWord, 3));
      const morph = result.locator(`[data-testid="eval-morph-row"][data-key="${key}"]`);
      expect(await morph.getByTestId('eval-cell-f1').textContent()).toBe(dec(t.boundaries[0].micro.f1, 3));
    }
    const hybridResult = res.tokenizers.find((t) => t.source.kind === 'version' && t.source.id === hybrid.id)!;
    expect(hybridResult.alignment).not.toBeNull();
    const hybridRow = result.locator(`[data-testid="eval-morph-row"][data-key="v${hybrid.id}"]`);
    expect(await hybridRow.getByTestId('eval-cell-languagePct').textContent()).toBe(`${dec(hybridResult.alignment!.tokens.languagePct, 1)}%`);
    expect(await result.getByTestId('eval-inputs').textContent()).toContain(corpus.sha256.slice(0, 12));
    expect(await result.getByTestId('eval-inputs').textContent()).toContain(goldSet.sha256.slice(0, 12));

    // The charts: bars per tokenizer in one colour per tokenizer across charts, the curve's points.
    const charts = result.getByTestId('eval-charts');
    const metricChart = charts.getByTestId('chart-metric');
    await expect.poll(() => metricChart.getByTestId('chart-bar').count()).toBe(3);
    const f1Chart = charts.getByTestId('chart-boundaries');
    expect(await f1Chart.getByTestId('chart-bar').count()).toBe(3);
    const fill = (chart: typeof metricChart) => chart.locator(`[data-testid="chart-bar"][data-key="v${hybrid.id}"] rect`).getAttribute('fill');
    expect(await fill(metricChart)).toBe(await fill(f1Chart));
    expect(Number(await f1Chart.locator(`[data-testid="chart-bar"][data-key="v${hybrid.id}"]`).getAttribute('data-value'))).toBeCloseTo(hybridResult.boundaries[0].micro.f1, 10);
    expect(await charts.getByTestId('chart-curve').getByTestId('curve-point').count()).toBe(res.curve!.points.length);
    const premiumBars = res.tokenizers.reduce((n, t) => n + t.premium[0].languages.filter((l) => l.language !== 'en' && l.premium !== null).length, 0);
    expect(await charts.getByTestId('chart-premium').getByTestId('chart-bar').count()).toBe(premiumBars);
    await metricChart.getByTestId('chart-metric-select').selectOption('charsPerToken');
    expect(await metricChart.locator('svg').getAttribute('aria-label')).toContain('Chars / token');

    // Exports: the result as Markdown, a chart as SVG and as PNG.
    const [md] = await Promise.all([page.waitForEvent('download'), result.getByTestId('eval-export-md').click()]);
    expect(md.suggestedFilename()).toMatch(/\.md$/);
    const mdText = readFileSync((await md.path())!, 'utf8');
    expect(mdText).toContain('| Tokenizer |');
    expect(mdText).toContain(`#${hybrid.id} e2e-hybrid`);
    expect(mdText).toContain('Morpheme boundaries');
    const [svgFile] = await Promise.all([page.waitForEvent('download'), f1Chart.getByTestId('chart-export-svg').click()]);
    expect(svgFile.suggestedFilename()).toMatch(/\.svg$/);
    const svgText = readFileSync((await svgFile.path())!, 'utf8');
    expect(svgText).toMatch(/^<\?xml/);
    expect(svgText).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svgText.match(/data-testid="chart-bar"/g)).toHaveLength(3);
    const [png] = await Promise.all([page.waitForEvent('download'), charts.getByTestId('chart-curve').getByTestId('chart-export-png').click()]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    const pngBytes = readFileSync((await png.path())!);
    expect(pngBytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(pngBytes.readUInt32BE(16)).toBe(2 * Number((await charts.getByTestId('chart-curve').locator('svg').getAttribute('viewBox'))!.split(' ')[2])); // drawn at 2x

    await page.mouse.move(0, 0);
    await shot('reports');
    // The charts as on the page, without the sticky header over them (a full-page capture, clipped).
    const box = (await charts.boundingBox())!;
    await page.screenshot({ path: join(shots, 'reports-charts.png'), fullPage: true, clip: { x: box.x - 8, y: box.y - 8, width: box.width + 16, height: box.height + 16 } });
  });

  it('compares two stored runs in Reports: differing data first, A, B and B − A per tokenizer, a chart, swap and export', { timeout: 120_000 }, async () => {
    const versions = await api('tokenizer.list', {});
    const bpe = versions.find((t) => t.name === 'e2e-600')!;
    const hybrids = versions.filter((t) => t.name === 'e2e-hybrid');
    const [oldHybrid, newHybrid] = [hybrids[0], hybrids.at(-1)!];
    expect(oldHybrid.id).not.toBe(newHybrid.id);
    const [corpus] = await api('corpus.list', {});
    const [goldSet] = await api('gold.list', {});
    const [first] = await api('eval.list', {});

    // A second run: the BPE and the hybrid from before the dictionary edit, on a smaller sample, without the
    // parallel set and the dictionary. It finishes while Reports is open, so the list picks it up.
    const { jobId } = await api('eval.start', { name: 'before the edit', sources: [{ kind: 'version', id: bpe.id }, { kind: 'version', id: oldHybrid.id }], corpusId: corpus.id, sampleLines: 150, goldSetIds: [goldSet.id] });
    const second = (await waitForJob(jobId, 90_000)).resultId!;
    await expect.poll(() => page.getByTestId('eval-run').count()).toBe(2);

    // Tick both runs (one by keyboard); the older one becomes A.
    const runs = page.getByTestId('eval-runs');
    await runs.locator(`[data-testid="eval-run"][data-id="${second}"]`).getByTestId('eval-run-compare').check();
    expect(await page.getByTestId('compare-hint').textContent()).toContain(`compare with #${second}`);
    await runs.locator(`[data-testid="eval-run"][data-id="${first.id}"]`).getByTestId('eval-run-compare').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('compare-hint').textContent()).toContain(`Run #${first.id} as A, #${second} as B`);
    await page.getByTestId('eval-compare-start').click();
    const view = page.getByTestId('eval-compare');
    await view.waitFor();
    expect(await view.getByTestId('compare-title').textContent()).toBe(`Run #${first.id} (A) against run #${second} (B)`);
    expect(await page.getByTestId('eval-result').count()).toBe(0); // the comparison replaces the single run

    const { comparison: c } = await api('eval.compare', { a: first.id, b: second });
    // Different data, said at the top: another sample, no parallel set and no dictionary in B.
    const warnings = view.getByTestId('compare-warning');
    expect(await warnings.count()).toBe(c.notices.filter((n) => n.level === 'warning').length);
    expect(await warnings.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual(['sample', 'parallel', 'dictionary']);
    expect(await view.getByTestId('compare-infos').textContent()).toContain('only in run A: OpenAI o200k_base');

    // One block per tokenizer: the BPE by its id, the hybrid before and after the edit by its name, o200k in A only.
    const blocks = view.getByTestId('compare-tokenizer');
    expect(await blocks.evaluateAll((els) => els.map((e) => e.getAttribute('data-key')))).toEqual(c.tokenizers.map((t) => t.key));
    expect(c.tokenizers.map((t) => t.key)).toEqual([`v${bpe.id}~v${bpe.id}`, `v${newHybrid.id}~v${oldHybrid.id}`, 'o:o200k_base~-']);
    const hybridBlock = view.locator(`[data-testid="compare-tokenizer"][data-key="v${newHybrid.id}~v${oldHybrid.id}"]`);
    expect(await hybridBlock.locator('.badge').first().textContent()).toBe('paired by name');

    const dec = (n: number, digits: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(n);
    const bpeBlock = view.locator(`[data-testid="compare-tokenizer"][data-key="v${bpe.id}~v${bpe.id}"]`);
    const k = c.measures.findIndex((m) => m.metric === 'tokens_per_word');
    const fertility = c.tokenizers[0].cells[k];
    const row = bpeBlock.locator('[data-testid="compare-row"][data-measure="tokens_per_word"]');
    expect(await row.getByTestId('compare-a').textContent()).toBe(dec(fertility.a!, 3));
    expect(await row.getByTestId('compare-b').textContent()).toBe(dec(fertility.b!, 3));
    const signed = (x: number, text: string) => `${x > 0 ? '+' : '\u2212'}${text}`;
    expect(await row.getByTestId('compare-delta').textContent()).toBe(
      fertility.delta === 0 ? '0' : `${signed(fertility.delta!, dec(Math.abs(fertility.delta!), 3))} (${signed(fertility.relative!, dec(100 * Math.abs(fertility.relative!), 1))}%)`,
    );
    expect((await row.getByTestId('compare-change').textContent())!.trim()).toBe(fertility.change ?? '');
    const aligned = bpeBlock.locator('[data-testid="compare-row"][data-measure="language_token_pct"]');
    expect(await aligned.getByTestId('compare-b').textContent()).toBe('—');
    expect(await aligned.getByTestId('compare-note').textContent()).toBe('run B had no dictionary');
    const openai = view.locator('[data-testid="compare-tokenizer"][data-key="o:o200k_base~-"] [data-testid="compare-row"][data-measure="tokens_per_word"]');
    expect(await openai.getByTestId('compare-note').textContent()).toBe('not in run B');

    // The chart: run A's bar beside run B's for every tokenizer that has the value.
    const chart = view.getByTestId('compare-chart');
    const withValue = (key: string) => {
      const i = c.measures.findIndex((m) => m.key === key);
      return c.tokenizers.reduce((n, t) => n + (t.cells[i].a !== null ? 1 : 0) + (t.cells[i].b !== null ? 1 : 0), 0);
    };
    await expect.poll(() => chart.getByTestId('chart-bar').count()).toBe(withValue('tokens_per_word'));
    expect(await chart.locator('[data-testid="chart-bar"][data-key="b"]').count()).toBe(2);
    await chart.getByTestId('compare-chart-select').selectOption('gold0:boundary_f1');
    await expect.poll(() => chart.locator('svg').getAttribute('aria-label')).toContain(`Boundary F1 · ${goldSet.name}`);
    expect(await chart.getByTestId('chart-bar').count()).toBe(withValue('gold0:boundary_f1'));

    // Export as CSV; swap A and B, and back.
    const [csv] = await Promise.all([page.waitForEvent('download'), view.getByTestId('compare-export-csv').click()]);
    expect(csv.suggestedFilename()).toBe(`comparison-${first.id}-vs-${second}.csv`);
    expect(readFileSync((await csv.path())!, 'utf8').split('\n')[0]).toBe('run_a,run_b,tokenizer,tokenizer_a,tokenizer_b,matched_by,metric,set,language,better,value_a,value_b,delta,change,note');
    await view.getByTestId('compare-swap').click();
    await expect.poll(() => view.getByTestId('compare-title').textContent()).toBe(`Run #${second} (A) against run #${first.id} (B)`);
    await view.getByTestId('compare-swap').click();
    await expect.poll(() => view.getByTestId('compare-title').textContent()).toBe(`Run #${first.id} (A) against run #${second} (B)`);

    await page.mouse.move(0, 0);
    // The card as on the page (a full-page capture, clipped; the bounding box is measured from the top).
    await page.evaluate('window.scrollTo(0, 0)');
    const box = (await view.boundingBox())!;
    await page.screenshot({ path: join(shots, 'reports-compare.png'), fullPage: true, clip: { x: box.x - 8, y: box.y - 8, width: box.width + 16, height: box.height + 16 } });
    const list = (await runs.boundingBox())!;
    await page.screenshot({ path: join(shots, 'reports-compare-runs.png'), fullPage: true, clip: { x: list.x - 8, y: list.y - 8, width: list.width + 16, height: list.height + 16 } });
  });

  it('raised no page errors or console errors (CSP included)', () => {
    expect(problems).toEqual([]);
  });
});
