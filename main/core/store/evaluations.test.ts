import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/tmp';
import type { EvalResult } from '../../api/contract';
import { Workspace } from './workspace';

let tmp: ReturnType<typeof tempDir>;
let ws: Workspace;
beforeEach(() => {
  tmp = tempDir('tokstudio-evalstore-');
  ws = Workspace.open(tmp.path('w.tokstudio'));
});
afterEach(() => {
  ws.close();
  tmp.cleanup();
});

const run: Omit<EvalResult, 'id'> = {
  name: 'first',
  createdAt: '2025-01-01T00:00:00.000Z',
  durationMs: 1234.5,
  config: { sampleLines: 10, seed: 1, renyiAlpha: 2.5, pivot: null, curveSizes: null },
  inputs: {
    corpus: { id: 1, name: 'c', sha256: 'a'.repeat(64), language: 'tr', lines: 100, sampledLines: 10 },
    goldSets: [{ id: 2, name: 'g', format: 'tsv', sha256: 'b'.repeat(64), entries: 5 }],
    parallelSets: [],
    dictionary: { id: 3, name: 'd', stamp: '3:0:x:y' },
    tokenizers: [{ source: { kind: 'openai', name: 'o200k_base' }, label: 'OpenAI o200k_base', configHash: null }],
  },
  tokenizers: [
    {
      source: { kind: 'openai', name: 'o200k_base' }, label: 'OpenAI o200k_base', kind: 'openai', vocabSize: 200019, configHash: null,
      compression: null, renyi: null, alignment: null, roundTrip: { lines: 10, exact: 10, rate: 1 }, throughputMBs: 3.5, boundaries: [], premium: [], error: null,
    },
  ],
  curve: null,
};

describe('stored evaluations', () => {
  it('round-trips a run exactly, lists summaries and removes', () => {
    const id = ws.evaluations.add(run);
    expect(ws.evaluations.get(id)).toEqual({ id, ...run });
    expect(ws.evaluations.list()).toEqual([{ id, name: 'first', createdAt: run.createdAt, durationMs: 1234.5, tokenizers: ['OpenAI o200k_base'], corpus: 'c', goldSets: 1, parallelSets: 0 }]);
    expect(ws.evaluations.remove(id)).toBe(true);
    expect(() => ws.evaluations.get(id)).toThrow(`evaluation ${id} not found`);
  });
});
