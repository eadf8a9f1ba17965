// rootPos: the part of speech imported roots take when their file gives none, so that a lexicon without
// parts of speech (Hunspell's stems, a bare word list) merged into a dictionary with morphotactics can take
// that dictionary's suffixes; the preview's warning about roots the morphotactics cannot use; and merging
// such roots without creating homographs the file never asked for.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDictionary, saveDictionary } from '../store/dictionaries';
import { tempDir } from '../../testing/tmp';
import { openMigratedDb, smallDictionary } from '../../testing/dictDb';
import { undo } from './edit';
import { importDictionaryFile, rootPosProblem } from './import';
import { mergeInto, mergeMessage } from './merge';
import { previewImport } from './preview';
import type { Dictionary } from './types';
import { finishDictionary, usableRootPos } from './validate';

const FIX = join(import.meta.dirname, '../../../fixtures/dict');
const MINI = join(FIX, 'mini.aff');
const small = (): Dictionary => finishDictionary(smallDictionary(), 'small.json');

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('tokstudio-rootpos-');
});
afterEach(() => tmp.cleanup());

const file = (name: string, text: string): string => {
  writeFileSync(tmp.path(name), text);
  return tmp.path(name);
};

describe('importing with rootPos', () => {
  it('gives Hunspell stems without po: the pos (and the edges follow it); stems with po: keep theirs', () => {
    const plain = importDictionaryFile(MINI);
    expect(plain.dictionary.roots.filter((r) => r.pos === 'stem').map((r) => r.surface)).toEqual(['ankara', 'bilgi', 'ev', 'kitap']);
    expect([...plain.rootsWithoutPos].sort()).toEqual(['ankara\u0000stem', 'bilgi\u0000stem', 'ev\u0000stem', 'kitap\u0000stem']);

    const { dictionary, rootsWithoutPos, report } = importDictionaryFile(MINI, { rootPos: 'noun' });
    expect(dictionary.roots.map((r) => `${r.surface} ${r.pos}`)).toEqual(['ankara noun', 'bilgi noun', 'ev noun', 'kalem noun', 'kitap noun', 'yol noun']);
    expect([...rootsWithoutPos].sort()).toEqual(['ankara\u0000noun', 'bilgi\u0000noun', 'ev\u0000noun', 'kitap\u0000noun']);
    expect(dictionary.morphotactics!.edges).toEqual(expect.arrayContaining([['^', 'noun'], ['noun', 'Pl'], ['Un', 'noun']]));
    expect(dictionary.morphotactics!.edges.flat()).not.toContain('stem');
    expect(report.warnings.join('\n')).not.toMatch(/rootPos/);
  });

  it('gives word-list roots without a pos cell the pos; a row that names it makes the root known', () => {
    const path = file('w.tsv', 'surface\tpos\nkalem\t\nsilgi\t\nsilgi\tnoun\nKİTAP\t\ngel\tverb\n');
    const { dictionary, rootsWithoutPos } = importDictionaryFile(path, { rootPos: 'noun', language: 'tr' });
    expect(dictionary.roots.map((r) => `${r.surface} ${r.pos}`)).toEqual(['gel verb', 'kalem noun', 'kitap noun', 'silgi noun']);
    // Folded like the stored surfaces (Turkish İ → i).
    expect([...rootsWithoutPos].sort()).toEqual(['kalem\u0000noun', 'kitap\u0000noun']);
    // No pos column at all: every root is without one; the default is "root".
    const bare = importDictionaryFile(file('bare.csv', 'surface\nkalem\nsilgi\n'));
    expect(bare.dictionary.roots.map((r) => r.pos)).toEqual(['root', 'root']);
    expect(bare.rootsWithoutPos.size).toBe(2);
  });

  it('refuses an empty or malformed rootPos with a message naming the option', () => {
    expect(() => importDictionaryFile(MINI, { rootPos: '' })).toThrow(/^rootPos is empty: give the part of speech/);
    expect(() => importDictionaryFile(MINI, { rootPos: '  ' })).toThrow(/^rootPos is empty/);
    expect(() => importDictionaryFile(MINI, { rootPos: 'noun phrase' })).toThrow('rootPos "noun phrase": a part of speech is one word without spaces or control characters');
    expect(() => importDictionaryFile(MINI, { rootPos: 'noun\t' })).toThrow(/^rootPos "noun\\t": a part of speech is one word/);
    expect(() => importDictionaryFile(MINI, { rootPos: '^' })).toThrow('rootPos "^": "^" and "$" are the word start and end, not a part of speech');
    expect(() => importDictionaryFile(MINI, { rootPos: 'n'.repeat(65) })).toThrow(/longer than 64 characters/);
    expect(rootPosProblem('', '--root-pos')).toMatch(/^--root-pos is empty/);
    expect(rootPosProblem('noun')).toBeNull();
    expect(rootPosProblem('Noun_2')).toBeNull();
  });

  it('says when rootPos was not used because every root names its pos', () => {
    const { report } = importDictionaryFile(join(FIX, 'small.json'), { rootPos: 'noun' });
    expect(report.warnings).toContain('rootPos "noun" was not used: every root in the file names its part of speech (roots that do keep theirs)');
  });
});

describe('the preview of a merge with rootPos', () => {
  it('warns that stems without a pos can take no suffix, names the usable parts of speech, and the warning goes with rootPos', () => {
    const target = small();
    const before = previewImport(MINI, {}, target, true);
    expect(before.rootsWithoutPos).toEqual({ count: 4, pos: 'stem' });
    const stuck = before.warnings.filter((w) => w.includes('imported root'));
    expect(stuck).toEqual([
      '2 imported roots have pos "stem", which no morphotactic edge leaves and "^" cannot reach: they can take no suffix and cannot start a word, so the analyzer will not use them; ' +
        'the file gives them no part of speech: set rootPos (--root-pos) to one the morphotactics use, e.g. noun',
    ]);
    // kitap and ev match the target's by surface; ankara and bilgi are new, yol and kalem name "noun".
    expect(before.roots).toEqual({ added: 4, changed: 0, unchanged: 2 });
    expect(before.samples.added).toEqual(['ankara (stem)', 'bilgi (stem)', 'kalem (noun)', 'yol (noun)']);

    const after = previewImport(MINI, { rootPos: 'noun' }, target, true);
    expect(after.rootsWithoutPos).toEqual({ count: 4, pos: 'noun' });
    expect(after.warnings.filter((w) => w.includes('imported root'))).toEqual([]);
    expect(after.roots).toEqual({ added: 4, changed: 0, unchanged: 2 });
    expect(after.samples.added).toEqual(['ankara (noun)', 'bilgi (noun)', 'kalem (noun)', 'yol (noun)']);
  });

  it('warns when the chosen pos leads nowhere, and when it cannot end a word where "$" edges exist', () => {
    const target = small(); // verb: "^" reaches it, no edge leaves it, no "$" edges
    const verb = previewImport(MINI, { rootPos: 'verb' }, target, true);
    expect(verb.warnings.filter((w) => w.includes('imported root'))).toEqual([
      '2 imported roots have pos "verb", which no morphotactic edge leaves: they can take no suffix; the file gives them no part of speech: set rootPos (--root-pos) to one the morphotactics use, e.g. noun',
    ]);
    target.morphotactics!.edges.push(['noun', '$'], ['case', '$']);
    const ended = previewImport(MINI, { rootPos: 'verb' }, target, true);
    expect(ended.warnings.filter((w) => w.includes('imported root'))).toEqual([
      '2 imported roots have pos "verb", which no morphotactic edge leaves: they can take no suffix and cannot end a word, so the analyzer will not use them; ' +
        'the file gives them no part of speech: set rootPos (--root-pos) to one the morphotactics use, e.g. noun',
    ]);
    // Without morphotactics any order goes: nothing to warn about.
    const free = { ...small(), morphotactics: undefined };
    expect(previewImport(MINI, {}, free, true).warnings.filter((w) => w.includes('imported root'))).toEqual([]);
  });

  it('lists the parts of speech the morphotactics can use, most roots first', () => {
    const edges: [string, string][] = [['^', 'noun'], ['^', 'verb'], ['^', 'adj'], ['noun', 'case'], ['adj', '$'], ['^', 'neg'], ['neg', 'noun'], ['pron', 'case']];
    const counts: [string, number][] = [['adj', 5], ['noun', 9], ['verb', 7], ['pron', 3], ['conj', 2]];
    // verb: no edge leaves; pron and conj: "^" does not reach them.
    expect(usableRootPos(counts, edges)).toEqual([{ name: 'noun', roots: 9 }, { name: 'adj', roots: 5 }]);
    expect(usableRootPos(counts, null).map((p) => p.name)).toEqual(['noun', 'verb', 'adj', 'pron', 'conj']);
    expect(usableRootPos(counts, []).length).toBe(5);
  });
});

describe('merging roots without a pos', () => {
  let db: Database.Database;
  let id: number;
  beforeEach(() => {
    db = openMigratedDb(tmp.path('w.db'));
    const d = small();
    d.roots.push({ surface: 'yüz', pos: 'noun', gloss: 'face' }, { surface: 'yüz', pos: 'verb', gloss: 'swim' });
    id = saveDictionary(db, d).id;
  });
  afterEach(() => db.close());

  const merge = (path: string, rootPos?: string) => {
    const target = loadDictionary(db, id);
    const preview = previewImport(path, { rootPos }, target, true);
    const imp = importDictionaryFile(path, { rootPos, language: 'tr' });
    const result = mergeInto(db, id, imp.dictionary, true, 'w.tsv', imp.rootsWithoutPos);
    // The preview and the merge use the same rules, so they agree.
    expect([result.rootsAdded, result.rootsChanged]).toEqual([preview.roots.added, preview.roots.changed]);
    return { preview, result, roots: loadDictionary(db, id).roots.map((r) => `${r.surface} ${r.pos}${r.gloss ? ` "${r.gloss}"` : ''}${r.alternants ? ` ~${r.alternants.map((a) => a.surface).join('~')}` : ''}`) };
  };

  it('matches them to a target root of the same surface under any pos: no "gel (noun)" beside "gel (verb)"', () => {
    const before = loadDictionary(db, id);
    const { preview, result, roots } = merge(file('w.tsv', 'surface\talternants\ngel\tgell\nkitap\t\nyüz\t\nsilgi\t\n'), 'noun');
    expect(preview.roots).toEqual({ added: 1, changed: 1, unchanged: 2 });
    expect(result.label).toBe('import w.tsv (1 roots added, 1 changed)');
    expect(roots).toEqual([
      'ev noun "house"',
      'gel verb ~gell', // the alternant joined the verb
      'kitap noun "book" ~kitab',
      'silgi noun',
      'yüz noun "face"', // rootPos noun picks the noun of the two homographs
      'yüz verb "swim"',
    ]);
    undo(db, id);
    expect(loadDictionary(db, id)).toEqual(before);
  });

  it('with another rootPos, picks the homograph with the least pos; two imported rows meeting one root make one change', () => {
    const path = file('w.tsv', 'surface\tpos\tgloss\tkind\nyüz\t\t\troot\ngel\t\tcome\troot\ngel\tverb\t\troot\n');
    const { preview, roots } = merge(path, 'adj');
    expect(preview.roots).toEqual({ added: 0, changed: 1, unchanged: 1 });
    expect(roots).toContain('gel verb "come"');
    expect(roots.filter((r) => r.startsWith('yüz'))).toEqual(['yüz noun "face"', 'yüz verb "swim"']);
  });

  it('a root whose file names its pos still adds a homograph, as before', () => {
    const { preview, roots } = merge(file('w.tsv', 'surface\tpos\ngel\tnoun\n'), 'adj');
    expect(preview.rootsWithoutPos).toBeNull();
    expect(preview.roots.added).toBe(1);
    expect(roots.filter((r) => r.startsWith('gel'))).toEqual(['gel noun', 'gel verb']);
  });

  it("sums the merge up for the job's message: what changed, rows left out, one line per warning", () => {
    const imp = importDictionaryFile(MINI, { language: 'tr' });
    const r = mergeInto(db, id, imp.dictionary, true, 'mini.dic', imp.rootsWithoutPos);
    expect(mergeMessage(r, imp.report.skippedTotal).split('\n')).toEqual([
      'import mini.dic (4 roots added, 0 changed); 2 rows left out',
      'warning: 2 imported roots have pos "stem", which no morphotactic edge leaves and "^" cannot reach: they can take no suffix and cannot start a word, so the analyzer will not use them; ' +
        'the file gives them no part of speech: set rootPos (--root-pos) to one the morphotactics use, e.g. noun',
    ]);
    const again = mergeInto(db, id, imp.dictionary, true, 'mini.dic', imp.rootsWithoutPos);
    expect(mergeMessage(again)).toBe('nothing changed: every entry is already there');
  });
});
