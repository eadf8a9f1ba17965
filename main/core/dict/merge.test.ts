import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { loadDictionary, saveDictionary } from '../store/dictionaries';
import { tempDir } from '../../testing/tmp';
import { openMigratedDb, smallDictionary } from '../../testing/dictDb';
import { redo, undo, undoState } from './edit';
import { importDictionaryFile } from './import';
import { mergeInto } from './merge';
import { readAllGroups, readAllRoots } from './ops';
import { previewImport } from './preview';
import type { Dictionary } from './types';
import { finishDictionary } from './validate';

const FIX = join(import.meta.dirname, '../../../fixtures/dict');
const small = (): Dictionary => smallDictionary();
const MORE = join(FIX, 'edit/more.tsv');

describe('previewImport', () => {
  const target = () => finishDictionary(small(), 'small.json');

  it('diffs a word list against the target: added, changed, unchanged, rejected, warnings', () => {
    const p = previewImport(MORE, {}, target(), false);
    expect(p).toEqual({
      format: 'tsv',
      roots: { added: 3, changed: 2, unchanged: 1 },
      groups: { added: 2, changed: 0, unchanged: 1 },
      rejected: [{ line: null, reason: 'root quiz (noun): root "quiz" contains "q" (U+0071), which is not in the alphabet' }],
      rejectedTotal: 1,
      // "stem" is the pos the row names (not a default), so rootPos would not help: the edges are missing.
      warnings: [
        '1 imported root has pos "stem", which no morphotactic edge leaves and "^" cannot reach: it can take no suffix and cannot start a word, so the analyzer will not use it; add morphotactic edges to and from "stem"',
      ],
      samples: { added: ['defter (noun)', 'kalem (noun)', 'yüz (stem)', 'group ABL', 'group PLU2'], changed: ['ev (noun)', 'gel (verb)'] },
      rootsWithoutPos: null,
      analysed: null,
    });
  });

  it('with rootsOnly counts no groups', () => {
    const p = previewImport(MORE, {}, target(), true);
    expect(p.roots).toEqual({ added: 3, changed: 2, unchanged: 1 });
    expect(p.groups).toEqual({ added: 0, changed: 0, unchanged: 0 });
  });

  it("counts a group as changed when the import brings variants or rules it lacks, and keeps the importer's skipped rows", () => {
    const t = target();
    t.groups.find((g) => g.name === 'PLU')!.variants = ['lar'];
    expect(previewImport(MORE, {}, t, false).groups).toEqual({ added: 2, changed: 1, unchanged: 0 });
    const h = previewImport(join(FIX, 'mini.aff'), {}, t, true);
    expect(h.format).toBe('hunspell');
    expect(h.rejected).toEqual([
      { line: 6, reason: 'mini.dic: "yasak" is a FORBIDDENWORD' },
      { line: 7, reason: 'mini.dic: "bağ" needs an affix (NEEDAFFIX) but has none' },
    ]);
    // kitap and ev have no po: field: they match the target's kitap and ev (noun) by surface instead of
    // becoming "kitap (stem)" beside them.
    expect(h.roots).toEqual({ added: 4, changed: 0, unchanged: 2 });
  });

  it('without a target, everything is added', () => {
    const p = previewImport(join(FIX, 'mini.aff'), {}, null, true);
    expect(p.roots).toEqual({ added: 6, changed: 0, unchanged: 0 });
    expect(p.groups.added).toBe(5); // rootsOnly only applies to a merge
    expect(p.rejectedTotal).toBe(2);
  });
});

describe('mergeInto', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Database.Database;
  let id: number;
  beforeEach(() => {
    tmp = tempDir('tokstudio-dictmerge-');
    db = openMigratedDb(tmp.path('w.db'));
    id = saveDictionary(db, small()).id;
  });
  afterEach(() => {
    db.close();
    tmp.cleanup();
  });
  const snapshot = () => ({ dict: loadDictionary(db, id), roots: readAllRoots(db, id), groups: readAllGroups(db, id) });
  const imported = () => importDictionaryFile(MORE, { language: 'tr' }).dictionary;

  it('applies the import as one undoable edit; undo restores every row, redo the merged ones', () => {
    const before = snapshot();
    const r = mergeInto(db, id, imported(), false, 'more.tsv');
    expect(r).toMatchObject({ rootsAdded: 3, rootsChanged: 2, groupsAdded: 2, groupsChanged: 0, label: 'import more.tsv (3 roots added, 2 changed; 2 groups added, 0 changed)' });
    const after = snapshot();
    const roots = after.dict.roots;
    // Merge rules: gloss from the import, alternants united, existing gloss kept when the import has none.
    expect(roots.find((x) => x.surface === 'ev')).toEqual({ surface: 'ev', pos: 'noun', gloss: 'home' });
    expect(roots.find((x) => x.surface === 'gel')).toEqual({ surface: 'gel', pos: 'verb', alternants: [{ surface: 'gell' }] });
    expect(roots.find((x) => x.surface === 'kitap')).toEqual(finishDictionary(small(), 's').roots.find((x) => x.surface === 'kitap'));
    expect(roots.some((x) => x.surface === 'quiz')).toBe(false);
    expect(after.dict.groups.map((g) => g.name)).toEqual(['ABL', 'ACC', 'LOC', 'NEG', 'P3SG', 'PLU', 'PLU2']);
    expect(undoState(db, id).undoLabel).toBe(r.label);

    undo(db, id);
    expect(snapshot()).toEqual(before);
    redo(db, id);
    expect(snapshot()).toEqual(after);
  });

  it('rootsOnly leaves groups alone; an import that changes nothing logs nothing', () => {
    const r = mergeInto(db, id, imported(), true, 'more.tsv');
    expect(r.label).toBe('import more.tsv (3 roots added, 2 changed)');
    expect(readAllGroups(db, id).map((g) => g.name)).toEqual(['ACC', 'LOC', 'NEG', 'P3SG', 'PLU']);
    const again = mergeInto(db, id, imported(), true, 'more.tsv');
    expect(again).toMatchObject({ rootsAdded: 0, rootsChanged: 0, label: null });
    expect(db.prepare(`SELECT count(*) FROM dict_edits`).pluck().get()).toBe(1);
  });

  it('takes every letter when the target alphabet is empty', () => {
    db.prepare(`UPDATE dictionaries SET alphabet = '' WHERE id = ?`).run(id);
    const r = mergeInto(db, id, imported(), true, 'more.tsv');
    expect(r.rejected).toEqual([]);
    expect(loadDictionary(db, id).roots.map((x) => x.surface)).toContain('quiz');
    expect(loadDictionary(db, id).alphabet).toBe('');
  });

  it('merges 50k roots and undoes them with a compact inverse', () => {
    const many: Dictionary = { ...finishDictionary(small(), 's'), groups: [], morphotactics: undefined, roots: [] };
    for (let i = 0; i < 50_000; i++) many.roots.push({ surface: `k${'abcdefgh'[i % 8]}${i.toString(8).replace(/[0-7]/g, (d) => 'aeıioöuü'[Number(d)])}`, pos: 'noun' });
    const before = snapshot();
    const t = performance.now();
    const r = mergeInto(db, id, many, true, 'many.tsv');
    console.log(`merged 50k roots in ${(performance.now() - t).toFixed(0)} ms`);
    expect(r.rootsAdded).toBe(50_000);
    const inverse = db.prepare(`SELECT length(inverse_json) FROM dict_edits`).pluck().get() as number;
    expect(inverse).toBeLessThan(50_000 * 10); // row ids only, no row contents
    const t2 = performance.now();
    undo(db, id);
    console.log(`undid it in ${(performance.now() - t2).toFixed(0)} ms`);
    expect(snapshot()).toEqual(before);
  });
});
