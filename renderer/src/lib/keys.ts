// Global keyboard shortcuts: Ctrl+1..9 (Cmd on macOS) switch views.

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** The view index (0-based) a key press asks for, or null. */
export function viewShortcut(e: KeyLike, viewCount: number, isMac: boolean): number | null {
  const mod = isMac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  if (!mod || e.altKey || e.shiftKey) return null;
  if (!/^[1-9]$/.test(e.key)) return null;
  const i = Number(e.key) - 1;
  return i < viewCount ? i : null;
}
