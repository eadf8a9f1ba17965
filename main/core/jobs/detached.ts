// Work that the API awaits but that must not block the event loop (drawing an annotation queue ranks tens of
// thousands of words through several tokenizers): it runs in the job worker, without a job row.
import { drawQueue, type DrawSpec } from '../annotate/queues';
import { loadTokenizer } from '../tokenizers';
import { UserError } from '../errors';
import type { NewQueueItem } from '../store/annotations';
import type { TaskContext } from './types';

export interface DrawQueueArgs {
  source: 'frequency' | 'disagreement' | 'uncertainty';
  corpusId: number;
  language: string;
  tokenizerIds: number[];
  size: number;
  minLength: number;
}

export function drawQueueTask(args: DrawQueueArgs, ctx: TaskContext): NewQueueItem[] {
  const ws = ctx.workspace;
  const counts = ws.getCounts(args.corpusId, 'words');
  if (!counts) throw new UserError(`corpus ${args.corpusId} has no word counts; import it again`);
  const tokenizers = args.tokenizerIds.map((id) => ({ id, tok: loadTokenizer(ws.getTokenizerVersion(id)) }));
  const spec: DrawSpec = { source: args.source, counts, language: args.language };
  return drawQueue(spec, { size: args.size, minLength: args.minLength, tokenizers });
}
