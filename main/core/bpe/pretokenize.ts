// Pre-tokenization: split text into pieces with a regex before BPE runs on each piece.
// Patterns are JavaScript regex sources compiled with the 'gu' flags. The presets are written so that the
// Oniguruma engine inside Hugging Face tokenizers splits identically (checked code point by code point
// in hf.test.ts): JS and Oniguruma disagree on \s (U+0085, U+FEFF), \d/\w (ASCII vs Unicode) and
// (?i:) (JS in Node 20 has no inline modifiers), so the presets spell these out with Unicode properties.

const CONTRACTIONS_GPT2 = "'s|'t|'re|'ve|'m|'ll|'d";
// o200k's (?i:'s|'t|'re|'ve|'m|'ll|'d) spelled out; Unicode case folding also maps U+017F (ſ) to s.
const CONTRACTIONS_ANYCASE = "(?:'[sSſ]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])?";
const UPPERISH = '[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]';
const LOWERISH = '[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]';
const WS = '\\p{White_Space}';

export const PRETOKENIZER_PRESETS = {
  /** GPT-2's pattern (also what tokenizer.json's ByteLevel{use_regex: true} applies). */
  gpt2: `${CONTRACTIONS_GPT2}| ?\\p{L}+| ?\\p{N}+| ?[^${WS}\\p{L}\\p{N}]+|${WS}+(?!\\P{White_Space})|${WS}+`,
  /** tiktoken's o200k_base (GPT-4o) pattern. */
  gpt4o: [
    `[^\\r\\n\\p{L}\\p{N}]?${UPPERISH}*${LOWERISH}+${CONTRACTIONS_ANYCASE}`,
    `[^\\r\\n\\p{L}\\p{N}]?${UPPERISH}+${LOWERISH}*${CONTRACTIONS_ANYCASE}`,
    '\\p{N}{1,3}',
    ` ?[^${WS}\\p{L}\\p{N}]+[\\r\\n/]*`,
    `${WS}*[\\r\\n]+`,
    `${WS}+(?!\\P{White_Space})`,
    `${WS}+`,
  ].join('|'),
} as const;

export type PresetName = keyof typeof PRETOKENIZER_PRESETS;

// Strings a useful pre-tokenizer must not match with zero length (an empty piece would be meaningless
// and makes the match loop stall); cheap to probe, and covers the usual character classes.
const EMPTY_PROBES = ['', 'a', ' ', '1', '.', '\n', 'aB 12\t.\n', 'Şİ ğ'];

/** Compiles a pre-tokenizer pattern with the 'gu' flags, with errors that name the pattern. */
export function compilePattern(source: string): RegExp {
  let re: RegExp;
  try {
    re = new RegExp(source, 'gu');
  } catch (e) {
    throw new Error(`pre-tokenizer pattern ${JSON.stringify(source)} is not a valid regular expression: ${(e as Error).message}`);
  }
  for (const probe of EMPTY_PROBES) {
    re.lastIndex = 0;
    for (let m = re.exec(probe); m; m = re.exec(probe)) {
      if (m[0].length === 0) {
        throw new Error(
          `pre-tokenizer pattern ${JSON.stringify(source)} can match the empty string ` +
            `(at offset ${m.index} of ${JSON.stringify(probe)}); every alternative must consume at least one character`,
        );
      }
    }
  }
  re.lastIndex = 0;
  return re;
}

export function resolvePattern(preset: 'gpt2' | 'gpt4o' | 'custom', custom?: string): string {
  if (preset === 'custom') {
    if (custom === undefined || custom.length === 0) throw new Error('a custom pre-tokenizer needs a pattern');
    compilePattern(custom);
    return custom;
  }
  const source = PRETOKENIZER_PRESETS[preset];
  if (source === undefined) throw new Error(`unknown pre-tokenizer preset ${JSON.stringify(preset)}`);
  return source;
}

export interface Span {
  start: number;
  end: number;
}

/**
 * Splits text into consecutive pieces covering every UTF-16 code unit exactly once: regex matches,
 * plus each stretch the regex skipped as one piece of its own (Hugging Face's Split "Isolated" does the same).
 */
export function pretokenize(text: string, re: RegExp): Span[] {
  const out: Span[] = [];
  let prev = 0;
  re.lastIndex = 0;
  while (re.lastIndex < text.length) {
    const m = re.exec(text);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    if (end === start) {
      // Never expected after compilePattern, but a zero-length match must not stall the loop.
      re.lastIndex = start + 1;
      continue;
    }
    if (start > prev) out.push({ start: prev, end: start });
    out.push({ start, end });
    prev = end;
  }
  if (prev < text.length) out.push({ start: prev, end: text.length });
  re.lastIndex = 0;
  return out;
}

export interface Segment {
  start: number;
  end: number;
  /** Index into the specials array when this segment is a special token. */
  special: number | null;
}

/**
 * Cuts out special tokens: scanning left to right, at each position the longest special that starts
 * there wins (leftmost-longest, like Hugging Face's added-token matcher). Returns segments covering the text.
 */
export function splitSpecials(text: string, specials: readonly string[]): Segment[] {
  const out: Segment[] = [];
  if (specials.length === 0 || text.length === 0) {
    if (text.length > 0) out.push({ start: 0, end: text.length, special: null });
    return out;
  }
  const { byFirst, lowByte } = specialIndex(specials);
  let plain = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    const candidates = lowByte[code & 0xff] === 0 ? undefined : byFirst.get(code);
    let hit = -1;
    if (candidates) {
      for (const c of candidates) {
        if (text.startsWith(specials[c], i)) {
          hit = c;
          break;
        }
      }
    }
    if (hit < 0) {
      i++;
      continue;
    }
    if (i > plain) out.push({ start: plain, end: i, special: null });
    out.push({ start: i, end: i + specials[hit].length, special: hit });
    i += specials[hit].length;
    plain = i;
  }
  if (plain < text.length) out.push({ start: plain, end: text.length, special: null });
  return out;
}

interface SpecialIndex {
  /** The specials the index was built from (a copy: a caller may change its array between calls). */
  specials: string[];
  /** First code unit -> indices of the specials starting with it, longest first. */
  byFirst: Map<number, number[]>;
  /** 1 where some special's first code unit has this low byte: most characters skip the map lookup. */
  lowByte: Uint8Array;
}

// Callers pass the same array on every call (a model's specials), so the index is built once per array.
const specialIndexes = new WeakMap<readonly string[], SpecialIndex>();

function specialIndex(specials: readonly string[]): SpecialIndex {
  const hit = specialIndexes.get(specials);
  if (hit && sameStrings(hit.specials, specials)) return hit;
  // Group by first code unit so the scan only tries specials that can start here.
  const byFirst = new Map<number, number[]>();
  const lowByte = new Uint8Array(256);
  specials.forEach((s, i) => {
    if (s.length === 0) throw new Error('a special token cannot be empty');
    const k = s.charCodeAt(0);
    const list = byFirst.get(k) ?? [];
    list.push(i);
    byFirst.set(k, list);
    lowByte[k & 0xff] = 1;
  });
  for (const list of byFirst.values()) list.sort((a, b) => specials[b].length - specials[a].length);
  const index = { specials: [...specials], byFirst, lowByte };
  specialIndexes.set(specials, index);
  return index;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
