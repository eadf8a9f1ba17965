// The decoder: ids -> text. The encoder calls this same routine to verify every word it emits, so the
// conventions below are the single source of truth (they are repeated in README).
//
// WHITESPACE. The decoder inserts ONE implied space before a word-start token when no <nosp> came right
// before it and the text decoded so far ends with
//   - for a root or prefix token: a letter, a digit or one of . , ; : ! ? … ) ] } » %
//   - for the first digit token of a number: a letter, one of ; ! ? … ) ] } », or one of . , : that does
//     not itself follow a digit (so "1.250" and "3,5" need no <nosp>, "sayfa. 5" still gets its space).
// Word-start tokens: a root token not right after a prefix token, a prefix token not right after a prefix
// token, a digit token not right after a digit token. Suffix tokens and residue (BPE) bytes never get an
// implied space; residue pieces carry their own spaces (" kelime"). Everything else is explicit tokens.
//
// CASE. A word is a maximal run of letters and combining marks in the output. Morph and residue letters
// are decoded in folded form and buffered until the word ends, then transformed as a whole:
//   <cap>      the next word gets its first code point upper-cased;
//   <caps>     the next word is upper-cased;
//   <capsrun>  every word from here on is upper-cased, until the run ends: at any marker but <nosp>, special or
//              whitespace token, or at any decoded character that is neither a letter nor an implied space.
//   <nosp> never ends a word: a compound's later root joins the word before it, under the same case marker.
// Letters decoded with no pending marker and no run are left as they are (mixed-case words travel unfolded).
//
// CONTEXT for shared ids. A shared root id becomes the alternant whose condition holds (exactly one
// distinct alternant must qualify, else the citation surface); a shared group id becomes the variant that
// Allomorphy.predict gives (rules, then the learned table; if neither decides, the variant first in code
// point order). `left` is the folded word decoded so far; `next` is the first character of the following
// morph of the same word (null at the word's end), looked ahead up to LOOKAHEAD levels; when this surface
// and the following one depend on each other, see `consistent` below.
import { type Allomorphy } from './allomorph';
import { type CompiledClasses, firstCodePoint, holds } from './context';
import type { Casing } from './casing';
import type { Layout, VocabEntry } from './model';

const LOOKAHEAD = 3;
const LETTER = /^[\p{L}\p{M}]/u;
const DIGIT = /^\p{Nd}/u;
const ROOT_TRIGGER = new Set(['.', ',', ';', ':', '!', '?', '…', ')', ']', '}', '»', '%']);
const DIGIT_TRIGGER = new Set([';', '!', '?', '…', ')', ']', '}', '»']);
const DIGIT_SOFT = new Set(['.', ',', ':']);
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

const enum Prev {
  None,
  Prefix,
  Digit,
  Other,
}

function lastTwo(s: string): string {
  // Keep the last two code points (a trailing surrogate pair counts as one).
  let i = s.length;
  for (let k = 0; k < 2 && i > 0; k++) {
    const c = s.charCodeAt(i - 1);
    i -= c >= 0xdc00 && c <= 0xdfff && i >= 2 ? 2 : 1;
  }
  return s.slice(i);
}

/** The last two code points of tail, as the last two elements of Array.from(tail). */
function splitLastTwo(tail: string): [string | null, string | null] {
  const n = tail.length;
  if (n === 0) return [null, null];
  const s = codePointStart(tail, n);
  const last = tail.slice(s);
  if (s === 0) return [null, last];
  return [tail.slice(codePointStart(tail, s), s), last];
}

/** Start of the code point ending at `end` (a low surrogate pairs with a high one right before it). */
function codePointStart(s: string, end: number): number {
  const c = s.charCodeAt(end - 1);
  if (c >= 0xdc00 && c <= 0xdfff && end >= 2) {
    const h = s.charCodeAt(end - 2);
    if (h >= 0xd800 && h <= 0xdbff) return end - 2;
  }
  return end - 1;
}

/** Length in code units of the code point at s[i] (as `for (const ch of s)` steps). */
function codePointLength(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

// LETTER.test and DIGIT.test of single code points run for every decoded character: cache them per BMP code
// unit (0 = not asked yet, 1 = yes, 2 = no); astral code points (rare) ask the regex.
const letterBmp = new Uint8Array(0x10000);
const digitBmp = new Uint8Array(0x10000);

function cached(table: Uint8Array, re: RegExp, s: string, i: number): boolean {
  if (codePointLength(s, i) === 2) return re.test(s.slice(i, i + 2));
  const c = s.charCodeAt(i);
  let f = table[c];
  if (f === 0) table[c] = f = re.test(String.fromCharCode(c)) ? 1 : 2;
  return f === 1;
}

/** LETTER.test of the code point at s[i] (s[i] must exist). */
function letterAt(s: string, i: number): boolean {
  return cached(letterBmp, LETTER, s, i);
}

function isLetter(ch: string): boolean {
  return ch.length > 0 && letterAt(ch, 0);
}

function isDigit(ch: string): boolean {
  return ch.length > 0 && cached(digitBmp, DIGIT, ch, 0);
}

export function rootTrigger(before: string | null, last: string | null): boolean {
  void before;
  if (last === null) return false;
  return isLetter(last) || isDigit(last) || ROOT_TRIGGER.has(last);
}

export function digitTrigger(before: string | null, last: string | null): boolean {
  if (last === null) return false;
  if (isLetter(last) || DIGIT_TRIGGER.has(last)) return true;
  return DIGIT_SOFT.has(last) && !(before !== null && isDigit(before));
}

export class Decoder {
  /** Per root id with alternants: the citation surface, then the alternant surfaces (candidates in that order). */
  private readonly rootCandidates = new Map<number, string[]>();

  constructor(
    private readonly layout: Layout,
    private readonly allomorphy: Allomorphy,
    private readonly classes: CompiledClasses,
    private readonly casing: Casing,
  ) {}

  private entry(id: number): VocabEntry {
    const e = Number.isInteger(id) ? this.layout.entries[id] : undefined;
    if (e === undefined) throw new Error(`token id ${id} is not in the vocabulary (ids are 0..${this.layout.entries.length - 1})`);
    return e;
  }

  /** Decodes ids; when `trace` is given, trace[i] receives the folded surface a morph or digit token produced. */
  decode(ids: readonly number[], trace?: (string | null)[]): string {
    for (const id of ids) this.entry(id);
    const chunks: string[] = [];
    let tail = '';
    let word = '';
    let wordCase: 'none' | 'cap' | 'caps' = 'none';
    let pendingCase: 'none' | 'cap' | 'caps' = 'none';
    let run = false;
    let nosp = false;
    let prev = Prev.None;
    let bytes: number[] = [];
    const casing = this.casing;

    const append = (s: string) => {
      if (s.length === 0) return;
      chunks.push(s);
      // Four code units hold the last two code points: a long chunk need not be joined to the old tail.
      tail = lastTwo(s.length >= 4 ? s : tail + s);
    };
    const endWord = () => {
      if (word.length === 0) return;
      append(wordCase === 'cap' ? casing.capFirst(word) : wordCase === 'caps' ? casing.upper(word) : word);
      word = '';
    };
    const emit = (s: string, implied: boolean) => {
      for (let i = 0; i < s.length; ) {
        if (letterAt(s, i)) {
          // A run of letters joins the word at once (only its first letter can start the word).
          let j = i + codePointLength(s, i);
          while (j < s.length && letterAt(s, j)) j += codePointLength(s, j);
          if (word.length === 0) {
            wordCase = pendingCase !== 'none' ? pendingCase : run ? 'caps' : 'none';
            pendingCase = 'none';
          }
          word += i === 0 && j === s.length ? s : s.slice(i, j);
          i = j;
        } else {
          const j = i + codePointLength(s, i);
          endWord();
          if (!implied) run = false;
          append(s.slice(i, j));
          i = j;
        }
      }
    };
    const flushBytes = () => {
      if (bytes.length === 0) return;
      const s = asciiOrDecode(bytes);
      bytes = [];
      emit(s, false);
    };
    const wordStart = (trigger: (b: string | null, l: string | null) => boolean) => {
      if (nosp) return; // glued on (a compound's next root): the same word goes on, case and all
      endWord();
      const [b, l] = splitLastTwo(tail);
      if (trigger(b, l)) emit(' ', true);
    };

    for (let i = 0; i < ids.length; i++) {
      const e = this.layout.entries[ids[i]];
      if (e.kind === 'bpe') {
        for (const b of e.bytes) bytes.push(b);
        prev = Prev.Other;
        nosp = false;
        if (trace) trace[i] = null;
        continue;
      }
      flushBytes();
      if (e.kind === 'marker') {
        if (e.marker === 'nosp') {
          nosp = true; // does not end the word: what follows joins it
          if (trace) trace[i] = null;
          continue;
        }
        endWord();
        run = false;
        if (e.marker === 'cap') pendingCase = 'cap';
        else if (e.marker === 'caps') pendingCase = 'caps';
        else if (e.marker === 'capsrun') {
          run = true;
          pendingCase = 'none';
        }
        if (trace) trace[i] = null;
        continue;
      }
      let out: string | null = null;
      let next = Prev.Other;
      switch (e.kind) {
        case 'special':
        case 'space':
          endWord();
          run = false;
          append(e.text);
          break;
        case 'digits':
          if (prev !== Prev.Digit) wordStart(digitTrigger);
          out = e.text;
          emit(out, false);
          next = Prev.Digit;
          break;
        case 'root':
        case 'rootAlt':
          if (prev !== Prev.Prefix) wordStart(rootTrigger);
          out = this.surfaceAt(ids, i, word, 0);
          emit(out, false);
          break;
        case 'group':
        case 'variant':
          if (e.affix === 'prefix') {
            if (prev !== Prev.Prefix) wordStart(rootTrigger);
            next = Prev.Prefix;
          }
          out = this.surfaceAt(ids, i, word, 0);
          emit(out, false);
          break;
      }
      if (trace) trace[i] = out;
      prev = next;
      nosp = false;
    }
    flushBytes();
    endWord();
    return chunks.join('');
  }

  /** The folded surface token i produces after `left` inside its word. */
  surfaceAt(ids: readonly number[], i: number, left: string, depth: number): string {
    const e = this.layout.entries[ids[i]];
    switch (e.kind) {
      case 'rootAlt':
      case 'variant':
        return e.surface;
      case 'root': {
        if (e.alts.length === 0) return e.citation;
        let cands = this.rootCandidates.get(ids[i]);
        if (cands === undefined) this.rootCandidates.set(ids[i], (cands = [e.citation, ...e.alts.map((a) => a.surface)]));
        const decide = (next: string | null): string => {
          let found: string | null = null;
          for (const a of e.alts) {
            if (!a.whens.some((w) => holds(w, { left, next }, this.classes))) continue;
            if (found !== null) return e.citation;
            found = a.surface;
          }
          return found ?? e.citation;
        };
        return this.consistent(cands, ids, i, left, depth, decide);
      }
      case 'group': {
        const name = e.group.name;
        const decide = (next: string | null) => this.allomorphy.predict(name, { left, next }) ?? [...e.group.variants].sort()[0];
        if (!e.usesNext) return decide(null);
        return this.consistent(e.group.variants, ids, i, left, depth, decide);
      }
      case 'digits':
        return e.text;
      default:
        throw new Error(`internal: token ${ids[i]} has no morph surface`);
    }
  }

  /**
   * Resolves a surface that depends on what follows, which may itself depend on this surface (kitab + ı,
   * bekl + iyor, gel + m + iyor): a candidate is self-consistent when deciding with the look-ahead computed
   * after that very candidate gives the candidate back. The shortest self-consistent candidate wins (ties in
   * code point order); with none, the decision uses the look-ahead after the first candidate (the citation
   * surface of a root, the first listed variant of a group).
   */
  private consistent(cands: readonly string[], ids: readonly number[], i: number, left: string, depth: number, decide: (next: string | null) => string): string {
    if (depth >= LOOKAHEAD) return decide(null);
    let best: string | null = null;
    for (const c of cands) {
      if (best !== null && (c.length > best.length || (c.length === best.length && c >= best))) continue;
      if (decide(this.peek(ids, i + 1, left + c, depth + 1)) === c) best = c;
    }
    return best ?? decide(this.peek(ids, i + 1, left + cands[0], depth + 1));
  }

  /** First character of what token j adds to the current word, or null when the word ends before it. */
  private peek(ids: readonly number[], j: number, left: string, depth: number): string | null {
    if (j >= ids.length) return null;
    const e = this.layout.entries[ids[j]];
    const afterPrefix = j > 0 && isPrefix(this.layout.entries[ids[j - 1]]);
    let continues = false;
    if (e.kind === 'group' || e.kind === 'variant') continues = e.affix === 'suffix' || afterPrefix;
    else if (e.kind === 'root' || e.kind === 'rootAlt') continues = afterPrefix;
    else if (e.kind === 'bpe') {
      const bytes: number[] = [];
      for (let k = j; k < ids.length && bytes.length < 4; k++) {
        const f = this.layout.entries[ids[k]];
        if (f.kind !== 'bpe') break;
        for (const b of f.bytes) bytes.push(b);
      }
      const ch = firstCodePoint(lenient.decode(Uint8Array.from(bytes.slice(0, 4))));
      return ch !== null && LETTER.test(ch) ? ch : null;
    }
    if (!continues) return null;
    return firstCodePoint(this.surfaceAt(ids, j, left, depth));
  }
}

/** lenient.decode of the bytes; short all-ASCII runs (the usual residue) are built directly. */
function asciiOrDecode(bytes: readonly number[]): string {
  if (bytes.length <= 32) {
    let s = '';
    for (const b of bytes) {
      if (b >= 0x80) return lenient.decode(Uint8Array.from(bytes));
      s += String.fromCharCode(b);
    }
    return s;
  }
  return lenient.decode(Uint8Array.from(bytes));
}

function isPrefix(e: VocabEntry): boolean {
  return (e.kind === 'group' || e.kind === 'variant') && e.affix === 'prefix';
}
