// A dictionary edit makes hybrid versions trained on it stale; retraining is one call and gives a fresh version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { type DispatchHarness, dispatchHarness } from '../../testing/dispatch';

const root = join(import.meta.dirname, '../../..');
let tmp: DispatchHarness['tmp'];
let core: DispatchHarness['core'];
let call: DispatchHarness['call'];
let done: DispatchHarness['done'];

beforeAll(() => {
  ({ tmp, core, call, done } = dispatchHarness('tokstudio-stale-'));
});
afterAll(async () => {
  await core.close();
  tmp.cleanup();
});

describe('stale versions and retraining', () => {
  it('marks a hybrid version stale after an edit, retrains it fresh, and notices a removed dictionary', async () => {
    const corpusId = await done((await call('corpus.import', { path: join(root, 'samples/tr/sample.txt'), language: 'tr' })).jobId);
    const dictId = await done((await call('dict.import', { path: join(root, 'samples/tr/dictionary.json') })).jobId);
    const bpeId = await done((await call('train.start', { kind: 'bpe', name: 'b', corpusIds: [corpusId], config: { vocabSize: 600 } })).jobId);
    const hyId = await done((await call('train.start', { kind: 'hybrid', name: 'h', corpusIds: [corpusId], dictionaryId: dictId, config: { vocabSize: 3000 } })).jobId);
    const staleOf = async (id: number) => (await call('tokenizer.get', { id })).stale ?? null;
    expect(await staleOf(hyId)).toBeNull();

    await call('dict.edit', { id: dictId, edit: { op: 'root.add', surface: 'defter', pos: 'noun' } });
    expect(await staleOf(hyId)).toMatch(/^dictionary "Turkish starter dictionary" changed since training \(revision 0 → 1\)$/);
    expect(await staleOf(bpeId)).toBeNull(); // BPE versions have no dictionary

    const freshId = await done((await call('train.retrain', { id: hyId })).jobId);
    expect(freshId).not.toBe(hyId);
    expect(await staleOf(freshId)).toBeNull();
    const fresh = await call('tokenizer.get', { id: freshId });
    expect(fresh).toMatchObject({ kind: 'hybrid', name: 'h', corpusIds: [corpusId] });
    expect((await call('tokenizer.analyze', { id: freshId, word: 'defterlerimizden' })).analyses[0].morphs.map((m) => m.surface)).toEqual(['defter', 'ler', 'imiz', 'den']);

    await call('dict.remove', { id: dictId });
    expect(await staleOf(freshId)).toBe('dictionary "Turkish starter dictionary" has been removed');
    const list = await call('tokenizer.list', {});
    expect(list.find((v) => v.id === bpeId)!.stale).toBeNull();
  });
});
