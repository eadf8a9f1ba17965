// Meaning-level checks of a dictionary: everything the JSON shape cannot say (unique surfaces, letters
// inside the alphabet, rules and class references that resolve, a connected morphotactic graph).
// Problems carry a path into the data ("groups[3].variants[1]") so an editor can jump to the entry.
import { UserError } from '../errors';
import { compareCodePoints, foldDictionary, sortDictionary } from './normalize';
import { checkShape } from './schema';
import type { ClassRef, Condition, Dictionary } from './types';

export { normalizeDictionary } from './normalize';

export interface Problem {
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

export interface ValidationResult {
  /** The typed dictionary when its shape is right (it may still have problems), else null. */
  dictionary: Dictionary | null;
  problems: Problem[];
}

const MAX_LISTED = 20;

export function describeChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return `${JSON.stringify(ch)} (U+${cp.toString(16).toUpperCase().padStart(4, '0')})`;
}

export function validateDictionary(d: unknown): ValidationResult {
  const shape = checkShape(d);
  if (!shape.dictionary) {
    return { dictionary: null, problems: shape.problems.map((p) => ({ ...p, severity: 'error' })) };
  }
  return { dictionary: shape.dictionary, problems: meaningProblems(shape.dictionary) };
}

/**
 * validateDictionary for a dictionary already known to have the right shape (rows read from the
 * workspace), where an empty alphabet admits every letter: an edited dictionary may have cleared it.
 */
export function validateStored(dict: Dictionary): Problem[] {
  return meaningProblems(dict, dict.alphabet === '');
}

function meaningProblems(dict: Dictionary, openAlphabet = false): Problem[] {
  const problems: Problem[] = [];
  const error = (path: string, message: string): void => void problems.push({ path, message, severity: 'error' });
  const warning = (path: string, message: string): void => void problems.push({ path, message, severity: 'warning' });

  const alphabet = new Set(Array.from(dict.alphabet));
  if (alphabet.size === 0 && !openAlphabet) error('alphabet', 'the alphabet is empty');

  /** Reports the first character of `s` outside the alphabet; one problem per string is enough. */
  const checkLetters = (path: string, s: string, what: string): void => {
    // Words are split at whitespace, so a surface holding some could never match.
    if (openAlphabet) {
      if (/\s/u.test(s)) error(path, `${what} ${JSON.stringify(s)} contains whitespace`);
      return;
    }
    for (const ch of s) {
      if (!alphabet.has(ch)) {
        error(path, `${what} ${JSON.stringify(s)} contains ${describeChar(ch)}, which is not in the alphabet`);
        return;
      }
    }
  };

  for (const [name, chars] of Object.entries(dict.charClasses)) {
    const path = `charClasses.${name}`;
    if (name === '' || name.startsWith('!')) error(path, `a character class name must be non-empty and must not start with "!"`);
    if (chars === '') warning(path, `character class ${JSON.stringify(name)} is empty`);
    else checkLetters(path, chars, 'character class');
  }

  const checkRef = (path: string, ref: ClassRef): void => {
    for (const one of Array.isArray(ref) ? ref : [ref]) {
      const name = one.startsWith('!') ? one.slice(1) : one;
      if (!Object.hasOwn(dict.charClasses, name)) error(path, `character class ${JSON.stringify(name)} is not defined in charClasses`);
    }
  };
  const checkCondition = (path: string, c: Condition): void => {
    if (c.lastVowel !== undefined) {
      checkRef(`${path}.lastVowel`, c.lastVowel);
      if (!Object.hasOwn(dict.charClasses, 'vowel')) error(`${path}.lastVowel`, 'lastVowel needs a character class named "vowel"');
    }
    if (c.lastChar !== undefined) checkRef(`${path}.lastChar`, c.lastChar);
    if (c.next !== undefined) checkRef(`${path}.next`, c.next);
  };

  // Roots: unique (surface, pos) pairs, non-empty surfaces inside the alphabet.
  const rootAt = new Map<string, number>();
  const positions = new Set<string>();
  dict.roots.forEach((root, i) => {
    const path = `roots[${i}]`;
    if (root.surface === '') error(`${path}.surface`, 'empty root surface');
    else {
      // Homographs with different parts of speech (yüz noun / yüz verb) are distinct roots.
      const key = `${root.surface}\u0000${root.pos}`;
      const first = rootAt.get(key);
      if (first !== undefined) error(`${path}.surface`, `duplicate root ${JSON.stringify(root.surface)} (${root.pos}) (also roots[${first}])`);
      else rootAt.set(key, i);
      checkLetters(`${path}.surface`, root.surface, 'root');
    }
    if (root.pos === '') error(`${path}.pos`, 'empty pos');
    else if (root.pos === '^' || root.pos === '$') error(`${path}.pos`, `pos ${JSON.stringify(root.pos)} is reserved for word start/end`);
    else positions.add(root.pos);
    const alternants = new Set<string>();
    root.alternants?.forEach((alt, j) => {
      const apath = `${path}.alternants[${j}]`;
      if (alt.surface === '') error(`${apath}.surface`, 'empty alternant surface');
      else if (alt.surface === root.surface || alternants.has(alt.surface)) {
        error(`${apath}.surface`, `duplicate alternant ${JSON.stringify(alt.surface)} of root ${JSON.stringify(root.surface)}`);
      } else {
        alternants.add(alt.surface);
        checkLetters(`${apath}.surface`, alt.surface, 'alternant');
      }
      if (alt.when) checkCondition(`${apath}.when`, alt.when);
    });
  });

  // Groups: unique names; variants unique within the group. The same surface in two groups of one
  // kind and one class is an error: nothing (not even the morphotactics) could tell them apart.
  // Across classes it is ordinary homophony (Turkish -ı is both accusative and 3sg possessive).
  const groupAt = new Map<string, number>();
  const variantOwner = new Map<string, { group: number; variant: number }>();
  const groupClasses = new Set<string>();
  dict.groups.forEach((group, i) => {
    const path = `groups[${i}]`;
    if (group.name === '') error(`${path}.name`, 'empty group name');
    else {
      const first = groupAt.get(group.name);
      if (first !== undefined) error(`${path}.name`, `duplicate group name ${JSON.stringify(group.name)} (also groups[${first}])`);
      else groupAt.set(group.name, i);
    }
    if (group.class === '') error(`${path}.class`, 'empty class');
    else if (group.class === '^' || group.class === '$') error(`${path}.class`, `class ${JSON.stringify(group.class)} is reserved for word start/end`);
    else groupClasses.add(group.class);
    if (group.variants.length === 0) error(`${path}.variants`, `group ${JSON.stringify(group.name)} has no variants`);
    const own = new Set<string>();
    group.variants.forEach((v, j) => {
      const vpath = `${path}.variants[${j}]`;
      if (v === '') return error(vpath, 'empty variant');
      if (own.has(v)) return error(vpath, `duplicate variant ${JSON.stringify(v)} in group ${JSON.stringify(group.name)}`);
      own.add(v);
      checkLetters(vpath, v, 'variant');
      const key = `${group.kind}\u0000${group.class}\u0000${v}`;
      const other = variantOwner.get(key);
      if (other) {
        // Homophonous affixes of one class (passive -In / reflexive -In) are real; the analyzer's scores decide.
        warning(
          vpath,
          `${group.kind} ${JSON.stringify(v)} is in group ${JSON.stringify(group.name)} and in groups[${other.group}] ` +
            `(${JSON.stringify(dict.groups[other.group].name)}), both of class ${JSON.stringify(group.class)}`,
        );
      } else variantOwner.set(key, { group: i, variant: j });
    });
    group.rules?.forEach((rule, j) => {
      const rpath = `${path}.rules[${j}]`;
      if (!own.has(rule.variant)) error(`${rpath}.variant`, `rule names variant ${JSON.stringify(rule.variant)}, which group ${JSON.stringify(group.name)} does not have`);
      checkCondition(`${rpath}.when`, rule.when);
    });
  });

  // Morphotactics: every class named is defined, and every defined class is reachable from "^".
  if (dict.morphotactics) {
    const defined = (c: string): boolean => positions.has(c) || groupClasses.has(c);
    checkEdges(dict.morphotactics.edges, defined, error);
    const reached = reachableClasses(dict.morphotactics.edges);
    for (const c of [...positions, ...groupClasses]) {
      if (!reached.has(c)) warning('morphotactics.edges', unreachableMessage(c));
    }
  }

  return problems;
}

/** Reports edges that leave "$", lead to "^" or name a class `defined` does not know. */
export function checkEdges(
  edges: readonly (readonly [string, string])[],
  defined: (c: string) => boolean,
  error: (path: string, message: string) => void,
): void {
  edges.forEach(([from, to], i) => {
    const path = `morphotactics.edges[${i}]`;
    if (from === '$') error(path, 'an edge cannot leave "$" (the word end)');
    else if (from !== '^' && !defined(from)) error(path, `class ${JSON.stringify(from)} is neither a root pos nor a group class`);
    if (to === '^') error(path, 'an edge cannot lead to "^" (the word start)');
    else if (to !== '$' && !defined(to)) error(path, `class ${JSON.stringify(to)} is neither a root pos nor a group class`);
  });
}

/** Every class a path of edges leads to from "^" (including "^"). */
export function reachableClasses(edges: readonly (readonly [string, string])[]): Set<string> {
  const next = new Map<string, string[]>();
  for (const [from, to] of edges) {
    const list = next.get(from);
    if (list) list.push(to);
    else next.set(from, [to]);
  }
  const reached = new Set<string>(['^']);
  const stack = ['^'];
  while (stack.length > 0) {
    for (const to of next.get(stack.pop()!) ?? []) {
      if (!reached.has(to)) {
        reached.add(to);
        stack.push(to);
      }
    }
  }
  return reached;
}

/**
 * Of the roots' parts of speech (with their root counts), those the morphotactics can use: "^" reaches
 * them and an edge leaves them (to a suffix class, a compound root's pos or "$"); all of them when there
 * are no morphotactics. Most roots first, then code point order.
 */
export function usableRootPos(
  posCounts: Iterable<readonly [string, number]>,
  edges: readonly (readonly [string, string])[] | null,
): { name: string; roots: number }[] {
  const reached = edges && edges.length > 0 ? reachableClasses(edges) : null;
  const leaving = new Set((edges ?? []).map(([from]) => from));
  return [...posCounts]
    .filter(([pos]) => reached === null || (reached.has(pos) && leaving.has(pos)))
    .sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]))
    .map(([name, roots]) => ({ name, roots }));
}

export const unreachableMessage = (c: string): string => `class ${JSON.stringify(c)} cannot be reached from "^"`;

/** One readable message for the first problems, with their paths. */
export function describeProblems(problems: readonly Problem[], sourceName: string): string {
  const errors = problems.filter((p) => p.severity === 'error');
  const lines = errors.slice(0, MAX_LISTED).map((p) => `  ${p.path}: ${p.message}`);
  const more = errors.length > MAX_LISTED ? `\n  … and ${errors.length - MAX_LISTED} more` : '';
  return `${sourceName}: ${errors.length} problem${errors.length === 1 ? '' : 's'} in the dictionary:\n${lines.join('\n')}${more}`;
}

/** The dictionary when it has no errors (warnings are allowed); else one UserError listing the first 20. */
export function assertValidDictionary(d: unknown, sourceName: string): Dictionary {
  const { dictionary, problems } = validateDictionary(d);
  if (dictionary && !problems.some((p) => p.severity === 'error')) return dictionary;
  throw new UserError(describeProblems(problems, sourceName));
}

/**
 * Checks the shape, brings the dictionary into canonical form, then checks its meaning; throws one
 * UserError naming `sourceName` and the problems' paths. Returns the warnings it found alongside.
 */
export function prepareDictionary(raw: unknown, sourceName: string): { dictionary: Dictionary; warnings: Problem[] } {
  const shape = checkShape(raw);
  if (!shape.dictionary) {
    throw new UserError(describeProblems(shape.problems.map((p) => ({ ...p, severity: 'error' as const })), sourceName));
  }
  // Validate before sorting, so problem paths are indices into the source as written.
  const { dictionary, problems } = validateDictionary(foldDictionary(shape.dictionary));
  if (!dictionary || problems.some((p) => p.severity === 'error')) throw new UserError(describeProblems(problems, sourceName));
  return { dictionary: sortDictionary(dictionary), warnings: problems };
}

/** prepareDictionary without the warnings: the validated dictionary in canonical form. */
export function finishDictionary(raw: unknown, sourceName: string): Dictionary {
  return prepareDictionary(raw, sourceName).dictionary;
}
