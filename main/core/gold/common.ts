// What the gold readers share: the lines that hold data, and the check that a segmentation spells its word.
import { UserError } from '../errors';

export interface DataLine {
  text: string;
  /** 1-based. */
  line: number;
}

/** Non-blank lines that do not start with `#` (every format here treats those as comments). '\r' is dropped. */
export function dataLines(text: string): DataLine[] {
  const out: DataLine[] = [];
  text.split('\n').forEach((raw, i) => {
    const t = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (t.trim() === '' || t.startsWith('#')) return;
    out.push({ text: t, line: i + 1 });
  });
  return out;
}

export function lineError(file: string, line: number, message: string): UserError {
  return new UserError(`${file}:${line}: ${message}`);
}

/** Throws unless the segments are non-empty and concatenate to the word. */
export function checkSpells(word: string, segments: readonly string[], file: string, line: number): void {
  if (segments.length === 0 || segments.some((s) => s.length === 0)) throw lineError(file, line, `an empty segmentation or segment for "${word}"`);
  if (segments.join('') !== word) throw lineError(file, line, `segments "${segments.join(' ')}" do not spell the word "${word}"`);
}

/**
 * Splits comma-separated alternatives of space-separated morphs (Morpho Challenge and Morfessor). A morph
 * written `surface:label` (Morpho Challenge's labelled form) is read as its surface when the morphs as
 * written do not spell the word but their surfaces do.
 */
export function parseAlternatives(word: string, field: string, file: string, line: number): string[][] {
  return field.split(',').map((alt) => {
    const morphs = alt.trim().split(/ +/).filter(Boolean);
    if (morphs.length === 0) throw lineError(file, line, `an empty alternative for "${word}" (check for a stray comma)`);
    if (morphs.join('') !== word) {
      const surfaces = morphs.map((m) => (m.lastIndexOf(':') > 0 ? m.slice(0, m.lastIndexOf(':')) : m));
      if (surfaces.join('') === word) return surfaces;
    }
    checkSpells(word, morphs, file, line);
    return morphs;
  });
}
