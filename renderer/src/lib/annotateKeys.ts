// The annotator's keyboard: one key per action, so a word is done without the mouse. Plain letters only
// act with no modifier held (Ctrl/Cmd+digit stays the app's view switch).
import type { KeyLike } from './keys';
import { historyShortcut } from './history';

export type AnnotateCommand =
  | { kind: 'cursor'; delta: -1 | 1 }
  | { kind: 'cursor-edge'; to: 'start' | 'end' }
  | { kind: 'toggle' }
  | { kind: 'accept' }
  | { kind: 'gold' }
  | { kind: 'disputed' }
  | { kind: 'skip' }
  | { kind: 'reject' }
  | { kind: 'item'; delta: -1 | 1 }
  | { kind: 'label'; index: number }
  | { kind: 'clear-label' }
  | { kind: 'note' }
  | { kind: 'help' }
  | { kind: 'undo' }
  | { kind: 'redo' };

export function annotateCommand(e: KeyLike, isMac: boolean): AnnotateCommand | null {
  const history = historyShortcut(e, isMac);
  if (history) return { kind: history };
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  // '?' is Shift+/ on most layouts: test it before refusing Shift.
  if (e.key === '?') return { kind: 'help' };
  if (e.shiftKey) return null;
  switch (e.key) {
    case 'ArrowLeft':
      return { kind: 'cursor', delta: -1 };
    case 'ArrowRight':
      return { kind: 'cursor', delta: 1 };
    case 'Home':
      return { kind: 'cursor-edge', to: 'start' };
    case 'End':
      return { kind: 'cursor-edge', to: 'end' };
    case ' ':
      return { kind: 'toggle' };
    case 'Enter':
      return { kind: 'accept' };
    case 'ArrowDown':
      return { kind: 'item', delta: 1 };
    case 'ArrowUp':
      return { kind: 'item', delta: -1 };
    case '0':
    case 'Backspace':
      return { kind: 'clear-label' };
  }
  if (/^[1-9]$/.test(e.key)) return { kind: 'label', index: Number(e.key) - 1 };
  switch (e.key.toLowerCase()) {
    case 'g':
      return { kind: 'gold' };
    case 'd':
      return { kind: 'disputed' };
    case 's':
      return { kind: 'skip' };
    case 'r':
      return { kind: 'reject' };
    case 'j':
      return { kind: 'item', delta: 1 };
    case 'k':
      return { kind: 'item', delta: -1 };
    case 'n':
      return { kind: 'note' };
  }
  return null;
}

/** For the help overlay: what each key does, in the order a user learns them. */
export const ANNOTATE_KEYS: readonly [keys: string, what: string][] = [
  ['← →', 'move the cursor between letters (Home / End: word edges)'],
  ['Space', 'toggle a boundary at the cursor'],
  ['1 … 9', 'label the segment left of the cursor (1 root, 2 new, then affix groups)'],
  ['0 / Backspace', 'clear that segment’s label'],
  ['Enter', 'accept the tokenizer’s proposal as it is'],
  ['R', 'reject the proposal: clear every boundary'],
  ['G', 'mark gold and go to the next word'],
  ['D', 'mark disputed'],
  ['S', 'skip to the next word (nothing saved)'],
  ['↓ / J, ↑ / K', 'next / previous word'],
  ['↑ ↓ PgUp PgDn Home End', 'in the word list (Tab to it): move through the words; Enter goes to the word'],
  ['N', 'write a note (Esc leaves the field)'],
  ['Ctrl+Z, Ctrl+Shift+Z', 'undo / redo your last save (kept across restarts)'],
  ['?', 'show or hide this help'],
];
