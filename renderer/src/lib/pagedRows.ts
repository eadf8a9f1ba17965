// Rows of a server-side list (370,000 dictionary roots) fetched a page at a time for whatever the list
// window shows. A new query starts a new generation: answers that arrive for an older one are dropped, so
// the newest search always wins. `refresh` (after an edit) keeps the rows on screen until the new ones
// arrive, so the list updates in place instead of blinking.

export interface Page<T> {
  total: number;
  items: T[];
}

export type FetchPage<T> = (key: string, offset: number, limit: number) => Promise<Page<T>>;

export class PagedRows<T> {
  total: number | null = null;
  error: string | null = null;
  private key = '';
  private generation = 0;
  private pages = new Map<number, { generation: number; items: T[] }>();
  private inFlight = new Map<number, { generation: number; done: Promise<void> }>(); // page -> the request for it
  private last: { start: number; end: number } = { start: 0, end: 0 };

  constructor(
    private readonly fetchPage: FetchPage<T>,
    readonly pageSize = 200,
    private readonly onChange: () => void = () => {},
  ) {}

  get query(): string {
    return this.key;
  }

  /** A new query: everything shown so far is for another question. */
  setQuery(key: string): void {
    this.key = key;
    this.generation++;
    this.pages.clear();
    this.inFlight.clear();
    this.total = null;
    this.error = null;
    this.onChange();
    void this.ensure(this.last.start, this.last.end);
  }

  /** The same query again (the data changed): re-fetch the pages on screen, keep showing the old ones meanwhile. */
  refresh(): Promise<void> {
    this.generation++;
    this.inFlight.clear();
    // Pages off screen are dropped now; they will be fetched fresh when scrolled to.
    const keep = new Set(this.pagesFor(this.last.start, this.last.end));
    for (const p of [...this.pages.keys()]) if (!keep.has(p)) this.pages.delete(p);
    return this.ensure(this.last.start, this.last.end);
  }

  /** Row `index`, or undefined while its page is loading. */
  get(index: number): T | undefined {
    const p = this.pages.get(Math.floor(index / this.pageSize));
    return p?.items[index % this.pageSize];
  }

  /** The index of the first fetched row that matches, or -1: rows not fetched yet are not searched. */
  findLoaded(match: (row: T) => boolean): number {
    for (const p of [...this.pages.keys()].sort((a, b) => a - b)) {
      const k = this.pages.get(p)!.items.findIndex(match);
      if (k >= 0) return p * this.pageSize + k;
    }
    return -1;
  }

  /**
   * Fetches the pages rows [start, end) need (and the first page when nothing is known yet); resolves once they
   * arrived (or failed), including those already asked for by an earlier call.
   */
  async ensure(start: number, end: number): Promise<void> {
    this.last = { start, end };
    const wanted = this.total === null ? [0, ...this.pagesFor(start, end)] : this.pagesFor(start, end);
    const gen = this.generation;
    const waits: Promise<void>[] = [];
    for (const p of new Set(wanted)) {
      if (this.pages.get(p)?.generation === gen) continue;
      const asked = this.inFlight.get(p);
      waits.push(asked?.generation === gen ? asked.done : this.load(p, gen));
    }
    await Promise.all(waits);
  }

  private pagesFor(start: number, end: number): number[] {
    const out: number[] = [];
    if (end <= start) return out;
    for (let p = Math.floor(start / this.pageSize); p <= Math.floor((end - 1) / this.pageSize); p++) out.push(p);
    return out;
  }

  private load(page: number, gen: number): Promise<void> {
    // Registered before the fetch starts, so even a fetch that fails at once leaves no stale entry behind.
    const asked = { generation: gen, done: Promise.resolve() };
    this.inFlight.set(page, asked);
    asked.done = this.fetchInto(page, gen, asked);
    return asked.done;
  }

  private async fetchInto(page: number, gen: number, asked: object): Promise<void> {
    const key = this.key;
    try {
      const r = await this.fetchPage(key, page * this.pageSize, this.pageSize);
      if (gen !== this.generation) return; // an answer to an older question
      this.pages.set(page, { generation: gen, items: r.items });
      this.total = r.total;
      this.error = null;
    } catch (e) {
      if (gen !== this.generation) return;
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      if (this.inFlight.get(page) === asked) this.inFlight.delete(page);
    }
    this.onChange();
  }
}
