// electron-builder.yml checked by electron-builder's own loader and schema validation (packaging itself needs
// the Electron binary, which these machines cannot download).
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';

const root = resolve(__dirname, '../..');
const require = createRequire(import.meta.url);

describe('electron-builder.yml', () => {
  it('is a valid electron-builder configuration with the targets, asar unpacking and native rebuild we need', async () => {
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
    const { DebugLogger } = require('builder-util');
    const config = await getConfig(root, resolve(root, 'electron-builder.yml'), null);
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.npmRebuild).toBe(true);
    expect(config.extraMetadata.main).toBe('dist/electron/main.mjs');
  });
});
