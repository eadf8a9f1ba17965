// The state every view shares: the client, the current view, the workspace, and the live job list fed
// by job events (refreshed after the event channel reconnects, so nothing missed stays stale).
import { getContext, setContext } from 'svelte';
import type { Job, WorkspaceInfo } from '../../../main/api/contract';
import type { ConnectionState, RendererClient } from './api';
import { errorMessage } from './api';
import { isActive, justFinished, upsertJob } from './jobList';

export type ViewId = 'corpora' | 'dictionaries' | 'train' | 'inspect' | 'reports' | 'annotate';

/** In workflow order (the inputs, training, the results, their evaluation, gold annotation); Ctrl/Cmd+1..6 follow it. */
export const VIEWS: readonly { id: ViewId; label: string }[] = [
  { id: 'corpora', label: 'Corpora' },
  { id: 'dictionaries', label: 'Dictionaries' },
  { id: 'train', label: 'Train' },
  { id: 'inspect', label: 'Tokenizers' },
  { id: 'reports', label: 'Reports' },
  { id: 'annotate', label: 'Annotate' },
];

export class AppState {
  view = $state<ViewId>('corpora');
  workspace = $state<WorkspaceInfo | null>(null);
  jobs = $state<Job[]>([]);
  connection = $state<ConnectionState>('connecting');
  /** A problem that concerns the whole app (e.g. the server cannot be reached). */
  fatal = $state<string | null>(null);
  /** The tokenizer version the Tokenizers view should select when it next looks. */
  inspectTarget = $state<number | null>(null);
  readonly activeJobs = $derived(this.jobs.filter(isActive));

  private finishedListeners = new Set<(job: Job) => void>();

  constructor(readonly client: RendererClient) {}

  /** Subscribes to events and loads the first state; returns the unsubscribe. */
  start(): () => void {
    let wasDisconnected = false;
    const offEvents = this.client.onEvent((e) => {
      if (e.type === 'job') this.applyJob(e.job, true);
      else if (e.type === 'workspace') this.workspace = e.info;
    });
    const offConn = this.client.onConnection((s) => {
      this.connection = s;
      if (s === 'disconnected') wasDisconnected = true;
      if (s === 'connected' && wasDisconnected) {
        wasDisconnected = false;
        void this.refreshJobs(true);
        void this.refreshWorkspace();
      }
    });
    void this.refreshWorkspace();
    void this.refreshJobs(false);
    return () => {
      offEvents();
      offConn();
    };
  }

  async refreshWorkspace(): Promise<void> {
    try {
      this.workspace = await this.client.call('workspace.info', {});
      this.fatal = null;
    } catch (e) {
      this.fatal = errorMessage(e);
    }
  }

  /** With `notify`, jobs that finished while we were not listening are announced like live ones. */
  async refreshJobs(notify: boolean): Promise<void> {
    try {
      const list = await this.client.call('job.list', {});
      if (!notify) {
        for (const j of list) this.jobs = upsertJob(this.jobs, j);
        return;
      }
      for (const j of list) {
        const known = this.jobs.find((x) => x.id === j.id);
        if (known) this.applyJob(j, true);
        else this.jobs = upsertJob(this.jobs, j);
      }
    } catch (e) {
      this.fatal = errorMessage(e);
    }
  }

  /** Records a job update (e.g. the answer to job.get or the first state after starting). */
  applyJob(job: Job, notify = true): void {
    const previous = this.jobs.find((j) => j.id === job.id);
    // Events can arrive out of order with direct answers; never go back from a finished state.
    if (previous && !isActive(previous) && isActive(job)) return;
    this.jobs = upsertJob(this.jobs, job);
    if (notify && justFinished(previous, job)) {
      if (job.status === 'done') void this.refreshWorkspace(); // its corpus/tokenizer counts changed
      for (const fn of [...this.finishedListeners]) fn(job);
    }
  }

  onJobFinished(fn: (job: Job) => void): () => void {
    this.finishedListeners.add(fn);
    return () => this.finishedListeners.delete(fn);
  }

  job(id: number | null): Job | undefined {
    return id == null ? undefined : this.jobs.find((j) => j.id === id);
  }

  /** Starts following a job the user just launched, so its progress shows even before the first event. */
  async track(jobId: number): Promise<void> {
    try {
      this.applyJob(await this.client.call('job.get', { id: jobId }));
    } catch {
      // The job's events will still arrive; a failed look-up is not worth an error on screen.
    }
  }

  async cancel(jobId: number): Promise<string | null> {
    try {
      await this.client.call('job.cancel', { id: jobId });
      return null;
    } catch (e) {
      return errorMessage(e);
    }
  }

  openInspect(tokenizerId: number): void {
    this.inspectTarget = tokenizerId;
    this.view = 'inspect';
  }
}

const KEY = Symbol('tokstudio-app');

export function provideApp(app: AppState): void {
  setContext(KEY, app);
}

export function useApp(): AppState {
  const app = getContext<AppState | undefined>(KEY);
  if (!app) throw new Error('useApp() outside <App>');
  return app;
}
