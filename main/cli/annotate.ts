// tokstudio annotate: gold annotation queues from the command line (drawing, export, agreement). Annotating
// itself happens in the app; the CLI makes queues for it and takes the results out.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Args, MethodName, Result } from '../api/contract';
import { type Flags, intArg, table } from './format';
import { UsageError } from './usage';

type Call = <M extends MethodName>(method: M, args: Args<M>) => Promise<Result<M>>;
type Out = (value: unknown, text: () => string) => void;

const str = (v: unknown) => v as string | undefined;
const usage = (message: string): never => {
  throw new UsageError(message);
};
const SOURCES = ['frequency', 'disagreement', 'uncertainty', 'wordlist'];
const FORMATS = ['tsv', 'morpho', 'sigmorphon', 'conllu'];

export async function annotateCommand(call: Call, rest: string[], flags: Flags, out: Out): Promise<number> {
  const sub = rest[0];
  if (sub === 'queues' || sub === undefined) {
    const list = await call('annotate.queues', {});
    out(list, () =>
      table(
        ['id', 'name', 'lang', 'source', 'items', 'unseen', 'draft', 'gold', 'disputed', 'annotators', 'gold set'],
        list.map((q) => [q.id, q.name, q.language, q.source, q.items, q.progress.unseen, q.progress.draft, q.progress.gold, q.progress.disputed, q.annotators.join(','), q.goldSetId]),
      ),
    );
    return 0;
  }
  if (sub === 'create') {
    const source = str(flags.source) ?? usage('annotate create needs --source frequency|disagreement|uncertainty|wordlist');
    if (!SOURCES.includes(source)) usage(`--source must be one of ${SOURCES.join(', ')}, not "${source}"`);
    const corpora = (flags.corpus as string[] | undefined) ?? [];
    if (corpora.length > 1) usage('annotate create takes one --corpus');
    const tokenizerIds = (str(flags.tokenizer) ?? '').split(',').filter(Boolean).map((t) => intArg(t, '--tokenizer'));
    const q = await call('annotate.createQueue', {
      name: str(flags.name) ?? usage('annotate create needs --name'),
      language: str(flags.lang) ?? 'und',
      source: source as never,
      corpusId: corpora[0] === undefined ? undefined : intArg(corpora[0], '--corpus'),
      tokenizerIds,
      wordlistPath: str(flags.wordlist) && resolve(str(flags.wordlist)!),
      size: flags.size ? intArg(str(flags.size), '--size') : 200,
      minLength: flags['min-length'] ? intArg(str(flags['min-length']), '--min-length') : 3,
    });
    out(q, () => `created annotation queue #${q.id} "${q.name}" (${q.source}, ${q.language}): ${q.items} words; its gold set is #${q.goldSetId}`);
    return 0;
  }
  if (sub === 'remove') {
    const r = await call('annotate.removeQueue', { id: intArg(rest[1], 'queue id') });
    out(r, () => (r.removed ? 'removed' : 'no such queue'));
    return r.removed ? 0 : 1;
  }
  if (sub === 'export') {
    const queueId = intArg(rest[1], 'queue id');
    const format = str(flags.format) ?? 'tsv';
    if (!FORMATS.includes(format)) usage(`--format must be one of ${FORMATS.join(', ')}, not "${format}"`);
    const include = str(flags.include) ?? 'gold';
    if (include !== 'gold' && include !== 'all') usage(`--include must be gold or all, not "${include}"`);
    const ex = await call('annotate.export', { queueId, format: format as never, include: include as 'gold' | 'all' });
    const file = str(flags.out);
    if (file) {
      writeFileSync(file, ex.content);
      out({ file: resolve(file), entries: ex.entries }, () => `wrote ${ex.entries} entries to ${resolve(file)}`);
    } else if (flags.json) {
      out(ex, () => '');
    } else {
      process.stdout.write(ex.content);
    }
    return 0;
  }
  if (sub === 'agreement') {
    const r = await call('annotate.agreement', { queueId: intArg(rest[1], 'queue id') });
    const f = (x: number) => x.toFixed(3);
    out(r, () =>
      r.pairs.length === 0
        ? `${r.annotators.length} annotator${r.annotators.length === 1 ? '' : 's'}: agreement needs two`
        : table(['a', 'b', 'items', 'gaps', 'precision', 'recall', 'F1', 'kappa', 'differ'], r.pairs.map((p) => [p.a, p.b, p.items, p.positions, f(p.precision), f(p.recall), f(p.f1), f(p.kappa), p.disagreements])),
    );
    return 0;
  }
  return usage(`unknown annotate subcommand "${sub}"`);
}
