import { describe, it, expect, vi, afterEach } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';

// The loader caches its decision per module instance: each case imports a fresh one.
async function freshLoader(env: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v as string);
  return import('./load');
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('native addon loader', () => {
  it('TOKSTUDIO_ENGINE=typescript forces the reference and says so', async () => {
    const load = await freshLoader({ TOKSTUDIO_ENGINE: 'typescript' });
    expect(load.nativeAvailable()).toBe(false);
    expect(load.engineInUse()).toBe('typescript');
    expect(load.nativeStatus().reason).toMatch(/TOKSTUDIO_ENGINE=typescript/);
  });

  it('keeps the reason when a file is there but is not a loadable addon', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokstudio-load-'));
    try {
      const fake = join(dir, 'tokstudio_native.node');
      writeFileSync(fake, 'not an ELF file');
      const load = await freshLoader({ TOKSTUDIO_ENGINE: undefined, TOKSTUDIO_NATIVE_PATH: fake });
      expect(load.nativeAvailable()).toBe(false);
      const status = load.nativeStatus();
      expect(status.engine).toBe('typescript');
      expect(status.path).toBe(fake);
      expect(status.reason).toMatch(/could not be loaded/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('looks for the build output upward from the module, after the override', async () => {
    const load = await freshLoader({ TOKSTUDIO_NATIVE_PATH: '/somewhere/x.node' });
    const c = load.addonCandidates();
    expect(c[0]).toBe('/somewhere/x.node');
    expect(c.some((p) => p.endsWith(['native', 'build', 'Release', 'tokstudio_native.node'].join(sep)))).toBe(true);
  });
});
