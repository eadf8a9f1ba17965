// The dictionary editing methods driven through the real dispatcher, with every result checked against the
// contract's zod shapes. Jobs run on dist/worker.mjs (npm run build).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DispatchHarness, dispatchHarness } from '../../testing/dispatch';
import type { DictionaryDetail, EditResult, ImportPreview, Job } from '../contract';

const FIX = join(import.meta.dirname, '../../../fixtures');

let tmp: DispatchHarness['tmp'];
let core: DispatchHarness['core'];
let call: DispatchHarness['call'];
let fail: DispatchHarness['fail'];
let dictId: number;

beforeAll(async () => {
  ({ tmp, core, call, fail } = dispatchHarness('tokstudio-dicthandlers-'));
  const { jobId } = await call('dict.import', { path: join(FIX, 'dict/small.json') });
  const job = await core.runner.wait(jobId);
  expect(job.status).toBe('done');
  dictId = job.resultId!;
});

afterAll(async () => {
  await core.close();
  tmp.cleanup();
});

const waitJob = async (jobId: number): Promise<Job> => {
  const job = await core.runner.wait(jobId);
  if (job.status !== 'done') throw new Error(`job ${jobId} ${job.status}: ${job.error}`);
  return job;
};

describe('dict.* through the dispatcher', () => {
  it('gets the detail, pages roots and groups', async () => {
    const d: DictionaryDetail = await call('dict.get', { id: dictId });
    expect(d).toMatchObject({ id: dictId, name: 'small test dictionary', roots: 3, revision: 0, problems: [] });
    expect(d.undo).toEqual({ canUndo: false, canRedo: false, undoLabel: null, redoLabel: null });
    const roots = await call('dict.roots', { id: dictId, query: 'KİT' });
    expect(roots.total).toBe(1);
    expect(roots.items[0]).toMatchObject({ surface: 'kitap', pos: 'noun', gloss: 'book', alternants: [{ surface: 'kitab', when: { next: 'vowel' } }] });
    expect((await call('dict.groups', { id: dictId, query: 'case' })).items.map((g) => g.name)).toEqual(['ACC', 'LOC']);
    expect(await fail('dict.get', { id: 999 })).toEqual({ code: 'not-found', message: 'dictionary 999 not found' });
  });

  it('edits, refuses a bad edit with a readable bad-input error, undoes and redoes; try-a-word follows', async () => {
    const tryIt = async () => (await call('dict.tryWord', { id: dictId, word: 'Kalemler', n: 2 })).analyses[0];
    expect((await tryIt()).full).toBe(false);

    const added: EditResult = await call('dict.edit', { id: dictId, edit: { op: 'root.add', surface: 'kalem', pos: 'noun', gloss: 'pen' } });
    expect(added).toMatchObject({ revision: 1, warnings: [], undo: { canUndo: true, undoLabel: 'add root "kalem"' } });
    expect(await tryIt()).toMatchObject({ full: true, rank: 0, reason: '', morphs: [{ kind: 'root', surface: 'kalem' }, { kind: 'suffix', group: 'PLU' }] });

    expect(await fail('dict.edit', { id: dictId, edit: { op: 'root.add', surface: 'kalem', pos: 'noun' } })).toEqual({
      code: 'bad-input',
      message: `surface: root "kalem" (noun) already exists (row ${added.rowId})`,
    });
    expect((await fail('dict.edit', { id: dictId, edit: { op: 'root.wat' } })).code).toBe('invalid-args');

    const undone = await call('dict.undo', { id: dictId });
    expect(undone).toMatchObject({ revision: 2, undo: { canUndo: false, canRedo: true, redoLabel: 'add root "kalem"' } });
    expect((await tryIt()).full).toBe(false);
    expect(await fail('dict.undo', { id: dictId })).toEqual({ code: 'bad-input', message: 'nothing to undo' });
    expect(await call('dict.redo', { id: dictId })).toMatchObject({ revision: 3, rowId: added.rowId });
    expect((await tryIt()).full).toBe(true);
    expect((await call('dict.get', { id: dictId })).revision).toBe(3);
  });

  it('previews an import into the dictionary, then merges it (roots only) as one undoable job', async () => {
    const path = join(FIX, 'dict/edit/more.tsv');
    const preview: ImportPreview = await call('dict.previewImport', { path, into: dictId, rootsOnly: true });
    expect(preview.roots).toEqual({ added: 2, changed: 2, unchanged: 2 }); // kalem is already there
    expect(preview.groups).toEqual({ added: 0, changed: 0, unchanged: 0 });
    expect(preview.rejectedTotal).toBe(1);

    const before = await call('dict.get', { id: dictId });
    const { jobId } = await call('dict.import', { path, into: dictId, rootsOnly: true });
    expect((await waitJob(jobId)).resultId).toBe(dictId);
    const after = await call('dict.get', { id: dictId });
    expect(after.roots).toBe(before.roots + 2);
    expect(after.groups).toBe(before.groups);
    expect(after.undo.undoLabel).toBe('import more.tsv (2 roots added, 2 changed)');
    expect(after.classes).toContainEqual({ name: 'stem', reachable: false });

    await call('dict.undo', { id: dictId });
    const back = await call('dict.get', { id: dictId });
    expect({ ...back, revision: 0, updatedAt: '', undo: null }).toEqual({ ...before, revision: 0, updatedAt: '', undo: null });
    expect(await fail('dict.import', { path, into: 4242 })).toEqual({ code: 'not-found', message: 'dictionary 4242 not found' });
  });

  it('gives Hunspell stems without a pos the rootPos on a merge: the preview warns without it, the job says what it did', async () => {
    const path = join(FIX, 'dict/mini.aff');
    const before = await call('dict.get', { id: dictId });
    // noun: "^" reaches it and edges leave it; verb: no edge leaves it in small.json.
    expect(before.usableRootPos).toEqual([{ name: 'noun', roots: before.roots - 1 }]);

    const plain: ImportPreview = await call('dict.previewImport', { path, into: dictId, rootsOnly: true });
    expect(plain.rootsWithoutPos).toEqual({ count: 4, pos: 'stem' });
    expect(plain.warnings.some((w) => /^2 imported roots have pos "stem", .*can take no suffix.*e\.g\. noun$/.test(w))).toBe(true);
    const noun: ImportPreview = await call('dict.previewImport', { path, into: dictId, rootsOnly: true, rootPos: 'noun' });
    expect(noun.rootsWithoutPos).toEqual({ count: 4, pos: 'noun' });
    expect(noun.warnings.filter((w) => w.includes('imported root'))).toEqual([]);
    expect(noun.roots).toEqual({ added: 3, changed: 0, unchanged: 3 }); // kitap, ev (by surface) and kalem are there

    for (const method of ['dict.previewImport', 'dict.import'] as const) {
      expect(await fail(method, { path, into: dictId, rootPos: '' })).toEqual({
        code: 'bad-input',
        message: "rootPos is empty: give the part of speech for imported roots that have none (e.g. noun), or leave the option out to keep the file's",
      });
      expect(await fail(method, { path, into: dictId, rootPos: 'noun phrase' })).toMatchObject({ code: 'bad-input', message: expect.stringMatching(/^rootPos "noun phrase"/) });
    }

    const { jobId } = await call('dict.import', { path, into: dictId, rootsOnly: true, rootPos: 'noun' });
    const job = await waitJob(jobId);
    expect(job.message).toBe('import mini.aff (3 roots added, 0 changed); 2 rows left out');
    const after = await call('dict.get', { id: dictId });
    expect(after.roots).toBe(before.roots + 3);
    expect(after.usableRootPos).toEqual([{ name: 'noun', roots: before.roots - 1 + 3 }]);
    expect((await call('dict.roots', { id: dictId, query: 'ankara' })).items.map((r) => r.pos)).toEqual(['noun']);
    expect((await call('dict.tryWord', { id: dictId, word: 'ankarada', n: 1 })).analyses[0]).toMatchObject({ full: true, morphs: [{ kind: 'root', surface: 'ankara' }, { kind: 'suffix', group: 'LOC' }] });

    await call('dict.undo', { id: dictId });
    expect((await call('dict.get', { id: dictId })).roots).toBe(before.roots);
  });

  it('skipAnalysed leaves out the words the target already analyses, in the preview and the job; it needs into', async () => {
    const { jobId: made } = await call('dict.import', { path: join(FIX, 'dict/small.json'), name: 'skip-analysed target' });
    const id = (await waitJob(made)).resultId!;
    const path = tmp.path('lexicon.tsv');
    writeFileSync(path, 'surface\nevler\nkitabı\nnaev\nkalem\nkitab\nevlerim\nev\n');
    const plain: ImportPreview = await call('dict.previewImport', { path, into: id, rootsOnly: true, rootPos: 'noun' });
    expect(plain.analysed).toBeNull();
    expect(plain.roots.added).toBe(6);
    const skip: ImportPreview = await call('dict.previewImport', { path, into: id, rootsOnly: true, rootPos: 'noun', skipAnalysed: true });
    expect(skip.roots).toEqual({ added: 3, changed: 0, unchanged: 1 });
    expect(skip.analysed).toEqual({ count: 3, examples: ['ev+ler', 'kitab+ı', 'na+ev'] });

    for (const method of ['dict.previewImport', 'dict.import'] as const) {
      expect(await fail(method, { path, skipAnalysed: true })).toEqual({
        code: 'bad-input',
        message: 'skipAnalysed needs into: it leaves out the words the dictionary merged into already analyses, and a new dictionary has nothing to compare with',
      });
    }

    const { jobId } = await call('dict.import', { path, into: id, rootsOnly: true, rootPos: 'noun', skipAnalysed: true });
    expect((await waitJob(jobId)).message).toBe(
      'import lexicon.tsv (3 roots added, 0 changed); 3 entries left out: the dictionary already analyses them (e.g. ev+ler, kitab+ı, na+ev)',
    );
    expect((await call('dict.get', { id })).roots).toBe(3 + 3);
    expect((await call('dict.roots', { id, query: 'evler' })).items.map((r) => r.surface)).toEqual(['evlerim']);
    await call('dict.remove', { id });
  });

  it("ranks try-a-word with a hybrid version's morpheme probabilities", async () => {
    const { jobId: corpusJob } = await call('corpus.import', { path: join(FIX, 'corpus/tr-small.txt'), language: 'tr' });
    const corpusId = (await waitJob(corpusJob)).resultId!;
    const { jobId } = await call('train.start', {
      kind: 'hybrid',
      name: 'h',
      corpusIds: [corpusId],
      dictionaryId: dictId,
      config: { vocabSize: 600, minFrequency: 1 },
    });
    const versionId = (await waitJob(jobId)).resultId!;
    const version = core.workspace.getTokenizerVersion(versionId);
    if (version.kind !== 'hybrid') throw new Error('expected a hybrid version');
    const { logProbs } = version.model;
    const withProbs = await call('dict.tryWord', { id: dictId, word: 'kitabı', n: 3, tokenizerId: versionId });
    const uniform = await call('dict.tryWord', { id: dictId, word: 'kitabı', n: 3 });
    // Roots score their unigram; an affix its class-bigram entry after the state before it (the root's pos or the
    // previous affix's class), else its unigram.
    const dict = core.workspace.dictionaries.load(dictId);
    const posOf = (root: string) => dict.roots.find((r) => r.surface === root)!.pos;
    const classOf = (group: string) => dict.groups.find((g) => g.name === group)!.class;
    const score = (a: (typeof withProbs.analyses)[number]) => {
      let state = '^';
      let total = 0;
      for (const m of a.morphs) {
        if (m.kind === 'root') {
          total += logProbs.roots[m.root!] ?? logProbs.unseen;
          state = posOf(m.root!);
        } else if (m.group) {
          total += logProbs.transitions?.[state]?.[m.group] ?? logProbs.groups[m.group] ?? logProbs.unseen;
          state = classOf(m.group);
        }
      }
      return total;
    };
    // Full analyses score exactly the sum of the version's log probabilities (no residue, no rule penalty here).
    const full = withProbs.analyses.filter((a) => a.full && a.morphs.every((m) => m.kind !== 'residue'));
    expect(full.length).toBeGreaterThan(0);
    const unruled = full.filter((x) => x.morphs.every((m) => m.group !== 'LOC' && m.group !== 'PLU'));
    expect(unruled.length).toBeGreaterThan(0);
    for (const a of unruled) expect(a.score.logProb).toBeCloseTo(score(a), 6);
    expect(withProbs.analyses[0].score.logProb).not.toBeCloseTo(uniform.analyses[0].score.logProb, 3);
  }, 60_000);
});
