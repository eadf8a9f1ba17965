// Builds the optional C++ addon (native/) with node-gyp: `npm install` runs it, so does `npm run build:native`.
// Without a compiler (or Python, or Node headers) the build fails and this script prints ONE line and exits
// 0: the app then runs on the TypeScript reference, and `tokstudio doctor` says why.
//   --asan   an AddressSanitizer + UBSan build in native/.asan/ (see native/README.md), errors are fatal
//   --quiet  no output on success
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const asan = process.argv.includes('--asan');
const quiet = process.argv.includes('--quiet');
const logFile = join(root, 'native', asan ? 'build-asan.log' : 'build.log');

function fail(reason) {
  if (asan) {
    console.error(`tokstudio: the sanitizer build of the native addon failed: ${reason} (log: ${logFile})`);
    process.exit(1);
  }
  console.log(`tokstudio: native addon not built (${reason}); the TypeScript engine will be used — log: ${logFile}`);
  process.exit(0);
}

if (!asan && process.env.TOKSTUDIO_SKIP_NATIVE === '1') {
  if (!quiet) console.log('tokstudio: native addon build skipped (TOKSTUDIO_SKIP_NATIVE=1)');
  process.exit(0);
}

/** node-gyp: the one npm runs lifecycle scripts with, else a local install, else npm's own copy. */
function findNodeGyp() {
  const candidates = [process.env.npm_config_node_gyp];
  try {
    candidates.push(createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not installed locally
  }
  if (process.env.npm_execpath) candidates.push(join(dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  const prefix = dirname(dirname(process.execPath));
  candidates.push(join(prefix, 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  candidates.push(join(prefix, 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  return candidates.find((p) => p && existsSync(p)) ?? null;
}

const nodeGyp = findNodeGyp();
if (!nodeGyp) fail('node-gyp was not found');
try {
  createRequire(join(root, 'package.json')).resolve('node-addon-api');
} catch {
  fail('the node-addon-api package is missing');
}

// Headers of the running Node when they are installed beside it (offline machines); else node-gyp downloads them.
const prefix = dirname(dirname(process.execPath));
const args = [nodeGyp, 'rebuild', `--jobs=${Math.max(1, availableParallelism())}`];
if (existsSync(join(prefix, 'include', 'node', 'node_api.h'))) args.push(`--nodedir=${prefix}`);

let cwd = join(root, 'native');
if (asan) {
  // A separate copy, so the sanitizer build never replaces the real addon.
  cwd = join(root, 'native', '.asan');
  rmSync(cwd, { recursive: true, force: true });
  mkdirSync(cwd, { recursive: true });
  cpSync(join(root, 'native', 'binding.gyp'), join(cwd, 'binding.gyp'));
  cpSync(join(root, 'native', 'src'), join(cwd, 'src'), { recursive: true });
  args.push('--', '-Dsanitize=true');
}

const started = Date.now();
const run = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
writeFileSync(logFile, `${run.stdout ?? ''}\n${run.stderr ?? ''}\n${run.error ? String(run.error) : ''}`);
if (run.status !== 0) {
  const text = `${run.stdout ?? ''}\n${run.stderr ?? ''}`;
  const reason = /not found: (make|g\+\+|c\+\+|cc)|(g\+\+|c\+\+|cc|clang\+\+): (No such file|Command not found)|Error 127|CXX.*not found/i.test(text)
    ? 'no C++ compiler (or make) was found'
    : /find Python|python/i.test(text) && /not found|cannot find|Could not find/i.test(text)
      ? 'Python was not found'
      : /error:/.test(text)
        ? `compile error: ${text.split('\n').find((l) => /error:/.test(l))?.trim().slice(0, 160)}`
        : `node-gyp exited with ${run.status ?? run.signal ?? run.error?.message}`;
  fail(reason);
}
const out = join(cwd, 'build', 'Release', 'tokstudio_native.node');
if (!existsSync(out)) fail(`the build reported success but ${out} is missing`);
if (!quiet) console.log(`tokstudio: native addon built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${out}`);
