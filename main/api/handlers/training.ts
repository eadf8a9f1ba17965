import { explainBudget } from '../../core/bpe/index';
import { UserError } from '../../core/errors';
import { methods, type ParsedArgs } from '../contract';
import type { Core } from '../service';
import type { Handlers } from '../dispatcher';

type TrainingMethods = 'train.explainBudget' | 'train.start' | 'train.retrain' | 'job.get' | 'job.list' | 'job.cancel';

export function trainingHandlers(core: Core): Pick<Handlers, TrainingMethods> {
  const start = (args: ParsedArgs<'train.start'>) => {
    if (args.kind === 'bpe') {
      const budget = explainBudget(args.config.vocabSize, args.config.specialTokens.length);
      if (!budget.ok) throw new UserError(budget.text);
    } else {
      core.workspace.dictionaries.get(args.dictionaryId); // not-found before a job starts
    }
    for (const id of args.corpusIds) core.workspace.getCorpus(id);
    return { jobId: core.runner.start('train', args).id };
  };
  return {
    'train.explainBudget': (cfg) => explainBudget(cfg.vocabSize, cfg.specialTokens.length),
    'train.start': start,
    // The same corpora, dictionary and config again: after a dictionary edit, one action brings a version up to date.
    'train.retrain': ({ id }) => {
      const v = core.workspace.getTokenizerVersion(id);
      if (v.summary.source !== 'trained') throw new UserError(`tokenizer #${id} was ${v.summary.source}, not trained: there is nothing to retrain`);
      const config = v.config as { dictionaryId?: number };
      const args = methods['train.start'].args.parse({
        kind: v.kind,
        name: v.summary.name,
        corpusIds: v.corpusIds,
        ...(v.kind === 'hybrid' ? { dictionaryId: config.dictionaryId } : {}),
        config: v.config,
      });
      return start(args);
    },
    'job.get': ({ id }) => core.runner.get(id),
    'job.list': () => core.runner.list(),
    'job.cancel': ({ id }) => ({ cancelled: core.runner.cancel(id) }),
  };
}
