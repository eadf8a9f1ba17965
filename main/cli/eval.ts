// tokstudio gold | parallel | eval: reference sets and evaluation runs (and two runs compared) from the command line. A FILE given to
// --gold or --parallel is imported first, or reused when a set with the same sha256 is already there.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Args, CompareSource, Job, MethodName, Result } from '../api/contract';
import type { Core } from '../api/service';
import { type Flags, intArg, table } from './format';
import { UsageError } from './usage';

type Call = <M extends MethodName>(method: M, args: Args<M>) => Promise<Result<M>>;
type Out = (value: unknown, text: () => string) => void;
type Follow = (core: Core, jobId: number, flags: Flags) => Promise<Job>;

const str = (v: unknown) => v as string | undefined;
const isId = (s: string) => /^\d+$/.test(s.trim());
const sha256Of = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

export async function goldCommand(call: Call, rest: string[], flags: Flags, out: Out): Promise<number> {
  const sub = rest[0];
  if (sub === 'import') {
    const path = rest[1] ?? usage('gold import needs a FILE');
    const g = await call('gold.import', { path, format: (str(flags.format) ?? 'auto') as never, name: str(flags.name), language: str(flags.lang) ?? 'und' });
    out(g, () => `imported gold set #${g.id} "${g.name}" (${g.format}, ${g.language}): ${g.entries} words, ${g.withAlternatives} with alternatives`);
    return 0;
  }
  if (sub === 'list' || sub === undefined) {
    const list = await call('gold.list', {});
    out(list, () => table(['id', 'name', 'lang', 'format', 'words', 'alternatives', 'sha256'], list.map((g) => [g.id, g.name, g.language, g.format, g.entries, g.withAlternatives, g.sha256.slice(0, 12)])));
    return 0;
  }
  if (sub === 'remove') {
    const r = await call('gold.remove', { id: intArg(rest[1], 'gold set id') });
    out(r, () => (r.removed ? 'removed' : 'no such gold set'));
    return r.removed ? 0 : 1;
  }
  return usage(`unknown gold subcommand "${sub}"`);
}

export async function parallelCommand(call: Call, rest: string[], flags: Flags, out: Out): Promise<number> {
  const sub = rest[0];
  if (sub === 'import') {
    const path = rest[1] ?? usage('parallel import needs a FILE (.jsonl or .tsv)');
    const p = await call('parallel.import', { path, format: (str(flags.format) ?? 'auto') as never, name: str(flags.name) });
    out(p, () => `imported parallel set #${p.id} "${p.name}" (${p.format}): ${p.rows} rows in ${p.languages.join(', ')}`);
    return 0;
  }
  if (sub === 'list' || sub === undefined) {
    const list = await call('parallel.list', {});
    out(list, () => table(['id', 'name', 'format', 'languages', 'rows', 'sha256'], list.map((p) => [p.id, p.name, p.format, p.languages.join(','), p.rows, p.sha256.slice(0, 12)])));
    return 0;
  }
  if (sub === 'remove') {
    const r = await call('parallel.remove', { id: intArg(rest[1], 'parallel set id') });
    out(r, () => (r.removed ? 'removed' : 'no such parallel set'));
    return r.removed ? 0 : 1;
  }
  return usage(`unknown parallel subcommand "${sub}"`);
}

export async function evalCommand(core: Core, call: Call, rest: string[], flags: Flags, out: Out, follow: Follow): Promise<number> {
  const sub = rest[0];
  if (sub === 'list') {
    const list = await call('eval.list', {});
    out(list, () => table(['id', 'name', 'created', 'seconds', 'tokenizers', 'corpus', 'gold', 'parallel'], list.map((e) => [e.id, e.name.slice(0, 60), e.createdAt.slice(0, 19).replace('T', ' '), (e.durationMs / 1000).toFixed(1), e.tokenizers.length, e.corpus ?? '', e.goldSets, e.parallelSets])));
    return 0;
  }
  if (sub === 'show') return report(call, intArg(rest[1], 'evaluation id'), flags);
  if (sub === 'compare') {
    if (rest.length !== 3) usage('eval compare needs two evaluation ids: eval compare A B');
    const a = intArg(rest[1], 'evaluation id A');
    const b = intArg(rest[2], 'evaluation id B');
    const r = await call('eval.compare', { a, b, format: exportFormat(flags) });
    write(r.export!.content, flags);
    return 0;
  }
  if (sub === 'remove') {
    const r = await call('eval.remove', { id: intArg(rest[1], 'evaluation id') });
    out(r, () => (r.removed ? 'removed' : 'no such evaluation'));
    return r.removed ? 0 : 1;
  }
  if (sub !== undefined) return usage(`unknown eval subcommand "${sub}"`);

  exportFormat(flags); // a bad --format fails before the work
  const sources = (str(flags.tokenizer) ?? usage('eval needs --tokenizer ID|openai:o200k_base[,...]')).split(',').filter(Boolean).map(sourceOf);
  const corpora = (flags.corpus as string[] | undefined) ?? [];
  if (corpora.length > 1) usage('eval takes one --corpus');
  const goldSetIds: number[] = [];
  for (const g of (flags.gold as string[] | undefined) ?? []) goldSetIds.push(isId(g) ? Number(g) : await goldSetFor(call, g, flags));
  const parallelSetIds: number[] = [];
  for (const p of (flags.parallel as string[] | undefined) ?? []) parallelSetIds.push(isId(p) ? Number(p) : await parallelSetFor(call, p));
  const { jobId } = await call('eval.start', {
    name: str(flags.name),
    sources,
    corpusId: corpora[0] === undefined ? undefined : intArg(corpora[0], '--corpus'),
    sampleLines: flags.sample === undefined ? 2000 : intArg(str(flags.sample), '--sample'),
    seed: flags.seed === undefined ? 1 : intArg(str(flags.seed), '--seed'),
    goldSetIds,
    parallelSetIds,
    pivot: str(flags.pivot),
    dictionaryId: flags.dict === undefined ? undefined : intArg(str(flags.dict), '--dict'),
    renyiAlpha: flags.alpha === undefined ? 2.5 : numberArg(str(flags.alpha)!, '--alpha'),
    curveVersionId: flags.curve === undefined ? undefined : intArg(str(flags.curve), '--curve'),
    curveSizes: flags['curve-sizes'] === undefined ? undefined : str(flags['curve-sizes'])!.split(',').map((s) => intArg(s, '--curve-sizes')),
  });
  const job = await follow(core, jobId, flags);
  if (!flags.quiet) process.stderr.write(`evaluation #${job.resultId} stored\n`);
  return report(call, job.resultId!, flags);
}

async function report(call: Call, id: number, flags: Flags): Promise<number> {
  const r = await call('eval.export', { id, format: exportFormat(flags) });
  write(r.content, flags);
  return 0;
}

/** To -o FILE (saying so on stderr), else to stdout. */
function write(content: string, flags: Flags): void {
  const target = str(flags.out);
  if (target) {
    writeFileSync(target, content);
    process.stderr.write(`wrote ${target}\n`);
  } else process.stdout.write(content);
}

function exportFormat(flags: Flags): 'md' | 'json' | 'csv' {
  const f = str(flags.format) ?? (flags.json ? 'json' : 'md');
  if (f !== 'md' && f !== 'json' && f !== 'csv') usage(`--format must be md, json or csv, got "${f}"`);
  return f as 'md' | 'json' | 'csv';
}

function sourceOf(spec: string): CompareSource {
  const s = spec.trim();
  if (isId(s)) return { kind: 'version', id: Number(s) };
  const m = /^openai:(o200k_base|cl100k_base)$/.exec(s);
  if (m) return { kind: 'openai', name: m[1] as 'o200k_base' | 'cl100k_base' };
  return usage(`--tokenizer: "${s}" is neither a tokenizer id nor openai:o200k_base / openai:cl100k_base`);
}

async function goldSetFor(call: Call, path: string, flags: Flags): Promise<number> {
  const sha = sha256Of(path);
  const same = (await call('gold.list', {})).find((g) => g.sha256 === sha && g.source === 'file');
  if (same) return same.id;
  return (await call('gold.import', { path, format: 'auto', language: str(flags.lang) ?? 'und' })).id;
}

async function parallelSetFor(call: Call, path: string): Promise<number> {
  const sha = sha256Of(path);
  const same = (await call('parallel.list', {})).find((p) => p.sha256 === sha);
  if (same) return same.id;
  return (await call('parallel.import', { path, format: 'auto' })).id;
}

function numberArg(value: string, what: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || value.trim() === '') throw new UsageError(`${what} must be a number, got "${value}"`);
  return n;
}

function usage(message: string): never {
  throw new UsageError(message);
}
