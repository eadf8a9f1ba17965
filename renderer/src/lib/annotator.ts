// The annotator's name for this machine: asked once, kept in localStorage, changeable. Every save,
// undo and agreement figure is per name, so it is trimmed and bounded like the API's field (1..100).
export const ANNOTATOR_KEY = 'tokstudio.annotator';

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function cleanAnnotator(name: string): string | null {
  const t = name.trim().replace(/\s+/g, ' ');
  return t.length >= 1 && t.length <= 100 ? t : null;
}

export function loadAnnotator(storage: StorageLike | null | undefined): string | null {
  try {
    return cleanAnnotator(storage?.getItem(ANNOTATOR_KEY) ?? '');
  } catch {
    return null; // storage can be disabled; the view then asks every session
  }
}

export function saveAnnotator(storage: StorageLike | null | undefined, name: string): string | null {
  const clean = cleanAnnotator(name);
  if (!clean) return null;
  try {
    storage?.setItem(ANNOTATOR_KEY, clean);
  } catch {
    /* kept for this session only */
  }
  return clean;
}
