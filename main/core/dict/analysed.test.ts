// skipAnalysed: a merge leaves out the imported roots the target already analyses completely as more than one
// morph (a lexicon's inflected forms listed as stems), keeps roots, single-morph words and words with residue,
// and never touches roots the target already has. Off by default.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { loadDictionary, saveDictionary } from '../store/dictionaries';
import { tempDir } from '../../testing/tmp';
import { openMigratedDb, smallDictionary } from '../../testing/dictDb';
import { undo } from './edit';
import { analysedSurfaces } from './analysed';
import { importDictionaryFile } from './import';
import { analysedNote, mergeInto, mergeMessage } from './merge';
import { previewImport } from './preview';
import type { Dictionary } from './types';
import { finishDictionary } from './validate';

const small = (): Dictionary => finishDictionary(smallDictionary(), 'small.json');

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('tokstudio-analysed-');
});
afterEach(() => tmp.cleanup());

// A lexicon that lists inflected forms beside its stems, none with a part of speech. Against small.json:
// evler (ev+ler), kitabı (kitab+ı), naev (na+ev), kitapta (kitap+ta) are analysed completely;
// kalem is new; kitab is an alternant there (one morph); evlerim leaves residue ("im": no such suffix);
// ev and gel are roots already (by surface).
const LEXICON = 'surface\nevler\nkitabı\nnaev\nkitapta\nkalem\nkitab\nevlerim\nev\ngel\n';

describe('analysedSurfaces', () => {
  it('gives the analysis of words the dictionary analyses completely as more than one morph, folded first', () => {
    const found = analysedSurfaces(small(), ['evler', 'kitabı', 'naev', 'EVLERİ', 'kalem', 'kitab', 'ev', 'evlerim', 'gel', 'evler']);
    expect(Object.fromEntries(found)).toEqual({ evler: 'ev+ler', kitabı: 'kitab+ı', naev: 'na+ev', EVLERİ: 'ev+ler+i' });
  });

  it('finds nothing in an empty dictionary or for no words', () => {
    expect(analysedSurfaces({ ...small(), roots: [], groups: [] }, ['evler']).size).toBe(0);
    expect(analysedSurfaces(small(), []).size).toBe(0);
  });

  it('counts a compound (root + root where the morphotactics allow it) as analysed', () => {
    const d = small();
    d.morphotactics!.edges.push(['noun', 'noun']);
    expect(Object.fromEntries(analysedSurfaces(d, ['evkitap', 'kitapev']))).toEqual({ evkitap: 'ev+kitap', kitapev: 'kitap+ev' });
  });
});

describe('previewing a merge with skipAnalysed', () => {
  it('leaves out the inflected forms, keeps roots, single-morph words and words with residue; off by default', () => {
    const path = tmp.path('lex.tsv');
    writeFileSync(path, LEXICON);
    const target = small();
    const plain = previewImport(path, { rootPos: 'noun' }, target, true);
    expect(plain.analysed).toBeNull();
    expect(plain.roots).toEqual({ added: 7, changed: 0, unchanged: 2 });

    const skip = previewImport(path, { rootPos: 'noun' }, target, true, true);
    expect(skip.roots).toEqual({ added: 3, changed: 0, unchanged: 2 });
    expect(skip.samples.added).toEqual(['evlerim (noun)', 'kalem (noun)', 'kitab (noun)']);
    // Examples in the order of the imported (sorted) roots.
    expect(skip.analysed).toEqual({ count: 4, examples: ['ev+ler', 'kitab+ı', 'kitap+ta', 'na+ev'] });
    expect(analysedNote(skip.analysed!)).toBe('4 entries left out: the dictionary already analyses them (e.g. ev+ler, kitab+ı, kitap+ta, na+ev)');

    // A new dictionary has nothing to compare with: the option does not apply.
    expect(previewImport(path, {}, null, false, true).analysed).toBeNull();
  });

  it('does not touch roots the target already has, even when they could also be analysed', () => {
    const target = small();
    target.roots.push({ surface: 'evler', pos: 'noun' }); // a lexicalised plural, say
    const path = tmp.path('lex.tsv');
    writeFileSync(path, 'surface\tpos\tgloss\nevler\tnoun\thouses\nevde\tnoun\t\n');
    const p = previewImport(path, {}, target, true, true);
    expect(p.roots).toEqual({ added: 0, changed: 1, unchanged: 0 });
    expect(p.analysed).toEqual({ count: 1, examples: ['ev+de'] });
  });
});

describe('merging with skipAnalysed', () => {
  let db: Database.Database;
  let id: number;
  beforeEach(() => {
    db = openMigratedDb(tmp.path('w.db'));
    id = saveDictionary(db, small()).id;
  });
  afterEach(() => db.close());

  it('agrees with the preview, says the count in the message, and undoes as one step', () => {
    const path = tmp.path('lex.tsv');
    writeFileSync(path, LEXICON);
    const before = loadDictionary(db, id);
    const preview = previewImport(path, { rootPos: 'noun' }, before, true, true);
    const imp = importDictionaryFile(path, { rootPos: 'noun', language: 'tr' });
    const r = mergeInto(db, id, imp.dictionary, true, 'lex.tsv', imp.rootsWithoutPos, true);
    expect([r.rootsAdded, r.rootsChanged]).toEqual([preview.roots.added, preview.roots.changed]);
    expect(r.analysed).toEqual(preview.analysed);
    expect(mergeMessage(r, imp.report.skippedTotal)).toBe(
      'import lex.tsv (3 roots added, 0 changed); 4 entries left out: the dictionary already analyses them (e.g. ev+ler, kitab+ı, kitap+ta, …)',
    );
    expect(loadDictionary(db, id).roots.map((x) => x.surface)).toEqual(['ev', 'evlerim', 'gel', 'kalem', 'kitab', 'kitap']);
    undo(db, id);
    expect(loadDictionary(db, id)).toEqual(before);
  });

  it('is off by default: every new root is added', () => {
    const path = tmp.path('lex.tsv');
    writeFileSync(path, LEXICON);
    const imp = importDictionaryFile(path, { rootPos: 'noun', language: 'tr' });
    const r = mergeInto(db, id, imp.dictionary, true, 'lex.tsv', imp.rootsWithoutPos);
    expect(r.rootsAdded).toBe(7);
    expect(r.analysed).toEqual({ count: 0, examples: [] });
    expect(mergeMessage(r)).toBe('import lex.tsv (7 roots added, 0 changed)');
  });
});
