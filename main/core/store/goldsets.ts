// Gold segmentation sets in the workspace (schema 5): one row per set, one per word. A set is written in one
// transaction, so a failed import leaves nothing behind.
import type Database from 'better-sqlite3';
import type { GoldEntry, GoldSetSummary } from '../../api/contract';
import type { GoldFileFormat, GoldItem } from '../gold/types';
import { UserError } from '../errors';
import { NotFoundError } from './errors';

type Db = Database.Database;

export interface NewGoldSet {
  name: string;
  language: string;
  format: GoldFileFormat;
  sourcePath: string;
  sha256: string;
  items: readonly GoldItem[];
}

const SELECT = `SELECT s.id, s.name, s.language, s.format, s.source, s.source_path AS sourcePath, s.sha256, s.entries,
  (SELECT count(*) FROM gold_entries e WHERE e.set_id = s.id AND json_array_length(e.segments_json) > 1) AS withAlternatives,
  s.created_at AS createdAt FROM gold_sets s`;

export function goldStore(db: Db) {
  const get = (id: number): GoldSetSummary => {
    const row = db.prepare(`${SELECT} WHERE s.id = ?`).get(id) as GoldSetSummary | undefined;
    if (!row) throw new NotFoundError(`gold set ${id} not found`);
    return row;
  };
  return {
    add(set: NewGoldSet): GoldSetSummary {
      return db.transaction(() => {
        const info = db
          .prepare(`INSERT INTO gold_sets (name, language, format, source, source_path, sha256, entries, created_at) VALUES (?, ?, ?, 'file', ?, ?, ?, ?)`)
          .run(set.name, set.language, set.format, set.sourcePath, set.sha256, set.items.length, new Date().toISOString());
        const id = Number(info.lastInsertRowid);
        const ins = db.prepare(`INSERT INTO gold_entries (set_id, position, word, segments_json, line) VALUES (?, ?, ?, ?, ?)`);
        set.items.forEach((it, i) => ins.run(id, i, it.word, JSON.stringify(it.alternatives), it.line));
        return get(id);
      })();
    },
    list: (): GoldSetSummary[] => db.prepare(`${SELECT} ORDER BY s.id`).all() as GoldSetSummary[],
    get,
    /** The oldest file set with this content hash, or null. */
    findBySha: (sha256: string): GoldSetSummary | null =>
      (db.prepare(`${SELECT} WHERE s.sha256 = ? AND s.source = 'file' ORDER BY s.id LIMIT 1`).get(sha256) as GoldSetSummary | undefined) ?? null,
    remove: (id: number): boolean =>
      db.transaction(() => {
        // An annotation queue's set goes with its queue (annotate.removeQueue), not on its own.
        const queue = db.prepare(`SELECT id, name FROM annotation_queues WHERE gold_set_id = ?`).get(id) as { id: number; name: string } | undefined;
        if (queue) throw new UserError(`gold set ${id} is fed by annotation queue #${queue.id} "${queue.name}"; remove the queue instead`, 'conflict');
        db.prepare(`DELETE FROM gold_entries WHERE set_id = ?`).run(id);
        return db.prepare(`DELETE FROM gold_sets WHERE id = ?`).run(id).changes > 0;
      })(),
    entries(id: number, offset: number, limit: number): { total: number; items: GoldEntry[] } {
      const total = get(id).entries;
      const rows = db
        .prepare(`SELECT position, word, segments_json, line FROM gold_entries WHERE set_id = ? ORDER BY position LIMIT ? OFFSET ?`)
        .all(id, limit, offset) as { position: number; word: string; segments_json: string; line: number | null }[];
      return { total, items: rows.map((r) => ({ position: r.position, word: r.word, alternatives: JSON.parse(r.segments_json) as string[][], line: r.line })) };
    },
    /** Every entry, for evaluation. */
    items(id: number): GoldItem[] {
      get(id);
      const rows = db.prepare(`SELECT word, segments_json, line FROM gold_entries WHERE set_id = ? ORDER BY position`).all(id) as { word: string; segments_json: string; line: number | null }[];
      return rows.map((r) => ({ word: r.word, alternatives: JSON.parse(r.segments_json) as string[][], line: r.line ?? 0 }));
    },
  };
}

export type GoldStore = ReturnType<typeof goldStore>;
