// Test helpers for the dictionary store: the small fixture dictionary and a migrated workspace database.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from '../core/store/migrations';
import type { Dictionary } from '../core/dict/types';

const FIX = join(import.meta.dirname, '../../fixtures/dict');

/** fixtures/dict/small.json as parsed (not validated). */
export const smallDictionary = (): Dictionary => JSON.parse(readFileSync(join(FIX, 'small.json'), 'utf8')) as Dictionary;

/** A workspace database at `path` with foreign keys on and every migration applied. */
export function openMigratedDb(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}
