import { describe, it, expect } from 'vitest';
import type { AnnotationStatus, QueueItem } from '../../../main/api/contract';
import { AnnotateList, myStatus } from './annotateList';

function item(i: number, mine: AnnotationStatus | null = null, status: AnnotationStatus = mine ?? 'unseen'): QueueItem {
  const annotation = mine && { annotator: 'ayse', segments: [`w${i}`], labels: [null], status: mine, note: '', updatedAt: '2025-01-01T00:00:00Z' };
  return {
    itemId: 1000 + i,
    position: i,
    word: `w${i}`,
    frequency: 1,
    why: 'word list',
    proposal: null,
    proposalLabels: null,
    mine: annotation,
    all: annotation ? [annotation] : [],
    adjudicated: null,
    status,
  };
}

/** A queue on a fake server: `calls` records each page asked for, `hold` keeps answers back until released. */
function server(queue: QueueItem[]) {
  const calls: string[] = [];
  const held: (() => void)[] = [];
  const state = { hold: false, fail: null as string | null };
  const fetchItems = (status: AnnotationStatus | undefined, offset: number, limit: number) => {
    calls.push(`${status ?? 'all'}@${offset}`);
    const rows = queue.filter((it) => status === undefined || it.status === status);
    const answer = () => {
      if (state.fail) throw new Error(state.fail);
      return { total: rows.length, items: rows.slice(offset, offset + limit) };
    };
    if (!state.hold) return Promise.resolve().then(answer);
    return new Promise<ReturnType<typeof answer>>((resolve, reject) =>
      held.push(() => {
        try {
          resolve(answer());
        } catch (e) {
          reject(e as Error);
        }
      }),
    );
  };
  return { fetchItems, calls, held, state };
}

const queueOf = (n: number, status: (i: number) => AnnotationStatus | null = () => null) => Array.from({ length: n }, (_, i) => item(i, status(i)));
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('AnnotateList', () => {
  it('fetches only the pages the window shows, whatever the queue size', async () => {
    const s = server(queueOf(100_000));
    const list = new AnnotateList(s.fetchItems, 200);
    await list.ensure(0, 40);
    expect(list.total).toBe(100_000);
    await list.ensure(99_960, 100_000); // End
    expect(s.calls).toEqual(['all@0', 'all@99800']);
    expect(list.get(99_999)?.word).toBe('w99999');
    expect(list.get(50_000)).toBeUndefined(); // never scrolled there
    expect(list.get(-1)).toBeUndefined();
  });

  it('changes a saved row in place, and a page that was in flight does not bring the old status back', async () => {
    const s = server(queueOf(500));
    let changes = 0;
    const list = new AnnotateList(s.fetchItems, 100, () => changes++);
    await list.ensure(0, 50);
    s.state.hold = true;
    const pending = list.ensure(100, 150); // page 1 asked for before the save below is written
    const before = changes;
    expect(list.replace(item(120, 'gold'))).toBe(-1); // not fetched yet: its index is unknown
    expect(list.replace(item(3, 'gold'))).toBe(3);
    expect(changes).toBe(before + 2);
    expect(myStatus(list.get(3)!)).toBe('gold');
    s.held.splice(0).forEach((release) => release()); // the server's answer still says unseen
    await pending;
    expect(myStatus(list.get(120)!)).toBe('gold');
    expect(s.calls).toEqual(['all@0', 'all@100']); // nothing fetched again for the saves
  });

  it('a new filter starts over from the top and forgets the laid-over saves', async () => {
    const queue = queueOf(1000, (i) => (i % 2 === 0 ? 'gold' : null));
    const s = server(queue);
    const list = new AnnotateList(s.fetchItems, 100);
    await list.ensure(900, 940); // scrolled far down
    list.replace(item(901, 'draft'));
    list.setFilter('gold');
    expect(list.filter).toBe('gold');
    expect(list.total).toBeNull();
    await tick();
    expect(s.calls.slice(-1)).toEqual(['gold@0']); // not the old window's page 9
    expect(list.total).toBe(500);
    expect(list.get(0)?.word).toBe('w0');
    expect(list.get(1)?.word).toBe('w2');
    list.setFilter('');
    await tick();
    expect(myStatus(list.get(1)!)).toBe('unseen'); // the server's row, the old overlay is gone
    expect(list.indexOf(1901)).toBe(-1); // page 9 of the new list is not fetched
  });

  it('resumes at the first word the annotator has not marked gold, a page at a time', async () => {
    const s = server(queueOf(1000, (i) => (i < 250 ? 'gold' : null)));
    const list = new AnnotateList(s.fetchItems, 100);
    list.setFilter(''); // as the editor opens: the first page is on its way when resumeAt asks for it
    expect(await list.resumeAt()).toBe(250);
    expect(s.calls).toEqual(['all@0', 'all@100', 'all@200']);

    const allGold = new AnnotateList(server(queueOf(150, () => 'gold')).fetchItems, 100);
    expect(await allGold.resumeAt()).toBe(0);
    const long = new AnnotateList(server(queueOf(1000, () => 'gold')).fetchItems, 100);
    expect(await long.resumeAt(3)).toBe(300); // stops looking after three pages
    const empty = new AnnotateList(server([]).fetchItems, 100);
    expect(await empty.resumeAt()).toBeNull();
  });

  it('gives up resuming when the filter changes meanwhile', async () => {
    const s = server(queueOf(300));
    const list = new AnnotateList(s.fetchItems, 100);
    s.state.hold = true;
    const resumed = list.resumeAt();
    list.setFilter('draft');
    s.held.splice(0).forEach((release) => release());
    expect(await resumed).toBeUndefined();
  });

  it('reports a page that failed and asks for it again on the next scroll', async () => {
    const s = server(queueOf(1000));
    let changes = 0;
    const list = new AnnotateList(s.fetchItems, 100, () => changes++);
    await list.ensure(0, 40);
    s.state.fail = 'queue 7 not found';
    await list.ensure(500, 540);
    expect(list.error).toBe('queue 7 not found');
    expect(list.get(510)).toBeUndefined();
    expect(changes).toBe(2); // the component redraws to show the error
    s.state.fail = null;
    await list.ensure(501, 541);
    expect(list.error).toBeNull();
    expect(list.get(510)?.word).toBe('w510');
    expect(s.calls.filter((c) => c === 'all@500')).toHaveLength(2);
  });

  it('resuming fails quietly (undefined) when the first page cannot be loaded', async () => {
    const s = server(queueOf(10));
    s.state.fail = 'database is locked';
    const list = new AnnotateList(s.fetchItems, 100);
    expect(await list.resumeAt()).toBeUndefined();
    expect(list.error).toBe('database is locked');
    expect(list.total).toBeNull();
  });
});
