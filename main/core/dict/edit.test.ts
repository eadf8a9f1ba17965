import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import Database from 'better-sqlite3';
import type { DictEdit } from '../../api/contract';
import { UserError } from '../errors';
import { loadDictionary, saveDictionary } from '../store/dictionaries';
import { NotFoundError } from '../store/errors';
import { Workspace } from '../store/workspace';
import { tempDir } from '../../testing/tmp';
import { openMigratedDb, smallDictionary } from '../../testing/dictDb';
import { MAX_LOG_ENTRIES, applyEdit, redo, undo, undoState } from './edit';
import { readAllGroups, readAllRoots } from './ops';
import type { Dictionary } from './types';

const small = (): Dictionary => smallDictionary();

let tmp: ReturnType<typeof tempDir>;
let db: Database.Database;
let id: number;
beforeEach(() => {
  tmp = tempDir('tokstudio-dictedit-');
  db = openMigratedDb(tmp.path('w.db'));
  id = saveDictionary(db, small()).id;
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

const rowIdOf = (surface: string, pos = 'noun'): number =>
  db.prepare(`SELECT id FROM dict_roots WHERE dictionary_id = ? AND surface = ? AND pos = ?`).pluck().get(id, surface, pos) as number;
const groupIdOf = (name: string): number => db.prepare(`SELECT id FROM dict_groups WHERE dictionary_id = ? AND name = ?`).pluck().get(id, name) as number;
const revision = (): number => db.prepare(`SELECT revision FROM dictionaries WHERE id = ?`).pluck().get(id) as number;
/** Everything an undo must restore: the content and every row id. */
const snapshot = () => ({ dict: loadDictionary(db, id), roots: readAllRoots(db, id), groups: readAllGroups(db, id) });
const edit = (e: DictEdit) => applyEdit(db, id, e);
const refused = (e: DictEdit): string => {
  try {
    edit(e);
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return (err as Error).message;
  }
  throw new Error('the edit was not refused');
};

describe('applyEdit: validation per edit', () => {
  it('refuses bad roots with messages naming the field, and writes nothing', () => {
    const before = snapshot();
    const rev = revision();
    expect(refused({ op: 'root.add', surface: '   ', pos: 'noun' })).toBe('surface: empty root surface');
    expect(refused({ op: 'root.add', surface: 'qalem', pos: 'noun' })).toBe('surface: root "qalem" contains "q" (U+0071), which is not in the alphabet');
    expect(refused({ op: 'root.add', surface: 'Ev', pos: 'noun' })).toMatch(/^surface: root "ev" \(noun\) already exists \(row \d+\)$/);
    expect(refused({ op: 'root.add', surface: 'ev', pos: '' })).toBe('pos: empty pos');
    expect(refused({ op: 'root.add', surface: 'ağız', pos: 'noun', alternants: [{ surface: 'ağz', when: null }, { surface: 'ağz', when: null }] })).toBe(
      'alternants[1].surface: duplicate alternant "ağz" of root "ağız"',
    );
    expect(refused({ op: 'root.add', surface: 'ağız', pos: 'noun', alternants: [{ surface: 'ağz', when: { next: 'vowels' } }] })).toBe(
      'alternants[0].when.next: character class "vowels" is not defined in charClasses',
    );
    // Several problems at once: one line each.
    expect(refused({ op: 'root.add', surface: 'xy', pos: '^' }).split('\n')).toEqual([
      'surface: root "xy" contains "x" (U+0078), which is not in the alphabet',
      'pos: pos "^" is reserved for word start/end',
    ]);
    expect(snapshot()).toEqual(before);
    expect(revision()).toBe(rev);
    expect(undoState(db, id).canUndo).toBe(false);
  });

  it('folds case with the dictionary language and NFC-normalises, like imports', () => {
    const r = edit({ op: 'root.add', surface: ' IŞIK ', pos: 'noun', gloss: ' light ' });
    expect(readAllRoots(db, id).find((x) => x.rowId === r.rowId)).toEqual({ rowId: r.rowId, surface: 'ışık', pos: 'noun', gloss: 'light', alternants: [] });
    const s = edit({ op: 'root.add', surface: 'gu\u0308l', pos: 'noun' }); // u + combining diaeresis
    expect(readAllRoots(db, id).find((x) => x.rowId === s.rowId)?.surface).toBe('gül');
    // A homograph with another part of speech is a different root.
    expect(edit({ op: 'root.add', surface: 'ev', pos: 'verb' }).rowId).toBeGreaterThan(0);
  });

  it('refuses bad groups and warns about a variant shared with a group of the same kind and class', () => {
    const g = { op: 'group.add' as const, kind: 'suffix' as const, class: 'case' };
    expect(refused({ ...g, name: 'ABL', variants: ['dan', ''] })).toBe('variants[1]: empty variant');
    expect(refused({ ...g, name: 'ABL', variants: ['dan', 'dan'] })).toBe('variants[1]: duplicate variant "dan" in group "ABL"');
    expect(refused({ ...g, name: 'ABL', variants: [] })).toBe('variants: group "ABL" has no variants');
    expect(refused({ ...g, name: 'LOC', variants: ['dan'] })).toMatch(/^name: a group named "LOC" already exists \(row \d+\)$/);
    expect(refused({ ...g, name: 'ABL', variants: ['dan', 'den'], rules: [{ variant: 'tan', when: { lastChar: 'voiceless' } }] })).toBe(
      'rules[0].variant: rule names variant "tan", which group "ABL" does not have',
    );
    expect(refused({ ...g, name: 'ABL', variants: ['dan'], rules: [{ variant: 'dan', when: { lastVowel: 'bak' } }] })).toBe(
      'rules[0].when.lastVowel: character class "bak" is not defined in charClasses',
    );
    expect(refused({ ...g, name: ' ', variants: ['dan'] })).toBe('name: empty group name');

    const ok = edit({ ...g, name: 'ABL', variants: ['dan', 'DEN'], rules: [{ variant: 'den', when: { lastVowel: 'front' } }, { variant: 'dan', when: { lastVowel: 'back' } }] });
    expect(ok.warnings).toEqual([]);
    // Stored canonically: folded variants, rules in variant order.
    expect(readAllGroups(db, id).find((x) => x.name === 'ABL')).toMatchObject({
      variants: ['dan', 'den'],
      rules: [
        { variant: 'dan', when: { lastVowel: 'back' } },
        { variant: 'den', when: { lastVowel: 'front' } },
      ],
    });
    const warned = edit({ ...g, name: 'ACC2', variants: ['ı', 'yı'] });
    expect(warned.warnings).toEqual([
      { path: 'variants[0]', message: `suffix "ı" is also in group "ACC" (row ${groupIdOf('ACC')}), of the same class "case"`, severity: 'warning' },
    ]);
  });

  it('checks edges against the classes rows define, and warns about classes "^" cannot reach', () => {
    expect(refused({ op: 'edges.set', edges: [['^', 'noun'], ['noun', 'plurall']] })).toBe(
      'morphotactics.edges[1]: class "plurall" is neither a root pos nor a group class',
    );
    expect(refused({ op: 'edges.set', edges: [['$', 'noun']] })).toBe('morphotactics.edges[0]: an edge cannot leave "$" (the word end)');
    const r = edit({ op: 'edges.set', edges: [['^', 'noun'], ['noun', 'plural'], ['^', 'noun']] });
    expect(loadDictionary(db, id).morphotactics).toEqual({ edges: [['^', 'noun'], ['noun', 'plural']] });
    expect(r.warnings.map((w) => w.message).sort()).toEqual(
      ['case', 'neg', 'poss', 'verb'].map((c) => `class "${c}" cannot be reached from "^"`),
    );
    // A root of a new pos nothing leads to.
    const a = edit({ op: 'root.add', surface: 've', pos: 'conj' });
    expect(a.warnings).toEqual([{ path: 'morphotactics.edges', message: 'class "conj" cannot be reached from "^"', severity: 'warning' }]);
  });

  it('checks new character classes against the alphabet and against the rules that use them', () => {
    const classes = small().charClasses;
    const { back: _back, ...withoutBack } = classes;
    const msg = refused({ op: 'classes.set', charClasses: withoutBack });
    expect(msg).toContain(`group#${groupIdOf('PLU')}.rules[0].when.lastVowel: character class "back" is not defined in charClasses`);
    expect(refused({ op: 'classes.set', charClasses: { ...classes, odd: 'xq' } })).toBe(
      'charClasses.odd: character class "xq" contains "x" (U+0078), which is not in the alphabet',
    );
    // A narrower alphabet is checked against every surface.
    expect(refused({ op: 'classes.set', charClasses: classes, alphabet: 'abcçdefgğhıijklmnoöprsştuüyz' })).toBe(
      `root#${rowIdOf('ev')}.surface: root "ev" contains "v" (U+0076), which is not in the alphabet`,
    );
    // An empty alphabet admits every letter.
    edit({ op: 'classes.set', charClasses: classes, alphabet: '' });
    expect(edit({ op: 'root.add', surface: 'quartz', pos: 'noun' }).rowId).toBeGreaterThan(0);
    expect(refused({ op: 'root.add', surface: 'a b', pos: 'noun' })).toBe('surface: root "a b" contains whitespace');
  });
});

describe('undo and redo', () => {
  const cases: [string, () => DictEdit][] = [
    ['root.add', () => ({ op: 'root.add', surface: 'kalem', pos: 'noun', gloss: 'pen', alternants: [{ surface: 'kalemm', when: { next: 'vowel' } }] })],
    ['root.update', () => ({ op: 'root.update', rowId: rowIdOf('kitap'), surface: 'kitapp', gloss: null, alternants: [] })],
    ['root.delete', () => ({ op: 'root.delete', rowId: rowIdOf('kitap') })],
    ['group.add', () => ({ op: 'group.add', name: 'ABL', kind: 'suffix', class: 'case', variants: ['dan', 'den'] })],
    ['group.update', () => ({ op: 'group.update', rowId: groupIdOf('PLU'), variants: ['lar', 'ler', 'lır'], rules: [], gloss: null })],
    ['group.delete', () => ({ op: 'group.delete', rowId: groupIdOf('LOC') })],
    ['edges.set', () => ({ op: 'edges.set', edges: [] })],
    ['classes.set', () => ({ op: 'classes.set', charClasses: { ...small().charClasses, round: 'oöuü' }, alphabet: 'abcçdefgğhıijklmnoöprsştuüvyzâ' })],
  ];
  for (const [name, make] of cases) {
    it(`${name}: undo restores the exact rows (ids included), redo the edited ones, each bumping the revision`, () => {
      const before = snapshot();
      const r0 = revision();
      const done = edit(make());
      expect(done.revision).toBe(r0 + 1);
      const after = snapshot();
      expect(after).not.toEqual(before);
      expect(done.undo.canUndo).toBe(true);

      const u = undo(db, id);
      expect(u.revision).toBe(r0 + 2);
      expect(snapshot()).toEqual(before);
      expect(u.undo).toMatchObject({ canUndo: false, canRedo: true, redoLabel: done.undo.undoLabel });

      const r = redo(db, id);
      expect(r.revision).toBe(r0 + 3);
      expect(snapshot()).toEqual(after);
      expect(r.undo).toMatchObject({ canUndo: true, canRedo: false });
    });
  }

  it('labels entries for people', () => {
    const labels: string[] = [];
    const push = (e: DictEdit) => labels.push(edit(e).undo.undoLabel!);
    push({ op: 'root.add', surface: 'kalem', pos: 'noun' });
    push({ op: 'root.update', rowId: rowIdOf('kalem'), gloss: 'pen' });
    push({ op: 'root.delete', rowId: rowIdOf('ev') });
    push({ op: 'group.update', rowId: groupIdOf('LOC'), gloss: 'locative' });
    push({ op: 'edges.set', edges: [['^', 'noun']] });
    push({ op: 'classes.set', charClasses: small().charClasses, alphabet: 'abcçdefgğhıijklmnoöprsştuüvyzâ' });
    expect(labels).toEqual([
      'add root "kalem"',
      'change root "kalem"',
      'delete root "ev" (noun)',
      'change group LOC',
      'change morphotactics',
      'change alphabet and character classes',
    ]);
  });

  it('a deleted root comes back with its old id and alternants, even after other rows were added', () => {
    const kitap = rowIdOf('kitap');
    const before = readAllRoots(db, id).find((r) => r.rowId === kitap);
    edit({ op: 'root.delete', rowId: kitap });
    // Another dictionary inserts rows meanwhile: AUTOINCREMENT never hands out the deleted id again.
    const other = saveDictionary(db, { ...small(), name: 'other' }).id;
    expect(readAllRoots(db, other).map((r) => r.rowId)).not.toContain(kitap);
    undo(db, id);
    expect(readAllRoots(db, id).find((r) => r.rowId === kitap)).toEqual(before);
  });

  it('undoes several edits in reverse order; a new edit ends the redo chain', () => {
    const start = snapshot();
    edit({ op: 'root.add', surface: 'kalem', pos: 'noun' });
    const one = snapshot();
    edit({ op: 'root.add', surface: 'defter', pos: 'noun' });
    undo(db, id);
    expect(snapshot()).toEqual(one);
    undo(db, id);
    expect(snapshot()).toEqual(start);
    expect(() => undo(db, id)).toThrow(new UserError('nothing to undo'));
    redo(db, id);
    expect(snapshot()).toEqual(one);
    expect(undoState(db, id)).toEqual({ canUndo: true, canRedo: true, undoLabel: 'add root "kalem"', redoLabel: 'add root "defter"' });
    edit({ op: 'root.add', surface: 'silgi', pos: 'noun' });
    expect(undoState(db, id)).toEqual({ canUndo: true, canRedo: false, undoLabel: 'add root "silgi"', redoLabel: null });
    expect(() => redo(db, id)).toThrow(new UserError('nothing to redo'));
    expect(db.prepare(`SELECT count(*) FROM dict_edits WHERE dictionary_id = ?`).pluck().get(id)).toBe(2);
  });

  it('names a row that is not in the dictionary, and a dictionary that does not exist', () => {
    expect(() => edit({ op: 'root.delete', rowId: 99999 })).toThrow(new NotFoundError(`root 99999 is not in dictionary ${id}`));
    expect(() => applyEdit(db, 999, { op: 'root.add', surface: 'ev', pos: 'noun' })).toThrow(new NotFoundError('dictionary 999 not found'));
    expect(() => undo(db, 999)).toThrow(new NotFoundError('dictionary 999 not found'));
  });

  it('keeps at most MAX_LOG_ENTRIES entries, forgetting the oldest', () => {
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO dict_edits (dictionary_id, seq, label, forward_json, inverse_json, state, created_at)
       SELECT ?, i, 'old ' || i, '{"op":"batch","ops":[]}', '{"op":"batch","ops":[]}', 'done', 'then' FROM n`,
    ).run(MAX_LOG_ENTRIES, id);
    edit({ op: 'root.add', surface: 'kalem', pos: 'noun' });
    const seqs = db.prepare(`SELECT seq FROM dict_edits WHERE dictionary_id = ? ORDER BY seq`).pluck().all(id) as number[];
    expect(seqs).toHaveLength(MAX_LOG_ENTRIES);
    expect(seqs[0]).toBe(2);
    expect(seqs.at(-1)).toBe(MAX_LOG_ENTRIES + 1);
  });
});

describe('the log lives in the workspace', () => {
  it('undo and redo survive closing and reopening', () => {
    const file = tmp.path('persist.tokstudio');
    let ws = Workspace.open(file);
    const d = ws.dictionaries.save(small()).id;
    const before = ws.dictionaries.load(d);
    const added = ws.dictionaries.edit(d, { op: 'root.add', surface: 'kalem', pos: 'noun' });
    const edited = ws.dictionaries.load(d);
    ws.close();

    ws = Workspace.open(file);
    expect(ws.dictionaries.undoState(d)).toEqual({ canUndo: true, canRedo: false, undoLabel: 'add root "kalem"', redoLabel: null });
    expect(ws.dictionaries.undo(d).revision).toBe(added.revision + 1);
    expect(ws.dictionaries.load(d)).toEqual(before);
    ws.close();

    ws = Workspace.open(file);
    expect(ws.dictionaries.redo(d).rowId).toBe(added.rowId);
    expect(ws.dictionaries.load(d)).toEqual(edited);
    expect(ws.dictionaries.detail(d).revision).toBe(added.revision + 2);
    ws.close();
  });
});
