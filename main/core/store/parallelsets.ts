// Parallel text sets in the workspace (schema 5): one row per set, one per aligned row.
import type Database from 'better-sqlite3';
import type { ParallelSetSummary } from '../../api/contract';
import type { ParallelFile, ParallelRow } from '../parallel/read';
import { NotFoundError } from './errors';

type Db = Database.Database;

const SELECT = `SELECT id, name, format, source_path AS sourcePath, sha256, languages_json, rows, created_at AS createdAt FROM parallel_sets`;

type Raw = Omit<ParallelSetSummary, 'languages'> & { languages_json: string };
const toSummary = ({ languages_json, ...r }: Raw): ParallelSetSummary => ({ ...r, languages: JSON.parse(languages_json) as string[] });

export function parallelStore(db: Db) {
  const get = (id: number): ParallelSetSummary => {
    const row = db.prepare(`${SELECT} WHERE id = ?`).get(id) as Raw | undefined;
    if (!row) throw new NotFoundError(`parallel set ${id} not found`);
    return toSummary(row);
  };
  return {
    add(name: string, sourcePath: string, file: ParallelFile): ParallelSetSummary {
      return db.transaction(() => {
        const info = db
          .prepare(`INSERT INTO parallel_sets (name, format, source_path, sha256, languages_json, rows, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
          .run(name, file.format, sourcePath, file.sha256, JSON.stringify(file.languages), file.rows.length, new Date().toISOString());
        const id = Number(info.lastInsertRowid);
        const ins = db.prepare(`INSERT INTO parallel_rows (set_id, position, row_json) VALUES (?, ?, ?)`);
        file.rows.forEach((r, i) => ins.run(id, i, JSON.stringify(r)));
        return get(id);
      })();
    },
    list: (): ParallelSetSummary[] => (db.prepare(`${SELECT} ORDER BY id`).all() as Raw[]).map(toSummary),
    get,
    findBySha: (sha256: string): ParallelSetSummary | null => {
      const row = db.prepare(`${SELECT} WHERE sha256 = ? ORDER BY id LIMIT 1`).get(sha256) as Raw | undefined;
      return row ? toSummary(row) : null;
    },
    remove: (id: number): boolean =>
      db.transaction(() => {
        db.prepare(`DELETE FROM parallel_rows WHERE set_id = ?`).run(id);
        return db.prepare(`DELETE FROM parallel_sets WHERE id = ?`).run(id).changes > 0;
      })(),
    rows(id: number): ParallelRow[] {
      get(id);
      return (db.prepare(`SELECT row_json FROM parallel_rows WHERE set_id = ? ORDER BY position`).pluck().all(id) as string[]).map((j) => JSON.parse(j) as ParallelRow);
    },
  };
}

export type ParallelStore = ReturnType<typeof parallelStore>;
