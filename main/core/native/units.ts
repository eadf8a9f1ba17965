// Step 1 of hybrid training on the addon (native/src/units.cc): the same words, types, residue and word units as
// the reference corpusUnits (hybrid/corpusUnits.ts), which stays the specification. The addon sorts the words,
// splits and folds them and adds everything up; a word whose folding needs a mapping the addon's table marks
// special (several code points, or Final_Sigma) comes back unprocessed and the reference's accumulator adds it.
// The types come in code-unit order from both; the residue map's insertion order differs from the reference's (the
// addon gives it sorted): the trainer sorts it before using its order and otherwise reads it by key.
import { type CorpusUnits, type CorpusUnitsInput, UNITS_PROGRESS_EVERY, UnitsAccumulator, mergeTypes } from '../hybrid/corpusUnits';
import { makeCasing } from '../hybrid/casing';
import { nativeAddon } from './load';

/** -1: no folding (no case markers); 0: the root mapping; 1: Turkish/Azerbaijani dotted I, then the root mapping. */
export type NativeCaseMode = -1 | 0 | 1;

export interface NativeUnitsResult {
  /** Sorted position -> index of the word as passed. */
  order: Uint32Array;
  /** Sorted positions of the words left to the reference. */
  fallback: Uint32Array;
  typeText: string;
  typeLens: Uint32Array;
  typeLead: Float64Array;
  typeInner: Float64Array;
  residueText: string;
  residueLens: Uint32Array;
  residueCounts: Float64Array;
  wordUnits: number;
}

/** The addon's `units` export (native/src/units_addon.cc). */
export interface NativeUnits {
  /** Words back to back with their lengths and counts (positive whole numbers, sum of count × length below 2^53). */
  corpusUnits(text: string, lens: Uint32Array, counts: Float64Array, caseMode: NativeCaseMode): NativeUnitsResult;
  /** [lower, upper] of each code point in [from, to) as the addon maps it; -1 for a special mapping. */
  caseMappings(from: number, to: number, caseMode: 0 | 1): Int32Array;
  /** Every letter or mark that is Cased or Case_Ignorable, alone and before U+0307, each followed by '\n'. */
  caseProbe(): string;
}

/** The addon's units functions, or null (no addon, or one built before them: the reference is used). */
export function nativeUnits(): NativeUnits | null {
  const addon = nativeAddon() as { units?: NativeUnits } | null;
  return addon?.units ?? null;
}

const dottedLower = (s: string) => s.replace(/I/g, 'ı').replace(/İ/g, 'i').toLowerCase();
const dottedUpper = (s: string) => s.replace(/i/g, 'İ').replace(/ı/g, 'I').toUpperCase();

const modes = new Map<string, 0 | 1 | null>();
let probe: string | null = null;

/**
 * How the addon folds case as makeCasing(language) does: 0 when that casing is the root mapping, 1 when it is the
 * dotted-I mapping, null when it is neither (a locale with its own rules, e.g. lt or el: the reference runs).
 * Decided by running this very casing on the addon's probe, every cased or case-ignorable letter and mark alone
 * and before U+0307: locale tailorings (SpecialCasing's conditions, Greek upper-casing) all change one of those.
 * Checked once per language.
 */
export function nativeCaseMode(language: string): 0 | 1 | null {
  let mode = modes.get(language);
  if (mode !== undefined) return mode;
  const units = nativeUnits();
  if (!units) return null;
  probe ??= units.caseProbe();
  const casing = makeCasing(language);
  const lower = casing.lower(probe);
  const upper = casing.upper(probe);
  if (lower === probe.toLowerCase() && upper === probe.toUpperCase()) mode = 0;
  else if (lower === dottedLower(probe) && upper === dottedUpper(probe)) mode = 1;
  else mode = null;
  modes.set(language, mode);
  return mode;
}

/**
 * Step 1 on the addon, with the reference's progress and stop calls (the addon's work is done before them: it
 * takes milliseconds). Null when the addon cannot give the reference's result (no addon, a language it cannot fold,
 * a count that is not a whole number: the reference names the word, sums too large to add exactly): the caller
 * runs corpusUnits. fallbackWords: how many words the reference added.
 */
export function corpusUnitsNative(input: CorpusUnitsInput): (CorpusUnits & { fallbackWords: number }) | null {
  const units = nativeUnits();
  if (!units) return null;
  const mode: NativeCaseMode | null = input.caseMarkers ? nativeCaseMode(input.language) : -1;
  if (mode === null) return null;
  const keys: string[] = [];
  const lens = new Uint32Array(input.wordCounts.size);
  const counts = new Float64Array(input.wordCounts.size);
  // Every sum the pass makes is at most sum(count × length): under 2^53 all are exact, in any order.
  let weight = 0;
  let whole = true;
  // (forEach: no entry array per word)
  input.wordCounts.forEach((n, w) => {
    if (!(n > 0)) return;
    if (!Number.isInteger(n)) whole = false;
    lens[keys.length] = w.length;
    counts[keys.length] = n;
    keys.push(w);
    weight += n * w.length;
  });
  if (!whole || weight > Number.MAX_SAFE_INTEGER) return null;
  const r = units.corpusUnits(keys.join(''), lens.subarray(0, keys.length), counts.subarray(0, keys.length), mode);

  const words: [string, number][] = [];
  for (let i = 0; i < keys.length; i++) {
    const k = r.order[i];
    words.push([keys[k], counts[k]]);
  }
  const acc = new UnitsAccumulator(input.language, input.caseMarkers);
  // The addon's types come sorted; the words left to the reference make the accumulator's, merged in after.
  const list: string[] = new Array(r.typeLens.length);
  let at = 0;
  for (let k = 0; k < r.typeLens.length; k++) {
    const end = at + r.typeLens[k];
    list[k] = r.typeText.slice(at, end);
    at = end;
  }
  const fallback = r.fallback;
  at = 0;
  for (let k = 0; k < r.residueLens.length; k++) {
    const end = at + r.residueLens[k];
    acc.residue.set(r.residueText.slice(at, end), r.residueCounts[k]);
    at = end;
  }
  acc.wordUnits = r.wordUnits;
  // The reference's reports after words 0, 5000, …; the words left to it are added on the way.
  let f = 0;
  for (let i = 0; i < words.length; i += UNITS_PROGRESS_EVERY) {
    for (; f < fallback.length && fallback[f] <= i; f++) acc.add(words[fallback[f]][0], words[fallback[f]][1]);
    input.progress?.(i, words.length);
    input.stop?.();
  }
  for (; f < fallback.length; f++) acc.add(words[fallback[f]][0], words[fallback[f]][1]);
  input.progress?.(words.length, words.length);
  const res = acc.result(words);
  return { ...res, types: mergeTypes({ list, lead: r.typeLead, inner: r.typeInner }, res.types), fallbackWords: fallback.length };
}
