// End to end, the Annotate view: the built renderer in Debian's Chromium over the real localhost bridge.
// Words are annotated with the keyboard only; what the UI did is checked through the API. Needs
// `npm run build` first (jobs run from dist/worker.mjs).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Args, MethodName, QueueItem, Result } from '../main/api/contract';
import { type E2EApp, callApi, closeApp, haveChromium, openApp, screenshot, waitForJobOn } from './support';

/** The segments a set of cuts (code-point offsets) leaves of a word. */
function cutWord(word: string, cuts: number[]): string[] {
  const ls = Array.from(word);
  const bounds = [0, ...cuts, ls.length];
  return bounds.slice(1).map((end, i) => ls.slice(bounds[i], end).join(''));
}

/** The proposal's boundaries carried onto the surface word (proposals may be case-folded). */
function proposalOnWord(item: QueueItem): string[] {
  if (!item.proposal) return [item.word];
  const cuts: number[] = [];
  let at = 0;
  for (const s of item.proposal.slice(0, -1)) cuts.push((at += Array.from(s).length));
  return cutWord(item.word, cuts);
}

describe.skipIf(!haveChromium)('Annotate view in a browser', () => {
  let tmp: string;
  let app: E2EApp | undefined;
  let bridge: E2EApp['bridge'];
  let page: Page;
  const problems: string[] = [];
  let queueId = 0;
  let hybridId = 0;
  let dictId = 0;
  /** The queue's first words in order, as ayse saw them. */
  let words: QueueItem[] = [];

  const api = <M extends MethodName>(method: M, args: Args<M>): Promise<Result<M>> => callApi(bridge, method, args);
  const waitForJob = (id: number, timeoutMs = 90_000) => waitForJobOn(bridge, id, timeoutMs);

  async function mine(annotator: string): Promise<Map<number, QueueItem>> {
    const r = await api('annotate.items', { queueId, annotator, limit: 1000 });
    return new Map(r.items.map((it) => [it.itemId, it]));
  }

  /** Reports has gold imports of its own: every look-up stays inside the Annotate view. */
  const view = () => page.locator('section.view[aria-label="Annotate"]');
  const editor = () => view().getByTestId('annotate-editor');
  const currentWord = () => editor().getByTestId('word').getAttribute('data-word');
  const key = (k: string) => page.keyboard.press(k);

  const shot = (name: string) => screenshot(page, name);

  async function setAnnotator(name: string) {
    const change = view().getByTestId('annotator-change');
    if (await change.count()) await change.click();
    await view().getByTestId('annotator-name').fill(name);
    await view().getByTestId('annotator-save').click();
    await expect.poll(() => view().getByTestId('annotator').textContent()).toBe(name);
  }

  beforeAll(async () => {
    app = await openApp('tokstudio-annotate-e2e-', 'annotate.tokstudio', problems);
    ({ tmp, bridge, page } = app);
  });

  afterAll(() => closeApp(app));

  it('sets up: the bundled corpus and dictionary, and a small hybrid version (through the API)', { timeout: 150_000 }, async () => {
    const sample = await api('corpus.bundledSample', {});
    const imp = await api('corpus.import', { path: sample.path, name: 'tr-sample', language: 'tr' });
    expect((await waitForJob(imp.jobId)).status).toBe('done');
    const bundled = await api('dict.bundled', {});
    const dj = await waitForJob((await api('dict.import', { path: bundled.path })).jobId);
    expect(dj.status).toBe('done');
    dictId = dj.resultId!;
    const [corpus] = await api('corpus.list', {});
    const tj = await api('train.start', { kind: 'hybrid', name: 'tr-hybrid', corpusIds: [corpus.id], dictionaryId: dictId, config: { vocabSize: 2000 } });
    const job = await waitForJob(tj.jobId, 120_000);
    expect(job.status, job.error ?? '').toBe('done');
    hybridId = job.resultId!;
  });

  it('asks for the annotator once and creates a frequency queue with the hybrid version proposing', async () => {
    await page.goto(bridge.url);
    await page.getByTestId('workspace-path').waitFor();
    await key('Control+6');
    await view().getByTestId('annotator-form').waitFor();
    await setAnnotator('ayse');
    expect(await page.evaluate("localStorage.getItem('tokstudio.annotator')")).toBe('ayse');

    await view().getByTestId('queues-empty').waitFor();
    await view().getByTestId('queue-new').click();
    await view().getByTestId('queue-name').fill('frequent words');
    await view().getByTestId('queue-source').selectOption('frequency');
    await view().getByTestId('queue-tokenizers').getByRole('checkbox').first().check();
    await view().getByTestId('queue-size').fill('30');
    await view().getByTestId('queue-minlength').fill('5');
    // A size the API refuses shows its rule before anything is sent.
    await view().getByTestId('queue-size').fill('0');
    await view().getByTestId('queue-create').click();
    await expect.poll(() => view().getByTestId('queue-error').textContent()).toContain('Size must be between 1');
    await view().getByTestId('queue-size').fill('30');
    await view().getByTestId('queue-create').click();
    await expect.poll(() => view().getByTestId('queue-row').count()).toBe(1);

    const [q] = await api('annotate.queues', {});
    expect(q).toMatchObject({ name: 'frequent words', source: 'frequency', items: 30, tokenizerIds: [hybridId] });
    queueId = q.id;
    expect(await view().getByTestId('queue-progress').textContent()).toBe('0 of 30 gold (0%)');
    words = (await api('annotate.items', { queueId, annotator: 'ayse', limit: 10 })).items;
    expect(words.filter((w) => w.proposal).length).toBe(words.length);
  });

  it('annotates five words with the keyboard only, then undoes the last with Ctrl+Z', async () => {
    await view().getByTestId('queue-open').click();
    await expect.poll(currentWord).toBe(words[0].word);
    const expected: string[][] = [];

    // 1: accept the proposal as it is, gold.
    await key('Enter');
    expected.push(proposalOnWord(words[0]));
    await key('g');
    await expect.poll(currentWord).toBe(words[1].word);

    // 2: reject the proposal, one boundary after two letters, gold.
    await key('r');
    await key('ArrowRight');
    await key('Space');
    expected.push(cutWord(words[1].word, [2]));
    await key('g');
    await expect.poll(currentWord).toBe(words[2].word);

    // 3: accept, gold.
    await key('Enter');
    expected.push(proposalOnWord(words[2]));
    await key('g');
    await expect.poll(currentWord).toBe(words[3].word);

    // 4: boundaries after one and three letters, the first segment labelled root (key 1), gold.
    await key('r');
    await key('Home');
    await key('Space');
    await key('ArrowRight');
    await key('ArrowRight');
    await key('Space');
    await key('ArrowLeft');
    await key('ArrowLeft');
    await key('1');
    expected.push(cutWord(words[3].word, [1, 3]));
    await key('g');
    await expect.poll(currentWord).toBe(words[4].word);

    // 5: accept, then gold.
    await key('Enter');
    expected.push(proposalOnWord(words[4]));
    await expect.poll(() => editor().getByTestId('save-state').textContent()).toBe('Saved');
    await key('g');
    await expect.poll(currentWord).toBe(words[5].word);
    await expect.poll(() => editor().getByTestId('save-state').textContent()).toBe('Saved');

    const saved = await mine('ayse');
    for (let i = 0; i < 5; i++) {
      const m = saved.get(words[i].itemId)!.mine;
      expect(m, words[i].word).toMatchObject({ status: 'gold', segments: expected[i] });
    }
    expect(saved.get(words[3].itemId)!.mine!.labels[0]).toBe('root');
    await expect.poll(() => view().locator('[data-testid="item"][data-status="gold"]').count()).toBe(5);

    // Ctrl+Z takes back the last save (gold on word 5): it is a draft again, and the editor shows it.
    await key('Control+z');
    await expect.poll(currentWord).toBe(words[4].word);
    await expect.poll(async () => (await mine('ayse')).get(words[4].itemId)!.mine?.status).toBe('draft');
    expect((await mine('ayse')).get(words[4].itemId)!.mine!.segments).toEqual(expected[4]);
    await expect.poll(() => editor().getByTestId('item-status').textContent()).toBe('Draft');
    const [q] = await api('annotate.queues', {});
    expect(q.progress.gold).toBe(4);
  });

  it('exports the queue’s gold as TSV and imports it back as an equal gold set', async () => {
    await view().getByTestId('annotate-tab-transfer').click();
    await view().getByTestId('export-format').selectOption('tsv');
    const [download] = await Promise.all([page.waitForEvent('download'), view().getByTestId('export-gold').click()]);
    const file = join(tmp, download.suggestedFilename());
    await download.saveAs(file);
    await expect.poll(() => view().getByTestId('export-note').textContent()).toContain('4 words');
    expect(readFileSync(file, 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(4);

    await view().getByTestId('annotate-gold-path').fill(file);
    await view().getByTestId('annotate-gold-format').selectOption('tsv');
    await view().getByTestId('annotate-gold-name').fill('re-imported');
    await view().getByTestId('annotate-gold-import-submit').click();
    await expect.poll(() => view().getByTestId('annotate-gold-imported').textContent()).toContain('4 words');

    const [q] = await api('annotate.queues', {});
    const sets = await api('gold.list', {});
    const back = sets.find((s) => s.name === 're-imported')!;
    const norm = (r: Result<'gold.entries'>) => r.items.map((e) => ({ word: e.word, alternatives: e.alternatives })).sort((a, b) => a.word.localeCompare(b.word));
    const fromQueue = norm(await api('gold.entries', { id: q.goldSetId, limit: 5000 }));
    expect(fromQueue).toHaveLength(4);
    expect(norm(await api('gold.entries', { id: back.id, limit: 5000 }))).toEqual(fromQueue);
  });

  it('a second annotator segments the same words differently; Agreement shows kappa', async () => {
    await setAnnotator('mehmet');
    await view().getByTestId('annotate-tab-annotate').click();
    await expect.poll(currentWord).toBe(words[0].word);
    // The proposal for the first three words (ayse cut the second by hand), one cut after three letters in the fourth.
    const expected: string[][] = [];
    for (let i = 0; i < 3; i++) {
      await key('Enter');
      expected.push(proposalOnWord(words[i]));
      await key('g');
      await expect.poll(currentWord).toBe(words[i + 1].word);
    }
    await key('r');
    await key('Home');
    await key('ArrowRight');
    await key('ArrowRight');
    await key('Space');
    expected.push(cutWord(words[3].word, [3]));
    await key('g');
    await expect.poll(currentWord).toBe(words[4].word);
    await expect.poll(() => editor().getByTestId('save-state').textContent()).toBe('Saved');
    const theirs = await mine('mehmet');
    for (let i = 0; i < 4; i++) expect(theirs.get(words[i].itemId)!.mine).toMatchObject({ status: 'gold', segments: expected[i] });

    await view().getByTestId('annotate-tab-agreement').click();
    const agreement = await api('annotate.agreement', { queueId });
    expect(agreement.annotators.sort()).toEqual(['ayse', 'mehmet']);
    const pair = agreement.pairs[0];
    expect(pair.items).toBeGreaterThanOrEqual(4);
    await expect.poll(() => view().getByTestId('agreement-row').count()).toBe(1);
    expect(await view().getByTestId('agreement-kappa').textContent()).toBe(pair.kappa.toFixed(3));
    expect(pair.kappa).toBeGreaterThan(0); // they agree on some boundaries, not all
    expect(pair.kappa).toBeLessThan(1);
    expect(await view().getByTestId('agreement-disagreements').textContent()).toBe(String(pair.disagreements));
    expect(pair.disagreements).toBeGreaterThan(0);
    await shot('annotate-agreement');

    // The words they disagree on wait under Adjudication.
    await view().getByTestId('annotate-tab-adjudication').click();
    await expect.poll(() => view().getByTestId('dispute').count()).toBeGreaterThan(0);
  });

  it('adds a root the dictionary lacks, from a labelled segment', async () => {
    await view().getByTestId('annotate-tab-annotate').click();
    const target = words[5];
    // The first prefix of the word that is no root of the dictionary (checked through the API).
    let k = 0;
    for (let len = 2; len < Array.from(target.word).length; len++) {
      const surface = Array.from(target.word).slice(0, len).join('').toLocaleLowerCase('tr');
      const r = await api('dict.roots', { id: dictId, query: surface, limit: 50 });
      if (!r.items.some((x) => x.surface === surface || x.alternants.some((a) => a.surface === surface))) {
        k = len;
        break;
      }
    }
    expect(k).toBeGreaterThan(0);
    const surface = Array.from(target.word).slice(0, k).join('').toLocaleLowerCase('tr');

    await view().getByTestId('item').nth(5).click();
    await expect.poll(currentWord).toBe(target.word);
    await key('r');
    await key('Home');
    for (let i = 1; i < k; i++) await key('ArrowRight');
    await key('Space');
    await key('1');
    await expect.poll(() => editor().getByTestId('segment-label').first().inputValue()).toBe('root');
    const add = view().getByTestId('add-root');
    await add.waitFor();
    expect(await add.textContent()).toContain(surface);
    await shot('annotate'); // a cut word, its root label, and the offer to add the root
    await add.click();
    await view().getByTestId('add-root-pos').fill('noun');
    await view().getByTestId('add-root-confirm').click();
    await expect.poll(() => view().getByTestId('dict-offer-done').textContent()).toContain(surface);
    const found = await api('dict.roots', { id: dictId, query: surface, limit: 50 });
    expect(found.items.some((r) => r.surface === surface && r.pos === 'noun')).toBe(true);
    await expect.poll(() => view().getByTestId('add-root').count()).toBe(0);
  });

  it('a queue of 5,000 words: the list draws only the rows in view, End reaches the last word, which is annotated', { timeout: 90_000 }, async () => {
    // Distinct made-up words, three syllables each (a word list queue needs no corpus or tokenizer).
    const C = 'bcçdfghjklmnprsştvyz';
    const V = 'aeıioöuü';
    const syllable = (k: number) => C[k % C.length] + V[Math.floor(k / C.length) % V.length];
    const S = C.length * V.length;
    const N = 5000;
    const listed = Array.from({ length: N }, (_, i) => {
      const k = (i * 7919) % (S * S * S); // scattered, still one word per i
      return syllable(k % S) + syllable(Math.floor(k / S) % S) + syllable(Math.floor(k / (S * S)));
    });
    expect(new Set(listed).size).toBe(N);
    const file = join(tmp, 'big-list.txt');
    writeFileSync(file, listed.map((w, i) => `${w}\t${N - i}`).join('\n') + '\n');
    const big = await api('annotate.createQueue', { name: 'big list', language: 'tr', source: 'wordlist', wordlistPath: file, size: N, minLength: 3 });
    expect(big.items).toBe(N);

    // The view looks for new queues when it is shown again.
    await key('Control+1');
    await key('Control+6');
    await view().getByTestId('annotate-tab-annotate').click();
    await expect.poll(() => view().getByTestId('annotate-queue').locator('option').count()).toBe(2);
    await view().getByTestId('annotate-queue').selectOption({ label: 'big list' });
    await expect.poll(() => view().getByTestId('items-total').textContent()).toBe('5,000');
    await expect.poll(currentWord).toBe(listed[0]);
    const rows = () => view().getByTestId('item');
    const row = (i: number) => view().locator(`[data-testid="item"][aria-posinset="${i + 1}"]`);
    expect(await rows().count()).toBeLessThan(100);

    // Scrolled to the middle by hand: those rows are fetched and drawn, the ones above are gone.
    await view().getByTestId('items').evaluate((el) => (el.scrollTop = 2500 * 26));
    await expect.poll(() => row(2500).textContent()).toContain(listed[2500]);
    expect(await row(0).count()).toBe(0);

    // The list's own keys: End goes to the last word, which opens in the editor.
    await view().getByTestId('items').focus();
    await key('End');
    await expect.poll(currentWord).toBe(listed[N - 1]);
    await expect.poll(() => row(N - 1).getAttribute('aria-current')).toBe('true');
    expect(await row(N - 1).getAttribute('data-status')).toBe('unseen');
    const drawn = await rows().count();
    expect(drawn).toBeGreaterThan(10);
    expect(drawn).toBeLessThan(100);
    await key('Home');
    await expect.poll(currentWord).toBe(listed[0]);
    await key('End');
    await expect.poll(currentWord).toBe(listed[N - 1]);

    // Enter gives the keys to the word: one boundary after two letters, gold; the row's glyph changes in place.
    await key('Enter');
    await key('ArrowRight');
    await key('Space');
    await key('g');
    await expect.poll(() => view().getByTestId('annotate-flash').textContent()).toBe('That was the last word of the queue.');
    await expect.poll(() => row(N - 1).getAttribute('data-status')).toBe('gold');
    const [last] = (await api('annotate.items', { queueId: big.id, annotator: 'mehmet', offset: N - 1, limit: 1 })).items;
    expect(last.word).toBe(listed[N - 1]);
    expect(last.mine).toMatchObject({ status: 'gold', segments: cutWord(listed[N - 1], [2]) });
    expect(await rows().count()).toBeLessThan(100);
    await shot('annotate-big-queue');

    // A page that fails to load says so, and is asked for again on the next scroll.
    await page.route('**/api/call/annotate.items', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'internal', message: 'disk I/O error' } }) }),
    );
    await view().getByTestId('items').evaluate((el) => (el.scrollTop = 1200 * 26));
    await expect.poll(() => view().getByTestId('items-error').textContent()).toContain('disk I/O error');
    expect(await row(1200).getAttribute('data-status')).toBeNull(); // drawn as loading
    await page.unroute('**/api/call/annotate.items');
    await view().getByTestId('items').evaluate((el) => (el.scrollTop += 3 * 26));
    await expect.poll(() => row(1200).textContent()).toContain(listed[1200]);
    expect(await view().getByTestId('items-error').count()).toBe(0);

    // The status filter starts the list over: only the gold word, then all of them again from the top.
    await view().getByTestId('items-filter').selectOption('gold');
    await expect.poll(() => view().getByTestId('items-total').textContent()).toBe('1');
    await expect.poll(currentWord).toBe(listed[N - 1]);
    expect(await rows().count()).toBe(1);
    await view().getByTestId('items-filter').selectOption('');
    await expect.poll(() => view().getByTestId('items-total').textContent()).toBe('5,000');
    await expect.poll(currentWord).toBe(listed[0]);
    expect(await row(0).getAttribute('aria-current')).toBe('true');
  });

  it('raised no page errors or console errors (CSP included)', () => {
    expect(problems).toEqual([]);
  });
});
