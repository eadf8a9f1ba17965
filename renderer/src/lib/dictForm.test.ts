import { describe, it, expect } from 'vitest';
import { exportMime, toDictImportArgs } from './dictForm';

describe('toDictImportArgs', () => {
  it('sends only what the user gave', () => {
    expect(toDictImportArgs({ path: ' /d/tr.aff ', format: 'hunspell', language: '', name: '' })).toEqual({
      ok: true,
      value: { path: '/d/tr.aff', format: 'hunspell' },
    });
    expect(toDictImportArgs({ path: '/d/x.json', format: 'auto', language: 'tr', name: ' Mine ' })).toEqual({
      ok: true,
      value: { path: '/d/x.json', format: 'auto', language: 'tr', name: 'Mine' },
    });
  });
  it('needs a path and a plausible language code', () => {
    expect(toDictImportArgs({ path: '  ', format: 'auto', language: '', name: '' })).toMatchObject({ ok: false, error: expect.stringContaining('path') });
    expect(toDictImportArgs({ path: '/x', format: 'auto', language: 't', name: '' })).toMatchObject({ ok: false, error: expect.stringContaining('language') });
  });
});

describe('exportMime', () => {
  it('follows the extension', () => {
    expect(exportMime('tr.json')).toBe('application/json');
    expect(exportMime('tr.CSV')).toBe('text/csv');
    expect(exportMime('tr.tsv')).toBe('text/tab-separated-values');
    expect(exportMime('tr.aff')).toBe('text/plain');
    expect(exportMime('README')).toBe('text/plain');
  });
});
