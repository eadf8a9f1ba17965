// From annotation to dictionary: which labelled segments the chosen dictionary does not know yet, so the
// view can offer "Add root …" or "Add variant … to group …". The dictionary stores folded surfaces, so
// segments are folded with the dictionary's language rules first (Turkish: I → ı, İ → i).
import type { DictEdit, DictGroup, DictRoot } from '../../../main/api/contract';
import type { Label } from './segmentation';

export function foldFor(language: string, s: string): string {
  const lang = language.toLowerCase().split(/[-_]/)[0];
  return lang === 'tr' || lang === 'az' ? s.toLocaleLowerCase('tr') : s.toLowerCase();
}

/** True when a root or one of its alternants has this (folded) surface. */
export function rootKnows(roots: readonly DictRoot[], surface: string): boolean {
  return roots.some((r) => r.surface === surface || r.alternants.some((a) => a.surface === surface));
}

export type DictOffer =
  | { kind: 'root'; segment: number; surface: string }
  | { kind: 'variant'; segment: number; surface: string; group: DictGroup }
  | { kind: 'no-group'; segment: number; surface: string; groupName: string };

/**
 * What to offer for each labelled segment. `rootKnown` answers for folded root surfaces already looked up
 * (undefined: not yet known, so nothing is offered until the answer arrives).
 */
export function dictOffers(
  segments: readonly string[],
  labels: readonly Label[],
  language: string,
  rootKnown: (surface: string) => boolean | undefined,
  groups: readonly DictGroup[],
): DictOffer[] {
  const out: DictOffer[] = [];
  segments.forEach((seg, i) => {
    const label = labels[i];
    if (!label || label === 'new') return;
    const surface = foldFor(language, seg);
    if (label === 'root') {
      if (rootKnown(surface) === false) out.push({ kind: 'root', segment: i, surface });
      return;
    }
    const group = groups.find((g) => g.name === label);
    if (!group) out.push({ kind: 'no-group', segment: i, surface, groupName: label });
    else if (!group.variants.includes(surface)) out.push({ kind: 'variant', segment: i, surface, group });
  });
  return out;
}

/** The edit an offer makes; adding a variant keeps the group's other variants and rules. */
export function offerEdit(offer: DictOffer, pos: string, gloss: string): DictEdit | null {
  if (offer.kind === 'root') {
    return { op: 'root.add', surface: offer.surface, pos: pos.trim(), gloss: gloss.trim() || null };
  }
  if (offer.kind === 'variant') {
    return { op: 'group.update', rowId: offer.group.rowId, variants: [...offer.group.variants, offer.surface] };
  }
  return null;
}
