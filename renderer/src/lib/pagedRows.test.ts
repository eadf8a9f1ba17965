import { describe, it, expect } from 'vitest';
import { PagedRows } from './pagedRows';

/** A server whose answers are released by hand, in any order. */
function fakeServer(rows: (key: string) => string[]) {
  const pending: { key: string; offset: number; release: () => void }[] = [];
  const calls: string[] = [];
  const fetchPage = (key: string, offset: number, limit: number) =>
    new Promise<{ total: number; items: string[] }>((resolve) => {
      calls.push(`${key}@${offset}`);
      const all = rows(key);
      pending.push({ key, offset, release: () => resolve({ total: all.length, items: all.slice(offset, offset + limit) }) });
    });
  return { fetchPage, pending, calls };
}

const words = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('PagedRows', () => {
  it('fetches only the pages the window needs, once each', async () => {
    const s = fakeServer(() => words('r', 1000));
    let changes = 0;
    const rows = new PagedRows(s.fetchPage, 100, () => changes++);
    const done = rows.ensure(150, 260);
    void rows.ensure(150, 260); // the same window again while loading: no second request
    expect(s.calls).toEqual(['@0', '@100', '@200']);
    s.pending.forEach((p) => p.release());
    await done;
    expect(rows.total).toBe(1000);
    expect(rows.get(150)).toBe('r150');
    expect(rows.get(299)).toBe('r299');
    expect(rows.get(300)).toBeUndefined();
    expect(changes).toBe(3);
  });

  it('lets the newest query win even when an older answer arrives last', async () => {
    const s = fakeServer((key) => words(key, 50));
    const rows = new PagedRows(s.fetchPage, 100);
    void rows.ensure(0, 20);
    rows.setQuery('k');
    rows.setQuery('ka');
    const [, old, newest] = s.pending;
    expect([old.key, newest.key]).toEqual(['k', 'ka']);
    newest.release();
    await tick();
    expect(rows.get(0)).toBe('ka0');
    old.release(); // late answer to "k"
    await tick();
    expect(rows.get(0)).toBe('ka0');
    expect(rows.query).toBe('ka');
  });

  it('refresh keeps the old rows on screen until the new page arrives', async () => {
    let version = 'a';
    const s = fakeServer(() => words(version, 30));
    const rows = new PagedRows(s.fetchPage, 10);
    const first = rows.ensure(0, 15);
    s.pending.splice(0).forEach((p) => p.release());
    await first;
    version = 'b';
    const again = rows.refresh();
    expect(rows.get(3)).toBe('a3'); // still drawn
    expect(s.calls.slice(-2)).toEqual(['@0', '@10']);
    s.pending.splice(0).forEach((p) => p.release());
    await again;
    expect(rows.get(3)).toBe('b3');
  });

  it('ensure waits for a page an earlier call already asked for', async () => {
    const s = fakeServer(() => words('r', 1000));
    const rows = new PagedRows(s.fetchPage, 100);
    void rows.ensure(0, 10);
    let arrived = false;
    const again = rows.ensure(0, 10).then(() => (arrived = rows.get(5) === 'r5'));
    expect(s.calls).toEqual(['@0']);
    await tick();
    expect(arrived).toBe(false);
    s.pending[0].release();
    await again;
    expect(arrived).toBe(true);
  });

  it('a fetch that throws at once is asked for again next time', async () => {
    let calls = 0;
    const rows = new PagedRows<string>((key) => {
      calls++;
      if (calls === 1) throw new Error('bridge closed');
      return Promise.resolve({ total: 1, items: [key] });
    }, 10);
    await rows.ensure(0, 5);
    expect(rows.error).toBe('bridge closed');
    await rows.ensure(0, 5);
    expect(calls).toBe(2);
    expect(rows.get(0)).toBe('');
  });

  it('finds a row among the fetched pages only', async () => {
    const s = fakeServer(() => words('r', 1000));
    const rows = new PagedRows(s.fetchPage, 100);
    const done = rows.ensure(550, 560);
    s.pending.splice(0).forEach((p) => p.release());
    await done;
    expect(rows.findLoaded((r) => r === 'r42')).toBe(42);
    expect(rows.findLoaded((r) => r === 'r555')).toBe(555);
    expect(rows.findLoaded((r) => r === 'r250')).toBe(-1); // page 2 was never asked for
  });

  it('reports a failed page and recovers on the next query', async () => {
    let fail = true;
    const rows = new PagedRows(async (key) => {
      if (fail) throw new Error('dictionary 9 not found');
      return { total: 1, items: [key] };
    }, 10);
    await rows.ensure(0, 5);
    expect(rows.error).toBe('dictionary 9 not found');
    fail = false;
    rows.setQuery('x');
    await tick();
    expect(rows.error).toBeNull();
    expect(rows.get(0)).toBe('x');
  });
});
