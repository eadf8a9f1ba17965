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

/** A key for a (vowel, last, variant) triple that no other triple shares (lengths first). */
export const contextKey = (vowel: string, last: string, variant: string) => `${vowel.length}:${vowel}${last.length}:${last}${variant}`;

/** Accumulates (group, context, observed variant) counts and turns them into tables. */
export class TableLearner {
  // Per group, one count per distinct (vowel, last, variant); the full, vowel, char and overall tables are sums
  // of these, made in tables() (one map bump per observation instead of four; counts are whole numbers, so the
  // sums do not depend on the order, and argmax breaks ties by code points, not by order).
  private readonly counts = new Map<string, Map<string, { vowel: string; last: string; variant: string; n: number }>>();

  constructor(private readonly classes: CompiledClasses) {}

  add(group: string, ctx: Ctx, variant: string, weight = 1): void {
    const k = tableKeys(ctx, this.classes);
    this.addKeys(group, k.vowel, k.char, variant, weight);
  }

  /** An observation by its table keys: `vowel` and `last` as tableKeys gives them ('' for none). */
  addKeys(group: string, vowel: string, last: string, variant: string, weight = 1): void {
    let g = this.counts.get(group);
    if (!g) this.counts.set(group, (g = new Map()));
    const key = contextKey(vowel, last, variant);
    const o = g.get(key);
    if (o) o.n += weight;
    else g.set(key, { vowel, last, variant, n: weight });
  }

  tables(): AllomorphTables {
    const out: AllomorphTables = {};
    for (const name of [...this.counts.keys()].sort(cmp)) {
      const full = new Map<string, Map<string, number>>();
      const vowel = new Map<string, Map<string, number>>();
      const char = new Map<string, Map<string, number>>();
      const all = new Map<string, number>();
      for (const o of this.counts.get(name)!.values()) {
        bump(full, `${o.vowel}|${o.last}`, o.variant, o.n);
        bump(vowel, o.vowel, o.variant, o.n);
        bump(char, o.last, o.variant, o.n);
        all.set(o.variant, (all.get(o.variant) ?? 0) + o.n);
      }
      out[name] = { full: argmaxAll(full), vowel: argmaxAll(vowel), char: argmaxAll(char), majority: argmax(all) };
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
  /** Each group with its answers so far by context key (the decoder asks the same few contexts over and over). */
  private readonly groups = new Map<string, { group: AllomorphGroup; byNumber: Map<number, string | null>; byString: Map<string, string | null> }>();

  constructor(
    groups: AllomorphGroup[],
    readonly tables: AllomorphTables,
    private readonly classes: CompiledClasses,
  ) {
    for (const g of groups) this.groups.set(g.name, { group: g, byNumber: new Map(), byString: new Map() });
  }

  predict(groupName: string, ctx: Ctx): string | null {
    const entry = this.groups.get(groupName);
    if (!entry) throw new Error(`unknown allomorph group ${JSON.stringify(groupName)}`);
    const g = entry.group;
    if (g.variants.length === 1) return g.variants[0];
    // Rule conditions and table keys read the context only through the last vowel and the last code point of
    // the left part and the first code point of the next part, so the answer is cached on those three: as one
    // exact integer when they fit (the usual case), else as a string.
    const left = ctx.left;
    const v = lastVowel(left, this.classes); // one code unit or null
    const vk = v === null ? 0 : v.charCodeAt(0) + 1;
    const last = left.length === 0 ? -1 : left.charCodeAt(left.length - 1);
    const ck = last < 0 ? 0 : last >= 0xdc00 && last <= 0xdfff && left.length >= 2 ? -1 : last + 1;
    const nk = ctx.next === null || ctx.next.length === 0 ? 0 : ctx.next.codePointAt(0)! + 1;
    if (ck >= 0 && nk < 0x100000) {
      const key = (vk * 0x10001 + ck) * 0x100000 + nk; // below 2^53
      const hit = entry.byNumber.get(key);
      if (hit !== undefined) return hit;
      const found = this.predictUncached(groupName, g, ctx);
      entry.byNumber.set(key, found);
      return found;
    }
    const key = `${vk}\u0000${lastCodePoint(left) ?? ''}\u0000${nk}`;
    const hit = entry.byString.get(key);
    if (hit !== undefined) return hit;
    const found = this.predictUncached(groupName, g, ctx);
    entry.byString.set(key, found);
    return found;
  }

  private predictUncached(groupName: string, g: AllomorphGroup, ctx: Ctx): string | null {
    const byRule = predictVariant(g, ctx, this.classes);
    if (byRule !== null) return byRule;
    const t = this.tables[groupName];
    if (!t) return null;
    const k = tableKeys(ctx, this.classes);
    return t.full[k.full] ?? t.vowel[k.vowel] ?? t.char[k.char] ?? (t.majority === '' ? null : t.majority);
  }
}
