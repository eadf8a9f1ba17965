// Stored evaluation runs (schema 5): config, inputs (with their checksums) and results as JSON, so a run can
// be shown, exported and compared with later runs long after its inputs changed or were removed.
import type Database from 'better-sqlite3';
import type { EvalResult, EvalSummary } from '../../api/contract';
import { NotFoundError } from './errors';

type Db = Database.Database;

export type NewEvaluation = Omit<EvalResult, 'id'>;

interface Row {
  id: number;
  name: string;
  created_at: string;
  duration_ms: number;
  config_json: string;
  inputs_json: string;
  results_json: string;
}

function toResult(r: Row): EvalResult {
  const results = JSON.parse(r.results_json) as Pick<EvalResult, 'tokenizers' | 'curve'>;
  return {
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    durationMs: r.duration_ms,
    config: JSON.parse(r.config_json) as EvalResult['config'],
    inputs: JSON.parse(r.inputs_json) as EvalResult['inputs'],
    tokenizers: results.tokenizers,
    curve: results.curve,
  };
}

export function evaluationStore(db: Db) {
  const get = (id: number): EvalResult => {
    const row = db.prepare(`SELECT * FROM evaluations WHERE id = ?`).get(id) as Row | undefined;
    if (!row) throw new NotFoundError(`evaluation ${id} not found`);
    return toResult(row);
  };
  return {
    add(e: NewEvaluation): number {
      const info = db
        .prepare(`INSERT INTO evaluations (name, created_at, duration_ms, config_json, inputs_json, results_json) VALUES (?, ?, ?, ?, ?, ?)`)
        .run(e.name, e.createdAt, e.durationMs, JSON.stringify(e.config), JSON.stringify(e.inputs), JSON.stringify({ tokenizers: e.tokenizers, curve: e.curve }));
      return Number(info.lastInsertRowid);
    },
    get,
    list(): EvalSummary[] {
      const rows = db.prepare(`SELECT id, name, created_at, duration_ms, inputs_json FROM evaluations ORDER BY id`).all() as Omit<Row, 'config_json' | 'results_json'>[];
      return rows.map((r) => {
        const inputs = JSON.parse(r.inputs_json) as EvalResult['inputs'];
        return {
          id: r.id,
          name: r.name,
          createdAt: r.created_at,
          durationMs: r.duration_ms,
          tokenizers: inputs.tokenizers.map((t) => t.label),
          corpus: inputs.corpus?.name ?? null,
          goldSets: inputs.goldSets.length,
          parallelSets: inputs.parallelSets.length,
        };
      });
    },
    remove: (id: number): boolean => db.prepare(`DELETE FROM evaluations WHERE id = ?`).run(id).changes > 0,
  };
}

export type EvaluationStore = ReturnType<typeof evaluationStore>;
