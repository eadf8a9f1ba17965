// The serialisable hybrid model and its vocabulary layout.
//
// Id order (stable, deterministic, a pure function of the model's content):
//   (a) user special tokens (config order); markers <cap> <caps> <capsrun> <nosp>; whitespace tokens
//       "\n" "\r\n" "\r" "\t" and runs of 1..16 spaces;
//   (b) roots by citation surface (code point order; entries sharing a surface are one root): the shared id,
//       then one explicit id per alternant surface (code point order);
//   (c) allomorph groups by name: the shared id, then one explicit id per variant (code point order);
//       a group with a single variant has one id only;
//   (d) digit tokens: "0".."9" ('single'), or every 1-, 2- and 3-digit string ('group3');
//   (e) the residue BPE: its 256 byte tokens, then its merges.
import type { TokenType } from '../../api/contract';
import type { BpeModel } from '../bpe/types';
import { tokenToBytes } from '../bpe/bytelevel';
import type { AllomorphGroup, Condition, Root } from '../dict/types';
import type { AllomorphTables } from './allomorph';
import type { DictView, MorphemeLogProbs } from './analyzer';

export interface HybridConfig {
  vocabSize: number;
  /** 0..1: the least share of the vocabulary reserved for residue BPE bytes + merges. */
  subwordShare: number;
  minFrequency: number;
  digits: 'single' | 'group3';
  /** false: no case folding, case stays in the surface. */
  caseMarkers: boolean;
  specialTokens: string[];
}

export const HYBRID_FORMAT = 'tokstudio-hybrid/1';

export interface HybridModel {
  format: typeof HYBRID_FORMAT;
  config: HybridConfig;
  /** What the encoder needs from the dictionary (roots pruned to the kept ones). */
  dictionary: DictView & { name: string };
  /** id -> token string (see the layout above); checked against the layout when a tokenizer is built. */
  vocab: string[];
  allomorphy: AllomorphTables;
  logProbs: MorphemeLogProbs;
  residue: BpeModel;
}

export const MARKERS = ['<cap>', '<caps>', '<capsrun>', '<nosp>'] as const;
export type Marker = 'cap' | 'caps' | 'capsrun' | 'nosp';
export const WHITESPACE_TOKENS = ['\n', '\r\n', '\r', '\t', ...Array.from({ length: 16 }, (_, i) => ' '.repeat(i + 1))];
export const MAX_SPACE_RUN = 16;

export type VocabEntry =
  | { kind: 'special'; text: string }
  | { kind: 'marker'; marker: Marker }
  | { kind: 'space'; text: string }
  | { kind: 'root'; citation: string; alts: { surface: string; whens: Condition[] }[] }
  | { kind: 'rootAlt'; citation: string; surface: string }
  | { kind: 'group'; group: AllomorphGroup; affix: 'prefix' | 'suffix'; usesNext: boolean }
  | { kind: 'variant'; group: AllomorphGroup; affix: 'prefix' | 'suffix'; surface: string }
  | { kind: 'digits'; text: string }
  | { kind: 'bpe'; bytes: Uint8Array; merge: boolean };

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface Layout {
  entries: VocabEntry[];
  tokens: string[];
  specialIds: number[];
  markerIds: Record<Marker, number>;
  spaceIds: Map<string, number>;
  rootShared: Map<string, number>;
  /** citation + '\0' + alternant surface -> id */
  rootAlt: Map<string, number>;
  groupShared: Map<string, number>;
  /** group + '\0' + variant -> id */
  variant: Map<string, number>;
  digitIds: Map<string, number>;
  bpeBase: number;
  counts: { specials: number; roots: number; rootAlternants: number; groups: number; variants: number; digits: number; bytes: number; merges: number };
}

/** Roots merged by citation surface, in code point order, with their alternants' conditions. */
export function mergedRoots(roots: Root[]): { citation: string; alts: { surface: string; whens: Condition[] }[] }[] {
  const by = new Map<string, Map<string, Condition[]>>();
  for (const r of roots) {
    let alts = by.get(r.surface);
    if (!alts) by.set(r.surface, (alts = new Map()));
    for (const a of r.alternants ?? []) {
      if (a.surface === r.surface) continue;
      let whens = alts.get(a.surface);
      if (!whens) alts.set(a.surface, (whens = []));
      if (a.when) whens.push(a.when);
    }
  }
  return [...by.keys()].sort(cmp).map((citation) => {
    const alts = by.get(citation)!;
    return { citation, alts: [...alts.keys()].sort(cmp).map((surface) => ({ surface, whens: alts.get(surface)! })) };
  });
}

export function digitStrings(mode: 'single' | 'group3'): string[] {
  const out: string[] = [];
  const widths = mode === 'single' ? [1] : [1, 2, 3];
  for (const w of widths) for (let i = 0; i < 10 ** w; i++) out.push(String(i).padStart(w, '0'));
  return out;
}

/** Ids taken by everything except the residue BPE, for a dictionary view and config. */
export function fixedIdCount(config: HybridConfig, dict: Pick<DictView, 'roots' | 'groups'>): number {
  const roots = mergedRoots(dict.roots).reduce((n, r) => n + 1 + r.alts.length, 0);
  return config.specialTokens.length + MARKERS.length + WHITESPACE_TOKENS.length + roots + groupIdCount(dict.groups) + digitStrings(config.digits).length;
}

export function groupIdCount(groups: AllomorphGroup[]): number {
  return groups.reduce((n, g) => {
    const v = new Set(g.variants).size;
    return n + (v <= 1 ? 1 : 1 + v);
  }, 0);
}

function usesNextCond(conds: Condition[]): boolean {
  return conds.some((c) => c.next !== undefined || c.nextIsEnd !== undefined);
}

export function buildLayout(model: Pick<HybridModel, 'config' | 'dictionary' | 'residue'>): Layout {
  const entries: VocabEntry[] = [];
  const tokens: string[] = [];
  const add = (e: VocabEntry, token: string) => {
    entries.push(e);
    tokens.push(token);
    return entries.length - 1;
  };
  const specialIds = model.config.specialTokens.map((s) => add({ kind: 'special', text: s }, s));
  const markerIds = {} as Record<Marker, number>;
  for (const m of MARKERS) {
    const name = m.slice(1, -1) as Marker;
    markerIds[name] = add({ kind: 'marker', marker: name }, m);
  }
  const spaceIds = new Map<string, number>();
  for (const w of WHITESPACE_TOKENS) spaceIds.set(w, add({ kind: 'space', text: w }, w));
  const counts = { specials: entries.length, roots: 0, rootAlternants: 0, groups: 0, variants: 0, digits: 0, bytes: 0, merges: 0 };

  const rootShared = new Map<string, number>();
  const rootAlt = new Map<string, number>();
  for (const r of mergedRoots(model.dictionary.roots)) {
    rootShared.set(r.citation, add({ kind: 'root', citation: r.citation, alts: r.alts }, r.citation));
    counts.roots++;
    for (const a of r.alts) {
      rootAlt.set(`${r.citation}\u0000${a.surface}`, add({ kind: 'rootAlt', citation: r.citation, surface: a.surface }, `${r.citation}~${a.surface}`));
      counts.rootAlternants++;
    }
  }
  const groupShared = new Map<string, number>();
  const variant = new Map<string, number>();
  const groups = [...model.dictionary.groups].sort((a, b) => cmp(a.name, b.name));
  for (let i = 1; i < groups.length; i++) {
    if (groups[i].name === groups[i - 1].name) throw new Error(`allomorph group ${JSON.stringify(groups[i].name)} is defined twice`);
  }
  for (const g of groups) {
    const variants = [...new Set(g.variants)].sort(cmp);
    if (variants.length === 0) throw new Error(`allomorph group ${JSON.stringify(g.name)} has no variants`);
    const conds = (g.rules ?? []).map((r) => r.when);
    if (variants.length === 1) {
      const id = add({ kind: 'variant', group: g, affix: g.kind, surface: variants[0] }, `[${g.name}:${variants[0]}]`);
      groupShared.set(g.name, id);
      variant.set(`${g.name}\u0000${variants[0]}`, id);
      counts.groups++;
      continue;
    }
    groupShared.set(g.name, add({ kind: 'group', group: g, affix: g.kind, usesNext: usesNextCond(conds) }, `[${g.name}]`));
    counts.groups++;
    for (const v of variants) {
      variant.set(`${g.name}\u0000${v}`, add({ kind: 'variant', group: g, affix: g.kind, surface: v }, `[${g.name}:${v}]`));
      counts.variants++;
    }
  }
  const digitIds = new Map<string, number>();
  for (const d of digitStrings(model.config.digits)) {
    digitIds.set(d, add({ kind: 'digits', text: d }, d));
    counts.digits++;
  }
  const bpeBase = entries.length;
  const bpe = model.residue;
  if (bpe.specials.length > 0) throw new Error('the residue BPE must not have special tokens');
  bpe.vocab.forEach((tok, i) => {
    const bytes = tokenToBytes(tok);
    if (bytes.length === 1) counts.bytes++;
    else counts.merges++;
    add({ kind: 'bpe', bytes, merge: bytes.length > 1 }, tok);
    if (bpeBase + i !== entries.length - 1) throw new Error('internal: BPE layout out of step');
  });
  return { entries, tokens, specialIds, markerIds, spaceIds, rootShared, rootAlt, groupShared, variant, digitIds, bpeBase, counts };
}

export function entryType(e: VocabEntry): TokenType {
  switch (e.kind) {
    case 'special':
    case 'marker':
    case 'space':
      return 'special';
    case 'root':
    case 'rootAlt':
      return 'root';
    case 'group':
    case 'variant':
      return 'affix';
    case 'digits':
      return 'subword';
    case 'bpe':
      return e.merge ? 'subword' : 'byte';
  }
}
