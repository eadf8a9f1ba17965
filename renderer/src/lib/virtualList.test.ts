import { describe, it, expect } from 'vitest';
import { keyDelta, moveSelection, pagesCovering, scrollToShow, visibleWindow } from './virtualList';

describe('visibleWindow', () => {
  it('draws the visible rows plus overscan and pads the rest', () => {
    const w = visibleWindow(300, 100, 30, 370_000, 2);
    // rows 10..13 are visible (300/30 = 10, ceil(100/30)+1 = 5 rows), 2 extra on each side
    expect(w).toEqual({ start: 8, end: 17, padTop: 240, padBottom: (370_000 - 17) * 30 });
    expect(w.padTop + (w.end - w.start) * 30 + w.padBottom).toBe(370_000 * 30);
  });
  it('clamps at both ends and for short lists', () => {
    expect(visibleWindow(0, 600, 30, 5, 8)).toEqual({ start: 0, end: 5, padTop: 0, padBottom: 0 });
    const end = visibleWindow(30 * 1000, 300, 30, 1000, 4);
    expect(end.end).toBe(1000);
    expect(end.start).toBe(1000 - 10 - 4); // the last 10 rows fill the viewport
    expect(visibleWindow(-50, 300, 30, 100, 0).start).toBe(0);
    expect(visibleWindow(0, 300, 30, 0)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
  });
});

describe('pagesCovering', () => {
  it('lists each page the window touches once', () => {
    expect(pagesCovering(0, 10, 200)).toEqual([0]);
    expect(pagesCovering(190, 230, 200)).toEqual([0, 1]);
    expect(pagesCovering(200, 400, 200)).toEqual([1]);
    expect(pagesCovering(5, 5, 200)).toEqual([]);
  });
});

describe('scrollToShow and moveSelection', () => {
  it('scrolls the least amount needed', () => {
    expect(scrollToShow(5, 0, 300, 30)).toBe(0); // already visible
    expect(scrollToShow(20, 0, 300, 30)).toBe(21 * 30 - 300); // below: align bottom
    expect(scrollToShow(2, 300, 300, 30)).toBe(60); // above: align top
  });
  it('keeps the selection inside the list', () => {
    expect(moveSelection(null, 1, 10)).toBe(0);
    expect(moveSelection(null, -1, 10)).toBe(9);
    expect(moveSelection(9, 1, 10)).toBe(9);
    expect(moveSelection(3, -10, 10)).toBe(0);
    expect(moveSelection(3, Infinity, 10)).toBe(9);
    expect(moveSelection(3, -Infinity, 10)).toBe(0);
    expect(moveSelection(0, 1, 0)).toBeNull();
    expect(moveSelection(null, Infinity, 10)).toBe(9); // End with nothing selected yet
    expect(moveSelection(null, -Infinity, 10)).toBe(0);
  });
});

describe('keyDelta', () => {
  it('maps the list keys to moves and ignores the rest', () => {
    expect(keyDelta('ArrowDown', 300, 30)).toBe(1);
    expect(keyDelta('ArrowUp', 300, 30)).toBe(-1);
    expect(keyDelta('PageDown', 300, 30)).toBe(9); // ten rows shown, one kept for context
    expect(keyDelta('PageUp', 300, 30)).toBe(-9);
    expect(keyDelta('PageDown', 20, 30)).toBe(1); // a viewport smaller than a row still moves
    expect(keyDelta('Home', 300, 30)).toBe(-Infinity);
    expect(keyDelta('End', 300, 30)).toBe(Infinity);
    expect(keyDelta('g', 300, 30)).toBeNull();
    expect(keyDelta('toString', 300, 30)).toBeNull();
  });
});
