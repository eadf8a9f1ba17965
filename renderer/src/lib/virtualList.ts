// Window maths for long lists with a fixed row height: which rows to draw for a scroll position, which
// pages of rows to fetch for them, and where to scroll so a row becomes visible.

export interface RowWindow {
  /** First row drawn (inclusive) and last (exclusive). */
  start: number;
  end: number;
  /** Empty space above and below the drawn rows, so the scroll height stays `total × rowHeight`. */
  padTop: number;
  padBottom: number;
}

export function visibleWindow(scrollTop: number, viewport: number, rowHeight: number, total: number, overscan = 8): RowWindow {
  if (total <= 0 || rowHeight <= 0) return { start: 0, end: 0, padTop: 0, padBottom: 0 };
  const shown = Math.ceil(Math.max(0, viewport) / rowHeight) + 1;
  // A scrollTop past the end (the list just shrank) still shows the last screenful.
  const first = Math.min(Math.floor(Math.max(0, scrollTop) / rowHeight), Math.max(0, total - shown + 1));
  const start = Math.max(0, Math.min(total - 1, first - overscan));
  const end = Math.min(total, first + shown + overscan);
  return { start, end: Math.max(start, end), padTop: start * rowHeight, padBottom: (total - Math.max(start, end)) * rowHeight };
}

/** Page numbers (page p holds rows [p × size, (p + 1) × size)) that cover rows [start, end). */
export function pagesCovering(start: number, end: number, pageSize: number): number[] {
  if (end <= start) return [];
  const out: number[] = [];
  for (let p = Math.floor(start / pageSize); p <= Math.floor((end - 1) / pageSize); p++) out.push(p);
  return out;
}

/** The scrollTop that brings row `index` fully into view with the least movement (unchanged if it is). */
export function scrollToShow(index: number, scrollTop: number, viewport: number, rowHeight: number): number {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewport) return Math.max(0, top + rowHeight - viewport);
  return scrollTop;
}

/** Moves a selection by `delta` rows (or pages with ±Infinity for Home/End), inside [0, total). */
export function moveSelection(current: number | null, delta: number, total: number): number | null {
  if (total <= 0) return null;
  if (delta === Infinity) return total - 1;
  if (delta === -Infinity) return 0;
  if (current === null) return delta < 0 ? total - 1 : 0;
  return Math.max(0, Math.min(total - 1, current + delta));
}

/**
 * The selection move a list key asks for (↑/↓ one row, PgUp/PgDn a screenful less one row, Home/End the ends,
 * as ±Infinity for moveSelection), or null for any other key.
 */
export function keyDelta(key: string, viewport: number, rowHeight: number): number | null {
  const page = Math.max(1, Math.floor(viewport / rowHeight) - 1);
  const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity };
  return Object.hasOwn(moves, key) ? moves[key] : null;
}
