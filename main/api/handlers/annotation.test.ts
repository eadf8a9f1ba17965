// Gold annotation through the real dispatcher, every result checked against the contract: queues drawn from a
// corpus with a BPE and a hybrid version trained here (jobs run on dist/worker.mjs: npm run build), saving with
// undo, agreement, adjudication, export -> gold.import round trips, and an evaluation on the queue's gold set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { type DispatchHarness, dispatchHarness } from '../../testing/dispatch';
import type { QueueSummary } from '../contract';

const root = join(import.meta.dirname, '../../..');
let tmp: DispatchHarness['tmp'];
let core: DispatchHarness['core'];
let call: DispatchHarness['call'];
let fail: DispatchHarness['fail'];
let done: DispatchHarness['done'];
let corpusId: number, bpeId: number, hybridId: number;

beforeAll(async () => {
  ({ tmp, core, call, fail, done } = dispatchHarness('tokstudio-annotate-api-'));
  corpusId = await done((await call('corpus.import', { path: join(root, 'samples/tr/sample.txt'), language: 'tr' })).jobId);
  const dictId = await done((await call('dict.import', { path: join(root, 'samples/tr/dictionary.json') })).jobId);
  bpeId = await done((await call('train.start', { kind: 'bpe', name: 'bpe', corpusIds: [corpusId], config: { vocabSize: 1000 } })).jobId);
  hybridId = await done((await call('train.start', { kind: 'hybrid', name: 'hybrid', corpusIds: [corpusId], dictionaryId: dictId, config: { vocabSize: 3000 } })).jobId);
}, 120_000);
afterAll(async () => {
  await core.close();
  tmp.cleanup();
});

const whyNumber = (why: string) => Number(/([\d.]+)/u.exec(why)![1]);

describe('drawing queues', () => {
  it('by frequency, with the hybrid version proposing labelled morphs', async () => {
    const q = await call('annotate.createQueue', { name: 'freq', source: 'frequency', corpusId, tokenizerIds: [hybridId], size: 30 });
    expect(q).toMatchObject({ name: 'freq', language: 'tr', source: 'frequency', corpusId, tokenizerIds: [hybridId], items: 30, annotators: [] });
    expect(q.progress).toEqual({ unseen: 30, draft: 0, gold: 0, disputed: 0 });
    const { items, total } = await call('annotate.items', { queueId: q.id, annotator: 'ayşe', limit: 1000 });
    expect(total).toBe(30);
    for (let i = 1; i < items.length; i++) expect(items[i - 1].frequency).toBeGreaterThanOrEqual(items[i].frequency);
    for (const it of items) {
      expect(it.word).toBe(it.word.toLocaleLowerCase('tr'));
      expect([...it.word].length).toBeGreaterThanOrEqual(3);
      expect(it.why).toBe(`${it.frequency} occurrences`);
      expect(it.proposal!.join('')).toBe(it.word);
      expect(it.proposalLabels).toHaveLength(it.proposal!.length);
    }
    expect(items.some((it) => it.proposalLabels!.includes('root'))).toBe(true);
  });

  it('by disagreement between the BPE and the hybrid version', async () => {
    const q = await call('annotate.createQueue', { name: 'dis', source: 'disagreement', corpusId, tokenizerIds: [bpeId, hybridId], size: 25 });
    const { items } = await call('annotate.items', { queueId: q.id, annotator: 'ayşe', limit: 1000 });
    expect(items).toHaveLength(25);
    for (const it of items) {
      expect(it.why).toMatch(/^2 distinct segmentations$/u); // two tokenizers: at most two
      expect(it.proposalLabels).toBeNull(); // the BPE proposes: token texts, no labels
      expect(it.proposal!.join('')).toBe(it.word);
    }
    for (let i = 1; i < items.length; i++) expect(items[i - 1].frequency).toBeGreaterThanOrEqual(items[i].frequency);
    expect(await fail('annotate.createQueue', { name: 'x', source: 'disagreement', corpusId, tokenizerIds: [bpeId] })).toMatchObject({ code: 'bad-input', message: expect.stringContaining('at least 2 tokenizer versions') });
  });

  it('by uncertainty of the hybrid version, smallest n-best margin first', async () => {
    const q = await call('annotate.createQueue', { name: 'unc', source: 'uncertainty', corpusId, tokenizerIds: [hybridId], size: 20 });
    const { items } = await call('annotate.items', { queueId: q.id, annotator: 'ayşe', limit: 1000 });
    expect(items.length).toBeGreaterThan(0);
    for (const it of items) expect(it.why).toMatch(/^n-best margin -?\d+\.\d\d$/u);
    for (let i = 1; i < items.length; i++) expect(whyNumber(items[i - 1].why)).toBeLessThanOrEqual(whyNumber(items[i].why) + 0.01);
    expect(await fail('annotate.createQueue', { name: 'x', source: 'uncertainty', corpusId, tokenizerIds: [bpeId] })).toMatchObject({ code: 'bad-input', message: expect.stringContaining('needs a hybrid version') });
    expect(await fail('annotate.createQueue', { name: 'x', source: 'frequency' })).toMatchObject({ code: 'bad-input', message: expect.stringContaining('give corpusId') });
  });
});

describe('annotating a word list', () => {
  let q: QueueSummary;
  it('creates the queue from a file and refuses a bad one with its line', async () => {
    writeFileSync(tmp.path('words.txt'), 'kitaplardan\t7\nevlerimiz\ngeldim\t2\nodalar\nev\n');
    q = await call('annotate.createQueue', { name: 'list', language: 'tr', source: 'wordlist', wordlistPath: tmp.path('words.txt'), tokenizerIds: [hybridId] });
    expect(q).toMatchObject({ source: 'wordlist', corpusId: null, items: 4 });
    writeFileSync(tmp.path('bad.txt'), 'ev\nkitap\tçok\n');
    expect(await fail('annotate.createQueue', { name: 'bad', source: 'wordlist', wordlistPath: tmp.path('bad.txt') })).toEqual({ code: 'bad-input', message: 'bad.txt:2: count "çok" is not a whole number' });
    expect((await call('gold.list', {})).find((g) => g.id === q.goldSetId)).toMatchObject({ source: 'annotation', format: 'annotation', entries: 0, name: 'list' });
  });

  it('saves, undoes, redoes, agrees, adjudicates and exports', async () => {
    const { items } = await call('annotate.items', { queueId: q.id, annotator: 'ayşe' });
    const id = Object.fromEntries(items.map((i) => [i.word, i.itemId]));
    const save = (word: string, annotator: string, segs: string, status = 'gold') => call('annotate.save', { itemId: id[word], annotator, segments: segs.split(' '), status });
    expect(await fail('annotate.save', { itemId: id.geldim, annotator: 'ayşe', segments: ['gel', 'dim', 'x'], status: 'gold' })).toEqual({
      code: 'bad-input',
      message: `item ${id.geldim} ("geldim"): segments "gel dim x" do not spell the word "geldim"`,
    });
    await save('kitaplardan', 'ayşe', 'kitap lar dan');
    await save('kitaplardan', 'mehmet', 'kitap lar dan');
    await save('evlerimiz', 'ayşe', 'ev ler imiz');
    await save('evlerimiz', 'mehmet', 'ev ler i miz');
    await save('geldim', 'ayşe', 'gel di m', 'draft');
    await save('odalar', 'ayşe', 'oda lar');
    expect((await call('annotate.undo', { annotator: 'ayşe' })).item).toMatchObject({ word: 'odalar', mine: null, status: 'unseen' });
    const redo = await call('annotate.redo', { annotator: 'ayşe' });
    expect(redo).toMatchObject({ item: { word: 'odalar', status: 'gold' }, canUndo: true, canRedo: false });
    await save('odalar', 'mehmet', 'oda lar');

    const agree = await call('annotate.agreement', { queueId: q.id });
    // Shared: kitaplardan (10 gaps), evlerimiz (8), odalar (5) = 23 gaps. ayşe cuts {5,8} {2,5} {3}; mehmet the
    // same plus evlerimiz@6: n11 = 5, n01 = 1, n00 = 17; p_o = 22/23, p_a = 5/23, p_b = 6/23.
    const pa = 5 / 23, pb = 6 / 23, po = 22 / 23, pe = pa * pb + (1 - pa) * (1 - pb);
    expect(agree.annotators).toEqual(['ayşe', 'mehmet']);
    expect(agree.pairs[0]).toMatchObject({ a: 'ayşe', b: 'mehmet', items: 3, positions: 23, recall: 1, disagreements: 1 });
    expect(agree.pairs[0].precision).toBeCloseTo(5 / 6, 12);
    expect(agree.pairs[0].kappa).toBeCloseTo((po - pe) / (1 - pe), 12);

    const disputes = await call('annotate.disputes', { queueId: q.id });
    expect(disputes.items.map((i) => i.word)).toEqual(['evlerimiz']);
    expect(disputes.items[0].all).toHaveLength(2);
    const settled = await call('annotate.adjudicate', { itemId: id.evlerimiz, annotator: 'hakem', segments: ['ev', 'ler', 'imiz'], labels: ['root', 'PLU', 'P1PL'] });
    expect(settled).toMatchObject({ status: 'gold', adjudicated: { annotator: 'hakem', labels: ['root', 'PLU', 'P1PL'] } });
    const summary = (await call('annotate.queues', {})).find((x) => x.id === q.id)!;
    expect(summary).toMatchObject({ progress: { unseen: 0, draft: 1, gold: 3, disputed: 0 }, annotators: ['ayşe', 'mehmet'] });

    const gold = await call('gold.entries', { id: q.goldSetId, limit: 100 });
    expect(gold.items.map((e) => [e.word, e.alternatives])).toEqual([
      ['kitaplardan', [['kitap', 'lar', 'dan']]],
      ['evlerimiz', [['ev', 'ler', 'imiz']]],
      ['odalar', [['oda', 'lar']]],
    ]);
    for (const format of ['tsv', 'morpho', 'sigmorphon', 'conllu'] as const) {
      const ex = await call('annotate.export', { queueId: q.id, format });
      expect(ex.entries).toBe(3);
      writeFileSync(tmp.path(ex.fileName), ex.content);
      // Without alternatives a morpho file is byte for byte the tsv one, which auto-detection reads as tsv.
      const imported = await call('gold.import', { path: tmp.path(ex.fileName), language: 'tr', format: format === 'morpho' ? 'morpho' : 'auto' });
      expect(imported.format).toBe(format);
      const back = await call('gold.entries', { id: imported.id, limit: 100 });
      expect(back.items.map((e) => [e.word, e.alternatives])).toEqual(gold.items.map((e) => [e.word, e.alternatives]));
      await call('gold.remove', { id: imported.id });
    }
    const all = await call('annotate.export', { queueId: q.id, format: 'morpho', include: 'all' });
    expect(all.content).toBe('kitaplardan\tkitap lar dan\nevlerimiz\tev ler imiz, ev ler i miz\ngeldim\tgel di m\nodalar\toda lar\n');
  });

  it('feeds an evaluation like any gold set, and goes with its queue', async () => {
    const evalId = await done((await call('eval.start', { sources: [{ kind: 'version', id: hybridId }], goldSetIds: [q.goldSetId] })).jobId);
    const r = await call('eval.get', { id: evalId });
    expect(r.inputs.goldSets[0]).toMatchObject({ id: q.goldSetId, format: 'annotation', entries: 3 });
    expect(r.tokenizers[0].boundaries[0]).toMatchObject({ goldSetId: q.goldSetId, words: 3 });
    expect(await fail('gold.remove', { id: q.goldSetId })).toMatchObject({ code: 'conflict' });
    expect(await call('annotate.removeQueue', { id: q.id })).toEqual({ removed: true });
    expect((await call('gold.list', {})).some((g) => g.id === q.goldSetId)).toBe(false);
    expect(await fail('annotate.items', { queueId: q.id, annotator: 'ayşe' })).toMatchObject({ code: 'not-found' });
  });
});
