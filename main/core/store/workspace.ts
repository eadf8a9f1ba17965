// A workspace is one SQLite file (*.tokstudio) holding imported corpora (as count tables), tokenizer
// versions and the job log. All access is synchronous (better-sqlite3); every multi-row write is one
// transaction, so a crash or an error leaves either all of it or none of it.
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import type { Corpus, Job, JobStatus, TokenizerSummary, WorkspaceInfo } from '../../api/contract';
import type { BpeModel } from '../bpe/types';
import type { HybridModel } from '../hybrid/model';
import { NotFoundError, WorkspaceError } from './errors';
import { SCHEMA_VERSION, migrate, newerSchemaError, schemaVersionOf } from './migrations';
import { dictionaryStore, type DictionaryStore } from './dictionaries';
import { goldStore, type GoldStore } from './goldsets';
import { parallelStore, type ParallelStore } from './parallelsets';
import { evaluationStore, type EvaluationStore } from './evaluations';
import { annotationStore, type AnnotationStore } from './annotations';

export { NotFoundError, WorkspaceError } from './errors';

export const WORKSPACE_EXTENSION = '.tokstudio';

export interface OpenOptions {
  readonly?: boolean;
  /**
   * The process that owns the job queue (the app, not a worker thread doing one job's work): on
   * open, jobs a crashed run left queued or running are marked failed.
   */
  owner?: boolean;
}

export interface CorpusCountsInput {
  words: Map<string, number>;
  pretokens?: { pattern: string; counts: Map<string, number> };
}

export interface CountSetInfo {
  scheme: string;
  pattern: string | null;
  /** Distinct units. */
  types: number;
  /** Sum of counts. */
  total: number;
}

/** A BPE version keeps its vocabulary and merges in tables; a hybrid version is one JSON model plus vocab rows. */
export type KindedModel = { kind: 'bpe'; model: BpeModel } | { kind: 'hybrid'; model: HybridModel };

export type NewTokenizerVersion = NewVersionBase & KindedModel;

interface NewVersionBase {
  name: string;
  source: TokenizerSummary['source'];
  parentId: number | null;
  config: object;
  configHash: string;
  /** One per vocabulary id (TokenType values). */
  tokenTypes: string[];
  stats: object;
  trainingMs: number | null;
  corpusIds: number[];
}

export type StoredTokenizerVersion = StoredVersionBase & KindedModel;

interface StoredVersionBase {
  summary: TokenizerSummary;
  config: Record<string, unknown>;
  stats: Record<string, unknown>;
  corpusIds: number[];
  tokenTypes: string[];
}

export interface VocabPage {
  total: number;
  items: { id: number; token: string; type: string }[];
}

export type JobPatch = Partial<
  Pick<Job, 'status' | 'phase' | 'percent' | 'message' | 'error' | 'resultId' | 'startedAt' | 'finishedAt'>
>;

export const INTERRUPTED_JOB_ERROR = 'interrupted: the app stopped while this job ran';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const TERMINAL: ReadonlySet<JobStatus> = new Set(['done', 'failed', 'cancelled']);
const JOB_COLUMNS: Record<keyof JobPatch, string> = {
  status: 'status',
  phase: 'phase',
  percent: 'percent',
  message: 'message',
  error: 'error',
  resultId: 'result_id',
  startedAt: 'started_at',
  finishedAt: 'finished_at',
};

const CORPUS_SELECT = `SELECT id, name, source_path AS sourcePath, format, compressed, language,
  text_field AS textField, size_bytes AS sizeBytes, sha256, lines, words, word_types AS wordTypes,
  imported_at AS importedAt, import_ms AS importMs FROM corpora`;
const VERSION_SELECT = `SELECT id, name, kind, source, parent_id AS parentId, vocab_size AS vocabSize,
  config_hash AS configHash, created_at AS createdAt, training_ms AS trainingMs FROM tokenizer_versions`;
const JOB_SELECT = `SELECT id, kind, status, phase, percent, message, error, result_id AS resultId,
  started_at AS startedAt, finished_at AS finishedAt FROM jobs`;

type Row = Record<string, unknown>;

const now = (): string => new Date().toISOString();

function toCorpus(row: Row): Corpus {
  return { ...(row as Corpus), compressed: row.compressed === 1 };
}

function toJob(row: Row): Job {
  return { ...(row as Omit<Job, 'rate' | 'rateUnit'>), rate: null, rateUnit: null } as Job;
}

/** Refuses, without writing to it, a file that is not an SQLite database. */
function checkSqliteHeader(path: string): void {
  const stat = statSync(path);
  if (stat.isDirectory()) throw new WorkspaceError(`${path} is a folder, not a Tokenizer Studio workspace`);
  if (stat.size === 0) return; // SQLite treats an empty file as a new database
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (stat.size < 100 || !head.equals(SQLITE_HEADER)) {
    throw new WorkspaceError(`${path} is not a Tokenizer Studio workspace (not an SQLite database)`);
  }
}

export class Workspace {
  readonly path: string;
  readonly readonly: boolean;
  private readonly db: Database.Database;

  private constructor(path: string, db: Database.Database, readonly: boolean) {
    this.path = path;
    this.db = db;
    this.readonly = readonly;
  }

  static open(path: string, opts: OpenOptions = {}): Workspace {
    const file = resolve(path);
    const readonly = opts.readonly === true;
    if (existsSync(file)) checkSqliteHeader(file);
    else if (readonly) throw new WorkspaceError(`workspace ${file} does not exist`);
    else mkdirSync(dirname(file), { recursive: true });

    let db: Database.Database;
    try {
      db = new Database(file, { readonly, fileMustExist: readonly });
    } catch (e) {
      throw new WorkspaceError(`cannot open workspace ${file}: ${(e as Error).message}`, { cause: e });
    }
    try {
      db.pragma('busy_timeout = 5000');
      // Checks first: nothing below may write to a file that turns out not to be ours.
      let version: number;
      try {
        version = schemaVersionOf(db);
        if (version === 0) {
          const tables = db.prepare(`SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'`).pluck().get() as number;
          if (tables > 0) throw new WorkspaceError(`${file} is not a Tokenizer Studio workspace (an SQLite database of another application)`);
        } else if (version <= SCHEMA_VERSION) {
          const app = db.prepare(`SELECT value FROM meta WHERE key = 'app'`).pluck().get();
          if (app !== 'tokenizer-studio') throw new Error('no app marker');
        }
      } catch (e) {
        if (e instanceof WorkspaceError) throw e;
        throw new WorkspaceError(`${file} is not a Tokenizer Studio workspace (${(e as Error).message})`, { cause: e });
      }
      if (version > SCHEMA_VERSION) throw newerSchemaError(file, version, SCHEMA_VERSION);
      db.pragma('foreign_keys = ON');
      if (readonly) {
        if (version < SCHEMA_VERSION) {
          throw new WorkspaceError(`workspace ${file} has schema ${version} and must be upgraded to ${SCHEMA_VERSION}; open it once without read-only`);
        }
      } else {
        db.pragma('journal_mode = WAL');
        migrate(db, undefined, file);
      }
    } catch (e) {
      db.close();
      throw e;
    }
    const ws = new Workspace(file, db, readonly);
    if (opts.owner && !readonly) ws.failInterruptedJobs();
    return ws;
  }

  /**
   * `$TOKSTUDIO_HOME/default.tokstudio` when TOKSTUDIO_HOME is set, else
   * `<user data folder>/Tokenizer Studio/default.tokstudio`.
   */
  static defaultPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
    const file = 'default' + WORKSPACE_EXTENSION;
    if (env.TOKSTUDIO_HOME) return join(env.TOKSTUDIO_HOME, file);
    let base: string;
    if (platform === 'win32') base = env.APPDATA || join(home, 'AppData', 'Roaming');
    else if (platform === 'darwin') base = join(home, 'Library', 'Application Support');
    else base = env.XDG_CONFIG_HOME || join(home, '.config');
    return join(base, 'Tokenizer Studio', file);
  }

  /** The count scheme for pre-tokens of one pre-tokenizer pattern. */
  static patternScheme(pattern: string): string {
    return 'pretok:' + createHash('sha256').update(pattern).digest('hex').slice(0, 16);
  }

  get schemaVersion(): number {
    return schemaVersionOf(this.db);
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Runs `fn` in one transaction (a savepoint when nested). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  info(): WorkspaceInfo {
    const count = (table: string): number => this.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    return {
      path: this.path,
      schemaVersion: this.schemaVersion,
      corpora: count('corpora'),
      tokenizers: count('tokenizer_versions'),
      engine: 'typescript',
    };
  }

  /** Affix dictionaries stored in this workspace (see dictionaries.ts). */
  get dictionaries(): DictionaryStore {
    return dictionaryStore(this.db);
  }

  /** Gold segmentation sets (goldsets.ts). */
  get gold(): GoldStore {
    return goldStore(this.db);
  }

  /** Parallel text sets (parallelsets.ts). */
  get parallel(): ParallelStore {
    return parallelStore(this.db);
  }

  /** Stored evaluation runs (evaluations.ts). */
  get evaluations(): EvaluationStore {
    return evaluationStore(this.db);
  }

  /** Annotation queues, annotations and their undo log (annotations.ts). */
  get annotations(): AnnotationStore {
    return annotationStore(this.db);
  }

  // ---------- corpora ----------

  addCorpus(meta: Omit<Corpus, 'id'>, counts: CorpusCountsInput): Corpus {
    return this.transaction(() => {
      const info = this.db
        .prepare(
          `INSERT INTO corpora (name, source_path, format, compressed, language, text_field, size_bytes, sha256,
             lines, words, word_types, imported_at, import_ms)
           VALUES (@name, @sourcePath, @format, @compressed, @language, @textField, @sizeBytes, @sha256,
             @lines, @words, @wordTypes, @importedAt, @importMs)`,
        )
        .run({ ...meta, compressed: meta.compressed ? 1 : 0 });
      const id = Number(info.lastInsertRowid);
      this.writeCounts(id, 'words', null, counts.words);
      if (counts.pretokens) {
        const { pattern } = counts.pretokens;
        this.writeCounts(id, Workspace.patternScheme(pattern), pattern, counts.pretokens.counts);
      }
      return this.getCorpus(id);
    });
  }

  listCorpora(): Corpus[] {
    return (this.db.prepare(`${CORPUS_SELECT} ORDER BY id`).all() as Row[]).map(toCorpus);
  }

  getCorpus(id: number): Corpus {
    const row = this.db.prepare(`${CORPUS_SELECT} WHERE id = ?`).get(id) as Row | undefined;
    if (!row) throw new NotFoundError(`corpus ${id} not found`);
    return toCorpus(row);
  }

  findCorpusBySha(sha256: string): Corpus | null {
    const row = this.db.prepare(`${CORPUS_SELECT} WHERE sha256 = ? ORDER BY id LIMIT 1`).get(sha256) as Row | undefined;
    return row ? toCorpus(row) : null;
  }

  /** Removes the corpus and its counts. Tokenizer versions keep its id in their corpus list. */
  removeCorpus(id: number): boolean {
    return this.db.prepare(`DELETE FROM corpora WHERE id = ?`).run(id).changes > 0;
  }

  /** The stored count table, or null when this corpus has none under `scheme`. */
  getCounts(corpusId: number, scheme: string): Map<string, number> | null {
    const set = this.db.prepare(`SELECT 1 FROM corpus_count_sets WHERE corpus_id = ? AND scheme = ?`).get(corpusId, scheme);
    if (!set) return null;
    const counts = new Map<string, number>();
    const rows = this.db
      .prepare(`SELECT unit, count FROM corpus_counts WHERE corpus_id = ? AND scheme = ?`)
      .raw()
      .iterate(corpusId, scheme) as IterableIterator<[string, number]>;
    for (const [unit, count] of rows) counts.set(unit, count);
    return counts;
  }

  listCountSets(corpusId: number): CountSetInfo[] {
    return this.db
      .prepare(`SELECT scheme, pattern, types, total FROM corpus_count_sets WHERE corpus_id = ? ORDER BY scheme`)
      .all(corpusId) as CountSetInfo[];
  }

  /** Stores (or replaces) one count table of a corpus, in one transaction. */
  putCounts(corpusId: number, scheme: string, pattern: string | null, counts: Map<string, number>): void {
    if (pattern !== null && scheme.startsWith('pretok:') && scheme !== Workspace.patternScheme(pattern)) {
      throw new Error(`count scheme ${scheme} does not belong to the given pattern (expected ${Workspace.patternScheme(pattern)})`);
    }
    this.transaction(() => {
      this.getCorpus(corpusId);
      this.writeCounts(corpusId, scheme, pattern, counts);
    });
  }

  private writeCounts(corpusId: number, scheme: string, pattern: string | null, counts: Map<string, number>): void {
    if (scheme.length === 0) throw new Error('count scheme must not be empty');
    this.db.prepare(`DELETE FROM corpus_count_sets WHERE corpus_id = ? AND scheme = ?`).run(corpusId, scheme);
    this.db
      .prepare(`INSERT INTO corpus_count_sets (corpus_id, scheme, pattern, types, total) VALUES (?, ?, ?, 0, 0)`)
      .run(corpusId, scheme, pattern);
    const insert = this.db.prepare(`INSERT INTO corpus_counts (corpus_id, scheme, unit, count) VALUES (?, ?, ?, ?)`);
    let total = 0;
    for (const [unit, count] of counts) {
      // SQLite would quietly store a number key as text and a float count as REAL: refuse both.
      if (typeof unit !== 'string') throw new TypeError(`count key must be a string, got ${typeof unit} ${String(unit)}`);
      if (!Number.isSafeInteger(count) || count <= 0) throw new TypeError(`count of ${JSON.stringify(unit)} must be a positive integer, got ${count}`);
      insert.run(corpusId, scheme, unit, count);
      total += count;
    }
    this.db
      .prepare(`UPDATE corpus_count_sets SET types = ?, total = ? WHERE corpus_id = ? AND scheme = ?`)
      .run(counts.size, total, corpusId, scheme);
  }

  // ---------- tokenizer versions ----------

  addTokenizerVersion(v: NewTokenizerVersion): TokenizerSummary {
    const { model } = v;
    if (v.tokenTypes.length !== model.vocab.length) {
      throw new Error(`tokenTypes has ${v.tokenTypes.length} entries for a vocabulary of ${model.vocab.length}`);
    }
    return this.transaction(() => {
      if (v.parentId !== null) this.getTokenizerSummary(v.parentId);
      const info = this.db
        .prepare(
          `INSERT INTO tokenizer_versions (name, kind, source, parent_id, config_json, config_hash, model_json,
             stats_json, vocab_size, training_ms, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          v.name,
          v.kind,
          v.source,
          v.parentId,
          JSON.stringify(v.config),
          v.configHash,
          // BPE: everything but the vocabulary and merges, which have tables of their own. Hybrid: the whole model.
          JSON.stringify(v.kind === 'bpe' ? { ...v.model, vocab: undefined, merges: undefined } : v.model),
          JSON.stringify(v.stats),
          model.vocab.length,
          v.trainingMs,
          now(),
        );
      const id = Number(info.lastInsertRowid);
      const link = this.db.prepare(`INSERT OR IGNORE INTO tokenizer_corpora (version_id, corpus_id) VALUES (?, ?)`);
      for (const corpusId of v.corpusIds) link.run(id, corpusId);
      const vocab = this.db.prepare(`INSERT INTO vocab (version_id, id, token, type) VALUES (?, ?, ?, ?)`);
      model.vocab.forEach((token, i) => vocab.run(id, i, token, v.tokenTypes[i]));
      if (v.kind === 'bpe') {
        const merge = this.db.prepare(`INSERT INTO merges (version_id, rank, "left", "right") VALUES (?, ?, ?, ?)`);
        v.model.merges.forEach(([left, right], rank) => merge.run(id, rank, left, right));
      }
      return this.getTokenizerSummary(id);
    });
  }

  listTokenizerVersions(): TokenizerSummary[] {
    return this.db.prepare(`${VERSION_SELECT} ORDER BY id`).all() as TokenizerSummary[];
  }

  /** Just the config of a version (cheap: no vocabulary or model). */
  getTokenizerConfig(id: number): Record<string, unknown> {
    const json = this.db.prepare(`SELECT config_json FROM tokenizer_versions WHERE id = ?`).pluck().get(id) as string | undefined;
    if (json === undefined) throw new NotFoundError(`tokenizer version ${id} not found`);
    return JSON.parse(json) as Record<string, unknown>;
  }

  getTokenizerSummary(id: number): TokenizerSummary {
    const row = this.db.prepare(`${VERSION_SELECT} WHERE id = ?`).get(id) as TokenizerSummary | undefined;
    if (!row) throw new NotFoundError(`tokenizer version ${id} not found`);
    return row;
  }

  getTokenizerVersion(id: number): StoredTokenizerVersion {
    return this.transaction(() => {
      const summary = this.getTokenizerSummary(id);
      const json = this.db
        .prepare(`SELECT config_json, stats_json, model_json FROM tokenizer_versions WHERE id = ?`)
        .raw()
        .get(id) as [string, string, string];
      const base = {
        summary,
        config: JSON.parse(json[0]) as Record<string, unknown>,
        stats: JSON.parse(json[1]) as Record<string, unknown>,
        corpusIds: this.db
          .prepare(`SELECT corpus_id FROM tokenizer_corpora WHERE version_id = ? ORDER BY corpus_id`)
          .pluck()
          .all(id) as number[],
      };
      if (summary.kind === 'hybrid') {
        const model = JSON.parse(json[2]) as HybridModel;
        const tokenTypes = this.db.prepare(`SELECT type FROM vocab WHERE version_id = ? ORDER BY id`).pluck().all(id) as string[];
        return { ...base, kind: 'hybrid', model, tokenTypes };
      }
      const rest = JSON.parse(json[2]) as Omit<BpeModel, 'vocab' | 'merges'>;
      const vocab: string[] = [];
      const tokenTypes: string[] = [];
      const vocabRows = this.db.prepare(`SELECT id, token, type FROM vocab WHERE version_id = ? ORDER BY id`).raw().iterate(id);
      for (const [tokenId, token, type] of vocabRows as IterableIterator<[number, string, string]>) {
        if (tokenId !== vocab.length) throw new Error(`tokenizer version ${id} is damaged: vocabulary id ${vocab.length} is missing`);
        vocab.push(token);
        tokenTypes.push(type);
      }
      const merges: [string, string][] = [];
      const mergeRows = this.db.prepare(`SELECT "left", "right" FROM merges WHERE version_id = ? ORDER BY rank`).raw().iterate(id);
      for (const pair of mergeRows as IterableIterator<[string, string]>) merges.push(pair);
      return { ...base, kind: 'bpe', model: { ...rest, vocab, merges }, tokenTypes };
    });
  }

  /** Removes the version with its vocabulary and merges; versions derived from it lose their parent link. */
  removeTokenizerVersion(id: number): boolean {
    return this.db.prepare(`DELETE FROM tokenizer_versions WHERE id = ?`).run(id).changes > 0;
  }

  vocabPage(id: number, offset: number, limit: number): VocabPage {
    const { vocabSize } = this.getTokenizerSummary(id);
    // Ids are contiguous from 0, so a range on the key beats OFFSET (which walks skipped rows).
    const items = this.db
      .prepare(`SELECT id, token, type FROM vocab WHERE version_id = ? AND id >= ? AND id < ? ORDER BY id`)
      .all(id, offset, offset + limit) as VocabPage['items'];
    return { total: vocabSize, items };
  }

  // ---------- jobs ----------

  createJob(kind: Job['kind'], args: unknown): Job {
    const info = this.db
      .prepare(`INSERT INTO jobs (kind, status, phase, percent, args_json, started_at) VALUES (?, 'queued', 'queued', 0, ?, ?)`)
      .run(kind, JSON.stringify(args ?? null), now());
    return this.getJob(Number(info.lastInsertRowid));
  }

  /** Applies `patch`; reaching done/failed/cancelled stamps finishedAt unless the patch sets it. */
  updateJob(id: number, patch: JobPatch): Job {
    const sets: string[] = [];
    const values: unknown[] = [];
    for (const [key, value] of Object.entries(patch)) {
      const column = JOB_COLUMNS[key as keyof JobPatch];
      if (!column) throw new Error(`unknown job field ${key}`);
      if (value === undefined) continue;
      sets.push(`${column} = ?`);
      values.push(value);
    }
    if (patch.status && TERMINAL.has(patch.status) && patch.finishedAt === undefined) {
      sets.push('finished_at = ?');
      values.push(now());
    }
    if (sets.length > 0) {
      const changes = this.db.prepare(`UPDATE jobs SET ${sets.join(', ')} WHERE id = ?`).run(...values, id).changes;
      if (changes === 0) throw new NotFoundError(`job ${id} not found`);
    }
    return this.getJob(id);
  }

  getJob(id: number): Job {
    const row = this.db.prepare(`${JOB_SELECT} WHERE id = ?`).get(id) as Row | undefined;
    if (!row) throw new NotFoundError(`job ${id} not found`);
    return toJob(row);
  }

  /** The arguments the job was created with. */
  getJobArgs(id: number): unknown {
    const json = this.db.prepare(`SELECT args_json FROM jobs WHERE id = ?`).pluck().get(id) as string | undefined;
    if (json === undefined) throw new NotFoundError(`job ${id} not found`);
    return JSON.parse(json);
  }

  /** Newest first. */
  listJobs(limit = 50): Job[] {
    return (this.db.prepare(`${JOB_SELECT} ORDER BY id DESC LIMIT ?`).all(limit) as Row[]).map(toJob);
  }

  /**
   * Marks jobs left queued or running by a process that stopped as failed. Only the queue's owner
   * may call this: a worker opening the workspace to run a job would otherwise fail its own job.
   */
  failInterruptedJobs(): number {
    return this.db
      .prepare(`UPDATE jobs SET status = 'failed', error = ?, finished_at = ? WHERE status IN ('queued', 'running')`)
      .run(INTERRUPTED_JOB_ERROR, now()).changes;
  }
}
