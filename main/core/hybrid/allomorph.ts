// Which variant of an allomorph group appears in a context: the dictionary's rules first, then a table
// learned from the corpus analyses. Tables are learned for every group with two or more variants (rules
// may leave contexts undecided; the table fills those in).
//
// Table key: lastVowel + '|' + lastChar of the folded left context inside the word; back-off to the last
// vowel alone, then the last character alone, then the group's overall majority. At every level the
// variant seen most often wins; ties go to the variant that sorts first by code points.
import type { AllomorphGroup } from '../dict/types';
import { type CompiledClasses, type Ctx, lastCodePoint, lastVowel, predictVariant } from './context';

export interface VariantTable {
  full: Record<string, string>;
  vowel: Record<string, string>;
  char: Record<string, string>;
  majority: string;
}

/** Plain JSON: group name -> table. */
export type AllomorphTables = Record<string, VariantTable>;

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function tableKeys(ctx: Ctx, classes: CompiledClasses): { full: string; vowel: string; char: string } {
  const v = lastVowel(ctx.left, classes) ?? '';
  const c = lastCodePoint(ctx.left) ?? '';
  return { full: `${v}|${c}`, vowel: v, char: c };
}

/** Accumulates (group, context, observed variant) counts and turns them into tables. */
export class TableLearner {
  private readonly counts = new Map<string, { full: Map<string, Map<string, number>>; vowel: Map<string, Map<string, number>>; char: Map<string, Map<string, number>>; all: Map<string, number> }>();

  constructor(private readonly classes: CompiledClasses) {}

  add(group: string, ctx: Ctx, variant: string, weight = 1): void {
    let g = this.counts.get(group);
    if (!g) {
      g = { full: new Map(), vowel: new Map(), char: new Map(), all: new Map() };
      this.counts.set(group, g);
    }
    const k = tableKeys(ctx, this.classes);
    bump(g.full, k.full, variant, weight);
    bump(g.vowel, k.vowel, variant, weight);
    bump(g.char, k.char, variant, weight);
    g.all.set(variant, (g.all.get(variant) ?? 0) + weight);
  }

  tables(): AllomorphTables {
    const out: AllomorphTables = {};
    for (const name of [...this.counts.keys()].sort(cmp)) {
      const g = this.counts.get(name)!;
      out[name] = { full: argmaxAll(g.full), vowel: argmaxAll(g.vowel), char: argmaxAll(g.char), majority: argmax(g.all) };
    }
    return out;
  }
}

function bump(m: Map<string, Map<string, number>>, key: string, variant: string, w: number): void {
  let inner = m.get(key);
  if (!inner) m.set(key, (inner = new Map()));
  inner.set(variant, (inner.get(variant) ?? 0) + w);
}

function argmax(m: Map<string, number>): string {
  let best = '';
  let bestN = -1;
  for (const [v, n] of m) {
    if (n > bestN || (n === bestN && cmp(v, best) < 0)) {
      best = v;
      bestN = n;
    }
  }
  return best;
}

function argmaxAll(m: Map<string, Map<string, number>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of [...m.keys()].sort(cmp)) out[key] = argmax(m.get(key)!);
  return out;
}

/** Answers "which variant here?" for every group of a dictionary. */
export class Allomorphy {
  private readonly groups = new Map<string, AllomorphGroup>();

  constructor(
    groups: AllomorphGroup[],
    readonly tables: AllomorphTables,
    private readonly classes: CompiledClasses,
  ) {
    for (const g of groups) this.groups.set(g.name, g);
  }

  predict(groupName: string, ctx: Ctx): string | null {
    const g = this.groups.get(groupName);
    if (!g) throw new Error(`unknown allomorph group ${JSON.stringify(groupName)}`);
    if (g.variants.length === 1) return g.variants[0];
    const byRule = predictVariant(g, ctx, this.classes);
    if (byRule !== null) return byRule;
    const t = this.tables[groupName];
    if (!t) return null;
    const k = tableKeys(ctx, this.classes);
    return t.full[k.full] ?? t.vowel[k.vowel] ?? t.char[k.char] ?? (t.majority === '' ? null : t.majority);
  }
}
