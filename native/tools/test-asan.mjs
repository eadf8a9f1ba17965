// npm run test:asan — builds the addon with AddressSanitizer + UndefinedBehaviorSanitizer (native/.asan/,
// the real addon is left alone) and runs the native equivalence tests against it. Node itself is not built
// with ASan, so the runtime is preloaded (LD_PRELOAD); leak checking is off because Node frees little at exit.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const started = Date.now();
const run = (cmd, args, env = process.env) => spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit' }).status ?? 1;

if (process.platform !== 'linux') {
  console.error('test:asan: Linux only (it preloads libasan)');
  process.exit(1);
}
if (run(process.execPath, ['scripts/build-native.mjs', '--asan']) !== 0) process.exit(1);
const lib = spawnSync('cc', ['-print-file-name=libasan.so'], { encoding: 'utf8' }).stdout.trim();
if (!lib || !existsSync(lib)) {
  console.error(`test:asan: libasan.so not found (cc -print-file-name=libasan.so gave "${lib}")`);
  process.exit(1);
}
const status = run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'main/core/native'], {
  ...process.env,
  LD_PRELOAD: lib,
  // quarantine kept small so the memory-growth tests measure the addon, not ASan's freed-block cache
  ASAN_OPTIONS: 'detect_leaks=0:abort_on_error=1:quarantine_size_mb=8',
  UBSAN_OPTIONS: 'halt_on_error=1:print_stacktrace=1',
  TOKSTUDIO_NATIVE_PATH: join(root, 'native', '.asan', 'build', 'Release', 'tokstudio_native.node'),
  CI: '1', // a missing addon fails instead of skipping
});
console.log(`test:asan: ${status === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s (build included)`);
process.exit(status);
