import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built renderer (dist/renderer), found from the bundled CLI (dist/) or from the sources. */
export function staticDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const dist = dir.endsWith('dist') ? dir : join(dir, 'dist');
    if (existsSync(join(dist, 'renderer', 'index.html'))) return join(dist, 'renderer');
    dir = dirname(dir);
  }
  return undefined;
}
