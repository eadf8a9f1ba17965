// Reading a user's text file strictly as UTF-8, with errors the user can act on (shared by the gold, parallel
// and word-list readers, which all refuse a file that is not valid UTF-8 rather than guess an encoding).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { UserError } from '../errors';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The file's raw bytes (callers hash them) and its text; a UserError if it cannot be read or is not UTF-8. */
export function readUtf8File(path: string): { bytes: Buffer; text: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new UserError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    return { bytes, text: utf8.decode(bytes) };
  } catch {
    throw new UserError(`${basename(path)}: not valid UTF-8`);
  }
}
