// tokstudio: the command line over the same contract and dispatcher as the app.
import { parseArgs } from 'node:util';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Core } from '../api/service';
import { createDispatcher } from '../api/dispatcher';
import type { Args, Job, MethodName, Result } from '../api/contract';
import { Workspace } from '../core/store/workspace';
import { startBridge } from '../bridge/server';
import { USAGE, UsageError, commandHelp } from './usage';
import { staticDir } from './paths';
import { demo } from './demo';
import { doctorReport, formatDoctor } from './doctor';
import { evalCommand, goldCommand, parallelCommand } from './eval';
import { annotateCommand } from './annotate';
import { intArg, table } from './format';
import type { HybridStats } from '../core/hybrid/index';
import { rootPosProblem } from '../core/dict/import';

import type { Flags } from './format';

const OPTIONS = {
  workspace: { type: 'string', short: 'w' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  name: { type: 'string' },
  format: { type: 'string' },
  lang: { type: 'string' },
  field: { type: 'string' },
  kind: { type: 'string' },
  corpus: { type: 'string', multiple: true },
  vocab: { type: 'string' },
  'min-frequency': { type: 'string' },
  pretokenizer: { type: 'string' },
  pattern: { type: 'string' },
  special: { type: 'string', multiple: true },
  'no-specials': { type: 'boolean' },
  tokenizer: { type: 'string', short: 't' },
  text: { type: 'string' },
  out: { type: 'string', short: 'o' },
  port: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  dict: { type: 'string' },
  'subword-share': { type: 'string' },
  digits: { type: 'string' },
  'no-case-markers': { type: 'boolean' },
  n: { type: 'string' },
  gold: { type: 'string', multiple: true },
  parallel: { type: 'string', multiple: true },
  pivot: { type: 'string' },
  sample: { type: 'string' },
  seed: { type: 'string' },
  alpha: { type: 'string' },
  curve: { type: 'string' },
  'curve-sizes': { type: 'string' },
  source: { type: 'string' },
  size: { type: 'string' },
  wordlist: { type: 'string' },
  'min-length': { type: 'string' },
  include: { type: 'string' },
  into: { type: 'string' },
  'roots-only': { type: 'boolean' },
  'root-pos': { type: 'string' },
  'skip-analysed': { type: 'boolean' },
} as const;

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    process.stderr.write(`tokstudio: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const flags = parsed.values as Flags;
  const [command, ...rest] = parsed.positionals;
  if (!command || command === 'help' || (flags.help && !command)) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (flags.help) {
    process.stdout.write(commandHelp(command));
    return 0;
  }
  if (command === 'doctor') {
    const report = await doctorReport();
    process.stdout.write((flags.json ? JSON.stringify(report, null, 2) : formatDoctor(report)) + '\n');
    return report.selfTest?.ok === false ? 1 : 0;
  }
  const workspacePath = resolve(
    (flags.workspace as string | undefined) ?? process.env.TOKSTUDIO_WORKSPACE ?? Workspace.defaultPath(),
  );
  try {
    if (command === 'serve') return await serve(workspacePath, flags);
    const core = new Core({ workspacePath });
    try {
      return await run(core, command, rest, flags);
    } finally {
      await core.close();
    }
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`tokstudio: ${err.message}\n\n${commandHelp(command)}`);
      return 2;
    }
    process.stderr.write(`tokstudio: ${(err as Error).message}\n`);
    return 1;
  }
}

async function run(core: Core, command: string, rest: string[], flags: Flags): Promise<number> {
  const dispatcher = createDispatcher(core.handlers);
  const call = async <M extends MethodName>(method: M, args: Args<M>): Promise<Result<M>> => {
    const reply = await dispatcher.dispatch(method, args);
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.result as Result<M>;
  };
  const out = (value: unknown, text: () => string) =>
    process.stdout.write((flags.json ? JSON.stringify(value, null, 2) : text()) + '\n');
  const sub = rest[0];

  switch (command) {
    case 'info': {
      const info = await call('workspace.info', {});
      out(info, () => `workspace ${info.path}\nschema ${info.schemaVersion}, ${info.corpora} corpora, ${info.tokenizers} tokenizer versions, engine ${info.engine}`);
      return 0;
    }
    case 'corpus': {
      if (sub === 'import') {
        const path = rest[1] ?? fail('corpus import needs a FILE');
        const { jobId } = await call('corpus.import', {
          path,
          name: flags.name as string | undefined,
          format: (flags.format as never) ?? 'auto',
          language: (flags.lang as string | undefined) ?? 'und',
          textField: (flags.field as string | undefined) ?? 'text',
        });
        const job = await follow(core, jobId, flags);
        const corpus = (await call('corpus.list', {})).find((c) => c.id === job.resultId)!;
        out(corpus, () => `imported corpus #${corpus.id} "${corpus.name}": ${corpus.lines} lines, ${corpus.words} words, ${corpus.wordTypes} word types, ${(corpus.sizeBytes / 1e6).toFixed(2)} MB in ${(corpus.importMs / 1000).toFixed(2)} s`);
        return 0;
      }
      if (sub === 'list' || sub === undefined) {
        const list = await call('corpus.list', {});
        out(list, () => table(['id', 'name', 'lang', 'format', 'MB', 'lines', 'words', 'types'], list.map((c) => [c.id, c.name, c.language, c.format + (c.compressed ? '.gz' : ''), (c.sizeBytes / 1e6).toFixed(2), c.lines, c.words, c.wordTypes])));
        return 0;
      }
      if (sub === 'remove') {
        const r = await call('corpus.remove', { id: intArg(rest[1], 'corpus id') });
        out(r, () => (r.removed ? 'removed' : 'no such corpus'));
        return r.removed ? 0 : 1;
      }
      if (sub === 'sample') {
        const r = await call('corpus.sample', { id: intArg(rest[1], 'corpus id'), lines: 5 });
        out(r, () => r.text);
        return 0;
      }
      return fail(`unknown corpus subcommand "${sub}"`);
    }
    case 'budget': {
      const b = await call('train.explainBudget', trainConfig(flags));
      out(b, () => b.text);
      return b.ok ? 0 : 1;
    }
    case 'train': {
      const kind = (flags.kind as string | undefined) ?? 'bpe';
      const corpusIds = ((flags.corpus as string[] | undefined) ?? []).flatMap((s) => s.split(',')).map((s) => intArg(s, '--corpus'));
      if (!corpusIds.length) return fail('train needs --corpus ID (see "tokstudio corpus list")');
      let jobId: number;
      if (kind === 'bpe') {
        const config = trainConfig(flags);
        const budget = await call('train.explainBudget', config);
        if (!budget.ok) throw new Error(budget.text);
        if (!flags.quiet) process.stderr.write(`vocabulary budget: ${budget.text}\n`);
        const name = (flags.name as string | undefined) ?? `bpe-${config.vocabSize}`;
        ({ jobId } = await call('train.start', { name, corpusIds, kind: 'bpe', config }));
      } else if (kind === 'hybrid') {
        const dictionaryId = intArg(flags.dict as string | undefined, '--dict (see "tokstudio dict list")');
        const config = hybridConfig(flags);
        const name = (flags.name as string | undefined) ?? `hybrid-${config.vocabSize}`;
        ({ jobId } = await call('train.start', { name, corpusIds, kind: 'hybrid', dictionaryId, config }));
      } else return fail(`--kind must be bpe or hybrid, got "${kind}"`);
      const job = await follow(core, jobId, flags);
      const v = await call('tokenizer.get', { id: job.resultId! });
      out(v, () => describeVersion(v));
      return 0;
    }
    case 'tokenizers':
    case 'tokenizer': {
      if (command === 'tokenizer' && sub === 'show') {
        const v = await call('tokenizer.get', { id: intArg(rest[1], 'tokenizer id') });
        out(v, () => describeVersion(v));
        return 0;
      }
      if (command === 'tokenizer' && sub === 'remove') {
        const r = await call('tokenizer.remove', { id: intArg(rest[1], 'tokenizer id') });
        out(r, () => (r.removed ? 'removed' : 'no such tokenizer version'));
        return r.removed ? 0 : 1;
      }
      if (command === 'tokenizer' && sub !== undefined && sub !== 'list') return fail(`unknown tokenizer subcommand "${sub}"`);
      const list = await call('tokenizer.list', {});
      out(list, () => table(['id', 'name', 'kind', 'source', 'vocab', 'train s', 'created'], list.map((t) => [t.id, t.name, t.kind, t.source + (t.parentId ? ` of #${t.parentId}` : ''), t.vocabSize, t.trainingMs === null ? '' : (t.trainingMs / 1000).toFixed(2), t.createdAt.slice(0, 19).replace('T', ' ')])));
      return 0;
    }
    case 'encode': {
      const id = intArg(flags.tokenizer as string | undefined, '--tokenizer');
      const text = (flags.text as string | undefined) ?? (rest[0] ? readFileSync(rest[0], 'utf8') : readFileSync(0, 'utf8'));
      const enc = await call('tokenizer.encode', { id, text });
      const fmt = (flags.format as string | undefined) ?? 'ids';
      if (flags.json || fmt === 'json') process.stdout.write(JSON.stringify(enc) + '\n');
      else if (fmt === 'tokens') process.stdout.write(enc.tokens.map((t) => (t.text === '' ? t.token : JSON.stringify(t.text))).join(' ') + '\n');
      else if (fmt === 'ids') process.stdout.write(enc.tokens.map((t) => t.id).join(' ') + '\n');
      else return fail(`--format ${fmt}: use ids, tokens or json`);
      if (!flags.quiet) process.stderr.write(`${enc.tokens.length} tokens, ${enc.words} words, ${enc.tokensPerWord.toFixed(3)} tokens/word, ${enc.charsPerToken.toFixed(3)} chars/token\n`);
      return 0;
    }
    case 'decode': {
      const id = intArg(flags.tokenizer as string | undefined, '--tokenizer');
      const source = rest.length ? rest.join(' ') : readFileSync(0, 'utf8');
      const ids = source.trim() ? source.trim().split(/[\s,]+/).map((s) => intArg(s, 'token id')) : [];
      const r = await call('tokenizer.decode', { id, ids });
      process.stdout.write(flags.json ? JSON.stringify(r) + '\n' : r.text);
      return 0;
    }
    case 'export': {
      const id = intArg(rest[0], 'tokenizer id');
      const r = await call('tokenizer.exportHf', { id });
      const target = (flags.out as string | undefined) ?? r.fileName;
      writeFileSync(target, r.json);
      process.stderr.write(`wrote ${target}\n`);
      return 0;
    }
    case 'import-hf': {
      const file = rest[0] ?? fail('import-hf needs a tokenizer.json FILE');
      const s = await call('tokenizer.importHf', { json: readFileSync(file, 'utf8'), name: (flags.name as string | undefined) ?? file });
      out(s, () => `imported tokenizer #${s.id} "${s.name}" (${s.vocabSize} tokens)`);
      return 0;
    }
    case 'cut': {
      const s = await call('tokenizer.cut', { id: intArg(rest[0], 'tokenizer id'), vocabSize: intArg(flags.vocab as string | undefined, '--vocab'), name: flags.name as string | undefined });
      out(s, () => `tokenizer #${s.id} "${s.name}": ${s.vocabSize} tokens cut from #${s.parentId}`);
      return 0;
    }
    case 'dict': {
      if (sub === 'import') {
        const path = rest[1] ?? fail('dict import needs a FILE (.json, .aff/.dic, .tsv or .csv)');
        const into = flags.into === undefined ? undefined : intArg(flags.into as string, '--into (see "tokstudio dict list")');
        if (flags['roots-only'] && into === undefined) return fail('--roots-only needs --into ID (it takes only the roots into that dictionary)');
        if (flags['skip-analysed'] && into === undefined) return fail('--skip-analysed needs --into ID (it leaves out the words that dictionary already analyses)');
        const rootPos = flags['root-pos'] as string | undefined;
        const posProblem = rootPos === undefined ? null : rootPosProblem(rootPos, '--root-pos');
        if (posProblem) return fail(posProblem);
        const { jobId } = await call('dict.import', {
          path,
          format: (flags.format as never) ?? 'auto',
          language: flags.lang as string | undefined,
          name: flags.name as string | undefined,
          into,
          rootsOnly: Boolean(flags['roots-only']),
          rootPos,
          skipAnalysed: Boolean(flags['skip-analysed']),
        });
        const job = await follow(core, jobId, flags);
        const d = (await call('dict.list', {})).find((x) => x.id === job.resultId)!;
        if (into !== undefined) {
          // The job's message: what the merge did, then one "warning: …" line each (those go to stderr).
          const [summary = '', ...warnings] = (job.message ?? '').split('\n');
          out({ ...d, merge: summary, warnings: warnings.map((w) => w.replace(/^warning: /, '')) }, () => `merged into dictionary #${d.id} "${d.name}": ${summary}; now ${d.roots} roots, ${d.groups} allomorph groups`);
          if (!flags.quiet) for (const w of warnings) process.stderr.write(`${w}\n`);
          return 0;
        }
        out(d, () => `imported dictionary #${d.id} "${d.name}" (${d.language}): ${d.roots} roots, ${d.groups} allomorph groups, ${d.variants} affix variants`);
        return 0;
      }
      if (sub === 'list' || sub === undefined) {
        const list = await call('dict.list', {});
        out(list, () => table(['id', 'name', 'lang', 'roots', 'groups', 'variants', 'updated'], list.map((d) => [d.id, d.name, d.language, d.roots, d.groups, d.variants, d.updatedAt.slice(0, 19).replace('T', ' ')])));
        return 0;
      }
      if (sub === 'remove') {
        const r = await call('dict.remove', { id: intArg(rest[1], 'dictionary id') });
        out(r, () => (r.removed ? 'removed' : 'no such dictionary'));
        return r.removed ? 0 : 1;
      }
      if (sub === 'export') {
        const format = ((flags.format as string | undefined) ?? 'json') as 'json';
        const r = await call('dict.export', { id: intArg(rest[1], 'dictionary id'), format });
        const dir = (flags.out as string | undefined) ?? '.';
        // -o names the file for a one-file format, else (or with a trailing slash) the folder to write into.
        const intoDir = r.files.length > 1 || !flags.out || dir.endsWith('/');
        if (intoDir) mkdirSync(dir, { recursive: true });
        for (const f of r.files) {
          const target = intoDir ? resolve(dir, f.name) : dir;
          writeFileSync(target, f.content);
          process.stderr.write(`wrote ${target}\n`);
        }
        if (r.lost.length) process.stderr.write(`not representable in ${format}: ${r.lost.join('; ')}\n`);
        return 0;
      }
      if (sub === 'bundled') {
        const r = await call('dict.bundled', {});
        out(r, () => r.path);
        return 0;
      }
      return fail(`unknown dict subcommand "${sub}"`);
    }
    case 'analyze': {
      const id = intArg(flags.tokenizer as string | undefined, '--tokenizer');
      const word = rest[0] ?? fail('analyze needs a WORD');
      const r = await call('tokenizer.analyze', { id, word, n: flags.n ? intArg(flags.n as string, '-n') : 5 });
      out(r, () =>
        r.analyses
          .map((a) => `${a.rank}. ${a.morphs.map((m) => (m.kind === 'residue' ? `[${m.surface}]` : m.group ? `${m.surface}:${m.group}` : m.surface)).join(' + ')}   logp ${a.score.logProb.toFixed(2)}${a.reason ? `   (${a.reason})` : ''}`)
          .join('\n') || 'no analysis',
      );
      return 0;
    }
    case 'demo': {
      const vocab = flags.vocab ? intArg(flags.vocab as string, '--vocab') : 2000;
      await demo(core, call as never, { vocab, log: (line) => process.stdout.write(line + '\n') });
      return 0;
    }
    case 'gold':
      return goldCommand(call, rest, flags, out);
    case 'parallel':
      return parallelCommand(call, rest, flags, out);
    case 'eval':
      return evalCommand(core, call, rest, flags, out, follow);
    case 'annotate':
      return annotateCommand(call, rest, flags, out);
    case 'jobs': {
      const list = await call('job.list', {});
      out(list, () => table(['id', 'kind', 'status', 'phase', '%', 'result', 'error'], list.map((j) => [j.id, j.kind, j.status, j.phase, j.percent.toFixed(0), j.resultId ?? '', j.error ?? ''])));
      return 0;
    }
    default:
      return fail(`unknown command "${command}"`);
  }
}

function trainConfig(flags: Flags) {
  const specials = flags['no-specials'] ? [] : ((flags.special as string[] | undefined) ?? ['<|endoftext|>']);
  return {
    vocabSize: intArg(flags.vocab as string | undefined, '--vocab'),
    minFrequency: flags['min-frequency'] ? intArg(flags['min-frequency'] as string, '--min-frequency') : 2,
    pretokenizer: ((flags.pretokenizer as string | undefined) ?? (flags.pattern ? 'custom' : 'gpt4o')) as 'gpt4o',
    pattern: flags.pattern as string | undefined,
    specialTokens: specials,
  };
}

function hybridConfig(flags: Flags) {
  const specials = flags['no-specials'] ? [] : ((flags.special as string[] | undefined) ?? ['<|endoftext|>']);
  const share = flags['subword-share'] as string | undefined;
  if (share !== undefined && !(Number(share) >= 0 && Number(share) <= 1)) throw new UsageError(`--subword-share must be a number from 0 to 1, got "${share}"`);
  const digits = (flags.digits as string | undefined) ?? 'single';
  if (digits !== 'single' && digits !== 'group3') throw new UsageError(`--digits must be single or group3, got "${digits}"`);
  return {
    vocabSize: intArg(flags.vocab as string | undefined, '--vocab'),
    subwordShare: share === undefined ? 0.3 : Number(share),
    minFrequency: flags['min-frequency'] ? intArg(flags['min-frequency'] as string, '--min-frequency') : 2,
    digits: digits as 'single' | 'group3',
    caseMarkers: !flags['no-case-markers'],
    specialTokens: specials,
  };
}

/** Waits for a job, drawing progress on stderr; throws with the job's error when it fails. */
async function follow(core: Core, jobId: number, flags: Flags): Promise<Job> {
  const tty = process.stderr.isTTY && !flags.quiet;
  const off = core.onEvent((e) => {
    if (e.type !== 'job' || e.job.id !== jobId || !tty) return;
    const rate = e.job.rate ? `, ${e.job.rate.toFixed(e.job.rate < 100 ? 1 : 0)} ${e.job.rateUnit}` : '';
    process.stderr.write(`\r\x1b[K${e.job.kind} ${e.job.phase} ${e.job.percent.toFixed(0)}%${rate}`);
  });
  const onSigint = () => core.runner.cancel(jobId);
  process.once('SIGINT', onSigint);
  try {
    const job = await core.runner.wait(jobId);
    if (tty) process.stderr.write('\r\x1b[K');
    if (job.status === 'failed') throw new Error(job.error ?? 'the job failed');
    if (job.status === 'cancelled') throw new Error('cancelled; the workspace is unchanged');
    return job;
  } finally {
    off();
    process.off('SIGINT', onSigint);
  }
}

async function serve(workspacePath: string, flags: Flags): Promise<number> {
  const port = flags.port ? intArg(flags.port as string, '--port') : 0;
  const bridge = await startBridge({ workspacePath, staticDir: staticDir(), port });
  process.stdout.write(`Tokenizer Studio (browser mode) on workspace ${workspacePath}\nopen ${bridge.url}\n`);
  await new Promise<void>((done) => {
    const stop = () => void bridge.close().then(done);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

function describeVersion(v: Result<'tokenizer.get'>): string {
  return v.kind === 'hybrid' ? describeHybrid(v) : describeBpe(v);
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function describeHybrid(v: Result<'tokenizer.get'>): string {
  const s = v.stats as unknown as HybridStats;
  const c = v.config as { dictionaryName?: string; vocabSize?: number };
  const lines = [
    `tokenizer #${v.id} "${v.name}" (hybrid, ${v.source}) with dictionary "${c.dictionaryName ?? '?'}"`,
    `vocabulary ${v.vocabSize} of ${c.vocabSize ?? '?'}: ${s.vocab.specials} specials/markers/whitespace + ${s.vocab.roots} roots (+${s.vocab.rootAlternants} alternant ids) + ${s.vocab.groups} affix groups (+${s.vocab.variants} variant ids) + ${s.vocab.digits} digits + ${s.vocab.bytes} bytes + ${s.vocab.merges} subword merges`,
    `roots kept ${s.roots.kept} of ${s.roots.inDictionary}${s.roots.droppedForBudget ? ` (${s.roots.droppedForBudget} dropped for the budget, ${s.roots.droppedUnseen} of them unseen in the corpus)` : ''}${s.roots.droppedUnusable ? `; ${s.roots.droppedUnusable} left out: no morphotactic edge reaches their part of speech` : ''}`,
    `dictionary coverage ${pct(s.coverage.tokens)} of word tokens, ${pct(s.coverage.types)} of word types; sharing rate ${pct(s.sharingRate)}`,
    `tokens per word ${s.tokensPerWord.toFixed(3)}; language-token ${s.alignment.tokens.languagePct.toFixed(1)}% / pure-token ${s.alignment.tokens.purePct.toFixed(1)}% (over types ${s.alignment.types.languagePct.toFixed(1)}% / ${s.alignment.types.purePct.toFixed(1)}%)`,
  ];
  if (s.bpe.stoppedEarly) lines.push(`subword BPE stopped early: ${s.bpe.stoppedEarly}`);
  if (v.trainingMs !== null) lines.push(`trained in ${(v.trainingMs / 1000).toFixed(2)} s`);
  lines.push(`config hash ${v.configHash.slice(0, 16)}`);
  return lines.join('\n');
}

function describeBpe(v: Result<'tokenizer.get'>): string {
  const s = v.stats as { merges?: number; stoppedEarly?: { reason: string } | null; pretokenTypes?: number; peakRssBytes?: number };
  const lines = [
    `tokenizer #${v.id} "${v.name}" (${v.kind}, ${v.source}${v.parentId ? ` of #${v.parentId}` : ''})`,
    `vocabulary ${v.vocabSize}${v.budget ? `: ${v.budget.text}` : ''}`,
  ];
  if (s.stoppedEarly) lines.push(`stopped early: ${s.stoppedEarly.reason}`);
  if (v.trainingMs !== null) lines.push(`trained in ${(v.trainingMs / 1000).toFixed(2)} s on ${s.pretokenTypes ?? '?'} pre-token types${s.peakRssBytes ? `, peak RSS ${(s.peakRssBytes / 1e6).toFixed(0)} MB` : ''}`);
  lines.push(`config hash ${v.configHash.slice(0, 16)}`);
  return lines.join('\n');
}



function fail(message: string): never {
  throw new UsageError(message);
}

// Run directly as dist/cli.mjs; bin/tokstudio.mjs imports main() instead.
if (process.argv[1] && /[\\/]cli\.mjs$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
