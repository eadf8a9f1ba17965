import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { dictionaryToJson } from '../../core/dict/json';
import { exportWordlist } from '../../core/dict/wordlist';
import { exportHunspell } from '../../core/dict/hunspell-export';
import { UserError } from '../../core/errors';
import { bundledDictionaryPath, type Core } from '../service';
import type { Handlers } from '../dispatcher';

type DictMethods = 'dict.list' | 'dict.import' | 'dict.remove' | 'dict.export' | 'dict.bundled';

export function dictionaryHandlers(core: Core): Pick<Handlers, DictMethods> {
  return {
    'dict.list': () => core.workspace.dictionaries.list(),
    'dict.import': (args) => {
      const path = resolve(args.path);
      if (!existsSync(path)) throw new UserError(`${path}: no such file`);
      return { jobId: core.runner.start('dict-import', { ...args, path }).id };
    },
    'dict.remove': ({ id }) => ({ removed: core.workspace.dictionaries.remove(id) }),
    'dict.export': ({ id, format }) => {
      const d = core.workspace.dictionaries.load(id);
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
