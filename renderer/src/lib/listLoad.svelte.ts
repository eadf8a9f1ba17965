// A view's list as loaded from the API: whether a first load has finished (so "nothing yet" is not shown
// before the answer) and the last load's error, cleared by the next load that succeeds.
import { errorMessage } from './api';

export class ListLoad {
  loaded = $state(false);
  error = $state<string | null>(null);

  /** Runs `load` (which fetches and stores the list); a failure is kept in `error`, not thrown. */
  async run(load: () => Promise<void>): Promise<void> {
    try {
      await load();
      this.error = null;
    } catch (e) {
      this.error = errorMessage(e);
    } finally {
      this.loaded = true;
    }
  }
}
