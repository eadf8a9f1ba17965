// Context conditions over the surface around a morpheme inside one word. Conditions refer to named
// character classes of the dictionary; nothing here depends on id numbers or the order of entries.
import type { AllomorphGroup, CharClasses, ClassRef, Condition } from '../dict/types';

/** A dictionary's character classes as code point sets. */
export interface CompiledClasses {
  sets: Map<string, Set<string>>;
  vowels: Set<string> | null;
}

export interface Ctx {
  /** Everything to the left inside the word (folded). */
  left: string;
  /** What follows inside the word, or null / '' at the end of the word. */
  next: string | null;
}

export function compileClasses(classes: CharClasses): CompiledClasses {
  const sets = new Map<string, Set<string>>();
  for (const name of Object.keys(classes).sort()) sets.set(name, new Set(Array.from(classes[name])));
  return { sets, vowels: sets.get('vowel') ?? null };
}

/** True when `ch` is in the class reference; an unknown class name is an error (a typo must not pass silently). */
export function inClass(ch: string, ref: ClassRef, classes: CompiledClasses): boolean {
  if (Array.isArray(ref)) return ref.every((r) => inClass(ch, r, classes));
  const negated = ref.startsWith('!');
  const name = negated ? ref.slice(1) : ref;
  const set = classes.sets.get(name);
  if (!set) throw new Error(`condition refers to the unknown character class ${JSON.stringify(name)}`);
  return set.has(ch) !== negated;
}

/** The last code point of s, or null. */
export function lastCodePoint(s: string): string | null {
  if (s.length === 0) return null;
  const c = s.charCodeAt(s.length - 1);
  if (c >= 0xdc00 && c <= 0xdfff && s.length >= 2) return s.slice(-2);
  return s[s.length - 1];
}

export function firstCodePoint(s: string | null): string | null {
  if (s === null || s.length === 0) return null;
  return String.fromCodePoint(s.codePointAt(0)!);
}

/** The last vowel (class "vowel") of s, or null when there is none or the dictionary has no vowel class. */
export function lastVowel(s: string, classes: CompiledClasses): string | null {
  const v = classes.vowels;
  if (!v) return null;
  for (let i = s.length - 1; i >= 0; i--) {
    const ch = s[i];
    if (v.has(ch)) return ch;
    // Vowels are assumed to be BMP characters; a surrogate half is never in the set.
  }
  return null;
}

export function holds(cond: Condition, ctx: Ctx, classes: CompiledClasses): boolean {
  if (cond.lastVowel !== undefined) {
    const v = lastVowel(ctx.left, classes);
    if (v === null || !inClass(v, cond.lastVowel, classes)) return false;
  }
  if (cond.lastChar !== undefined) {
    const c = lastCodePoint(ctx.left);
    if (c === null || !inClass(c, cond.lastChar, classes)) return false;
  }
  const next = firstCodePoint(ctx.next);
  if (cond.nextIsEnd !== undefined && cond.nextIsEnd !== (next === null)) return false;
  if (cond.next !== undefined) {
    if (next === null || !inClass(next, cond.next, classes)) return false;
  }
  return true;
}

/**
 * The variant whose rule conditions hold, when exactly one distinct variant qualifies; otherwise null.
 * Several rules may name the same variant (they act as alternatives).
 */
export function predictVariant(group: AllomorphGroup, ctx: Ctx, classes: CompiledClasses): string | null {
  if (!group.rules || group.rules.length === 0) return null;
  // Conditions see only the last vowel, the last character and the next character, so the answer is cached on
  // that triple (the analyzer asks it for every affix at every position of every word).
  const key = `${lastVowel(ctx.left, classes) ?? ''}\u0000${lastCodePoint(ctx.left) ?? ''}\u0000${firstCodePoint(ctx.next) ?? '\u0001'}`;
  let byGroup = predictions.get(classes);
  if (!byGroup) predictions.set(classes, (byGroup = new WeakMap()));
  let cache = byGroup.get(group);
  if (!cache) byGroup.set(group, (cache = new Map()));
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const found = predictUncached(group, ctx, classes);
  cache.set(key, found);
  return found;
}

const predictions = new WeakMap<CompiledClasses, WeakMap<AllomorphGroup, Map<string, string | null>>>();

function predictUncached(group: AllomorphGroup, ctx: Ctx, classes: CompiledClasses): string | null {
  let found: string | null = null;
  for (const rule of group.rules ?? []) {
    if (rule.variant === found) continue;
    if (!holds(rule.when, ctx, classes)) continue;
    if (found !== null) return null;
    found = rule.variant;
  }
  return found;
}

/** True when some rule or alternant condition of the group looks at what follows. */
export function usesNext(conds: Condition[]): boolean {
  return conds.some((c) => c.next !== undefined || c.nextIsEnd !== undefined);
}
