// Allomorph conditions (`lastVowel`, `lastChar`, `next` as a class name, `!class` for its complement, or a
// list meaning all of them; `nextIsEnd`) as the few text fields a linguist edits, and as one short line.
import type { DictRoot } from '../../../main/api/contract';

export type Condition = NonNullable<DictRoot['alternants'][number]['when']>;
export type ClassRef = string | string[];

export interface ConditionFields {
  lastVowel: string;
  lastChar: string;
  next: string;
  nextIsEnd: boolean;
}

export const CLASS_KEYS = ['lastVowel', 'lastChar', 'next'] as const;
export type ClassKey = (typeof CLASS_KEYS)[number];

export const emptyFields = (): ConditionFields => ({ lastVowel: '', lastChar: '', next: '', nextIsEnd: false });

/** "front" -> "front"; "front, rounded" (or spaces) -> ["front", "rounded"]; "" -> undefined. */
export function parseClassRef(text: string): ClassRef | undefined {
  const names = text
    .split(/[\s,]+/u)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (names.length === 0) return undefined;
  return names.length === 1 ? names[0] : names;
}

export function formatClassRef(ref: ClassRef | undefined): string {
  if (ref === undefined) return '';
  return typeof ref === 'string' ? ref : ref.join(', ');
}

export function fieldsOf(c: Condition | null | undefined): ConditionFields {
  return {
    lastVowel: formatClassRef(c?.lastVowel),
    lastChar: formatClassRef(c?.lastChar),
    next: formatClassRef(c?.next),
    nextIsEnd: c?.nextIsEnd === true,
  };
}

/** The condition the fields state, or null when they state none (always true). */
export function conditionOf(f: ConditionFields): Condition | null {
  const c: Condition = {};
  for (const k of CLASS_KEYS) {
    const ref = parseClassRef(f[k]);
    if (ref !== undefined) c[k] = ref;
  }
  if (f.nextIsEnd) c.nextIsEnd = true;
  return Object.keys(c).length === 0 ? null : c;
}

const KEY_LABEL: Record<ClassKey, string> = { lastVowel: 'last vowel', lastChar: 'last char', next: 'next' };

/** "next vowel · last vowel !front · at word end"; "always" for no condition. */
export function describeCondition(c: Condition | null | undefined): string {
  if (!c) return 'always';
  const parts: string[] = [];
  for (const k of CLASS_KEYS) {
    const ref = c[k];
    if (ref !== undefined) parts.push(`${KEY_LABEL[k]} ${typeof ref === 'string' ? ref : ref.join('+')}`);
  }
  if (c.nextIsEnd === true) parts.push('at word end');
  if (c.nextIsEnd === false) parts.push('not at word end');
  return parts.length ? parts.join(' · ') : 'always';
}

/** Names a condition's fields use that the dictionary does not define ("!front" checks "front"). */
export function unknownClasses(f: ConditionFields, defined: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const k of CLASS_KEYS) {
    const ref = parseClassRef(f[k]);
    for (const name of ref === undefined ? [] : typeof ref === 'string' ? [ref] : ref) {
      const bare = name.startsWith('!') ? name.slice(1) : name;
      if (!defined.has(bare) && !out.includes(bare)) out.push(bare);
    }
  }
  return out;
}
