#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('tokstudio: not built yet: run "npm run build" in the Tokenizer Studio folder\n');
  process.exit(1);
}
const { main } = await import(cli);
process.exit(await main(process.argv.slice(2)));
