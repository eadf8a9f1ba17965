// The workspace schema, as an ordered list of migrations. PRAGMA user_version records how many have
// run; opening a workspace applies the missing ones, each in its own transaction, so an old workspace
// is upgraded in place and a failed step leaves it at the previous version. Later features
// (dictionaries, annotations, evaluations) append migrations here; never edit a released one.
import type Database from 'better-sqlite3';
import { WorkspaceError } from './errors';

export interface Migration {
  version: number;
  name: string;
  up: string | ((db: Database.Database) => void);
}

const INITIAL_SCHEMA = /* sql */ `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES
  ('app', 'tokenizer-studio'),
  ('created_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

CREATE TABLE corpora (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  source_path TEXT NOT NULL,
  format      TEXT NOT NULL CHECK (format IN ('text', 'jsonl', 'counts')),
  compressed  INTEGER NOT NULL CHECK (compressed IN (0, 1)),
  language    TEXT NOT NULL,
  text_field  TEXT,
  size_bytes  INTEGER NOT NULL,
  sha256      TEXT NOT NULL,
  lines       INTEGER NOT NULL,
  words       INTEGER NOT NULL,
  word_types  INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  import_ms   REAL NOT NULL
);
CREATE INDEX corpora_sha256 ON corpora (sha256);

-- One row per stored count table of a corpus: scheme 'words' (whitespace words) or
-- 'pretok:<16 hex of sha256(pattern)>' (pre-tokens of one pre-tokenizer pattern).
CREATE TABLE corpus_count_sets (
  corpus_id INTEGER NOT NULL REFERENCES corpora (id) ON DELETE CASCADE,
  scheme    TEXT NOT NULL,
  pattern   TEXT,
  types     INTEGER NOT NULL,
  total     INTEGER NOT NULL,
  PRIMARY KEY (corpus_id, scheme)
) WITHOUT ROWID;

-- Counts hang off their set (not just the corpus), so replacing or removing a set removes exactly
-- its rows, and removing a corpus cascades corpora -> sets -> counts.
CREATE TABLE corpus_counts (
  corpus_id INTEGER NOT NULL,
  scheme    TEXT NOT NULL,
  unit      TEXT NOT NULL,
  count     INTEGER NOT NULL CHECK (count > 0),
  PRIMARY KEY (corpus_id, scheme, unit),
  FOREIGN KEY (corpus_id, scheme) REFERENCES corpus_count_sets (corpus_id, scheme) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE tokenizer_versions (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('bpe', 'hybrid', 'syllable')),
  source      TEXT NOT NULL CHECK (source IN ('trained', 'imported', 'cut')),
  parent_id   INTEGER REFERENCES tokenizer_versions (id) ON DELETE SET NULL,
  config_json TEXT NOT NULL,
  config_hash TEXT NOT NULL,
  model_json  TEXT NOT NULL, -- what the vocab and merges tables do not hold: pattern, specials
  stats_json  TEXT NOT NULL,
  vocab_size  INTEGER NOT NULL,
  training_ms REAL,
  created_at  TEXT NOT NULL
);
CREATE INDEX tokenizer_versions_parent ON tokenizer_versions (parent_id);
CREATE INDEX tokenizer_versions_config ON tokenizer_versions (config_hash);

-- No foreign key to corpora on purpose: a version keeps the record of which corpora trained it
-- after a corpus is removed (callers resolve ids that no longer exist as "removed corpus").
CREATE TABLE tokenizer_corpora (
  version_id INTEGER NOT NULL REFERENCES tokenizer_versions (id) ON DELETE CASCADE,
  corpus_id  INTEGER NOT NULL,
  PRIMARY KEY (version_id, corpus_id)
) WITHOUT ROWID;

CREATE TABLE vocab (
  version_id INTEGER NOT NULL REFERENCES tokenizer_versions (id) ON DELETE CASCADE,
  id         INTEGER NOT NULL,
  token      TEXT NOT NULL,
  type       TEXT NOT NULL,
  PRIMARY KEY (version_id, id)
) WITHOUT ROWID;

CREATE TABLE merges (
  version_id INTEGER NOT NULL REFERENCES tokenizer_versions (id) ON DELETE CASCADE,
  rank       INTEGER NOT NULL,
  "left"     TEXT NOT NULL,
  "right"    TEXT NOT NULL,
  PRIMARY KEY (version_id, rank)
) WITHOUT ROWID;

CREATE TABLE jobs (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('import', 'train')),
  status      TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  phase       TEXT NOT NULL DEFAULT '',
  percent     REAL NOT NULL DEFAULT 0,
  message     TEXT,
  error       TEXT,
  args_json   TEXT NOT NULL,
  result_id   INTEGER,
  started_at  TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX jobs_status ON jobs (status);
`;

// Affix dictionaries. Every entry is its own row with a stable id, so an editor can change one root or
// one variant (and an undo log can record it) without rewriting the dictionary; order columns keep
// the given order of variants and alternants (the first variant is the citation form).
const DICTIONARIES = /* sql */ `
CREATE TABLE dictionaries (
  id                 INTEGER PRIMARY KEY,
  name               TEXT NOT NULL,
  language           TEXT NOT NULL,
  format_version     TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  sources_json       TEXT NOT NULL DEFAULT '[]',
  char_classes_json  TEXT NOT NULL DEFAULT '{}',
  alphabet           TEXT NOT NULL,
  morphotactics_json TEXT -- NULL: the dictionary has no morphotactics (any order)
);
CREATE INDEX dictionaries_name ON dictionaries (name);

CREATE TABLE dict_roots (
  id            INTEGER PRIMARY KEY,
  dictionary_id INTEGER NOT NULL REFERENCES dictionaries (id) ON DELETE CASCADE,
  surface       TEXT NOT NULL CHECK (surface <> ''),
  pos           TEXT NOT NULL,
  gloss         TEXT,
  UNIQUE (dictionary_id, surface, pos)
);

CREATE TABLE dict_root_alternants (
  root_id   INTEGER NOT NULL REFERENCES dict_roots (id) ON DELETE CASCADE,
  surface   TEXT NOT NULL CHECK (surface <> ''),
  position  INTEGER NOT NULL,
  when_json TEXT,
  PRIMARY KEY (root_id, surface)
) WITHOUT ROWID;

CREATE TABLE dict_groups (
  id            INTEGER PRIMARY KEY,
  dictionary_id INTEGER NOT NULL REFERENCES dictionaries (id) ON DELETE CASCADE,
  name          TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('prefix', 'suffix')),
  class         TEXT NOT NULL,
  gloss         TEXT,
  rules_json    TEXT, -- NULL: no rules, the variant choice is learned from the corpus
  UNIQUE (dictionary_id, name)
);

CREATE TABLE dict_variants (
  group_id INTEGER NOT NULL REFERENCES dict_groups (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  surface  TEXT NOT NULL CHECK (surface <> ''),
  PRIMARY KEY (group_id, surface)
) WITHOUT ROWID;
`;

// SQLite cannot alter a CHECK constraint: rebuild the jobs table with the wider list of kinds.
const MORE_JOB_KINDS = `
CREATE TABLE jobs_new (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('import', 'train', 'dict-import', 'evaluate')),
  status      TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  phase       TEXT NOT NULL DEFAULT '',
  percent     REAL NOT NULL DEFAULT 0,
  message     TEXT,
  error       TEXT,
  args_json   TEXT NOT NULL,
  result_id   INTEGER,
  started_at  TEXT NOT NULL,
  finished_at TEXT
);
INSERT INTO jobs_new SELECT id, kind, status, phase, percent, message, error, args_json, result_id, started_at, finished_at FROM jobs;
DROP TABLE jobs;
ALTER TABLE jobs_new RENAME TO jobs;
CREATE INDEX jobs_status ON jobs (status);
`;

// Dictionary editing: a revision counter, the undo log, and indexes for searching roots. Roots and groups
// are rebuilt with AUTOINCREMENT so a row id is never handed out twice: undoing a delete (or redoing an
// add) puts the row back under its old id, which another dictionary's insert must not have taken.
// Children are copied aside first and their tables dropped before their parents, so dropping the old
// parents cascades nothing (foreign keys are on during migrations).
const DICT_EDITING = /* sql */ `
ALTER TABLE dictionaries ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;

CREATE TEMP TABLE alt_copy AS SELECT root_id, surface, position, when_json FROM dict_root_alternants;
CREATE TEMP TABLE var_copy AS SELECT group_id, position, surface FROM dict_variants;
DROP TABLE dict_root_alternants;
DROP TABLE dict_variants;

CREATE TABLE dict_roots_new (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  dictionary_id INTEGER NOT NULL REFERENCES dictionaries (id) ON DELETE CASCADE,
  surface       TEXT NOT NULL CHECK (surface <> ''),
  pos           TEXT NOT NULL,
  gloss         TEXT,
  UNIQUE (dictionary_id, surface, pos)
);
INSERT INTO dict_roots_new (id, dictionary_id, surface, pos, gloss) SELECT id, dictionary_id, surface, pos, gloss FROM dict_roots;
DROP TABLE dict_roots;
ALTER TABLE dict_roots_new RENAME TO dict_roots;
CREATE INDEX dict_roots_pos ON dict_roots (dictionary_id, pos, surface);

CREATE TABLE dict_groups_new (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  dictionary_id INTEGER NOT NULL REFERENCES dictionaries (id) ON DELETE CASCADE,
  name          TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('prefix', 'suffix')),
  class         TEXT NOT NULL,
  gloss         TEXT,
  rules_json    TEXT,
  UNIQUE (dictionary_id, name)
);
INSERT INTO dict_groups_new (id, dictionary_id, name, kind, class, gloss, rules_json)
  SELECT id, dictionary_id, name, kind, class, gloss, rules_json FROM dict_groups;
DROP TABLE dict_groups;
ALTER TABLE dict_groups_new RENAME TO dict_groups;

CREATE TABLE dict_root_alternants (
  root_id   INTEGER NOT NULL REFERENCES dict_roots (id) ON DELETE CASCADE,
  surface   TEXT NOT NULL CHECK (surface <> ''),
  position  INTEGER NOT NULL,
  when_json TEXT,
  PRIMARY KEY (root_id, surface)
) WITHOUT ROWID;
INSERT INTO dict_root_alternants SELECT root_id, surface, position, when_json FROM alt_copy;
CREATE INDEX dict_root_alternants_surface ON dict_root_alternants (surface);

CREATE TABLE dict_variants (
  group_id INTEGER NOT NULL REFERENCES dict_groups (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  surface  TEXT NOT NULL CHECK (surface <> ''),
  PRIMARY KEY (group_id, surface)
) WITHOUT ROWID;
INSERT INTO dict_variants SELECT group_id, position, surface FROM var_copy;
DROP TABLE alt_copy;
DROP TABLE var_copy;

-- One row per edit, undo-able in seq order: forward and inverse are internal edit ops (dict/ops.ts).
CREATE TABLE dict_edits (
  id            INTEGER PRIMARY KEY,
  dictionary_id INTEGER NOT NULL REFERENCES dictionaries (id) ON DELETE CASCADE,
  seq           INTEGER NOT NULL,
  label         TEXT NOT NULL,
  forward_json  TEXT NOT NULL,
  inverse_json  TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state IN ('done', 'undone')),
  created_at    TEXT NOT NULL
);
CREATE INDEX dict_edits_seq ON dict_edits (dictionary_id, seq);
`;

// Evaluation: gold segmentation sets, parallel text sets and stored evaluation runs. A gold set comes from a
// file (source 'file') or, later, from the annotation tool (source 'annotation', no source path); that tool adds
// its own tables (annotators, per-entry status) keyed by gold_entries.id, so entries get a stable rowid.
// Evaluations name their inputs by id and sha256 inside inputs_json, without foreign keys: removing a gold set
// or a tokenizer keeps the record of what was measured.
const EVALUATION = /* sql */ `
CREATE TABLE gold_sets (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  language    TEXT NOT NULL,
  format      TEXT NOT NULL CHECK (format IN ('tsv', 'morpho', 'sigmorphon', 'morfessor', 'annotation')),
  source      TEXT NOT NULL DEFAULT 'file' CHECK (source IN ('file', 'annotation')),
  source_path TEXT,
  sha256      TEXT NOT NULL,
  entries     INTEGER NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE INDEX gold_sets_sha256 ON gold_sets (sha256);

CREATE TABLE gold_entries (
  id            INTEGER PRIMARY KEY,
  set_id        INTEGER NOT NULL REFERENCES gold_sets (id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  word          TEXT NOT NULL CHECK (word <> ''),
  segments_json TEXT NOT NULL, -- array of alternatives, each an array of segments spelling the word
  line          INTEGER,
  UNIQUE (set_id, position)
);
CREATE INDEX gold_entries_word ON gold_entries (set_id, word);

CREATE TABLE parallel_sets (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL,
  format         TEXT NOT NULL CHECK (format IN ('jsonl', 'tsv')),
  source_path    TEXT NOT NULL,
  sha256         TEXT NOT NULL,
  languages_json TEXT NOT NULL,
  rows           INTEGER NOT NULL,
  created_at     TEXT NOT NULL
);
CREATE INDEX parallel_sets_sha256 ON parallel_sets (sha256);

CREATE TABLE parallel_rows (
  set_id   INTEGER NOT NULL REFERENCES parallel_sets (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  row_json TEXT NOT NULL, -- language code -> text; a language the row lacks is absent
  PRIMARY KEY (set_id, position)
) WITHOUT ROWID;

CREATE TABLE evaluations (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  duration_ms  REAL NOT NULL,
  config_json  TEXT NOT NULL,
  inputs_json  TEXT NOT NULL, -- every input with its sha256, stamp or config hash
  results_json TEXT NOT NULL  -- { tokenizers, curve }
);
`;

// Gold annotation (core/annotate/). gold_sets is rebuilt to admit the 'conllu' file format: its entries are copied
// aside and their table dropped first, so dropping the old sets cascades nothing (foreign keys are on).
// A queue owns one gold set (source 'annotation') that save.ts keeps in step with the items settled as gold.
// queue_items.status is the item's overall status (annotate/status.ts), stored so lists filter and count on it.
// annotation_history is each annotator's persisted undo log: before_json is the annotation before a save
// (NULL: there was none), after_json the one the save wrote; 'undone' rows are the redo chain.
const ANNOTATION = /* sql */ `
CREATE TEMP TABLE gold_entries_copy AS SELECT id, set_id, position, word, segments_json, line FROM gold_entries;
DROP TABLE gold_entries;
CREATE TABLE gold_sets_new (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  language    TEXT NOT NULL,
  format      TEXT NOT NULL CHECK (format IN ('tsv', 'morpho', 'sigmorphon', 'morfessor', 'conllu', 'annotation')),
  source      TEXT NOT NULL DEFAULT 'file' CHECK (source IN ('file', 'annotation')),
  source_path TEXT,
  sha256      TEXT NOT NULL,
  entries     INTEGER NOT NULL,
  created_at  TEXT NOT NULL
);
INSERT INTO gold_sets_new SELECT id, name, language, format, source, source_path, sha256, entries, created_at FROM gold_sets;
DROP TABLE gold_sets;
ALTER TABLE gold_sets_new RENAME TO gold_sets;
CREATE INDEX gold_sets_sha256 ON gold_sets (sha256);
CREATE TABLE gold_entries (
  id            INTEGER PRIMARY KEY,
  set_id        INTEGER NOT NULL REFERENCES gold_sets (id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  word          TEXT NOT NULL CHECK (word <> ''),
  segments_json TEXT NOT NULL,
  line          INTEGER,
  UNIQUE (set_id, position)
);
INSERT INTO gold_entries SELECT id, set_id, position, word, segments_json, line FROM gold_entries_copy;
DROP TABLE gold_entries_copy;
CREATE INDEX gold_entries_word ON gold_entries (set_id, word);

CREATE TABLE annotation_queues (
  id                 INTEGER PRIMARY KEY,
  name               TEXT NOT NULL,
  language           TEXT NOT NULL,
  source             TEXT NOT NULL CHECK (source IN ('frequency', 'disagreement', 'uncertainty', 'wordlist')),
  corpus_id          INTEGER, -- no foreign key: the queue keeps its words after the corpus is removed
  tokenizer_ids_json TEXT NOT NULL,
  gold_set_id        INTEGER NOT NULL REFERENCES gold_sets (id),
  params_json        TEXT NOT NULL,
  created_at         TEXT NOT NULL
);

CREATE TABLE queue_items (
  id                   INTEGER PRIMARY KEY,
  queue_id             INTEGER NOT NULL REFERENCES annotation_queues (id) ON DELETE CASCADE,
  position             INTEGER NOT NULL,
  word                 TEXT NOT NULL CHECK (word <> ''),
  frequency            INTEGER NOT NULL,
  why                  TEXT NOT NULL,
  proposal_json        TEXT,
  proposal_labels_json TEXT,
  adjudicated_json     TEXT,
  status               TEXT NOT NULL DEFAULT 'unseen' CHECK (status IN ('unseen', 'draft', 'gold', 'disputed')),
  UNIQUE (queue_id, word)
);
CREATE INDEX queue_items_position ON queue_items (queue_id, position);
CREATE INDEX queue_items_status ON queue_items (queue_id, status, position);

CREATE TABLE annotations (
  id            INTEGER PRIMARY KEY,
  item_id       INTEGER NOT NULL REFERENCES queue_items (id) ON DELETE CASCADE,
  annotator     TEXT NOT NULL,
  segments_json TEXT NOT NULL,
  labels_json   TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('unseen', 'draft', 'gold', 'disputed')),
  note          TEXT NOT NULL DEFAULT '',
  updated_at    TEXT NOT NULL,
  UNIQUE (item_id, annotator)
);

CREATE TABLE annotation_history (
  id          INTEGER PRIMARY KEY,
  annotator   TEXT NOT NULL,
  item_id     INTEGER NOT NULL REFERENCES queue_items (id) ON DELETE CASCADE,
  before_json TEXT,
  after_json  TEXT NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('done', 'undone')),
  created_at  TEXT NOT NULL
);
CREATE INDEX annotation_history_annotator ON annotation_history (annotator, state, id);
`;

export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial schema', up: INITIAL_SCHEMA },
  { version: 2, name: 'dictionaries', up: DICTIONARIES },
  { version: 3, name: 'more job kinds', up: MORE_JOB_KINDS },
  { version: 4, name: 'dictionary editing', up: DICT_EDITING },
  { version: 5, name: 'evaluation', up: EVALUATION },
  { version: 6, name: 'gold annotation', up: ANNOTATION },
];

/** The schema version this build writes. */
export const SCHEMA_VERSION = migrations[migrations.length - 1].version;

export function schemaVersionOf(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function newerSchemaError(label: string, found: number, known: number): WorkspaceError {
  return new WorkspaceError(
    `workspace ${label} was written by a newer Tokenizer Studio (schema ${found}; this build knows ${known})`,
  );
}

/**
 * Applies the migrations `db` lacks and returns the resulting version. `list` is for tests; `label`
 * names the workspace in errors. Each step re-reads the version inside an IMMEDIATE transaction, so
 * two processes opening a fresh workspace at once do not both run it.
 */
export function migrate(db: Database.Database, list: readonly Migration[] = migrations, label = db.name): number {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list out of order: #${i} has version ${m.version}`);
  });
  const known = list.length;
  const found = schemaVersionOf(db);
  if (found > known) throw newerSchemaError(label, found, known);
  for (const m of list) {
    if (m.version <= found) continue;
    db.transaction(() => {
      if (schemaVersionOf(db) >= m.version) return;
      try {
        if (typeof m.up === 'string') db.exec(m.up);
        else m.up(db);
      } catch (e) {
        throw new Error(`upgrading workspace ${label} to schema ${m.version} (${m.name}) failed: ${(e as Error).message}`, { cause: e });
      }
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return schemaVersionOf(db);
}
