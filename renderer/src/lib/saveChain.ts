// Saves go out one at a time, in the order they were made: the server keeps an undo step per save, so a
// later toggle must never land before an earlier one. The chain reports a state for the "saved" hint.
export type SaveState = 'idle' | 'saving' | 'saved' | 'error';

export class SaveChain {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  constructor(private readonly onState: (state: SaveState, error: string | null) => void) {}

  /** Runs `task` after every earlier one has settled; a failed save does not stop the next. */
  run<T>(task: () => Promise<T>): Promise<T> {
    this.pending++;
    this.onState('saving', null);
    const result = this.tail.then(task);
    this.tail = result.then(
      () => this.settle(null),
      (e: unknown) => this.settle(e instanceof Error ? e.message || e.name : String(e)),
    );
    return result;
  }

  /** Resolves when everything queued so far has settled (e.g. before undo, which must see the last save). */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }

  get busy(): boolean {
    return this.pending > 0;
  }

  private settle(error: string | null): void {
    this.pending--;
    if (error !== null) this.onState('error', error);
    else if (this.pending === 0) this.onState('saved', null);
  }
}
