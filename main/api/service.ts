// The core service: every contract method, implemented once over the workspace, the tokenizer models and
// the job runner. It knows nothing of the transport (IPC, HTTP, CLI) that calls it.
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Workspace } from '../core/store/workspace';
import { hashConfig } from '../core/store/hash';
import { JobRunner } from '../core/jobs/runner';
import { readTexts, readCountTable } from '../core/corpus/read';
import { BpeTokenizer, cutModel, explainBudget, fromHfTokenizerJson, toHfTokenizerJson } from '../core/bpe/index';
import { UserError } from '../core/errors';
import type { ApiEvent, Encoding, WorkspaceInfo } from './contract';
import type { Handlers } from './dispatcher';

export interface CoreOptions {
  workspacePath: string;
  workerPath?: string;
}

const WORD_RE = /\S+/gu;

export class Core {
  private ws: Workspace;
  private jobs: JobRunner;
  private readonly events = new EventEmitter();
  private readonly tokenizers = new Map<number, BpeTokenizer>();

  constructor(private readonly opts: CoreOptions) {
    this.ws = Core.openOwned(opts.workspacePath);
    this.jobs = new JobRunner(this.ws, (job) => this.emit({ type: 'job', job }), opts.workerPath);
  }

  private static openOwned(path: string): Workspace {
    const ws = Workspace.open(resolve(path));
    ws.failInterruptedJobs();
    return ws;
  }

  get workspace(): Workspace {
    return this.ws;
  }

  get runner(): JobRunner {
    return this.jobs;
  }

  onEvent(listener: (e: ApiEvent) => void): () => void {
    this.events.on('event', listener);
    return () => this.events.off('event', listener);
  }

  private emit(e: ApiEvent): void {
    this.events.emit('event', e);
  }

  async close(): Promise<void> {
    await this.jobs.close();
    this.ws.close();
  }

  private info(): WorkspaceInfo {
    return { ...this.ws.info(), engine: 'typescript' };
  }

  private tokenizer(id: number): BpeTokenizer {
    let tok = this.tokenizers.get(id);
    if (!tok) {
      tok = new BpeTokenizer(this.ws.getTokenizerVersion(id).model);
      if (this.tokenizers.size >= 8) this.tokenizers.delete(this.tokenizers.keys().next().value!);
      this.tokenizers.set(id, tok);
    }
    return tok;
  }

  readonly handlers: Handlers = {
    'workspace.info': () => this.info(),
    'workspace.open': async ({ path }) => {
      if (this.jobs.running > 0) throw new UserError('a job is still running in this workspace; cancel it or wait before switching', 'conflict');
      const next = Core.openOwned(path); // opening first: a bad file leaves the current workspace in place
      await this.jobs.close();
      this.ws.close();
      this.ws = next;
      this.tokenizers.clear();
      this.jobs = new JobRunner(this.ws, (job) => this.emit({ type: 'job', job }), this.opts.workerPath);
      const info = this.info();
      this.emit({ type: 'workspace', info });
      return info;
    },

    'corpus.import': (args) => {
      const path = resolve(args.path);
      if (!existsSync(path)) throw new UserError(`${path}: no such file`);
      return { jobId: this.jobs.start('import', { ...args, path }).id };
    },
    'corpus.list': () => this.ws.listCorpora(),
    'corpus.remove': ({ id }) => ({ removed: this.ws.removeCorpus(id) }),
    'corpus.sample': async ({ id, lines }) => ({ text: await this.sampleCorpus(id, lines) }),
    'corpus.bundledSample': () => ({ path: bundledSamplePath(), language: 'tr' }),

    'train.explainBudget': (cfg) => explainBudget(cfg.vocabSize, cfg.specialTokens.length),
    'train.start': (args) => {
      const budget = explainBudget(args.config.vocabSize, args.config.specialTokens.length);
      if (!budget.ok) throw new UserError(budget.text);
      for (const id of args.corpusIds) this.ws.getCorpus(id); // not-found before a job starts
      return { jobId: this.jobs.start('train', args).id };
    },

    'job.get': ({ id }) => this.jobs.get(id),
    'job.list': () => this.jobs.list(),
    'job.cancel': ({ id }) => ({ cancelled: this.jobs.cancel(id) }),

    'tokenizer.list': () => this.ws.listTokenizerVersions(),
    'tokenizer.get': ({ id }) => {
      const v = this.ws.getTokenizerVersion(id);
      const specials = v.model.specials.length;
      return {
        ...v.summary,
        config: v.config as Record<string, unknown>,
        stats: v.stats as Record<string, unknown>,
        corpusIds: v.corpusIds,
        budget: v.summary.source === 'imported' ? null : explainBudget(v.summary.vocabSize, specials),
      };
    },
    'tokenizer.remove': ({ id }) => {
      this.tokenizers.delete(id);
      return { removed: this.ws.removeTokenizerVersion(id) };
    },
    'tokenizer.encode': ({ id, text }) => this.encode(id, text),
    'tokenizer.decode': ({ id, ids }) => ({ text: this.tokenizer(id).decode(ids) }),
    'tokenizer.vocab': ({ id, offset, limit }) => {
      const page = this.ws.vocabPage(id, offset, limit);
      const tok = this.tokenizer(id);
      return {
        total: page.total,
        items: page.items.map((it: { id: number; token: string; type: string }) => ({
          id: it.id,
          token: it.token,
          text: tok.tokenText(it.id),
          type: tok.tokenType(it.id),
        })),
      };
    },
    'tokenizer.cut': ({ id, vocabSize, name }) => {
      const v = this.ws.getTokenizerVersion(id);
      const model = cutModel(v.model, vocabSize);
      const tok = new BpeTokenizer(model);
      const config = { ...(v.config as object), vocabSize };
      return this.ws.addTokenizerVersion({
        name: name?.trim() || `${v.summary.name} @${vocabSize}`,
        kind: 'bpe',
        source: 'cut',
        parentId: id,
        config,
        configHash: hashConfig({ kind: 'bpe', config, cutFrom: v.summary.configHash }),
        model,
        tokenTypes: model.vocab.map((_, i) => tok.tokenType(i)),
        stats: { ...(v.stats as object), merges: model.merges.length, cutFrom: id },
        trainingMs: null,
        corpusIds: v.corpusIds,
      });
    },
    'tokenizer.exportHf': ({ id }) => {
      const v = this.ws.getTokenizerVersion(id);
      const safe = v.summary.name.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80) || `tokenizer-${id}`;
      return { json: JSON.stringify(toHfTokenizerJson(v.model), null, 2), fileName: `${safe}.tokenizer.json` };
    },
    'tokenizer.importHf': ({ json, name }) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(json);
      } catch (err) {
        throw new UserError(`tokenizer.json is not valid JSON: ${(err as Error).message}`);
      }
      const model = fromHfTokenizerJson(parsed);
      const tok = new BpeTokenizer(model);
      return this.ws.addTokenizerVersion({
        name,
        kind: 'bpe',
        source: 'imported',
        parentId: null,
        config: { pattern: model.pattern, specialTokens: model.specials.map((s) => s.content), vocabSize: model.vocab.length },
        configHash: hashConfig({ kind: 'bpe', imported: model }),
        model,
        tokenTypes: model.vocab.map((_, i) => tok.tokenType(i)),
        stats: { merges: model.merges.length },
        trainingMs: null,
        corpusIds: [],
      });
    },
  };

  encode(id: number, text: string): Encoding {
    const tokens = this.tokenizer(id).encode(text);
    const words = text.match(WORD_RE)?.length ?? 0;
    return {
      tokens,
      chars: [...text].length,
      words,
      charsPerToken: tokens.length ? [...text].length / tokens.length : 0,
      tokensPerWord: words ? tokens.length / words : 0,
    };
  }

  /** A uniform random sample of lines (reservoir sampling, one streamed pass) from a corpus's source. */
  private async sampleCorpus(id: number, n: number): Promise<string> {
    const corpus = this.ws.getCorpus(id);
    if (!existsSync(corpus.sourcePath)) throw new UserError(`the source file of corpus #${id} is gone: ${corpus.sourcePath}`);
    const picked: string[] = [];
    let seen = 0;
    if (corpus.format === 'counts') {
      const table = await readCountTable(corpus.sourcePath);
      for (const w of table.keys()) reservoir(w);
    } else {
      for await (const t of readTexts(corpus.sourcePath, corpus.format, corpus.textField ?? 'text')) reservoir(t.text);
    }
    return picked.join('\n');

    function reservoir(item: string) {
      seen++;
      if (picked.length < n) picked.push(item);
      else {
        const j = Math.floor(Math.random() * seen);
        if (j < n) picked[j] = item;
      }
    }
  }
}

/** The Turkish sample corpus shipped with the app (samples/tr/sample.txt). */
export function bundledSamplePath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const p = join(dir, 'samples', 'tr', 'sample.txt');
    if (existsSync(p)) return p;
    dir = dirname(dir);
  }
  throw new UserError('the bundled sample corpus (samples/tr/sample.txt) is missing from this installation', 'not-found');
}
