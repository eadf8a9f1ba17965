import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { readCountTable, readTexts } from '../../core/corpus/read';
import { UserError } from '../../core/errors';
import { bundledSamplePath, type Core } from '../service';
import type { Handlers } from '../dispatcher';

type CorpusMethods = 'corpus.import' | 'corpus.list' | 'corpus.remove' | 'corpus.sample' | 'corpus.bundledSample';

export function corpusHandlers(core: Core): Pick<Handlers, CorpusMethods> {
  return {
    'corpus.import': (args) => {
      const path = resolve(args.path);
      if (!existsSync(path)) throw new UserError(`${path}: no such file`);
      return { jobId: core.runner.start('import', { ...args, path }).id };
    },
    'corpus.list': () => core.workspace.listCorpora(),
    'corpus.remove': ({ id }) => ({ removed: core.workspace.removeCorpus(id) }),
    'corpus.sample': async ({ id, lines }) => ({ text: await sampleCorpus(core, id, lines) }),
    'corpus.bundledSample': () => ({ path: bundledSamplePath(), language: 'tr' }),
  };
}

/** A uniform random sample of lines (reservoir sampling, one streamed pass) from a corpus's source. */
async function sampleCorpus(core: Core, id: number, n: number): Promise<string> {
  const corpus = core.workspace.getCorpus(id);
  if (!existsSync(corpus.sourcePath)) throw new UserError(`the source file of corpus #${id} is gone: ${corpus.sourcePath}`);
  const picked: string[] = [];
  let seen = 0;
  const offer = (item: string) => {
    seen++;
    if (picked.length < n) picked.push(item);
    else {
      const j = Math.floor(Math.random() * seen);
      if (j < n) picked[j] = item;
    }
  };
  if (corpus.format === 'counts') {
    for (const w of (await readCountTable(corpus.sourcePath)).keys()) offer(w);
  } else {
    for await (const t of readTexts(corpus.sourcePath, corpus.format, corpus.textField ?? 'text')) offer(t.text);
  }
  return picked.join('\n');
}
