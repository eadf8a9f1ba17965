// The annotation editor's word list over a queue of up to 100,000 items: rows fetched a page at a time for
// whatever the virtual list shows (PagedRows), with the annotator's own saves laid over them. A save or an
// undo changes one row in place — no page is fetched again, so the list never jumps under the annotator, and a
// page that was in flight while the save ran cannot bring the old status back. A new status filter starts over.
import type { AnnotationStatus, QueueItem } from '../../../main/api/contract';
import { PagedRows } from './pagedRows';
import type { Page } from './pagedRows';

export type FetchItems = (status: AnnotationStatus | undefined, offset: number, limit: number) => Promise<Page<QueueItem>>;

/** The annotator's own status of an item (the list's glyph). */
export const myStatus = (it: QueueItem): AnnotationStatus => it.mine?.status ?? 'unseen';

export class AnnotateList {
  private readonly rows: PagedRows<QueueItem>;
  /** itemId -> the item as the last save or undo returned it, newer than any page fetched before. */
  private readonly saved = new Map<number, QueueItem>();
  private generation = 0;

  constructor(
    fetchItems: FetchItems,
    readonly pageSize = 200,
    private readonly onChange: () => void = () => {},
  ) {
    this.rows = new PagedRows<QueueItem>((key, offset, limit) => fetchItems(key === '' ? undefined : (key as AnnotationStatus), offset, limit), pageSize, onChange);
  }

  /** Rows matching the filter, or null until the first page arrives. */
  get total(): number | null {
    return this.rows.total;
  }

  /** The last page load's failure, cleared by the next page that arrives. */
  get error(): string | null {
    return this.rows.error;
  }

  get filter(): AnnotationStatus | '' {
    return this.rows.query as AnnotationStatus | '';
  }

  /** Shows only items of that overall status ('' for all): a new list, from the top. */
  setFilter(status: AnnotationStatus | ''): void {
    this.generation++;
    this.saved.clear();
    // PagedRows re-fetches the window it last served, but the new list opens at the top: an empty window
    // there (asks for nothing while the total is known) keeps it from fetching where the old list was scrolled.
    if (this.rows.total !== null) void this.rows.ensure(0, 0);
    this.rows.setQuery(status);
  }

  /** Row `index` with this session's saves applied, or undefined while its page loads (or failed). */
  get(index: number): QueueItem | undefined {
    if (index < 0) return undefined;
    const row = this.rows.get(index);
    return row && (this.saved.get(row.itemId) ?? row);
  }

  /** Fetches what rows [start, end) need; a page that failed before is asked for again. */
  ensure(start: number, end: number): Promise<void> {
    return this.rows.ensure(start, end);
  }

  /** Index of the item among the rows fetched so far, or -1. */
  indexOf(itemId: number): number {
    return this.rows.findLoaded((it) => it.itemId === itemId);
  }

  /** Lays a saved (or undone) item over its row; returns the row's index, or -1 when it is not in the rows fetched. */
  replace(item: QueueItem): number {
    this.saved.set(item.itemId, item);
    this.onChange();
    return this.indexOf(item.itemId);
  }

  /**
   * Where the annotator resumes: the first row they have not marked gold, looking through at most `maxPages`
   * pages (then the row after them). null for an empty list; undefined when the filter changed meanwhile or a
   * page failed (the error says why).
   */
  async resumeAt(maxPages = 10): Promise<number | null | undefined> {
    const gen = this.generation;
    for (let p = 0; p < maxPages; p++) {
      const start = p * this.pageSize;
      await this.rows.ensure(start, start + this.pageSize);
      if (gen !== this.generation) return undefined;
      const total = this.rows.total;
      if (total === null) return undefined;
      if (total === 0) return null;
      const end = Math.min(total, start + this.pageSize);
      for (let i = start; i < end; i++) {
        const it = this.get(i);
        if (!it) return undefined;
        if (myStatus(it) !== 'gold') return i;
      }
      if (end >= total) return 0; // everything gold: start at the top, as before
    }
    return Math.min(maxPages * this.pageSize, (this.rows.total ?? 1) - 1);
  }
}
