// The hybrid tokenizer's word encoder on the addon (native/src/wordenc.cc): HybridTokenizer.buildWord
// (hybrid/codec.ts) for many words in one call — the best analysis, ids per morph, the verification decode, the
// step-down of morphs shared -> explicit -> residue, the safety net — with the same pieces as the reference,
// which stays the specification. This module turns a model, its layout and its native analyzer into the addon's
// integer spec (strings interned, so the reference's string comparisons become index comparisons) and the
// packed results into the pieces codec.ts caches. Whatever the spec cannot say exactly (a condition naming an
// unknown class, a lone surrogate in a surface, a malformed table, an unusual residue BPE) gives null and the
// tokenizer keeps the TypeScript path; a word the addon cannot reproduce exactly comes back null.
import { availableParallelism } from 'node:os';
import type { ClassRef, Condition } from '../dict/types';
import type { Analysis } from '../hybrid/analyzer';
import type { PartialBytes } from '../hybrid/codec';
import type { HybridModel, Layout } from '../hybrid/model';
import { BYTE_TO_CHAR } from '../bpe/bytelevel';
import { findLoneSurrogate } from '../text/surrogates';
import type { NativeAnalyzer } from './analyze';
import { nativeAddon, type NativeAnalyzerHandle } from './load';
import { NativeTextEncoder, type TextEncoderHost } from './textEncoder';

/** The residue BPE's pre-tokenizer (hybrid/trainer.ts RESIDUE_PATTERN): the whole string is one piece. */
const RESIDUE_PATTERN = '[\\s\\S]+';
const MAX_CLASSES = 64;

/** One piece of a word's encoding, as codec.ts keeps it: offsets relative to the word (-1 = the carried space). */
export interface WordPiece {
  id: number;
  start: number;
  end: number;
  shared: boolean;
  partial?: PartialBytes;
}

export interface EncodedWord {
  pieces: WordPiece[];
  startsWithMorph: boolean;
}

/** The addon's word encoder spec (layout documented in native/src/wordenc.h and wordenc_addon.cc). */
export interface NativeWordEncoderSpec {
  strText: string;
  strLens: Uint32Array;
  kind: Uint8Array;
  ref: Int32Array;
  prefix: Uint8Array;
  nospId: number;
  rootCandStart: Uint32Array;
  rootCands: Int32Array;
  altCondStart: Uint32Array;
  altCond: Int32Array;
  groupUsesNext: Uint8Array;
  groupFallback: Int32Array;
  groupVarStart: Uint32Array;
  groupVariants: Int32Array;
  groupRuleStart: Uint32Array;
  ruleVariant: Int32Array;
  ruleCond: Int32Array;
  groupHasTable: Uint8Array;
  groupMajority: Int32Array;
  tables: Int32Array;
  conds: Uint32Array;
  classCodePoints: Int32Array;
  classMaskLo: Uint32Array;
  classMaskHi: Uint32Array;
  contextVowels: Uint32Array;
  rootShared: Int32Array;
  rootExplicit: Int32Array;
  affixShared: Int32Array;
  affixExplicit: Int32Array;
  bpeBase: number;
  bpeBytes: Uint8Array;
  bpeLens: Uint32Array;
  bpeByteIds: Uint32Array;
  bpeLeft: Uint32Array;
  bpeRight: Uint32Array;
  bpeResult: Uint32Array;
}

export interface NativeWordEncoderHandle {
  /** `given`: per word 0 or its analysis in the analyzer's packed form (see wordenc_addon.cc). */
  encodeMany(text: string, lens: Uint32Array, carry: Uint8Array, threads?: number, given?: Int32Array): Int32Array;
}

type WordEncoderClass = new (analyzer: NativeAnalyzerHandle, spec: NativeWordEncoderSpec) => NativeWordEncoderHandle;

/** The addon's WordEncoder class, or null (no addon, or one built before it existed). */
export function nativeWordEncoderClass(): WordEncoderClass | null {
  const addon = nativeAddon() as { WordEncoder?: WordEncoderClass } | null;
  return typeof addon?.WordEncoder === 'function' ? addon.WordEncoder : null;
}

/** Thrown inside the spec builder for what the addon cannot say exactly; the builder then gives null. */
class Inexpressible extends Error {}
const giveUp = (why: string): never => {
  throw new Inexpressible(why);
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** The single code point `s` holds, or null when it holds none or more than one. */
function onlyCodePoint(s: string): number | null {
  if (s.length === 0 || s.length > 2) return null;
  const cp = s.codePointAt(0)!;
  return String.fromCodePoint(cp) === s ? cp : null;
}

/**
 * The addon's spec for a tokenizer's model, layout and native analyzer (exported for the tests), or null when
 * it cannot say them exactly.
 */
export function wordEncoderSpec(model: HybridModel, layout: Layout, analyzer: NativeAnalyzer['internals']): NativeWordEncoderSpec | null {
  try {
    return buildSpec(model, layout, analyzer);
  } catch (e) {
    if (e instanceof Inexpressible) return null;
    throw e;
  }
}

function buildSpec(model: HybridModel, layout: Layout, analyzer: NativeAnalyzer['internals']): NativeWordEncoderSpec {
  // Strings, interned: the decoder's surfaces must be well-formed, so that contexts (last vowel, last and first
  // code points) can be read per string and joined.
  const strIds = new Map<string, number>();
  const strList: string[] = [];
  const str = (s: unknown): number => {
    if (typeof s !== 'string') return giveUp('a surface is not a string');
    let id = strIds.get(s);
    if (id === undefined) {
      if (findLoneSurrogate(s)) giveUp('a surface holds a lone surrogate');
      // context.ts predictVariant caches on a key that cannot tell "no next" from a next that starts with U+0001.
      if (s.charCodeAt(0) === 1) giveUp('a surface starts with U+0001');
      strIds.set(s, (id = strList.length));
      strList.push(s);
    }
    return id;
  };

  // Character classes as compileClasses (context.ts) makes them: names in sorted order, members by code point.
  const charClasses = model.dictionary.charClasses as Record<string, unknown>;
  const classNames = Object.keys(charClasses).sort();
  if (classNames.length > MAX_CLASSES) giveUp('too many character classes');
  const classBits = new Map(classNames.map((c, i) => [c, i]));
  const classCodePoints: number[] = [];
  const classMaskLo: number[] = [];
  const classMaskHi: number[] = [];
  classNames.forEach((name, i) => {
    const members = charClasses[name];
    if (typeof members !== 'string') giveUp('a character class is not a string');
    for (const ch of Array.from(members as string)) {
      classCodePoints.push(ch.codePointAt(0)!);
      classMaskLo.push(i < 32 ? 2 ** i : 0);
      classMaskHi.push(i < 32 ? 0 : 2 ** (i - 32));
    }
  });
  const vowel = charClasses.vowel;
  const contextVowels = typeof vowel === 'string' ? Array.from(vowel).filter((c) => c.length === 1).map((c) => c.charCodeAt(0)) : [];

  // Conditions (context.ts holds): every class reference a string or a list of strings naming known classes.
  const conds: number[] = [];
  const refMask = (ref: unknown): number[] => {
    if (ref === undefined) return [0, 0, 0, 0, 0];
    let need = 0n;
    let forbid = 0n;
    for (const r of Array.isArray(ref) ? ref : [ref]) {
      if (typeof r !== 'string') return giveUp('a class reference is not a string');
      const negated = r.startsWith('!');
      const bit = classBits.get(negated ? r.slice(1) : r);
      if (bit === undefined) return giveUp('a condition names an unknown class');
      if (negated) forbid |= 1n << BigInt(bit);
      else need |= 1n << BigInt(bit);
    }
    const lo = (x: bigint) => Number(x & 0xffffffffn);
    const hi = (x: bigint) => Number(x >> 32n);
    return [1, lo(need), hi(need), lo(forbid), hi(forbid)];
  };
  const cond = (c: unknown): number => {
    if (!isObject(c)) return giveUp('a condition is not an object');
    const when = c as Condition;
    const end = when.nextIsEnd as unknown;
    if (end !== undefined && typeof end !== 'boolean') giveUp('nextIsEnd is not a boolean');
    conds.push(...refMask(when.lastVowel as ClassRef | undefined), ...refMask(when.lastChar), ...refMask(when.next), end === undefined ? 0 : end ? 2 : 1);
    return conds.length / 16 - 1;
  };

  // The learned tables (allomorph.ts): looked up as the reference does, by group name on the model's object.
  const tables = model.allomorphy as unknown;
  if (!isObject(tables)) giveUp('the allomorph tables are not an object');
  const tableRows: number[] = [];
  const tableOf = (g: number, name: string): { has: boolean; majority: number } => {
    const t = hasOwn(tables as object, name) ? (tables as Record<string, unknown>)[name] : name in (tables as object) ? giveUp('a group name is an inherited property') : undefined;
    if (!t) return { has: false, majority: -1 };
    if (!isObject(t) || !isObject(t.full) || !isObject(t.vowel) || !isObject(t.char)) return giveUp('a malformed allomorph table');
    const answer = (v: unknown): number | null => (v === undefined || v === null ? null : str(v));
    for (const [key, value] of Object.entries(t.full)) {
      const a = answer(value);
      if (a === null) continue;
      // The key is lastVowel + '|' + lastChar, each possibly empty: every way to read it back is a context that
      // builds exactly this key.
      const reads: [number, string][] = [];
      if (key[0] === '|') reads.push([-1, key.slice(1)]);
      if (key.length >= 2 && key[1] === '|') reads.push([key.charCodeAt(0), key.slice(2)]);
      for (const [v, c] of reads) {
        const cp = c === '' ? -1 : onlyCodePoint(c);
        if (cp !== null) tableRows.push(g, 0, v, cp, a);
      }
    }
    for (const [key, value] of Object.entries(t.vowel)) {
      const a = answer(value);
      if (a !== null && key.length <= 1) tableRows.push(g, 1, key === '' ? -1 : key.charCodeAt(0), -1, a);
    }
    for (const [key, value] of Object.entries(t.char)) {
      const a = answer(value);
      const cp = key === '' ? -1 : onlyCodePoint(key);
      if (a !== null && cp !== null) tableRows.push(g, 2, -1, cp, a);
    }
    const m = t.majority;
    if (m !== undefined && m !== null && typeof m !== 'string') giveUp('a table majority is not a string');
    return { has: true, majority: typeof m === 'string' && m !== '' ? str(m) : -1 };
  };

  // Per vocabulary id: kind and reference (wordenc.h WordEntryKind).
  const V = layout.entries.length;
  const kind = new Uint8Array(V);
  const ref = new Int32Array(V);
  const prefix = new Uint8Array(V);
  const rootCandStart = [0];
  const rootCands: number[] = [];
  const altCondStart = [0];
  const altCond: number[] = [];
  const groupUsesNext: number[] = [];
  const groupFallback: number[] = [];
  const groupVarStart = [0];
  const groupVariants: number[] = [];
  const groupRuleStart = [0];
  const ruleVariant: number[] = [];
  const ruleCond: number[] = [];
  const groupHasTable: number[] = [];
  const groupMajority: number[] = [];
  layout.entries.forEach((e, id) => {
    switch (e.kind) {
      case 'marker':
        if (e.marker === 'nosp') kind[id] = 1;
        break;
      case 'root':
        kind[id] = 2;
        ref[id] = rootCandStart.length - 1;
        // The decoder's candidates: the citation, then the alternants; each alternant with its conditions.
        rootCands.push(str(e.citation));
        altCondStart.push(altCond.length);
        for (const a of e.alts) {
          rootCands.push(str(a.surface));
          for (const w of a.whens) altCond.push(cond(w));
          altCondStart.push(altCond.length);
        }
        rootCandStart.push(rootCands.length);
        break;
      case 'rootAlt':
        kind[id] = 3;
        ref[id] = str(e.surface);
        break;
      case 'group': {
        const g = groupUsesNext.length;
        kind[id] = 4;
        ref[id] = g;
        prefix[id] = e.affix === 'prefix' ? 1 : 0;
        const variants = e.group.variants as unknown;
        if (!Array.isArray(variants) || variants.length === 0) giveUp('a group without a variant list');
        groupUsesNext.push(e.usesNext ? 1 : 0);
        groupFallback.push(str([...(variants as string[])].sort()[0]));
        for (const v of variants as unknown[]) groupVariants.push(str(v));
        groupVarStart.push(groupVariants.length);
        const rules = e.group.rules as unknown;
        if (rules !== undefined && rules !== null && !Array.isArray(rules)) giveUp('group rules are not a list');
        for (const rule of (rules ?? []) as unknown[]) {
          if (!isObject(rule)) giveUp('a rule is not an object');
          ruleVariant.push(str((rule as Record<string, unknown>).variant));
          ruleCond.push(cond((rule as Record<string, unknown>).when));
        }
        groupRuleStart.push(ruleVariant.length);
        const t = tableOf(g, e.group.name);
        groupHasTable.push(t.has ? 1 : 0);
        groupMajority.push(t.majority);
        break;
      }
      case 'variant':
        kind[id] = 5;
        ref[id] = str(e.surface);
        prefix[id] = e.affix === 'prefix' ? 1 : 0;
        break;
      case 'bpe':
        kind[id] = 6;
        ref[id] = id - layout.bpeBase;
        break;
      default:
        break;
    }
  });

  // The analyzer's entries (its analyses refer to them by index) -> the ids buildWord would look up.
  const rootShared = Int32Array.from(analyzer.rootEntries, (e) => layout.rootShared.get(e.citation) ?? -1);
  const rootExplicit = Int32Array.from(analyzer.rootEntries, (e) => layout.rootAlt.get(`${e.citation}\u0000${e.surface}`) ?? -1);
  const affixShared = Int32Array.from(analyzer.affixEntries, (e) => layout.groupShared.get(e.group) ?? -1);
  const affixExplicit = Int32Array.from(analyzer.affixEntries, (e) => layout.variant.get(`${e.group}\u0000${e.surface}`) ?? -1);
  // Morph surfaces are compared with decoded surfaces and cut the word into residue strings: well-formed too.
  for (const e of [...analyzer.rootEntries, ...analyzer.affixEntries]) str(e.surface);

  // The residue BPE as BpeTokenizer reads it: byte tokens, merges by rank (the first of a repeated pair wins).
  const residue = model.residue;
  if (residue.pattern !== RESIDUE_PATTERN || residue.specials.length > 0 || residue.ignoreMerges) giveUp('an unusual residue BPE');
  const ids = new Map<string, number>();
  residue.vocab.forEach((t, i) => ids.set(t, i));
  const bpeByteIds = new Uint32Array(256);
  for (let b = 0; b < 256; b++) bpeByteIds[b] = ids.get(BYTE_TO_CHAR[b]) ?? giveUp('a byte token is missing');
  const n = residue.merges.length;
  const bpeLeft = new Uint32Array(n);
  const bpeRight = new Uint32Array(n);
  const bpeResult = new Uint32Array(n);
  residue.merges.forEach(([a, b], r) => {
    bpeLeft[r] = ids.get(a) ?? giveUp('a merge names a missing token');
    bpeRight[r] = ids.get(b) ?? giveUp('a merge names a missing token');
    bpeResult[r] = ids.get(a + b) ?? giveUp('a merge names a missing token');
  });
  const bpeParts: Uint8Array[] = [];
  for (let id = layout.bpeBase; id < V; id++) {
    const e = layout.entries[id];
    if (e.kind !== 'bpe') giveUp('the layout does not end with the residue BPE');
    bpeParts.push((e as { bytes: Uint8Array }).bytes);
  }

  return {
    strText: strList.join(''),
    strLens: Uint32Array.from(strList, (s) => s.length),
    kind,
    ref,
    prefix,
    nospId: layout.markerIds.nosp,
    rootCandStart: Uint32Array.from(rootCandStart),
    rootCands: Int32Array.from(rootCands),
    altCondStart: Uint32Array.from(altCondStart),
    altCond: Int32Array.from(altCond),
    groupUsesNext: Uint8Array.from(groupUsesNext),
    groupFallback: Int32Array.from(groupFallback),
    groupVarStart: Uint32Array.from(groupVarStart),
    groupVariants: Int32Array.from(groupVariants),
    groupRuleStart: Uint32Array.from(groupRuleStart),
    ruleVariant: Int32Array.from(ruleVariant),
    ruleCond: Int32Array.from(ruleCond),
    groupHasTable: Uint8Array.from(groupHasTable),
    groupMajority: Int32Array.from(groupMajority),
    tables: Int32Array.from(tableRows),
    conds: Uint32Array.from(conds),
    classCodePoints: Int32Array.from(classCodePoints),
    classMaskLo: Uint32Array.from(classMaskLo),
    classMaskHi: Uint32Array.from(classMaskHi),
    contextVowels: Uint32Array.from(contextVowels),
    rootShared,
    rootExplicit,
    affixShared,
    affixExplicit,
    bpeBase: layout.bpeBase,
    bpeBytes: Buffer.concat(bpeParts),
    bpeLens: Uint32Array.from(bpeParts, (p) => p.length),
    bpeByteIds,
    bpeLeft,
    bpeRight,
    bpeResult,
  };
}

const MORPH_KINDS = { prefix: 0, root: 1, suffix: 2, residue: 3 } as const;

/** HybridTokenizer.buildWord for many words at once, on the addon. */
export class NativeWordEncoder {
  /** Words encoded on the addon, and words left to the reference (the tests check the share). */
  readonly counts = { handled: 0, notHandled: 0 };
  /** The analyzer's entry index by citation (root) or group name (affix), then surface: given analyses name them so. */
  private readonly rootRef = new Map<string, Map<string, number>>();
  private readonly affixRef = new Map<string, Map<string, number>>();

  private constructor(
    private readonly handle: NativeWordEncoderHandle,
    analyzer: NativeAnalyzer['internals'],
  ) {
    const index = (into: Map<string, Map<string, number>>, key: string, surface: string, i: number) => {
      let m = into.get(key);
      if (m === undefined) into.set(key, (m = new Map()));
      if (!m.has(surface)) m.set(surface, i); // entries with one citation and surface map to the same ids
    };
    analyzer.rootEntries.forEach((e, i) => index(this.rootRef, e.citation, e.surface, i));
    analyzer.affixEntries.forEach((e, i) => index(this.affixRef, e.group, e.surface, i));
  }

  /** A word encoder for this model on its native analyzer, or null (no addon, or the spec cannot say the model). */
  static create(model: HybridModel, layout: Layout, analyzer: NativeAnalyzer | null): NativeWordEncoder | null {
    const WordEncoder = nativeWordEncoderClass();
    if (analyzer === null || WordEncoder === null) return null;
    const internals = analyzer.internals;
    const spec = wordEncoderSpec(model, layout, internals);
    return spec === null ? null : new NativeWordEncoder(new WordEncoder(internals.handle, spec), internals);
  }

  /**
   * The encodings of folded words, each with its carry (a single space right before it), as buildWord gives them;
   * null for a word the addon leaves to the reference. `analyses[i]`, when given, is the analysis buildWord would
   * use for word i (seeded by the trainer): the addon then skips its own search.
   */
  encodeMany(words: readonly string[], carries: readonly boolean[], analyses?: readonly (Analysis | undefined)[]): (EncodedWord | null)[] {
    const lens = new Uint32Array(words.length);
    const carry = new Uint8Array(words.length);
    for (let i = 0; i < words.length; i++) {
      lens[i] = words[i].length;
      carry[i] = carries[i] ? 1 : 0;
    }
    // A given analysis the addon cannot take (it names a morph the analyzer lacks, or spans outside its word) is
    // one buildWord would still use: such a word is left to the reference.
    const refused = new Set<number>();
    const given = analyses?.some((a) => a !== undefined) ? this.pack(words, analyses, refused) : undefined;
    // The addon decides how many of the threads offered a batch of this size is worth.
    const data = this.handle.encodeMany(words.join(''), lens, carry, Math.min(256, availableParallelism()), given);
    const out: (EncodedWord | null)[] = [];
    let at = 0;
    for (let i = 0; i < words.length; i++) {
      const flags = data[at++];
      const count = data[at++];
      if (flags === 0 || refused.has(i)) {
        at += flags === 0 ? 0 : 4 * count;
        this.counts.notHandled++;
        out.push(null);
        continue;
      }
      this.counts.handled++;
      const pieces: WordPiece[] = new Array(count);
      for (let k = 0; k < count; k++, at += 4) pieces[k] = { id: data[at], start: data[at + 1], end: data[at + 2], shared: data[at + 3] === 1, partial: undefined };
      out.push({ pieces, startsWithMorph: flags === 3 });
    }
    return out;
  }

  /** The whole-text encoder over this word encoder (textEncoder.ts), or null when the addon cannot take the model. */
  textEncoder(model: HybridModel, layout: Layout, host: TextEncoderHost): NativeTextEncoder | null {
    return NativeTextEncoder.create(this.handle, model, layout, host, (words, analyses) => {
      const refused = new Set<number>();
      return { given: this.pack(words, analyses, refused), refused };
    });
  }

  /**
   * Analyses in the analyzer's packed form; 0 for a word without one, and for one the addon cannot take (its
   * index then goes into `refused`).
   */
  private pack(words: readonly string[], analyses: readonly (Analysis | undefined)[], refused: Set<number>): Int32Array {
    let size = 0;
    for (const a of analyses) size += a === undefined ? 1 : 4 + 5 * a.morphs.length;
    const g = new Int32Array(size);
    let at = 0;
    analyses.forEach((a, i) => {
      if (a === undefined || a.morphs.length === 0) {
        if (a !== undefined) refused.add(i);
        g[at++] = 0;
        return;
      }
      const from = at;
      g[at] = 1;
      g[at + 1] = a.score.residueChars;
      g[at + 2] = a.morphs.length;
      at += 3;
      const n = words[i].length;
      for (const m of a.morphs) {
        const ref = m.kind === 'residue' ? -1 : m.kind === 'root' ? this.rootRef.get(m.root!)?.get(m.surface) : this.affixRef.get(m.group!)?.get(m.surface);
        if (ref === undefined || !Number.isInteger(m.start) || !Number.isInteger(m.end) || !(m.start >= 0 && m.start <= m.end && m.end <= n)) {
          at = from;
          g[at++] = 0;
          refused.add(i);
          return;
        }
        g[at] = MORPH_KINDS[m.kind];
        g[at + 1] = m.start;
        g[at + 2] = m.end;
        g[at + 3] = ref;
        g[at + 4] = 0;
        at += 5;
      }
      g[at++] = 0; // the end state (not read)
    });
    return g.subarray(0, at);
  }
}
