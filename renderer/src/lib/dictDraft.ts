// What the dictionary editor's forms hold, and the one DictEdit they turn into: an add for a new entry, an
// update naming only the fields that changed, or nothing when nothing did (so Enter on an untouched row
// writes no undo step).
import type { DictEdit, DictGroup, DictRoot } from '../../../main/api/contract';
import { conditionOf, emptyFields, fieldsOf } from './condition';
import type { ConditionFields } from './condition';

export interface RootDraft {
  surface: string;
  pos: string;
  gloss: string;
  alternants: { surface: string; when: ConditionFields }[];
}

export interface GroupDraft {
  name: string;
  kind: 'prefix' | 'suffix';
  class: string;
  gloss: string;
  variants: string[];
  rules: { variant: string; when: ConditionFields }[];
}

export function rootDraft(r: DictRoot | null, pos = ''): RootDraft {
  if (!r) return { surface: '', pos, gloss: '', alternants: [] };
  return {
    surface: r.surface,
    pos: r.pos,
    gloss: r.gloss ?? '',
    alternants: r.alternants.map((a) => ({ surface: a.surface, when: fieldsOf(a.when) })),
  };
}

export function groupDraft(g: DictGroup | null): GroupDraft {
  if (!g) return { name: '', kind: 'suffix', class: '', gloss: '', variants: [''], rules: [] };
  return {
    name: g.name,
    kind: g.kind,
    class: g.class,
    gloss: g.gloss ?? '',
    variants: [...g.variants],
    rules: g.rules.map((r) => ({ variant: r.variant, when: fieldsOf(r.when) })),
  };
}

export const newAlternant = (): RootDraft['alternants'][number] => ({ surface: '', when: emptyFields() });
export const newRule = (variant = ''): GroupDraft['rules'][number] => ({ variant, when: emptyFields() });

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const glossOf = (s: string) => (s.trim() === '' ? null : s);

function rootFields(d: RootDraft) {
  return {
    surface: d.surface,
    pos: d.pos,
    gloss: glossOf(d.gloss),
    alternants: d.alternants.map((a) => ({ surface: a.surface, when: conditionOf(a.when) })),
  };
}

export function rootEdit(original: DictRoot | null, d: RootDraft): DictEdit | null {
  const f = rootFields(d);
  if (!original) return { op: 'root.add', ...f };
  const edit: Extract<DictEdit, { op: 'root.update' }> = { op: 'root.update', rowId: original.rowId };
  if (f.surface !== original.surface) edit.surface = f.surface;
  if (f.pos !== original.pos) edit.pos = f.pos;
  if (f.gloss !== original.gloss) edit.gloss = f.gloss;
  if (!same(f.alternants, original.alternants)) edit.alternants = f.alternants;
  return Object.keys(edit).length > 2 ? edit : null;
}

/** A rule may only be a condition on one of the group's own variants; an empty rule row is dropped. */
function groupFields(d: GroupDraft) {
  return {
    name: d.name,
    kind: d.kind,
    class: d.class,
    gloss: glossOf(d.gloss),
    variants: d.variants,
    rules: d.rules.filter((r) => r.variant.trim() !== '' || conditionOf(r.when) !== null).map((r) => ({ variant: r.variant, when: conditionOf(r.when) ?? {} })),
  };
}

export function groupEdit(original: DictGroup | null, d: GroupDraft): DictEdit | null {
  const f = groupFields(d);
  if (!original) return { op: 'group.add', ...f };
  const edit: Extract<DictEdit, { op: 'group.update' }> = { op: 'group.update', rowId: original.rowId };
  if (f.name !== original.name) edit.name = f.name;
  if (f.kind !== original.kind) edit.kind = f.kind;
  if (f.class !== original.class) edit.class = f.class;
  if (f.gloss !== original.gloss) edit.gloss = f.gloss;
  if (!same(f.variants, original.variants)) edit.variants = f.variants;
  if (!same(f.rules, original.rules)) edit.rules = f.rules;
  return Object.keys(edit).length > 2 ? edit : null;
}

/** Moves item `from` by `delta` places (variants keep their order: the first is the citation form). */
export function moved<T>(list: readonly T[], from: number, delta: number): T[] {
  const to = from + delta;
  if (to < 0 || to >= list.length || from < 0 || from >= list.length) return [...list];
  const out = [...list];
  const [x] = out.splice(from, 1);
  out.splice(to, 0, x);
  return out;
}

/** Where a rule error should show after reordering: rules are sent without the empty rows the form holds. */
export function sentRuleIndex(d: GroupDraft, formIndex: number): number | null {
  let sent = 0;
  for (let i = 0; i < d.rules.length; i++) {
    const r = d.rules[i];
    const kept = r.variant.trim() !== '' || conditionOf(r.when) !== null;
    if (i === formIndex) return kept ? sent : null;
    if (kept) sent++;
  }
  return null;
}
