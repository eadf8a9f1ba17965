import { createRequire } from 'node:module';
import type { Core } from '../service';
import type { Handlers } from '../dispatcher';
import { NATIVE_WORK, doctorReport } from '../../core/native/doctor';

let version: string | null = null;

/** The version in package.json (the bundles sit in dist/, the sources in main/api/handlers/), looked up once. */
function appVersion(): string {
  version ??= findVersion();
  return version;
}

function findVersion(): string {
  const require = createRequire(import.meta.url);
  for (const p of ['../package.json', '../../package.json', '../../../package.json']) {
    try {
      const pkg = require(p) as { name?: string; version?: string };
      if (pkg.name === 'tokenizer-studio' && pkg.version) return pkg.version;
    } catch {
      // not at this level
    }
  }
  return 'unknown';
}

export function workspaceHandlers(core: Core): Pick<Handlers, 'workspace.info' | 'workspace.open' | 'app.about'> {
  return {
    'workspace.info': () => core.info(),
    'workspace.open': ({ path }) => core.reopen(path),
    'app.about': async () => {
      const r = await doctorReport();
      return { version: appVersion(), engine: r.engine, addonPath: r.addonPath, reason: r.reason, selfTest: r.selfTest, nativeWork: NATIVE_WORK, node: r.node, napi: r.napi, platform: r.platform };
    },
  };
}
