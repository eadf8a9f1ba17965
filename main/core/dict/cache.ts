// Loaded dictionaries kept between calls, keyed by their stamp (id, revision, timestamps), so typing in
// the try-a-word box or reopening the editor does not reload a large dictionary; any edit changes the
// stamp, so a stale entry is never served.
import type { DictionaryStore } from '../store/dictionaries';
import { NotFoundError } from '../store/errors';
import type { Dictionary } from './types';
import type { DictionaryDetail } from '../../api/contract';
import { WordTrial } from './try';

export interface CachedDictionary {
  stamp: string;
  dictionary: Dictionary;
  /** The analyzer over this content, built on first use. */
  trial(): WordTrial;
  /** The editor's detail view of this content (problems, classes, undo state), built on first use. */
  detail(): DictionaryDetail;
}

export class DictionaryCache {
  private readonly entries = new Map<string, CachedDictionary>();

  constructor(private readonly size = 3) {}

  /** `scope` names the workspace (its path): ids are only unique within one. */
  get(store: DictionaryStore, id: number, scope: string): CachedDictionary {
    let stamp = store.stamp(id);
    if (stamp === null) throw new NotFoundError(`dictionary ${id} not found`);
    let key = `${scope}\u0000${stamp}`;
    let hit = this.entries.get(key);
    if (hit) this.entries.delete(key); // re-inserted below: most recently used last
    else {
      let dictionary = store.load(id);
      // A job (another connection) may have changed it between the two reads: load until stable.
      for (let now = store.stamp(id); now !== stamp; now = store.stamp(id)) {
        if (now === null) throw new NotFoundError(`dictionary ${id} not found`);
        stamp = now;
        key = `${scope}\u0000${stamp}`;
        dictionary = store.load(id);
      }
      const loaded = dictionary;
      let trial: WordTrial | null = null;
      let detail: DictionaryDetail | null = null;
      // The detail (with its problems: seconds on a Hunspell-sized lexicon) changes only with the stamp.
      hit = { stamp, dictionary: loaded, trial: () => (trial ??= new WordTrial(loaded)), detail: () => (detail ??= store.detail(id, loaded)) };
      if (this.entries.size >= this.size) this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, hit);
    return hit;
  }
}
