import { describe, it, expect } from 'vitest';
import { curlyQuotes, historyLabel, historyShortcut, isTextEntry } from './history';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('historyLabel', () => {
  it('says what undo and redo would do', () => {
    const s = { canUndo: true, canRedo: true, undoLabel: 'add root "kalem"', redoLabel: 'import more.tsv (2 roots added, 2 changed)' };
    expect(historyLabel('undo', s)).toBe('Undo add root “kalem”');
    expect(historyLabel('redo', s)).toBe('Redo import more.tsv (2 roots added, 2 changed)');
    expect(historyLabel('undo', { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null })).toBe('Nothing to undo');
    expect(historyLabel('redo', null)).toBe('Nothing to redo');
    expect(curlyQuotes('rename "a" to "b"')).toBe('rename “a” to “b”');
  });
});

describe('historyShortcut', () => {
  it('reads Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y on Linux/Windows', () => {
    expect(historyShortcut(key('z', { ctrlKey: true }), false)).toBe('undo');
    expect(historyShortcut(key('Z', { ctrlKey: true, shiftKey: true }), false)).toBe('redo');
    expect(historyShortcut(key('y', { ctrlKey: true }), false)).toBe('redo');
    expect(historyShortcut(key('z'), false)).toBeNull();
    expect(historyShortcut(key('z', { ctrlKey: true, altKey: true }), false)).toBeNull();
  });
  it('reads Cmd on macOS', () => {
    expect(historyShortcut(key('z', { metaKey: true }), true)).toBe('undo');
    expect(historyShortcut(key('z', { metaKey: true, shiftKey: true }), true)).toBe('redo');
    expect(historyShortcut(key('z', { ctrlKey: true }), true)).toBeNull();
  });
});

describe('isTextEntry', () => {
  it('leaves text fields their own undo', () => {
    expect(isTextEntry({ tagName: 'INPUT', type: 'text' } as never)).toBe(true);
    expect(isTextEntry({ tagName: 'TEXTAREA' } as never)).toBe(true);
    expect(isTextEntry({ tagName: 'INPUT', type: 'checkbox' } as never)).toBe(false);
    expect(isTextEntry({ tagName: 'DIV' } as never)).toBe(false);
    expect(isTextEntry(null)).toBe(false);
  });
});
