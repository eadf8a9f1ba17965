import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Corpus } from '../../api/contract';
import type { BpeModel } from '../bpe/types';
import { hashConfig } from './hash';
import { SCHEMA_VERSION } from './migrations';
import { INTERRUPTED_JOB_ERROR, NotFoundError, Workspace, WorkspaceError, type NewTokenizerVersion } from './workspace';

let dir: string;
const open: Workspace[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tokstudio-ws-'));
});
afterEach(() => {
  for (const ws of open.splice(0)) ws.close();
  rmSync(dir, { recursive: true, force: true });
});

function openWs(name = 'w.tokstudio', opts?: Parameters<typeof Workspace.open>[1]): Workspace {
  const ws = Workspace.open(join(dir, name), opts);
  open.push(ws);
  return ws;
}

/** A second, raw connection to look at rows the API does not expose. */
function peek<T>(ws: Workspace, sql: string, ...params: unknown[]): T {
  const db = new Database(ws.path, { readonly: true });
  try {
    return db.prepare(sql).pluck().get(...params) as T;
  } finally {
    db.close();
  }
}

function corpusMeta(over: Partial<Omit<Corpus, 'id'>> = {}): Omit<Corpus, 'id'> {
  return {
    name: 'haberler',
    sourcePath: '/data/haberler.txt',
    format: 'text',
    compressed: false,
    language: 'tr',
    textField: null,
    sizeBytes: 1234,
    sha256: 'ab'.repeat(32),
    lines: 10,
    words: 5,
    wordTypes: 2,
    importedAt: '2025-01-02T03:04:05.000Z',
    importMs: 12.5,
    ...over,
  };
}

const words = new Map([
  ['ev', 3],
  ['evler', 2],
]);

// A tiny byte-level BPE: 2 specials-free bytes, one merge, one special.
const model: BpeModel = {
  pattern: String.raw` ?\p{L}+|\s+`,
  specials: [{ id: 3, content: '<|endoftext|>' }],
  vocab: ['e', 'v', 'ev', '<|endoftext|>'],
  merges: [['e', 'v']],
};

function version(over: Partial<Extract<NewTokenizerVersion, { kind: 'bpe' }>> = {}): NewTokenizerVersion {
  const config = { vocabSize: 4, minFrequency: 2, pretokenizer: 'custom', pattern: model.pattern };
  return {
    name: 'bpe-4',
    kind: 'bpe',
    source: 'trained',
    parentId: null,
    config,
    configHash: hashConfig(config),
    model,
    tokenTypes: ['byte', 'byte', 'merge', 'special'],
    stats: { merges: 1, stoppedEarly: null },
    trainingMs: 7,
    corpusIds: [],
    ...over,
  };
}

describe('Workspace.open', () => {
  it('creates folders and file, sets WAL and foreign keys, reports info', () => {
    const ws = openWs('a/b/c.tokstudio');
    expect(existsSync(join(dir, 'a/b/c.tokstudio'))).toBe(true);
    expect(ws.schemaVersion).toBe(SCHEMA_VERSION);
    expect(ws.info()).toEqual({ path: join(dir, 'a/b/c.tokstudio'), schemaVersion: SCHEMA_VERSION, corpora: 0, tokenizers: 0, engine: 'typescript' });
    expect(peek(ws, 'PRAGMA journal_mode')).toBe('wal');
    // Cascades only work with foreign keys on, which is per connection.
    const c = ws.addCorpus(corpusMeta(), { words });
    ws.removeCorpus(c.id);
    expect(peek(ws, 'SELECT count(*) FROM corpus_counts')).toBe(0);
  });

  it('keeps data across reopen without re-running migrations', () => {
    const first = openWs();
    first.addCorpus(corpusMeta(), { words });
    const createdAt = peek<string>(first, `SELECT value FROM meta WHERE key = 'created_at'`);
    first.close();
    const again = openWs();
    expect(again.listCorpora()).toHaveLength(1);
    expect(peek(again, `SELECT value FROM meta WHERE key = 'created_at'`)).toBe(createdAt);
    expect(peek(again, 'SELECT count(*) FROM meta')).toBe(2);
  });

  it('refuses a workspace from a newer build', () => {
    openWs().close();
    const db = new Database(join(dir, 'w.tokstudio'));
    db.pragma('user_version = 7');
    db.close();
    expect(() => Workspace.open(join(dir, 'w.tokstudio'))).toThrow(
      `workspace ${join(dir, 'w.tokstudio')} was written by a newer Tokenizer Studio (schema 7; this build knows ${SCHEMA_VERSION})`,
    );
  });

  it('refuses a file that is not SQLite and leaves it byte for byte', () => {
    for (const [name, bytes] of [
      ['garbage.tokstudio', Buffer.from('this is my thesis, not a database\n'.repeat(20))],
      ['short.tokstudio', Buffer.from('SQLite')],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      const err = (() => {
        try {
          Workspace.open(file);
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(WorkspaceError);
      expect((err as Error).message).toBe(`${file} is not a Tokenizer Studio workspace (not an SQLite database)`);
      expect(readFileSync(file).equals(bytes)).toBe(true);
      expect(existsSync(file + '-wal')).toBe(false);
    }
  });

  it("refuses another application's SQLite database without touching it", () => {
    const file = join(dir, 'other.db');
    const db = new Database(file);
    db.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY)');
    db.close();
    const before = readFileSync(file);
    expect(() => Workspace.open(file)).toThrow(`${file} is not a Tokenizer Studio workspace (an SQLite database of another application)`);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a folder, and a missing file when read-only', () => {
    mkdirSync(join(dir, 'folder.tokstudio'));
    expect(() => Workspace.open(join(dir, 'folder.tokstudio'))).toThrow(/is a folder/);
    expect(() => Workspace.open(join(dir, 'none.tokstudio'), { readonly: true })).toThrow(/does not exist/);
    expect(existsSync(join(dir, 'none.tokstudio'))).toBe(false);
  });

  it('opens read-only for reading', () => {
    const ws = openWs();
    ws.addCorpus(corpusMeta(), { words });
    ws.close();
    const ro = openWs('w.tokstudio', { readonly: true });
    expect(ro.listCorpora()).toHaveLength(1);
    expect(() => ro.removeCorpus(1)).toThrow(/readonly/);
  });
});

describe('Workspace.defaultPath', () => {
  it('prefers TOKSTUDIO_HOME, then the platform user-data folder', () => {
    expect(Workspace.defaultPath({ TOKSTUDIO_HOME: '/x/home' }, 'linux', '/home/u')).toBe('/x/home/default.tokstudio');
    expect(Workspace.defaultPath({}, 'linux', '/home/u')).toBe('/home/u/.config/Tokenizer Studio/default.tokstudio');
    expect(Workspace.defaultPath({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/u')).toBe('/cfg/Tokenizer Studio/default.tokstudio');
    expect(Workspace.defaultPath({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/Tokenizer Studio/default.tokstudio');
    expect(Workspace.defaultPath({ APPDATA: '/appdata' }, 'win32', '/u')).toBe(join('/appdata', 'Tokenizer Studio', 'default.tokstudio'));
  });
});

describe('corpora', () => {
  it('adds, lists, finds, counts and removes', () => {
    const ws = openWs();
    const pattern = String.raw`\p{L}+|\s+`;
    const pretokens = new Map([
      ['ev', 3],
      [' ', 4],
    ]);
    const c = ws.addCorpus(corpusMeta(), { words, pretokens: { pattern, counts: pretokens } });
    expect(c).toEqual({ id: c.id, ...corpusMeta() });
    expect(ws.listCorpora()).toEqual([c]);
    expect(ws.getCorpus(c.id)).toEqual(c);
    expect(ws.findCorpusBySha('ab'.repeat(32))).toEqual(c);
    expect(ws.findCorpusBySha('cd'.repeat(32))).toBeNull();
    expect(ws.getCounts(c.id, 'words')).toEqual(words);
    const scheme = Workspace.patternScheme(pattern);
    expect(scheme).toMatch(/^pretok:[0-9a-f]{16}$/);
    expect(ws.getCounts(c.id, scheme)).toEqual(pretokens);
    expect(ws.getCounts(c.id, Workspace.patternScheme('other'))).toBeNull();
    expect(ws.listCountSets(c.id)).toEqual([
      { scheme, pattern, types: 2, total: 7 },
      { scheme: 'words', pattern: null, types: 2, total: 5 },
    ]);
    expect(ws.info().corpora).toBe(1);

    expect(ws.removeCorpus(c.id)).toBe(true);
    expect(ws.removeCorpus(c.id)).toBe(false);
    expect(() => ws.getCorpus(c.id)).toThrow(NotFoundError);
    expect(() => ws.getCorpus(c.id)).toThrow(`corpus ${c.id} not found`);
    expect(ws.getCounts(c.id, 'words')).toBeNull();
    expect(peek(ws, 'SELECT count(*) FROM corpus_counts')).toBe(0);
    expect(peek(ws, 'SELECT count(*) FROM corpus_count_sets')).toBe(0);
  });

  it('putCounts replaces a count table', () => {
    const ws = openWs();
    const c = ws.addCorpus(corpusMeta(), { words });
    const pattern = 'x+';
    const scheme = Workspace.patternScheme(pattern);
    ws.putCounts(c.id, scheme, pattern, new Map([['a', 1], ['b', 2]]));
    ws.putCounts(c.id, scheme, pattern, new Map([['c', 5]]));
    expect(ws.getCounts(c.id, scheme)).toEqual(new Map([['c', 5]]));
    expect(ws.listCountSets(c.id).find((s) => s.scheme === scheme)).toEqual({ scheme, pattern, types: 1, total: 5 });
    expect(() => ws.putCounts(c.id, 'pretok:0000000000000000', pattern, new Map())).toThrow(/does not belong/);
    expect(() => ws.putCounts(999, 'words', null, new Map())).toThrow(NotFoundError);
  });

  it('rolls back everything when a write fails midway', () => {
    const ws = openWs();
    const big = new Map<string, number>();
    for (let i = 0; i < 1000; i++) big.set(`w${i}`, 1);
    const badKey = new Map(big);
    (badKey as Map<unknown, number>).set(42, 1); // e.g. a caller that counted numbers
    expect(() => ws.addCorpus(corpusMeta(), { words: badKey })).toThrow(/count key must be a string, got number 42/);
    // The words went in, the pre-tokens fail: still nothing may remain.
    expect(() =>
      ws.addCorpus(corpusMeta(), { words: big, pretokens: { pattern: 'p', counts: new Map([['a', 1], ['b', 0.5]]) } }),
    ).toThrow(/must be a positive integer, got 0.5/);
    expect(ws.listCorpora()).toEqual([]);
    expect(peek(ws, 'SELECT count(*) FROM corpora')).toBe(0);
    expect(peek(ws, 'SELECT count(*) FROM corpus_counts')).toBe(0);
    expect(peek(ws, 'SELECT count(*) FROM corpus_count_sets')).toBe(0);

    // A failed replacement keeps the old table.
    const c = ws.addCorpus(corpusMeta(), { words });
    expect(() => ws.putCounts(c.id, 'words', null, new Map([['ok', 1], ['bad', -1]]))).toThrow();
    expect(ws.getCounts(c.id, 'words')).toEqual(words);
  });

  it('stores 100k count rows in one transaction (time logged, not asserted: shared machines are noisy)', () => {
    const ws = openWs();
    const many = new Map<string, number>();
    for (let i = 0; i < 100_000; i++) many.set(`kelime${i}`, (i % 97) + 1);
    const t0 = performance.now();
    const c = ws.addCorpus(corpusMeta(), { words: many });
    const ms = performance.now() - t0;
    console.log(`addCorpus with 100000 count rows: ${ms.toFixed(0)} ms`);
    const t1 = performance.now();
    expect(ws.getCounts(c.id, 'words')).toEqual(many);
    console.log(`getCounts of 100000 rows: ${(performance.now() - t1).toFixed(0)} ms`);
  });
});

describe('tokenizer versions', () => {
  it('round-trips a model, config, stats and corpora', () => {
    const ws = openWs();
    const c1 = ws.addCorpus(corpusMeta(), { words });
    const c2 = ws.addCorpus(corpusMeta({ name: 'b' }), { words });
    const s = ws.addTokenizerVersion(version({ corpusIds: [c2.id, c1.id, c2.id] }));
    expect(s).toMatchObject({ name: 'bpe-4', kind: 'bpe', source: 'trained', parentId: null, vocabSize: 4, trainingMs: 7 });
    expect(s.configHash).toBe(hashConfig(version().config));
    const got = ws.getTokenizerVersion(s.id);
    expect(got.model).toEqual(model);
    expect(got.tokenTypes).toEqual(['byte', 'byte', 'merge', 'special']);
    expect(got.config).toEqual(version().config);
    expect(got.stats).toEqual({ merges: 1, stoppedEarly: null });
    expect(got.corpusIds).toEqual([c1.id, c2.id]);
    expect(got.summary).toEqual(s);
    expect(ws.listTokenizerVersions()).toEqual([s]);
    expect(ws.info().tokenizers).toBe(1);
  });

  it('keeps model options beyond vocab and merges (an imported ignore_merges)', () => {
    const ws = openWs();
    const s = ws.addTokenizerVersion(version({ model: { ...model, ignoreMerges: true } }));
    expect(ws.getTokenizerVersion(s.id).model).toEqual({ ...model, ignoreMerges: true });
  });

  it('pages the vocabulary', () => {
    const ws = openWs();
    const s = ws.addTokenizerVersion(version());
    expect(ws.vocabPage(s.id, 1, 2)).toEqual({
      total: 4,
      items: [
        { id: 1, token: 'v', type: 'byte' },
        { id: 2, token: 'ev', type: 'merge' },
      ],
    });
    expect(ws.vocabPage(s.id, 10, 5)).toEqual({ total: 4, items: [] });
    expect(() => ws.vocabPage(99, 0, 5)).toThrow(NotFoundError);
  });

  it('checks inputs and rolls back', () => {
    const ws = openWs();
    expect(() => ws.addTokenizerVersion(version({ tokenTypes: ['byte'] }))).toThrow(/tokenTypes has 1 entries for a vocabulary of 4/);
    expect(() => ws.addTokenizerVersion(version({ parentId: 42 }))).toThrow(NotFoundError);
    // A merge side that is not a string fails after the version and vocab rows went in.
    const broken = { ...model, merges: [['e', 'v'], ['ev', null as unknown as string]] as [string, string][] };
    expect(() => ws.addTokenizerVersion(version({ model: broken }))).toThrow();
    expect(ws.listTokenizerVersions()).toEqual([]);
    expect(peek(ws, 'SELECT count(*) FROM vocab')).toBe(0);
    expect(peek(ws, 'SELECT count(*) FROM merges')).toBe(0);
  });

  it('cascades deletes: vocab, merges and links go; children keep living without a parent', () => {
    const ws = openWs();
    const corpus = ws.addCorpus(corpusMeta(), { words });
    const parent = ws.addTokenizerVersion(version({ corpusIds: [corpus.id] }));
    const child = ws.addTokenizerVersion(version({ name: 'cut', source: 'cut', parentId: parent.id, corpusIds: [corpus.id] }));
    expect(child.parentId).toBe(parent.id);

    // Removing the corpus keeps the record of what trained the versions.
    ws.removeCorpus(corpus.id);
    expect(ws.getTokenizerVersion(child.id).corpusIds).toEqual([corpus.id]);

    expect(ws.removeTokenizerVersion(parent.id)).toBe(true);
    expect(ws.removeTokenizerVersion(parent.id)).toBe(false);
    expect(() => ws.getTokenizerVersion(parent.id)).toThrow(NotFoundError);
    expect(ws.getTokenizerVersion(child.id).summary.parentId).toBeNull();
    expect(peek(ws, 'SELECT count(*) FROM vocab WHERE version_id = ?', parent.id)).toBe(0);
    expect(peek(ws, 'SELECT count(*) FROM merges WHERE version_id = ?', parent.id)).toBe(0);
    expect(peek(ws, 'SELECT count(*) FROM tokenizer_corpora WHERE version_id = ?', parent.id)).toBe(0);
    expect(peek(ws, 'SELECT count(*) FROM vocab WHERE version_id = ?', child.id)).toBe(4);
  });
});

describe('jobs', () => {
  it('creates, updates, stamps the finish and lists newest first', () => {
    const ws = openWs();
    const a = ws.createJob('import', { path: '/x.txt' });
    expect(a).toMatchObject({ kind: 'import', status: 'queued', percent: 0, rate: null, rateUnit: null, error: null, finishedAt: null, resultId: null });
    expect(ws.getJobArgs(a.id)).toEqual({ path: '/x.txt' });
    const running = ws.updateJob(a.id, { status: 'running', phase: 'counting', percent: 40, message: '1.2 MB of 3 MB' });
    expect(running).toMatchObject({ status: 'running', phase: 'counting', percent: 40, message: '1.2 MB of 3 MB', finishedAt: null });
    const done = ws.updateJob(a.id, { status: 'done', percent: 100, resultId: 5 });
    expect(done.finishedAt).toMatch(/^\d{4}-/);
    expect(done.resultId).toBe(5);
    const b = ws.createJob('train', { vocabSize: 100 });
    expect(ws.listJobs().map((j) => j.id)).toEqual([b.id, a.id]);
    expect(ws.listJobs(1).map((j) => j.id)).toEqual([b.id]);
    expect(() => ws.getJob(999)).toThrow(NotFoundError);
    expect(() => ws.updateJob(999, { phase: 'x' })).toThrow(NotFoundError);
  });

  it('fails jobs a crashed process left behind only when the owner opens', () => {
    const ws = openWs();
    const queued = ws.createJob('train', {});
    const running = ws.createJob('import', {});
    ws.updateJob(running.id, { status: 'running' });
    const done = ws.createJob('import', {});
    ws.updateJob(done.id, { status: 'done' });
    ws.close();

    const worker = openWs(); // a worker thread opening the same workspace must not fail jobs
    expect(worker.getJob(running.id).status).toBe('running');
    worker.close();

    const owner = openWs('w.tokstudio', { owner: true });
    for (const id of [queued.id, running.id]) {
      expect(owner.getJob(id)).toMatchObject({ status: 'failed', error: INTERRUPTED_JOB_ERROR });
      expect(owner.getJob(id).finishedAt).not.toBeNull();
    }
    expect(owner.getJob(done.id).status).toBe('done');
    expect(owner.failInterruptedJobs()).toBe(0);
  });
});

describe('transaction', () => {
  it('rolls back all writes made inside it', () => {
    const ws = openWs();
    expect(() =>
      ws.transaction(() => {
        ws.addCorpus(corpusMeta(), { words });
        ws.createJob('import', {});
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(ws.listCorpora()).toEqual([]);
    expect(ws.listJobs()).toEqual([]);
  });
});
