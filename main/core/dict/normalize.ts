// Canonical form of a dictionary: NFC, lower-case surfaces and one fixed order, so the same content
// always serialises to the same bytes (diffable files, stable hashes, reproducible training).
import type { AllomorphRule, Condition, Dictionary, Root, RootAlternant } from './types';

const LOCALE_CASING = new Set(['tr', 'az', 'lt']);

/** Lower-cases with the language's own rules where they differ (Turkish/Azeri I -> ı, İ -> i). */
export function surfaceFolder(language: string): (s: string) => string {
  const primary = language.toLowerCase().split(/[-_]/)[0];
  const lower = LOCALE_CASING.has(primary) ? (s: string) => s.toLocaleLowerCase(primary) : (s: string) => s.toLowerCase();
  // Fast path (locale casing is slow): a string plain lower-casing leaves alone has no upper case
  // letter, and every language-specific rule (Turkish I, Lithuanian accents) starts from one.
  return (s) => {
    const nfc = s.normalize('NFC');
    return nfc.toLowerCase() === nfc ? nfc : lower(nfc).normalize('NFC');
  };
}

/** Code point order, which is also SQLite's BINARY order for UTF-8 text (plain `<` compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (0xD800-0xDFFF) encode code points above 0xFFFF, so they sort after 0xE000-0xFFFF.
    const sx = x >= 0xd800 && x <= 0xdfff;
    const sy = y >= 0xd800 && y <= 0xdfff;
    if (sx !== sy) return sx ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

function normalizeRef<T extends string | string[]>(ref: T): T {
  return (Array.isArray(ref) ? [...ref].sort(compareCodePoints) : ref) as T;
}

/** Fixed key order, so serialisation does not depend on how the condition was written. */
function normalizeCondition(c: Condition): Condition {
  const out: Condition = {};
  if (c.lastVowel !== undefined) out.lastVowel = normalizeRef(c.lastVowel);
  if (c.lastChar !== undefined) out.lastChar = normalizeRef(c.lastChar);
  if (c.next !== undefined) out.next = normalizeRef(c.next);
  if (c.nextIsEnd !== undefined) out.nextIsEnd = c.nextIsEnd;
  return out;
}

function dedupeChars(s: string): string {
  return [...new Set(Array.from(s))].join('');
}

/**
 * NFC + lower-case every surface (roots, alternants, variants, rule variants, alphabet, char classes)
 * without moving anything, so problem paths found afterwards still point into the source.
 */
export function foldDictionary(d: Dictionary): Dictionary {
  const fold = surfaceFolder(d.language);
  const nfc = (s: string): string => s.normalize('NFC');
  const charClasses: Record<string, string> = {};
  for (const [name, chars] of Object.entries(d.charClasses)) charClasses[name] = dedupeChars(fold(chars));
  const out: Dictionary = {
    format: d.format,
    name: nfc(d.name),
    language: d.language,
    alphabet: dedupeChars(fold(d.alphabet)),
    charClasses,
    roots: d.roots.map((r): Root => {
      const root: Root = { surface: fold(r.surface), pos: nfc(r.pos) };
      if (r.alternants && r.alternants.length > 0) {
        root.alternants = r.alternants.map((a): RootAlternant => (a.when ? { surface: fold(a.surface), when: a.when } : { surface: fold(a.surface) }));
      }
      if (r.gloss) root.gloss = nfc(r.gloss);
      return root;
    }),
    groups: d.groups.map((g) => {
      const group: Dictionary['groups'][number] = { name: nfc(g.name), kind: g.kind, class: nfc(g.class), variants: g.variants.map(fold) };
      if (g.rules && g.rules.length > 0) group.rules = g.rules.map((r): AllomorphRule => ({ variant: fold(r.variant), when: r.when }));
      if (g.gloss) group.gloss = nfc(g.gloss);
      return group;
    }),
  };
  if (d.morphotactics) out.morphotactics = { edges: d.morphotactics.edges.map(([a, b]): [string, string] => [nfc(a), nfc(b)]) };
  if (d.sources && d.sources.length > 0) out.sources = d.sources;
  return out;
}

/**
 * The canonical order: roots by surface, groups by name, char classes by name, edges by (from, to)
 * without duplicates, rules by variant position, condition keys in one order. Variants and
 * alternants keep their given order (the first variant is the citation form).
 */
export function sortDictionary(d: Dictionary): Dictionary {
  const charClasses: Record<string, string> = {};
  for (const name of Object.keys(d.charClasses).sort(compareCodePoints)) charClasses[name] = d.charClasses[name];
  const roots = d.roots.map((r): Root => {
    if (!r.alternants) return { ...r };
    return { ...r, alternants: r.alternants.map((a) => (a.when ? { surface: a.surface, when: normalizeCondition(a.when) } : { surface: a.surface })) };
  });
  roots.sort((a, b) => compareCodePoints(a.surface, b.surface) || compareCodePoints(a.pos, b.pos));
  const groups = d.groups.map((g) => {
    if (!g.rules) return { ...g };
    const rules = g.rules.map((r): AllomorphRule => ({ variant: r.variant, when: normalizeCondition(r.when) }));
    const rank = (r: AllomorphRule): number => {
      const i = g.variants.indexOf(r.variant);
      return i < 0 ? g.variants.length : i;
    };
    // Stable sort: rules of one variant keep their given order, ties broken by the condition text.
    rules.sort((a, b) => rank(a) - rank(b) || compareCodePoints(JSON.stringify(a.when), JSON.stringify(b.when)));
    return { ...g, rules };
  });
  groups.sort((a, b) => compareCodePoints(a.name, b.name));
  const out: Dictionary = { ...d, charClasses, roots, groups };
  if (d.morphotactics) {
    const seen = new Set<string>();
    const edges: [string, string][] = [];
    for (const [from, to] of d.morphotactics.edges) {
      const key = `${from}\u0000${to}`;
      if (seen.has(key)) continue;
      seen.add(key);
      edges.push([from, to]);
    }
    edges.sort((a, b) => compareCodePoints(a[0], b[0]) || compareCodePoints(a[1], b[1]));
    out.morphotactics = { edges };
  }
  if (d.sources) out.sources = [...new Set(d.sources)];
  return out;
}

/**
 * foldDictionary then sortDictionary: the same content always gives the same value. Does not merge
 * or drop entries: duplicates it creates are left for validateDictionary to report.
 */
export function normalizeDictionary(d: Dictionary): Dictionary {
  return sortDictionary(foldDictionary(d));
}

/** Every letter the roots, alternants and variants use, in code point order (for imports that have no alphabet). */
export function alphabetOf(d: Pick<Dictionary, 'roots' | 'groups'>): string {
  const letters = new Set<string>();
  const add = (s: string): void => {
    for (const ch of s) letters.add(ch);
  };
  for (const r of d.roots) {
    add(r.surface);
    r.alternants?.forEach((a) => add(a.surface));
  }
  for (const g of d.groups) g.variants.forEach(add);
  return [...letters].sort(compareCodePoints).join('');
}
