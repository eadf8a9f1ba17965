// npm run bench: every tool side by side on the same machine and corpora, each task in its own process
// under /usr/bin/time -v (peak RSS). Writes bench/results.json; bench/RESULTS.md is written from it by hand
// with the figures and their reading. Not a test: nothing here can fail a build.
//   node bench/run.mjs [--runs=3] [--corpus=tr|scale] [--quick] [--skip-ts] [--skip-spm] [--out=FILE]
//   (medians of --runs runs; the slow reference runs on the scale corpus — TypeScript, SentencePiece,
//   js-tiktoken — run once)
//   corpora: /work/shared/corpora/tr/train.txt (or $BENCH_TR) and bench/scale.txt (bash
//   /work/shared/corpora/build-scale.sh bench/scale.txt; skipped when missing)
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = join(root, '.tmp', 'bench');
mkdirSync(tmp, { recursive: true });
const flags = new Set(process.argv.slice(2));

await build({ entryPoints: [join(root, 'bench/tasks.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: join(tmp, 'tasks.mjs'), logLevel: 'warning' });
// The bundle lives in .tmp/bench; the addon loader looks upward from there, so point it at the build.
const env = { ...process.env, TOKSTUDIO_NATIVE_PATH: join(root, 'native/build/Release/tokstudio_native.node') };

/** Runs a command under /usr/bin/time -v; its result is the last stdout line that is a JSON object (or, with
 * `whole`, all of stdout as JSON, e.g. the CLI's --json output), plus wall time and peak RSS. */
function timed(cmd, args, whole = false) {
  const r = spawnSync('/usr/bin/time', ['-v', cmd, ...args], { cwd: root, env, encoding: 'utf8', maxBuffer: 256 << 20, timeout: 1800_000 });
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1];
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(r.stderr);
  const wallS = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : null;
  if (r.status !== 0) return { ok: false, error: r.stderr.split('\n').filter((l) => l.trim() && !l.startsWith('\t')).slice(-3).join(' | ') };
  const line = whole ? r.stdout : r.stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop();
  return { ok: true, ...(line ? JSON.parse(line) : {}), wallS, peakRssMB: rss ? Math.round(Number(rss) / 1024) : null };
}
const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3);
/** The run with the median time of `runs` (the machine is shared; one run is noise). */
function median(runs, fn) {
  const all = Array.from({ length: runs }, fn);
  if (all.some((r) => !r.ok)) return all.find((r) => !r.ok);
  const time = (r) => r.totalS ?? r.seconds ?? (r.trainingMs !== undefined ? r.trainingMs / 1000 : r.wallS);
  all.sort((a, b) => time(a) - time(b));
  return { ...all[Math.floor(all.length / 2)], runs, times: all.map((r) => +time(r).toFixed(3)) };
}
const task = (...a) => median(RUNS, () => timed(process.execPath, [join(tmp, 'tasks.mjs'), ...a]));
const slowTask = (...a) => median(1, () => timed(process.execPath, [join(tmp, 'tasks.mjs'), ...a]));

const corpora = [
  { name: 'tr', file: process.env.BENCH_TR ?? '/work/shared/corpora/tr/train.txt' },
  { name: 'scale', file: join(root, 'bench', 'scale.txt') },
].filter((c) => existsSync(c.file) && (!process.argv.some((a) => a.startsWith('--corpus=')) || process.argv.includes(`--corpus=${c.name}`)));

const results = {
  machine: { nproc: cpus().length, cpu: cpus()[0]?.model, node: process.version, date: new Date().toISOString() },
  corpora: corpora.map((c) => ({ ...c, mb: +(statSync(c.file).size / 1e6).toFixed(1) })),
  runs: [],
};
const record = (corpus, name, r) => {
  if (r.ok === false) console.error(`${corpus} ${name} failed: ${r.error}`);
  results.runs.push({ corpus, name, ...r });
  console.log(`${corpus.padEnd(6)} ${name.padEnd(26)} ${JSON.stringify(r)}`);
};

const VOCAB = '30000';

/**
 * Hybrid and BPE training as the app runs them: `tokstudio train` jobs in a workspace that holds the corpus (its
 * counts stored at import). trainingMs is what the job reports (training from the stored counts); wallS is the
 * whole command (Node start-up, opening the workspace, loading counts, saving). Needs `npm run build` (dist/cli.mjs).
 */
function cliTraining(c) {
  const cli = join(root, 'dist', 'cli.mjs');
  if (!existsSync(cli)) return console.error('dist/cli.mjs missing (npm run build): CLI training skipped');
  const ws = join(tmp, 'cli-train.tokstudio');
  for (const f of [ws, ws + '-wal', ws + '-shm']) rmSync(f, { force: true });
  const node = (...a) => spawnSync(process.execPath, [cli, '--workspace', ws, ...a], { cwd: root, env, encoding: 'utf8' });
  for (const r of [node('corpus', 'import', c.file, '--lang', 'tr'), node('dict', 'import', join(root, 'samples/tr/dictionary.json'))]) {
    if (r.status !== 0) return console.error(`CLI training skipped: ${r.stderr.trim()}`);
  }
  const train = (...a) => {
    const r = median(RUNS, () => timed(process.execPath, [cli, '--workspace', ws, '--json', 'train', ...a], true));
    return r.ok === false ? r : { trainingS: r.trainingMs / 1000, wallS: r.wallS, peakRssMB: r.peakRssMB, times: r.times };
  };
  record(c.name, 'cli train bpe gpt4o 30k', train('--kind', 'bpe', '--corpus', '1', '--vocab', VOCAB, '--pretokenizer', 'gpt4o', '--min-frequency', '1'));
  record(c.name, 'cli train hybrid 30k', train('--kind', 'hybrid', '--corpus', '1', '--dict', '1', '--vocab', VOCAB, '--subword-share', '0.3', '--min-frequency', '2', '--digits', 'single'));
}
for (const c of corpora) {
  const model = (p) => join(tmp, `${c.name}-${p}.json`);
  record(c.name, 'train native gpt2', task('train-native', c.file, VOCAB, 'gpt2', model('native-gpt2')));
  record(c.name, 'train native gpt4o', task('train-native', c.file, VOCAB, 'gpt4o', model('native-gpt4o')));
  if (!flags.has('--skip-ts')) {
    record(c.name, 'train ts gpt4o', (c.name === 'tr' ? task : slowTask)('train-ts', c.file, VOCAB, 'gpt4o', model('ts-gpt4o')));
    const same = existsSync(model('ts-gpt4o')) && readFileSync(model('ts-gpt4o'), 'utf8') === readFileSync(model('native-gpt4o'), 'utf8');
    record(c.name, 'native model === ts model', { identical: same });
  }
  record(c.name, 'train hf (default, 30k)', task('train-hf', c.file, join(tmp, `${c.name}-hf.json`)));
  if (!flags.has('--skip-spm') && (c.name === 'tr' || !flags.has('--quick'))) {
    record(c.name, 'train spm bpe 30k', median(c.name === 'tr' ? RUNS : 1, () => timed('spm_train', [`--input=${c.file}`, `--model_prefix=${join(tmp, `${c.name}-spm`)}`, `--vocab_size=${VOCAB}`, '--model_type=bpe', '--num_threads=2', '--minloglevel=2', '--input_sentence_size=100000000', '--max_sentence_length=100000'])));
  }
  if (c.name === 'tr') {
    // The hybrid tokenizer with the bundled Turkish starter dictionary, against our own BPE training above.
    const dict = join(root, 'samples/tr/dictionary.json');
    record(c.name, 'train hybrid native 30k', task('train-hybrid-native', c.file, dict, VOCAB, model('hybrid-native')));
    if (!flags.has('--skip-ts')) {
      record(c.name, 'train hybrid ts 30k', task('train-hybrid-ts', c.file, dict, VOCAB, model('hybrid-ts')));
      const same = existsSync(model('hybrid-ts')) && readFileSync(model('hybrid-ts'), 'utf8') === readFileSync(model('hybrid-native'), 'utf8');
      record(c.name, 'hybrid native === ts', { identical: same });
    }
    record(c.name, 'encode hybrid (30k)', task('encode-hybrid', model('hybrid-native'), c.file));
    cliTraining(c);
  }
  record(c.name, 'encode native (gpt4o 30k)', task('encode-native', model('native-gpt4o'), c.file));
  if (!flags.has('--skip-ts')) record(c.name, 'encode ts (gpt4o 30k)', (c.name === 'tr' ? task : slowTask)('encode-ts', model('native-gpt4o'), c.file));
  record(c.name, 'encode hf encodeBatch', task('encode-hf', join(tmp, `${c.name}-hf.json`), c.file));
  record(c.name, 'encode js-tiktoken o200k', (c.name === 'tr' ? task : slowTask)('encode-tiktoken', c.file));
}
// Streamed counting keeps memory bounded: the Turkish corpus repeated to 1 GB (gzip, so it is also the streamed
// path) is counted natively; its peak RSS is compared with counting the 3 MB corpus once.
if (!flags.has('--quick') && corpora.some((c) => c.name === 'tr')) {
  const tr = corpora.find((c) => c.name === 'tr').file;
  const big = join(tmp, 'big.txt.gz');
  record('tr', 'make 1 GB gzip corpus', slowTask('make-big', tr, '1000', big));
  record('tr', 'count 3 MB corpus', task('count-big', tr));
  record('tr', 'count 1 GB gzip corpus', slowTask('count-big', big));
}
const outFile = process.argv.find((a) => a.startsWith('--out='))?.slice(6) ?? join(root, 'bench', 'results.json');
writeFileSync(outFile, JSON.stringify(results, null, 2) + '\n');
console.log(`wrote ${outFile}`);
