// workspace.info and app.about through the dispatcher (results checked against the contract by the harness).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DispatchHarness, dispatchHarness } from '../../testing/dispatch';
import { nativeStatus } from '../../core/native/index';

let h: DispatchHarness;
beforeAll(() => {
  h = dispatchHarness('tokstudio-about-');
});
afterAll(async () => {
  await h.core.close();
  h.tmp.cleanup();
});

describe('app.about', () => {
  it("gives the package version, the engine in use with its reason or self-test, and the runtime", async () => {
    const about = await h.call('app.about', {});
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../../package.json'), 'utf8')) as { version: string };
    expect(about.version).toBe(pkg.version);
    expect(about.engine).toBe(nativeStatus().engine);
    expect((await h.call('workspace.info', {})).engine).toBe(about.engine);
    if (about.engine === 'native') expect(about.selfTest).toEqual({ ok: true, detail: expect.stringMatching(/identical to the reference/) });
    else expect(about.reason).toBeTruthy();
    expect(about.nativeWork.join(' ')).toMatch(/hybrid/);
    expect(about.node).toBe(process.version);
  });
});
