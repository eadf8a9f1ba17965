// npm start: the desktop app when the Electron binary is present, otherwise the same UI in browser mode.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const electronDir = join('node_modules', 'electron');
const pathFile = join(electronDir, 'path.txt');
const binary = existsSync(pathFile) ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;
const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;

let command;
let commandArgs;
if (binary && existsSync(binary)) {
  [command, commandArgs] = [binary, ['.', ...args]];
} else if (override && existsSync(override)) {
  [command, commandArgs] = [join(override, 'electron'), ['.', ...args]];
} else {
  console.log('Electron binary not installed (fetch it with "node node_modules/electron/install.js" where downloads work): serving the same UI in browser mode.');
  [command, commandArgs] = [process.execPath, ['dist/cli.mjs', 'serve', ...args]];
}
const child = spawn(command, commandArgs, { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
