import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DictionaryCache } from '../../core/dict/cache';
import { checkRootPos } from '../../core/dict/import';
import { dictionaryToJson } from '../../core/dict/json';
import { previewImport } from '../../core/dict/preview';
import { exportWordlist } from '../../core/dict/wordlist';
import { exportHunspell } from '../../core/dict/hunspell-export';
import type { MorphemeLogProbs } from '../../core/hybrid/analyzer';
import { UserError } from '../../core/errors';
import { bundledDictionaryPath, type Core } from '../service';
import type { Handlers } from '../dispatcher';

type DictMethods =
  | 'dict.list'
  | 'dict.import'
  | 'dict.previewImport'
  | 'dict.get'
  | 'dict.roots'
  | 'dict.groups'
  | 'dict.edit'
  | 'dict.undo'
  | 'dict.redo'
  | 'dict.tryWord'
  | 'dict.remove'
  | 'dict.export'
  | 'dict.bundled';

function existingFile(path: string): string {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new UserError(`${abs}: no such file`);
  return abs;
}

/** skipAnalysed compares with the dictionary merged into, so it means nothing for a new dictionary. */
function checkSkipAnalysed(skipAnalysed: boolean, into: number | undefined): void {
  if (skipAnalysed && into === undefined) {
    throw new UserError('skipAnalysed needs into: it leaves out the words the dictionary merged into already analyses, and a new dictionary has nothing to compare with');
  }
}

export function dictionaryHandlers(core: Core): Pick<Handlers, DictMethods> {
  // Per Core: loaded dictionaries (by content stamp) and hybrid versions' morpheme probabilities.
  const cache = new DictionaryCache();
  const probs = new Map<string, MorphemeLogProbs | null>();
  const loaded = (id: number) => cache.get(core.workspace.dictionaries, id, core.workspace.path);
  const logProbsOf = (tokenizerId: number): MorphemeLogProbs | undefined => {
    const summary = core.workspace.getTokenizerSummary(tokenizerId);
    const key = `${core.workspace.path}\u0000${tokenizerId}\u0000${summary.createdAt}`;
    if (!probs.has(key)) {
      const version = core.workspace.getTokenizerVersion(tokenizerId);
      if (probs.size >= 4) probs.delete(probs.keys().next().value!);
      probs.set(key, version.kind === 'hybrid' ? version.model.logProbs : null);
    }
    return probs.get(key) ?? undefined;
  };

  return {
    'dict.list': () => core.workspace.dictionaries.list(),
    'dict.import': (args) => {
      checkRootPos(args.rootPos); // a bad option is refused now, not in the job
      checkSkipAnalysed(args.skipAnalysed, args.into);
      const path = existingFile(args.path);
      if (args.into !== undefined) core.workspace.dictionaries.get(args.into); // not-found now, not in the job
      return { jobId: core.runner.start('dict-import', { ...args, path }).id };
    },
    'dict.previewImport': ({ path, format, language, into, rootsOnly, rootPos, skipAnalysed }) => {
      checkRootPos(rootPos);
      checkSkipAnalysed(skipAnalysed, into);
      const target = into === undefined ? null : loaded(into).dictionary;
      return previewImport(existingFile(path), { format, language, rootPos }, target, rootsOnly, skipAnalysed);
    },
    'dict.get': ({ id }) => loaded(id).detail(),
    'dict.roots': ({ id, ...query }) => core.workspace.dictionaries.roots(id, query),
    'dict.groups': ({ id, ...query }) => core.workspace.dictionaries.groups(id, query),
    'dict.edit': ({ id, edit }) => core.workspace.dictionaries.edit(id, edit),
    'dict.undo': ({ id }) => core.workspace.dictionaries.undo(id),
    'dict.redo': ({ id }) => core.workspace.dictionaries.redo(id),
    'dict.tryWord': ({ id, word, n, tokenizerId }) => {
      const logProbs = tokenizerId === undefined ? undefined : logProbsOf(tokenizerId);
      return loaded(id).trial().analyze(word, n, logProbs);
    },
    'dict.remove': ({ id }) => ({ removed: core.workspace.dictionaries.remove(id) }),
    'dict.export': ({ id, format }) => {
      const d = loaded(id).dictionary;
      const base = d.name.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80) || `dictionary-${id}`;
      if (format === 'json') return { files: [{ name: `${base}.json`, content: dictionaryToJson(d) }], lost: [] };
      if (format === 'hunspell') {
        const h = exportHunspell(d);
        return { files: [{ name: `${base}.aff`, content: h.aff }, { name: `${base}.dic`, content: h.dic }], lost: h.lost };
      }
      const lost = ['allomorph rules', 'character classes', 'morphotactics'].filter((what) =>
        what === 'allomorph rules' ? d.groups.some((g) => g.rules?.length) : what === 'character classes' ? Object.keys(d.charClasses).length > 0 : Boolean(d.morphotactics?.edges.length),
      );
      return { files: [{ name: `${base}.${format}`, content: exportWordlist(d, format) }], lost };
    },
    'dict.bundled': () => ({ path: bundledDictionaryPath(), language: 'tr' }),
  };
}
