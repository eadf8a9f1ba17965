import { describe, it, expect, afterEach } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../store/workspace';
import { tempDir } from '../../testing/tmp';
import { estimateLogProbs } from '../hybrid/analyzer';
import { DictionaryCache } from './cache';
import { tryWord } from './try';
import type { Dictionary } from './types';
import { finishDictionary } from './validate';

const FIX = join(import.meta.dirname, '../../../fixtures/dict');
const small = (): Dictionary => JSON.parse(readFileSync(join(FIX, 'small.json'), 'utf8')) as Dictionary;
const show = (r: ReturnType<typeof tryWord>) => r.analyses.map((a) => a.morphs.map((m) => `${m.kind}:${m.surface}`).join(' '));

describe('tryWord', () => {
  it('folds the word with the dictionary language and ranks the analyses with reasons', () => {
    const r = tryWord(finishDictionary(small(), 's'), 'KİTABI', 3);
    expect(r.word).toBe('KİTABI');
    expect(r.folded).toBe('kitabı');
    expect(r.analyses[0]).toMatchObject({ rank: 0, reason: '', full: true });
    expect(show(r)[0]).toMatch(/^root:kitab suffix:ı$/);
    expect(r.analyses[1]).toMatchObject({ rank: 1 });
    expect(r.analyses[1].reason).not.toBe('');
  });

  it('uses given morpheme probabilities instead of the uniform ones', () => {
    const d = finishDictionary(small(), 's');
    const uniform = tryWord(d, 'kitabı', 5);
    // ACC and P3SG both explain "ı"; make P3SG far likelier and it must come first.
    const counts = new Map([['g:P3SG', 1000], ['g:ACC', 1], ['r:kitap', 100]]);
    const skewed = tryWord(d, 'kitabı', 5, estimateLogProbs(d, counts, 0.1));
    expect(skewed.analyses[0].morphs.at(-1)?.group).toBe('P3SG');
    const counts2 = new Map([['g:P3SG', 1], ['g:ACC', 1000], ['r:kitap', 100]]);
    expect(tryWord(d, 'kitabı', 5, estimateLogProbs(d, counts2, 0.1)).analyses[0].morphs.at(-1)?.group).toBe('ACC');
    expect(uniform.analyses.length).toBeGreaterThan(1);
  });
});

describe('try-a-word through the cache reflects edits at once', () => {
  let tmp: ReturnType<typeof tempDir> | null = null;
  afterEach(() => tmp?.cleanup());

  it('add a root: the analysis changes; undo: it changes back; unchanged content is not reloaded', () => {
    tmp = tempDir('tokstudio-trycache-');
    const ws = Workspace.open(tmp.path('w.tokstudio'));
    const id = ws.dictionaries.save(small()).id;
    const cache = new DictionaryCache();
    const attempt = () => cache.get(ws.dictionaries, id, ws.path).trial().analyze('kalemler', 1);

    const first = cache.get(ws.dictionaries, id, ws.path);
    expect(cache.get(ws.dictionaries, id, ws.path)).toBe(first); // same revision: the same loaded entry
    const before = attempt();
    expect(before.analyses[0].full).toBe(false);
    expect(show(before)[0]).toBe('residue:kalem suffix:ler');

    ws.dictionaries.edit(id, { op: 'root.add', surface: 'kalem', pos: 'noun' });
    const after = attempt();
    expect(after.analyses[0].full).toBe(true);
    expect(show(after)[0]).toBe('root:kalem suffix:ler');

    ws.dictionaries.undo(id);
    expect(show(attempt())[0]).toBe('residue:kalem suffix:ler');
    ws.dictionaries.redo(id);
    expect(show(attempt())[0]).toBe('root:kalem suffix:ler');
    ws.close();
  });
});
