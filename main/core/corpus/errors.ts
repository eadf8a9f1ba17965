// Errors a user can act on: every message names the file and, where the problem sits inside the
// file, the byte offset (and line) so they can jump straight to it in an editor or `xxd`.
import { basename } from 'node:path';

export interface CorpusErrorLocation {
  byteOffset: number;
  /** 1-based line number, when known. */
  line?: number | null;
  /** Gzip input: offsets count bytes of the decompressed stream, not of the file on disk. */
  decompressed?: boolean;
}

export class CorpusError extends Error {
  override name = 'CorpusError';
  readonly file: string;
  readonly byteOffset: number | null;
  readonly line: number | null;

  /**
   * `problem` is the human part ("invalid UTF-8"); the file name and location are added here so
   * every message has the same shape: `corpus.txt: invalid UTF-8 at byte 1234 (line 17)`, with an
   * optional `detail` after it (`...(line 7): Unexpected token } in JSON`).
   */
  constructor(file: string, problem: string, at?: CorpusErrorLocation, detail?: string) {
    super(`${basename(file)}: ${problem}${at ? ' ' + describeLocation(at) : ''}${detail ? ': ' + detail : ''}`);
    this.file = file;
    this.byteOffset = at?.byteOffset ?? null;
    this.line = at?.line ?? null;
  }
}

/** "at byte 1234 of the decompressed data (line 17)" */
export function describeLocation(at: CorpusErrorLocation): string {
  const bytes = `at byte ${at.byteOffset}${at.decompressed ? ' of the decompressed data' : ''}`;
  return at.line != null ? `${bytes} (line ${at.line})` : bytes;
}
