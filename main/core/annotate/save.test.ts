import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/tmp';
import { Workspace } from '../store/workspace';
import { adjudicate, redoAnnotation, saveAnnotation, undoAnnotation } from './save';

let tmp: ReturnType<typeof tempDir>;
let ws: Workspace;
let queueId: number, goldSetId: number, evler: number, kitap: number;

const words = ['evler', 'kitap', 'oda'];
beforeEach(() => {
  tmp = tempDir('tokstudio-annotate-');
  ws = Workspace.open(tmp.path('w.tokstudio'));
  const q = ws.annotations.createQueue({
    name: 'q',
    language: 'tr',
    source: 'wordlist',
    corpusId: null,
    tokenizerIds: [],
    params: {},
    items: words.map((word) => ({ word, frequency: 1, why: 'test', proposal: null, proposalLabels: null })),
  });
  queueId = q.id;
  goldSetId = q.goldSetId;
  [evler, kitap] = ws.annotations.items(queueId, 'ayşe', undefined, 0, 10).items.map((i) => i.itemId);
});
afterEach(() => {
  ws.close();
  tmp.cleanup();
});

const save = (itemId: number, annotator: string, segs: string, status: 'draft' | 'gold' | 'disputed' | 'unseen' = 'gold', labels?: (string | null)[]) =>
  saveAnnotation(ws, { itemId, annotator, segments: segs.split(' '), labels, status, note: '' });
const goldEntries = () => ws.gold.entries(goldSetId, 0, 100).items.map((e) => [e.word, e.alternatives]);

describe('saving annotations', () => {
  it('creates the queue with an empty annotation gold set, removed with the queue', () => {
    expect(ws.gold.get(goldSetId)).toMatchObject({ source: 'annotation', format: 'annotation', entries: 0, sourcePath: null, sha256: '0'.repeat(64) });
    expect(() => ws.gold.remove(goldSetId)).toThrow(`gold set ${goldSetId} is fed by annotation queue #${queueId} "q"; remove the queue instead`);
    expect(ws.annotations.removeQueue(queueId)).toBe(true);
    expect(ws.gold.list()).toEqual([]);
    expect(ws.annotations.removeQueue(queueId)).toBe(false);
  });

  it('refuses a segmentation that does not spell the word, or labels that do not fit', () => {
    expect(() => save(evler, 'ayşe', 'ev lar')).toThrow(`item ${evler} ("evler"): segments "ev lar" do not spell the word "evler"`);
    expect(() => save(evler, 'ayşe', 'ev ler', 'gold', ['root'])).toThrow(`item ${evler} ("evler"): 1 labels for 2 segments`);
    expect(() => saveAnnotation(ws, { itemId: evler, annotator: 'a', segments: ['ev', '', 'ler'], status: 'gold', note: '' })).toThrow('an empty segment');
    expect(() => save(999, 'ayşe', 'x')).toThrow('annotation item 999 not found');
    expect(ws.annotations.view(evler, 'ayşe').all).toEqual([]);
  });

  it('keeps the status and the gold set in step', () => {
    const r = save(evler, 'ayşe', 'ev ler', 'gold', ['root', 'PLU']);
    expect(r).toMatchObject({ status: 'gold', mine: { annotator: 'ayşe', segments: ['ev', 'ler'], labels: ['root', 'PLU'], status: 'gold' } });
    expect(goldEntries()).toEqual([['evler', [['ev', 'ler']]]]);
    const sha1 = ws.gold.get(goldSetId).sha256;
    expect(sha1).toMatch(/^[0-9a-f]{64}$/);
    expect(save(evler, 'mehmet', 'evler').status).toBe('disputed');
    expect(goldEntries()).toEqual([]);
    expect(ws.gold.get(goldSetId)).toMatchObject({ entries: 0, sha256: '0'.repeat(64) });
    expect(ws.annotations.disputes(queueId, 0, 10).items.map((i) => i.word)).toEqual(['evler']);
    const settled = adjudicate(ws, { itemId: evler, annotator: 'hakem', segments: ['ev', 'ler'], note: 'plural' });
    expect(settled).toMatchObject({ status: 'gold', adjudicated: { annotator: 'hakem', segments: ['ev', 'ler'], status: 'gold', note: 'plural' } });
    expect(ws.gold.get(goldSetId)).toMatchObject({ entries: 1, sha256: sha1 }); // same content, same hash
    save(kitap, 'ayşe', 'kitap', 'draft');
    expect(ws.annotations.getQueue(queueId)).toMatchObject({ items: 3, progress: { unseen: 1, draft: 1, gold: 1, disputed: 0 }, annotators: ['ayşe', 'mehmet'] });
    expect(ws.annotations.items(queueId, 'ayşe', 'draft', 0, 10).items.map((i) => i.word)).toEqual(['kitap']);
  });

  it('undoes and redoes per annotator, across a reopen, and a new save ends the redo chain', () => {
    save(evler, 'ayşe', 'ev ler', 'draft');
    save(evler, 'ayşe', 'ev ler', 'gold');
    save(kitap, 'mehmet', 'kitap');
    save(kitap, 'ayşe', 'kit ap');
    ws.close();
    ws = Workspace.open(tmp.path('w.tokstudio'));
    let u = undoAnnotation(ws, 'ayşe'); // kitap: back to no annotation of ayşe
    expect(u).toMatchObject({ canUndo: true, canRedo: true, item: { word: 'kitap', mine: null, status: 'gold' } });
    expect(goldEntries()).toEqual([['evler', [['ev', 'ler']]], ['kitap', [['kitap']]]]);
    u = undoAnnotation(ws, 'ayşe'); // evler: back to the draft
    expect(u.item).toMatchObject({ word: 'evler', status: 'draft', mine: { status: 'draft' } });
    expect(goldEntries()).toEqual([['kitap', [['kitap']]]]);
    ws.close();
    ws = Workspace.open(tmp.path('w.tokstudio'));
    u = redoAnnotation(ws, 'ayşe');
    expect(u.item).toMatchObject({ word: 'evler', status: 'gold' });
    expect(u).toMatchObject({ canUndo: true, canRedo: true });
    save(evler, 'ayşe', 'e vler', 'draft'); // ends the redo chain
    expect(redoAnnotation(ws, 'ayşe')).toEqual({ item: null, canUndo: true, canRedo: false });
    // mehmet's log is his own.
    expect(undoAnnotation(ws, 'mehmet').item).toMatchObject({ word: 'kitap', mine: null, status: 'unseen' });
    expect(undoAnnotation(ws, 'mehmet')).toEqual({ item: null, canUndo: false, canRedo: true });
    for (let i = 0; i < 3; i++) undoAnnotation(ws, 'ayşe');
    expect(undoAnnotation(ws, 'ayşe')).toEqual({ item: null, canUndo: false, canRedo: true });
    expect(ws.annotations.getQueue(queueId).progress).toEqual({ unseen: 3, draft: 0, gold: 0, disputed: 0 });
    expect(ws.gold.get(goldSetId)).toMatchObject({ entries: 0, sha256: '0'.repeat(64) });
  });
});
