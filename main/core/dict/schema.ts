// The JSON shape of a dictionary (types.ts), checked with zod. Objects are strict so a misspelt field
// ("varients") is reported instead of silently dropped. Meaning-level checks live in validate.ts.
import { z } from 'zod';
import type { Dictionary } from './types';

export const DICTIONARY_FORMAT = 'tokstudio-dictionary/1';

const ClassRef = z.union([z.string(), z.array(z.string()).min(1)]);

const Condition = z.strictObject({
  lastVowel: ClassRef.optional(),
  lastChar: ClassRef.optional(),
  next: ClassRef.optional(),
  nextIsEnd: z.boolean().optional(),
});

const Root = z.strictObject({
  surface: z.string(),
  pos: z.string(),
  alternants: z.array(z.strictObject({ surface: z.string(), when: Condition.optional() })).optional(),
  gloss: z.string().optional(),
});

const Group = z.strictObject({
  name: z.string(),
  kind: z.enum(['prefix', 'suffix']),
  class: z.string(),
  variants: z.array(z.string()),
  rules: z.array(z.strictObject({ variant: z.string(), when: Condition })).optional(),
  gloss: z.string().optional(),
});

export const DictionarySchema = z.strictObject({
  format: z.literal(DICTIONARY_FORMAT),
  name: z.string(),
  language: z.string(),
  alphabet: z.string(),
  charClasses: z.record(z.string(), z.string()),
  roots: z.array(Root),
  groups: z.array(Group),
  morphotactics: z.strictObject({ edges: z.array(z.tuple([z.string(), z.string()])) }).optional(),
  sources: z.array(z.string()).optional(),
});

/** "groups[3].variants[1]" from ["groups", 3, "variants", 1]. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

export interface ShapeProblem {
  path: string;
  message: string;
}

/** The typed dictionary when the shape is right, else the shape problems (all of them). */
export function checkShape(d: unknown): { dictionary: Dictionary | null; problems: ShapeProblem[] } {
  const parsed = DictionarySchema.safeParse(d);
  if (parsed.success) return { dictionary: parsed.data as Dictionary, problems: [] };
  return {
    dictionary: null,
    problems: parsed.error.issues.map((issue) => ({ path: formatPath(issue.path) || '(top level)', message: issue.message })),
  };
}
