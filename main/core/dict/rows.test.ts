import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import Database from 'better-sqlite3';
import { getDictionarySummary, loadDictionary, saveDictionary } from '../store/dictionaries';
import { tempDir } from '../../testing/tmp';
import { openMigratedDb, smallDictionary } from '../../testing/dictDb';
import { applyEdit } from './edit';
import { getDetail, listGroups, listRoots } from './rows';
import type { Dictionary, Root } from './types';

const small = (): Dictionary => smallDictionary();

/** n distinct pseudo-Turkish roots, every 7th with an alternant, nouns and verbs. */
function generatedRoots(n: number): Root[] {
  const syl = ['ka', 'le', 'mi', 'ro', 'tu', 'şe', 'ğa', 'yı', 'öz', 'çi', 'bü', 'de', 'ne', 'ar', 'ip', 'ot', 'ül', 'ım', 'ev', 'as'];
  const roots: Root[] = [];
  for (let i = 0; roots.length < n; i++) {
    let s = '';
    for (let k = i; ; k = Math.floor(k / syl.length) - 1) {
      s = syl[k % syl.length] + s;
      if (k < syl.length) break;
    }
    const root: Root = { surface: s, pos: i % 3 === 0 ? 'verb' : 'noun' };
    if (i % 7 === 0) root.alternants = [{ surface: `${s}zz` }];
    roots.push(root);
  }
  return roots;
}

let tmp: ReturnType<typeof tempDir>;
let db: Database.Database;
let big: number;
let bigRoots: Root[];
beforeAll(() => {
  tmp = tempDir('tokstudio-dictrows-');
  db = openMigratedDb(tmp.path('w.db'));
  bigRoots = generatedRoots(100_000);
  const t = performance.now();
  big = saveDictionary(db, { ...small(), name: 'big', alphabet: small().alphabet, roots: bigRoots, morphotactics: undefined }).id;
  console.log(`saved a 100k-root dictionary in ${(performance.now() - t).toFixed(0)} ms`);
});
afterAll(() => {
  db.close();
  tmp.cleanup();
});

const timed = <T>(label: string, f: () => T): T => {
  const t = performance.now();
  const out = f();
  console.log(`${label}: ${(performance.now() - t).toFixed(1)} ms`);
  return out;
};

describe('listRoots on 100k roots', () => {
  it('finds surfaces and alternants by prefix, in (surface, pos) order, with the total', () => {
    const page = timed('prefix "kale" (100k roots)', () => listRoots(db, big, { query: 'kale', limit: 50 }));
    const expected = bigRoots
      .filter((r) => r.surface.startsWith('kale') || r.alternants?.some((a) => a.surface.startsWith('kale')))
      .map((r) => r.surface)
      .sort();
    expect(expected.length).toBeGreaterThan(50);
    expect(page.total).toBe(expected.length);
    expect(page.items.map((r) => r.surface)).toEqual(expected.slice(0, 50));
    const next = listRoots(db, big, { query: 'kale', offset: 50, limit: 50 });
    expect(next.items.map((r) => r.surface)).toEqual(expected.slice(50, 100));
  });

  it('matches a root by its alternant alone', () => {
    const withAlt = bigRoots.find((r) => r.alternants && r.surface.length > 4)!;
    const page = timed('alternant prefix', () => listRoots(db, big, { query: withAlt.alternants![0].surface }));
    expect(page.items.map((r) => r.surface)).toEqual([withAlt.surface]);
    expect(page.items[0].alternants).toEqual([{ surface: `${withAlt.surface}zz`, when: null }]);
  });

  it("folds the query with the dictionary's language (Turkish I and İ)", () => {
    const target = bigRoots.find((r) => r.surface.startsWith('yı'))!;
    const upper = target.surface.replace(/ı/g, 'I').replace(/i/g, 'İ').toUpperCase();
    const page = listRoots(db, big, { query: upper, limit: 2000 });
    expect(page.items.map((r) => r.surface)).toContain(target.surface);
  });

  it("finds a substring anywhere with a leading '*'", () => {
    const page = timed('substring "*şeğa"', () => listRoots(db, big, { query: '*şeğa', limit: 2000 }));
    const expected = bigRoots.filter((r) => r.surface.includes('şeğa') || r.alternants?.some((a) => a.surface.includes('şeğa')));
    expect(page.total).toBe(expected.length);
    expect(page.items.every((r) => r.surface.includes('şeğa'))).toBe(true);
  });

  it('filters by pos, sorts by pos, and pages through everything', () => {
    const all = timed('no query, offset 90000', () => listRoots(db, big, { offset: 90_000, limit: 10 }));
    expect(all.total).toBe(100_000);
    const verbs = listRoots(db, big, { pos: 'verb', limit: 5 });
    expect(verbs.total).toBe(bigRoots.filter((r) => r.pos === 'verb').length);
    expect(verbs.items.every((r) => r.pos === 'verb')).toBe(true);
    const byPos = listRoots(db, big, { sort: 'pos', limit: 1, offset: 99_999 });
    expect(byPos.items[0].pos).toBe('verb');
  });
});

describe('listGroups', () => {
  it('matches a name in any case, a class, or a variant', () => {
    const id = saveDictionary(db, small()).id;
    expect(listGroups(db, id).total).toBe(5);
    expect(listGroups(db, id, { query: 'plu' }).items.map((g) => g.name)).toEqual(['PLU']);
    expect(listGroups(db, id, { query: 'case' }).items.map((g) => g.name)).toEqual(['ACC', 'LOC']);
    expect(listGroups(db, id, { query: 'sü' }).items.map((g) => g.name)).toEqual(['P3SG']);
    expect(listGroups(db, id, { query: 'LER' }).items[0]).toMatchObject({
      name: 'PLU',
      kind: 'suffix',
      class: 'plural',
      gloss: 'plural',
      variants: ['lar', 'ler'],
      rules: [
        { variant: 'lar', when: { lastVowel: 'back' } },
        { variant: 'ler', when: { lastVowel: 'front' } },
      ],
    });
  });
});

describe('getDetail', () => {
  it('gives classes with reachability, problems naming rows, the revision and the undo state', () => {
    const id = saveDictionary(db, { ...small(), name: 'detail' }).id;
    const detail = () => getDetail(db, id, getDictionarySummary(db, id), loadDictionary(db, id));
    const d0 = detail();
    expect(d0).toMatchObject({ id, name: 'detail', roots: 3, revision: 0, problems: [], undo: { canUndo: false, canRedo: false } });
    expect(d0.classes).toEqual(['case', 'neg', 'noun', 'plural', 'poss', 'verb'].map((name) => ({ name, reachable: true })));
    expect(d0.edges).toContainEqual(['^', 'noun']);

    applyEdit(db, id, { op: 'edges.set', edges: [['^', 'noun'], ['noun', 'case']] });
    const added = applyEdit(db, id, { op: 'group.add', name: 'ACC2', kind: 'suffix', class: 'case', variants: ['ı'] });
    const d1 = detail();
    expect(d1.revision).toBe(2);
    expect(d1.classes.filter((c) => !c.reachable).map((c) => c.name)).toEqual(['neg', 'plural', 'poss', 'verb']);
    expect(d1.problems).toContainEqual({
      path: `group#${added.rowId}.variants[0]`,
      message: expect.stringContaining('suffix "ı" is in group "ACC2" and in groups['),
      severity: 'warning',
    });
    expect(d1.problems).toContainEqual({ path: 'morphotactics.edges', message: 'class "verb" cannot be reached from "^"', severity: 'warning' });
    expect(d1.undo).toEqual({ canUndo: true, canRedo: false, undoLabel: 'add group ACC2', redoLabel: null });
  });

  it('finds the problems of the 100k-root dictionary in one pass', () => {
    const loaded = loadDictionary(db, big);
    const d = timed('getDetail (100k roots)', () => getDetail(db, big, getDictionarySummary(db, big), loaded));
    expect(d.roots).toBe(100_000);
    expect(d.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});
