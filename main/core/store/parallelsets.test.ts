import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tempDir } from '../../testing/tmp';
import { readParallelFile } from '../parallel/read';
import { Workspace } from './workspace';

const FIX = join(import.meta.dirname, '../../../fixtures/eval');
let tmp: ReturnType<typeof tempDir>;
let ws: Workspace;
beforeEach(() => {
  tmp = tempDir('tokstudio-parstore-');
  ws = Workspace.open(tmp.path('w.tokstudio'));
});
afterEach(() => {
  ws.close();
  tmp.cleanup();
});

describe('parallel sets in the workspace', () => {
  it('round-trips rows and languages, and removes a set with its rows', () => {
    const file = readParallelFile(join(FIX, 'parallel.jsonl'));
    const s = ws.parallel.add('p', '/x/parallel.jsonl', file);
    expect(s).toMatchObject({ name: 'p', format: 'jsonl', languages: ['en', 'tr', 'de'], rows: 3, sha256: file.sha256 });
    expect(ws.parallel.rows(s.id)).toEqual(file.rows);
    expect(ws.parallel.findBySha(file.sha256)).toEqual(s);
    expect(ws.parallel.list()).toEqual([s]);
    expect(ws.parallel.remove(s.id)).toBe(true);
    expect(() => ws.parallel.rows(s.id)).toThrow(`parallel set ${s.id} not found`);
  });
});
