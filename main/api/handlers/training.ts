import { explainBudget } from '../../core/bpe/index';
import { UserError } from '../../core/errors';
import type { Core } from '../service';
import type { Handlers } from '../dispatcher';

type TrainingMethods = 'train.explainBudget' | 'train.start' | 'job.get' | 'job.list' | 'job.cancel';

export function trainingHandlers(core: Core): Pick<Handlers, TrainingMethods> {
  return {
    'train.explainBudget': (cfg) => explainBudget(cfg.vocabSize, cfg.specialTokens.length),
    'train.start': (args) => {
      if (args.kind === 'bpe') {
        const budget = explainBudget(args.config.vocabSize, args.config.specialTokens.length);
        if (!budget.ok) throw new UserError(budget.text);
      } else {
        core.workspace.dictionaries.get(args.dictionaryId); // not-found before a job starts
      }
      for (const id of args.corpusIds) core.workspace.getCorpus(id);
      return { jobId: core.runner.start('train', args).id };
    },
    'job.get': ({ id }) => core.runner.get(id),
    'job.list': () => core.runner.list(),
    'job.cancel': ({ id }) => ({ cancelled: core.runner.cancel(id) }),
  };
}
