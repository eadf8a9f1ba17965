// The core service: owns the open workspace, the job runner, the event stream and a small cache of loaded
// tokenizers; the contract's methods are implemented per area in handlers/. It knows nothing of the
// transport (IPC, HTTP, CLI) that calls it.
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Workspace } from '../core/store/workspace';
import { JobRunner } from '../core/jobs/runner';
import { loadTokenizer, type TextTokenizer } from '../core/tokenizers';
import { UserError } from '../core/errors';
import { engineInUse } from '../core/native/index';
import type { ApiEvent, WorkspaceInfo } from './contract';
import type { Handlers } from './dispatcher';
import { workspaceHandlers } from './handlers/workspace';
import { corpusHandlers } from './handlers/corpora';
import { trainingHandlers } from './handlers/training';
import { tokenizerHandlers } from './handlers/tokenizers';
import { dictionaryHandlers } from './handlers/dictionaries';
import { compareHandlers } from './handlers/compare';
import { evaluationHandlers } from './handlers/evaluation';
import { annotationHandlers } from './handlers/annotation';

export interface CoreOptions {
  workspacePath: string;
  workerPath?: string;
}

const TOKENIZER_CACHE = 8;

export class Core {
  private ws: Workspace;
  private jobs: JobRunner;
  private readonly events = new EventEmitter();
  private readonly tokenizers = new Map<number, TextTokenizer>();
  readonly handlers: Handlers;

  constructor(private readonly opts: CoreOptions) {
    this.ws = Core.openOwned(opts.workspacePath);
    this.jobs = this.newRunner();
    this.handlers = {
      ...workspaceHandlers(this),
      ...corpusHandlers(this),
      ...trainingHandlers(this),
      ...tokenizerHandlers(this),
      ...dictionaryHandlers(this),
      ...compareHandlers(this),
      ...evaluationHandlers(this),
      ...annotationHandlers(this),
    };
  }

  private static openOwned(path: string): Workspace {
    return Workspace.open(resolve(path), { owner: true });
  }

  private newRunner(): JobRunner {
    return new JobRunner(this.ws, (job) => this.emit({ type: 'job', job }), this.opts.workerPath);
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

  emit(e: ApiEvent): void {
    this.events.emit('event', e);
  }

  info(): WorkspaceInfo {
    return { ...this.ws.info(), engine: engineInUse() };
  }

  /** Switches to another workspace file; a bad file leaves the current one open. */
  async reopen(path: string): Promise<WorkspaceInfo> {
    if (this.jobs.running > 0) throw new UserError('a job is still running in this workspace; cancel it or wait before switching', 'conflict');
    const next = Core.openOwned(path);
    await this.jobs.close();
    this.ws.close();
    this.ws = next;
    this.tokenizers.clear();
    this.jobs = this.newRunner();
    const info = this.info();
    this.emit({ type: 'workspace', info });
    return info;
  }

  /** A loaded tokenizer version, kept in a small LRU cache. */
  tokenizer(id: number): TextTokenizer {
    let tok = this.tokenizers.get(id);
    if (tok) {
      this.tokenizers.delete(id); // re-insert: most recently used last
    } else {
      tok = loadTokenizer(this.ws.getTokenizerVersion(id));
      if (this.tokenizers.size >= TOKENIZER_CACHE) this.tokenizers.delete(this.tokenizers.keys().next().value!);
    }
    this.tokenizers.set(id, tok);
    return tok;
  }

  forgetTokenizer(id: number): void {
    this.tokenizers.delete(id);
  }

  async close(): Promise<void> {
    await this.jobs.close();
    this.ws.close();
  }
}

/** A file shipped with the app (samples/...), found from the bundle or from the sources. */
export function bundledFile(...parts: string[]): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const p = join(dir, 'samples', ...parts);
    if (existsSync(p)) return p;
    dir = dirname(dir);
  }
  throw new UserError(`samples/${parts.join('/')} is missing from this installation`, 'not-found');
}

export const bundledSamplePath = () => bundledFile('tr', 'sample.txt');
export const bundledDictionaryPath = () => bundledFile('tr', 'dictionary.json');
