// One build for every shell: the CLI/bridge, the job worker, the Electron main + preload, and the renderer.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  packages: 'external', // node_modules stay require-able (better-sqlite3 is native)
  logLevel: 'warning',
};

mkdirSync('dist', { recursive: true });
await Promise.all([
  build({ ...common, format: 'esm', entryPoints: { cli: 'main/cli/index.ts', worker: 'main/core/jobs/worker.ts' }, outdir: 'dist', outExtension: { '.js': '.mjs' } }),
  build({ ...common, format: 'esm', entryPoints: { main: 'main/electron/main.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.mjs' } }),
  // A sandboxed preload must be one CommonJS file that requires only 'electron'.
  build({ ...common, format: 'cjs', entryPoints: { preload: 'main/electron/preload.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' } }),
]);

if (!process.argv.includes('--no-renderer')) {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
}
