// Gold and parallel sets and evaluation runs through the real dispatcher, every result checked against the
// contract. The evaluation job runs on dist/worker.mjs (npm run build).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { type DispatchHarness, dispatchHarness } from '../../testing/dispatch';
import type { EvalResult } from '../contract';

const root = join(import.meta.dirname, '../../..');
let tmp: DispatchHarness['tmp'];
let core: DispatchHarness['core'];
let call: DispatchHarness['call'];
let fail: DispatchHarness['fail'];
let done: DispatchHarness['done'];
let corpusId: number, dictId: number, bpeId: number, hybridId: number, goldId: number, parId: number;

beforeAll(async () => {
  ({ tmp, core, call, fail, done } = dispatchHarness('tokstudio-evalhandlers-'));
  corpusId = await done((await call('corpus.import', { path: join(root, 'samples/tr/sample.txt'), language: 'tr' })).jobId);
  dictId = await done((await call('dict.import', { path: join(root, 'samples/tr/dictionary.json') })).jobId);
  bpeId = await done((await call('train.start', { kind: 'bpe', name: 'bpe', corpusIds: [corpusId], config: { vocabSize: 1500 } })).jobId);
  hybridId = await done((await call('train.start', { kind: 'hybrid', name: 'hybrid', corpusIds: [corpusId], dictionaryId: dictId, config: { vocabSize: 3000 } })).jobId);
});
afterAll(async () => {
  await core.close();
  tmp.cleanup();
});

describe('gold and parallel sets', () => {
  it('imports, lists, pages and refuses duplicates and malformed files', async () => {
    const g = await call('gold.import', { path: join(root, 'samples/tr/gold.tsv'), language: 'tr' });
    goldId = g.id;
    expect(g).toMatchObject({ name: 'gold.tsv', format: 'tsv', source: 'file', language: 'tr', entries: 395, withAlternatives: 0 });
    expect((await call('gold.entries', { id: g.id, offset: 0, limit: 2 })).items[0]).toMatchObject({ position: 0, alternatives: [expect.any(Array)] });
    expect(await fail('gold.import', { path: join(root, 'samples/tr/gold.tsv') })).toMatchObject({ code: 'conflict', message: expect.stringContaining(`as gold set #${g.id}`) });
    writeFileSync(tmp.path('bad.tsv'), 'evler\tev ler\nkitaplar\tkitap lar, kitapla r\nev\tev lar\n');
    expect(await fail('gold.import', { path: tmp.path('bad.tsv'), format: 'morpho' })).toEqual({ code: 'bad-input', message: 'bad.tsv:3: segments "ev lar" do not spell the word "ev"' });
    expect(await call('gold.list', {})).toHaveLength(1);

    const p = await call('parallel.import', { path: join(root, 'fixtures/eval/parallel.jsonl') });
    parId = p.id;
    expect(p).toMatchObject({ format: 'jsonl', languages: ['en', 'tr', 'de'], rows: 3 });
    expect(await call('parallel.list', {})).toEqual([p]);
  });
});

describe('an evaluation run', () => {
  let result: EvalResult;
  const start = () =>
    call('eval.start', {
      sources: [{ kind: 'version', id: bpeId }, { kind: 'version', id: hybridId }, { kind: 'openai', name: 'o200k_base' }],
      corpusId,
      sampleLines: 300,
      goldSetIds: [goldId],
      parallelSetIds: [parId],
      dictionaryId: dictId,
      curveVersionId: bpeId,
    });

  it('measures BPE, hybrid and o200k_base and stores the run with its inputs', async () => {
    const evalId = await done((await start()).jobId);
    result = await call('eval.get', { id: evalId });
    expect(result.config).toEqual({ sampleLines: 300, seed: 1, renyiAlpha: 2.5, pivot: null, curveSizes: [512, 1024, 1500] });
    expect(result.inputs.corpus).toMatchObject({ id: corpusId, sampledLines: 300 });
    expect(result.inputs.corpus!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.inputs.goldSets[0]).toMatchObject({ id: goldId, entries: 395 });
    expect(result.inputs.dictionary!.stamp).toMatch(new RegExp(`^${dictId}:`));
    const [bpe, hybrid, openai] = result.tokenizers;
    expect(result.tokenizers.map((t) => [t.label, t.kind, t.error])).toEqual([['#1 bpe', 'bpe', null], ['#2 hybrid', 'hybrid', null], ['OpenAI o200k_base', 'openai', null]]);
    expect(openai.vocabSize).toBeGreaterThan(199_000);
    // Our tokenizers are lossless; the hybrid follows the morphology better than a BPE of the same corpus.
    expect(bpe.roundTrip!.rate).toBe(1);
    expect(hybrid.roundTrip!.rate).toBe(1);
    expect(hybrid.boundaries[0].micro.f1).toBeGreaterThan(bpe.boundaries[0].micro.f1);
    expect(hybrid.alignment!.tokens.purePct).toBeGreaterThan(bpe.alignment!.tokens.purePct);
    for (const t of result.tokenizers) {
      const c = t.compression!;
      expect(c.tokensPerWord).toBeCloseTo(c.tokens / c.words, 12);
      expect(c.bytesPerToken).toBeGreaterThanOrEqual(c.charsPerToken); // Turkish letters take 1-2 bytes
      expect(t.renyi!.efficiency).toBeGreaterThan(0);
      expect(t.renyi!.efficiency).toBeLessThan(1);
      expect(t.renyi!.utilisation).toBeCloseTo(t.renyi!.typesUsed / t.vocabSize!, 12);
      expect(t.premium[0]).toMatchObject({ pivot: 'en', parallelSetId: parId });
      expect(t.premium[0].languages.find((l) => l.language === 'en')).toMatchObject({ premium: 1, rows: 2, skipped: 1 });
    }
    // The curve: fewer tokens per word as the vocabulary grows, and its last point is the version itself.
    const pts = result.curve!.points;
    expect(pts.map((p) => p.vocabSize)).toEqual([512, 1024, 1500]);
    expect(pts[0].tokensPerWord).toBeGreaterThan(pts[2].tokensPerWord);
    expect(pts[2].tokensPerWord).toBeCloseTo(bpe.compression!.tokensPerWord, 12);
    expect(await call('eval.list', {})).toEqual([expect.objectContaining({ id: evalId, tokenizers: ['#1 bpe', '#2 hybrid', 'OpenAI o200k_base'], goldSets: 1, parallelSets: 1 })]);
  });

  let againId: number;
  it('sees the same sample on a rerun (seeded), so everything but the throughput repeats', async () => {
    const again = await call('eval.get', { id: (againId = await done((await start()).jobId)) });
    const strip = (r: EvalResult) => r.tokenizers.map((t) => ({ ...t, throughputMBs: null }));
    expect(strip(again)).toEqual(strip(result));
  });

  it('compares two stored runs (eval.compare), as data and as a file, and refuses a run against itself', async () => {
    const { comparison: c, export: none } = await call('eval.compare', { a: result.id, b: againId });
    expect(none).toBeNull();
    expect(c.notices).toEqual([]); // same inputs, same tokenizers
    expect(c.tokenizers.map((t) => [t.label, t.matchedBy])).toEqual([['#1 bpe', 'source'], ['#2 hybrid', 'source'], ['OpenAI o200k_base', 'source']]);
    const groups = new Set(c.measures.map((m) => m.group));
    expect(groups).toEqual(new Set(['sample', 'dictionary', 'gold', 'parallel']));
    // The same seeded sample: every figure repeats except the machine's speed.
    for (const t of c.tokenizers) {
      t.cells.forEach((cell, i) => {
        if (c.measures[i].metric !== 'throughput_mb_s') expect(cell, c.measures[i].key).toMatchObject({ delta: 0, change: 'same', note: null });
      });
    }
    const md = (await call('eval.compare', { a: againId, b: result.id, format: 'md' })).export!;
    expect(md.fileName).toBe(`comparison-${againId}-vs-${result.id}.md`);
    expect(md.content).toContain(`# Evaluation #${againId} (A) against #${result.id} (B)`);
    expect(md.content).toContain('| Boundary F1 · gold.tsv ↑ |');
    expect(await fail('eval.compare', { a: result.id, b: result.id })).toEqual({ code: 'bad-input', message: `evaluation #${result.id} cannot be compared with itself: pick two different runs` });
    expect(await fail('eval.compare', { a: result.id, b: 999 })).toEqual({ code: 'not-found', message: 'evaluation 999 not found' });
    expect((await fail('eval.compare', { a: result.id })).code).toBe('invalid-args');
  });

  it('exports CSV (long form), Markdown and JSON', async () => {
    const csv = await call('eval.export', { id: result.id, format: 'csv' });
    expect(csv.fileName).toMatch(/^evaluation-1-.*\.csv$/);
    const lines = csv.content.trim().split('\n');
    expect(lines[0]).toBe('evaluation_id,tokenizer,kind,vocab_size,metric,set,language,at_vocab_size,value,error');
    expect(lines).toContain(`1,#2 hybrid,hybrid,${result.tokenizers[1].vocabSize},boundary_f1,gold.tsv,,,${result.tokenizers[1].boundaries[0].micro.f1},`);
    const md = await call('eval.export', { id: result.id, format: 'md' });
    expect(md.content).toContain('| Tokenizer | Precision | Recall | F1 |');
    expect(md.content).toContain('Zouhar et al. 2023');
    const json = await call('eval.export', { id: result.id, format: 'json' });
    expect(JSON.parse(json.content)).toEqual(result);
  });

  it('refuses bad arguments before starting a job, and a cancelled run stores nothing', async () => {
    expect(await fail('eval.start', { sources: [{ kind: 'version', id: bpeId }], goldSetIds: [999] })).toEqual({ code: 'not-found', message: 'gold set 999 not found' });
    expect(await fail('eval.start', { sources: [{ kind: 'version', id: bpeId }], corpusId, curveVersionId: hybridId })).toMatchObject({ code: 'bad-input', message: expect.stringContaining('is a hybrid tokenizer') });
    expect(await fail('eval.start', { sources: [{ kind: 'version', id: bpeId }], parallelSetIds: [parId], pivot: 'fr' })).toMatchObject({ code: 'bad-input', message: expect.stringContaining('has no language "fr"') });
    expect((await fail('eval.start', { sources: [{ kind: 'version', id: bpeId }] })).message).toMatch(/nothing to measure/);

    const before = (await call('eval.list', {})).length;
    const { jobId } = await start();
    expect((await call('job.cancel', { id: jobId })).cancelled).toBe(true);
    expect((await core.runner.wait(jobId)).status).toBe('cancelled');
    expect(await call('eval.list', {})).toHaveLength(before);
    expect(await call('eval.remove', { id: result.id })).toEqual({ removed: true });
  });
});
