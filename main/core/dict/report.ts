// What an import tells the user besides the dictionary itself: counts, entries it left out and why,
// and the places where the source format says more than our model can hold.
export type DictionaryFormat = 'json' | 'hunspell' | 'tsv' | 'csv';

export interface SkippedEntry {
  /** File name (not path) the entry came from. */
  file: string;
  /** 1-based line. */
  line: number;
  reason: string;
}

export interface ImportReport {
  format: DictionaryFormat;
  roots: number;
  groups: number;
  /** Affix variants summed over the groups. */
  variants: number;
  /** Morphotactic edges. */
  edges: number;
  /** The first MAX_SKIPPED_LISTED entries left out; `skippedTotal` counts all of them. */
  skipped: SkippedEntry[];
  skippedTotal: number;
  /** Lossy or unusual spots, one sentence each (with counts). */
  warnings: string[];
  parseMs: number;
}

export const MAX_SKIPPED_LISTED = 1000;

/** Collects skipped entries, keeping the first MAX_SKIPPED_LISTED and counting the rest. */
export class SkipLog {
  readonly entries: SkippedEntry[] = [];
  total = 0;
  add(file: string, line: number, reason: string): void {
    this.total++;
    if (this.entries.length < MAX_SKIPPED_LISTED) this.entries.push({ file, line, reason });
  }
}
