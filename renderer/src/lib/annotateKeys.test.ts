import { describe, it, expect } from 'vitest';
import { annotateCommand } from './annotateKeys';

const k = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('annotateCommand', () => {
  it('moves the cursor and toggles boundaries', () => {
    expect(annotateCommand(k('ArrowLeft'), false)).toEqual({ kind: 'cursor', delta: -1 });
    expect(annotateCommand(k('ArrowRight'), false)).toEqual({ kind: 'cursor', delta: 1 });
    expect(annotateCommand(k('Home'), false)).toEqual({ kind: 'cursor-edge', to: 'start' });
    expect(annotateCommand(k(' '), false)).toEqual({ kind: 'toggle' });
  });
  it('maps the item actions, in either case', () => {
    expect(annotateCommand(k('Enter'), false)).toEqual({ kind: 'accept' });
    for (const [key, kind] of [['g', 'gold'], ['G', 'gold'], ['d', 'disputed'], ['s', 'skip'], ['r', 'reject'], ['n', 'note']] as const) {
      expect(annotateCommand(k(key), false)).toEqual({ kind });
    }
    expect(annotateCommand(k('j'), false)).toEqual({ kind: 'item', delta: 1 });
    expect(annotateCommand(k('ArrowDown'), false)).toEqual({ kind: 'item', delta: 1 });
    expect(annotateCommand(k('k'), false)).toEqual({ kind: 'item', delta: -1 });
    expect(annotateCommand(k('ArrowUp'), false)).toEqual({ kind: 'item', delta: -1 });
  });
  it('labels with 1..9 and clears with 0 or Backspace', () => {
    expect(annotateCommand(k('1'), false)).toEqual({ kind: 'label', index: 0 });
    expect(annotateCommand(k('9'), false)).toEqual({ kind: 'label', index: 8 });
    expect(annotateCommand(k('0'), false)).toEqual({ kind: 'clear-label' });
    expect(annotateCommand(k('Backspace'), false)).toEqual({ kind: 'clear-label' });
  });
  it('undoes and redoes with Ctrl (Cmd on macOS)', () => {
    expect(annotateCommand(k('z', { ctrlKey: true }), false)).toEqual({ kind: 'undo' });
    expect(annotateCommand(k('Z', { ctrlKey: true, shiftKey: true }), false)).toEqual({ kind: 'redo' });
    expect(annotateCommand(k('y', { ctrlKey: true }), false)).toEqual({ kind: 'redo' });
    expect(annotateCommand(k('z', { metaKey: true }), true)).toEqual({ kind: 'undo' });
    expect(annotateCommand(k('z', { metaKey: true }), false)).toBeNull();
  });
  it('leaves modified keys to the app (Ctrl+digit switches views) and opens help with ?', () => {
    expect(annotateCommand(k('1', { ctrlKey: true }), false)).toBeNull();
    expect(annotateCommand(k('g', { altKey: true }), false)).toBeNull();
    expect(annotateCommand(k('G', { shiftKey: true }), false)).toBeNull();
    expect(annotateCommand(k('?', { shiftKey: true }), false)).toEqual({ kind: 'help' });
    expect(annotateCommand(k('x'), false)).toBeNull();
    expect(annotateCommand(k('Tab'), false)).toBeNull();
  });
});
