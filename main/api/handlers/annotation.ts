// Gold annotation: queues of words to segment, annotations with per-annotator undo, agreement, adjudication and
// export. The rules live in core/annotate/; this file resolves ids and files and shapes the results.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../../core/errors';
import { agreement } from '../../core/annotate/agreement';
import { exportEntries, exportFileName, formatEntries } from '../../core/annotate/export';
import { type DrawSpec, drawQueue } from '../../core/annotate/queues';
import { adjudicate, redoAnnotation, saveAnnotation, undoAnnotation } from '../../core/annotate/save';
import { readWordlist } from '../../core/annotate/wordlist';
import type { NewQueueItem } from '../../core/store/annotations';
import type { Core } from '../service';
import type { Handlers } from '../dispatcher';

type AnnotateMethods =
  | 'annotate.queues'
  | 'annotate.createQueue'
  | 'annotate.removeQueue'
  | 'annotate.items'
  | 'annotate.save'
  | 'annotate.undo'
  | 'annotate.redo'
  | 'annotate.agreement'
  | 'annotate.disputes'
  | 'annotate.adjudicate'
  | 'annotate.export';

export function annotationHandlers(core: Core): Pick<Handlers, AnnotateMethods> {
  const ws = () => core.workspace;
  return {
    'annotate.queues': () => ws().annotations.listQueues(),
    'annotate.createQueue': async (args) => {
      const tokenizers = args.tokenizerIds.map((id) => ({ id, tok: core.tokenizer(id) }));
      let spec: DrawSpec;
      let language = args.language;
      let corpusId: number | null = null;
      if (args.source === 'wordlist') {
        if (!args.wordlistPath) throw new UserError('a word list queue needs a word list file (wordlistPath)');
        const abs = resolve(args.wordlistPath);
        if (!existsSync(abs)) throw new UserError(`${abs}: no such file`);
        spec = { source: 'wordlist', words: readWordlist(abs) };
      } else {
        if (args.corpusId === undefined) throw new UserError(`a ${args.source} queue draws words from a corpus: give corpusId`);
        const corpus = ws().getCorpus(args.corpusId);
        const counts = ws().getCounts(corpus.id, 'words');
        if (!counts) throw new UserError(`corpus ${corpus.id} "${corpus.name}" has no word counts; import it again`);
        // Case is folded with the corpus's own language rules; the queue takes that language unless told otherwise.
        if (language === 'und') language = corpus.language;
        corpusId = corpus.id;
        spec = { source: args.source, counts, language: corpus.language };
      }
      // Ranking a corpus's words through several tokenizers takes seconds: off the main thread, so the app answers.
      const items =
        spec.source === 'wordlist'
          ? drawQueue(spec, { size: args.size, minLength: args.minLength, tokenizers })
          : await core.runner.runDetached<NewQueueItem[]>('draw-queue', {
              source: spec.source,
              corpusId: corpusId!,
              language: spec.language,
              tokenizerIds: args.tokenizerIds,
              size: args.size,
              minLength: args.minLength,
            });
      if (items.length === 0) {
        const why =
          args.source === 'disagreement'
            ? 'the tokenizers segment every sampled word alike'
            : args.source === 'uncertainty'
              ? 'no word has two analyses of equal coverage'
              : `no word of at least ${args.minLength} letters`;
        throw new UserError(`no words to annotate: ${why}`);
      }
      return ws().annotations.createQueue({
        name: args.name,
        language,
        source: args.source,
        corpusId,
        tokenizerIds: args.tokenizerIds,
        params: { size: args.size, minLength: args.minLength, wordlistPath: args.wordlistPath ? resolve(args.wordlistPath) : null },
        items,
      });
    },
    'annotate.removeQueue': ({ id }) => ({ removed: ws().annotations.removeQueue(id) }),
    'annotate.items': ({ queueId, annotator, status, offset, limit }) => ws().annotations.items(queueId, annotator, status, offset, limit),
    'annotate.save': (args) => saveAnnotation(ws(), args),
    'annotate.undo': ({ annotator }) => undoAnnotation(ws(), annotator),
    'annotate.redo': ({ annotator }) => redoAnnotation(ws(), annotator),
    'annotate.agreement': ({ queueId }) =>
      agreement(ws().annotations.allItems(queueId).map(({ record, annotations }) => ({ word: record.word, annotations }))),
    'annotate.disputes': ({ queueId, offset, limit }) => ws().annotations.disputes(queueId, offset, limit),
    'annotate.adjudicate': (args) => adjudicate(ws(), args),
    'annotate.export': ({ queueId, format, include }) => {
      const queue = ws().annotations.getQueue(queueId);
      const entries = exportEntries(ws().annotations.allItems(queueId), include);
      return { content: formatEntries(entries, format), fileName: exportFileName(queue.name, format), entries: entries.length };
    },
  };
}
