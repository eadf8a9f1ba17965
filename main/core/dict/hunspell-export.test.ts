import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportHunspell, writeHunspell } from './hunspell-export';
import { importHunspell } from './hunspell';
import type { Dictionary } from './types';
import { finishDictionary } from './validate';

const FIX = join(import.meta.dirname, '../../../fixtures/dict');
const small = (): Dictionary => finishDictionary(JSON.parse(readFileSync(join(FIX, 'small.json'), 'utf8')), 'small.json');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tokstudio-hsexport-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Export, re-import, and map the re-imported groups back to the original names via the flags. */
function roundTrip(d: Dictionary) {
  const out = writeHunspell(join(dir, 'x'), d);
  const back = importHunspell(join(dir, 'x.aff'), join(dir, 'x.dic')).dictionary;
  const nameOf = new Map<string, string>();
  for (const g of d.groups) nameOf.set(`${g.kind === 'prefix' ? 'PFX' : 'SFX'}:${out.flags[g.name]}`, g.name);
  const classOf = new Map<string, string>();
  for (const g of back.groups) classOf.set(g.class, d.groups.find((o) => o.name === nameOf.get(g.name))!.class);
  return { out, back, nameOf, classOf };
}

describe('exportHunspell', () => {
  it('re-imports to the same roots, groups and variants, and the morphotactics it can express', () => {
    const d = small();
    const { out, back, nameOf, classOf } = roundTrip(d);
    expect(back.language).toBe('tr');
    expect(back.roots).toEqual(d.roots.map((r) => ({ surface: r.surface, pos: r.pos })));
    const groups = back.groups.map((g) => ({ name: nameOf.get(g.name), kind: g.kind, variants: g.variants }));
    expect(groups.sort((a, b) => a.name!.localeCompare(b.name!))).toEqual(d.groups.map((g) => ({ name: g.name, kind: g.kind, variants: g.variants })));
    // The re-imported gloss carries the original name and class.
    expect(back.groups.find((g) => nameOf.get(g.name) === 'PLU')!.gloss).toBe('PLU (plural): plural');
    // Edges map back to the original class graph (the export expands classes to flags).
    const mapped = new Set(back.morphotactics!.edges.map(([a, b]) => `${classOf.get(a) ?? a}>${classOf.get(b) ?? b}`));
    expect([...mapped].sort()).toEqual([...new Set(d.morphotactics!.edges.map(([a, b]) => `${a}>${b}`))].sort());
    expect(out.lost).toEqual([
      '1 root alternants (Hunspell has no alternant stems)',
      '6 allomorph rules (every variant is written with condition ".")',
      'the character classes',
      '2 root glosses',
    ]);
    expect(out.aff).toMatch(/^FLAG long$/m);
  });

  it('writes FLAG num when there are more groups than two-character flags', () => {
    const groups = Array.from({ length: 4000 }, (_, i) => ({ name: `G${i}`, kind: 'suffix' as const, class: 'c', variants: [`x${i}`] }));
    const d: Dictionary = { ...small(), groups, morphotactics: { edges: [['^', 'noun'], ['^', 'verb'], ['noun', 'c']] }, alphabet: 'abcçdefgğhıijklmnoöprsştuüvyz0123456789x' };
    const { out, back } = roundTrip(d);
    expect(out.aff).toMatch(/^FLAG num$/m);
    expect(back.groups).toHaveLength(4000);
    expect(back.groups.reduce((n, g) => n + g.variants.length, 0)).toBe(4000);
  });

  it('lets any affix follow anything when the dictionary has no morphotactics', () => {
    const d = small();
    delete d.morphotactics;
    const { aff, dic } = exportHunspell(d);
    // Suffixes continue with every suffix (alias 1); every root takes all five groups (alias 3).
    expect(aff).toMatch(/^AF AAABADAE # 1$/m);
    expect(aff).toMatch(/^SFX AE 0 lar\/1 \.$/m);
    expect(aff).toMatch(/^AF AAABACADAE # 3$/m);
    expect(dic.split('\n')).toEqual(['3', 'ev/3\tpo:noun', 'gel/3\tpo:verb', 'kitap/3\tpo:noun', '']);
  });

  it('refuses white space in what Hunspell splits on', () => {
    const d = small();
    d.roots[0].pos = 'proper noun';
    expect(() => exportHunspell(d)).toThrow('cannot export pos "proper noun" to Hunspell: it contains white space');
  });
});
