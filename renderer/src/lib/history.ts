// Undo / redo: button labels from the dictionary's undo state, and which key press asks for which.
import type { UndoState } from '../../../main/api/contract';
import type { KeyLike } from './keys';

/** 'add root "kalem"' -> 'add root “kalem”': the backend's plain quotes read as typography on a button. */
export function curlyQuotes(s: string): string {
  return s.replace(/"([^"]*)"/g, '“$1”');
}

export function historyLabel(direction: 'undo' | 'redo', state: UndoState | null): string {
  const what = direction === 'undo' ? state?.undoLabel : state?.redoLabel;
  const verb = direction === 'undo' ? 'Undo' : 'Redo';
  return what ? `${verb} ${curlyQuotes(what)}` : `Nothing to ${direction}`;
}

/** Ctrl/Cmd+Z undoes; Ctrl/Cmd+Shift+Z and Ctrl+Y redo. */
export function historyShortcut(e: KeyLike, isMac: boolean): 'undo' | 'redo' | null {
  const mod = isMac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  if (!mod || e.altKey) return null;
  const k = e.key.toLowerCase();
  if (k === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (k === 'y' && !e.shiftKey && !isMac) return 'redo';
  return null;
}

/** A key press in a text field belongs to the field (its own text undo), not to the dictionary. */
export function isTextEntry(target: EventTarget | null): boolean {
  const el = target as { tagName?: string; isContentEditable?: boolean; type?: string } | null;
  if (!el?.tagName) return false;
  if (el.isContentEditable) return true;
  if (el.tagName === 'TEXTAREA') return true;
  if (el.tagName !== 'INPUT') return false;
  return !['checkbox', 'radio', 'button', 'submit', 'file', 'range', 'color'].includes(el.type ?? 'text');
}
