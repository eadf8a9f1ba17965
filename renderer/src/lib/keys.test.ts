import { describe, it, expect } from 'vitest';
import { viewShortcut } from './keys';

const k = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('viewShortcut', () => {
  it('maps Ctrl+digit off macOS and Cmd+digit on macOS', () => {
    expect(viewShortcut(k('2', { ctrlKey: true }), 3, false)).toBe(1);
    expect(viewShortcut(k('2', { metaKey: true }), 3, false)).toBeNull();
    expect(viewShortcut(k('3', { metaKey: true }), 3, true)).toBe(2);
    expect(viewShortcut(k('3', { ctrlKey: true }), 3, true)).toBeNull();
  });
  it('ignores other keys, extra modifiers and views that do not exist', () => {
    expect(viewShortcut(k('1'), 3, false)).toBeNull();
    expect(viewShortcut(k('a', { ctrlKey: true }), 3, false)).toBeNull();
    expect(viewShortcut(k('1', { ctrlKey: true, shiftKey: true }), 3, false)).toBeNull();
    expect(viewShortcut(k('4', { ctrlKey: true }), 3, false)).toBeNull();
    expect(viewShortcut(k('0', { ctrlKey: true }), 3, false)).toBeNull();
  });
});
