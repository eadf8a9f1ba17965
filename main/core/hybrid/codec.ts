// Encoding and decoding with a hybrid model, lossless by construction: every word's tokens are verified
// with the real decoder (decoder.ts, where the whitespace and case conventions are documented) before
// they are used, and anything that does not decode back exactly falls back to explicit ids, then to
// residue bytes.
//
// Special tokens: the model's user special tokens (e.g. <|endoftext|>) are matched verbatim in the input
// first (leftmost-longest, like BPE specials) and become their ids. Text that merely looks like a marker
// ("<cap>", "<nosp>") is ordinary text and is encoded as such; markers are only ever produced by the encoder.
import type { TokenType } from '../../api/contract';
import { BpeTokenizer } from '../bpe/tokenizer';
import { splitSpecials } from '../bpe/pretokenize';
import { Allomorphy } from './allomorph';
import { type Analysis, type RankedAnalysis, rankAnalyses } from './analyzer';
import { HybridAnalyzer } from './engine';
import type { Engine } from '../native/load';
import { type CaseClass, type Casing, makeCasing } from './casing';
import { compileClasses } from './context';
import { Decoder, digitTrigger, rootTrigger } from './decoder';
import { HYBRID_FORMAT, type HybridModel, type Layout, MAX_SPACE_RUN, buildLayout, entryType } from './model';
import { type Unit, splitUnits } from './units';
import { findLoneSurrogate } from '../text/surrogates';
import type { NativeTextEncoder, TallyResult } from '../native/textEncoder';
import { NativeWordEncoder } from '../native/wordEncoder';

export interface HybridToken {
  id: number;
  token: string;
  /** The exact original substring the token stands for ('' for markers). */
  text: string;
  type: TokenType;
  /** Allomorph group name (affix tokens), root citation form (root tokens), or null. */
  group: string | null;
  /** True when the id is a root's or group's shared id. */
  shared: boolean;
  start: number;
  end: number;
  byteStart: number;
  byteEnd: number;
}

/** A byte-level token whose bytes do not cover whole characters: its partial text and byte range. */
export interface PartialBytes {
  text: string;
  byteStart: number;
  byteEnd: number;
}

/**
 * Receives the tokens of an encoding in order: the id, the UTF-16 range of the text it stands for (an implied
 * space makes a token start one character early; markers are empty ranges), whether the id is shared, and the
 * partial bytes of a byte-level token that splits a character.
 */
/** The training statistics' tally of tokens per corpus word (trainStats.ts). */
export interface TokenTally {
  /**
   * Adds words[i], weighted by words[i][1], each measured as "a " + word without the tokens of "a": in calls of up
   * to `chunk` words joined by "\n", a word with alone[i] = 1 in a call of its own; onCall(done) after each call.
   */
  addWords(words: readonly (readonly [string, number])[], alone: Uint8Array, chunk: number, onCall: (done: number) => void): void;
  take(): TallyResult;
}

export type TokenVisitor = (id: number, start: number, end: number, shared: boolean, partial: PartialBytes | undefined) => void;

/** One piece of a word's encoding; offsets are relative to the word (-1 = the carried leading space). */
interface Piece {
  id: number;
  start: number;
  end: number;
  shared: boolean;
  partial?: PartialBytes;
}

interface WordEncoding {
  pieces: Piece[];
  /** The first token is a root or prefix (a word-start token that can take an implied space). */
  startsWithMorph: boolean;
}

export type { RankedAnalysis } from './analyzer';

const CACHE_LIMIT = 200_000;
/** Longer residue strings (rare runs of symbols, long mixed-case words) are encoded each time, not cached. */
const RESIDUE_CACHE_MAX_LEN = 256;
const ASCII_DIGITS = /^[0-9]+$/;

interface WordPlan {
  cls: CaseClass;
  folded: string;
  inRun: boolean;
  runStart: boolean;
  /** A single space comes right before the word (the carry its encoding is asked with). */
  carry: boolean;
  /** The word's encoding for that carry once known (looked up or built for this call). */
  enc: WordEncoding | null;
}

/** UTF-8 length of s.slice(from, to) (a lone high surrogate counts 4 and swallows the next unit), without the slice. */
function utf8LenRange(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** The last two code points of text[max(0, pos - 4), pos) as Array.from of that slice gives them. */
function codePointsBefore(text: string, pos: number): [string | null, string | null] {
  const lo = Math.max(0, pos - 4);
  if (pos <= lo) return [null, null];
  const s = codePointStart(text, pos, lo);
  const last = text.slice(s, pos);
  if (s <= lo) return [null, last];
  return [text.slice(codePointStart(text, s, lo), s), last];
}

/** Start of the code point that ends at `end`, not before `lo` (a pair cut at `lo` leaves a lone half). */
function codePointStart(text: string, end: number, lo: number): number {
  const c = text.charCodeAt(end - 1);
  if (c >= 0xdc00 && c <= 0xdfff && end - 2 >= lo) {
    const h = text.charCodeAt(end - 2);
    if (h >= 0xd800 && h <= 0xdbff) return end - 2;
  }
  return end - 1;
}

// rootTrigger / digitTrigger of the code points before a position, per BMP code unit before it (0 = not known
// yet, 1 = true, 2 = false, 3 = digitTrigger depends on the code point before that one): the encoder asks at
// every word and number. rootTrigger reads only the last code point.
const rootTriggers = new Uint8Array(0x10000);
const digitTriggers = new Uint8Array(0x10000);

function rootTriggerBefore(text: string, pos: number): boolean {
  const c = pos > 0 ? text.charCodeAt(pos - 1) : -1;
  if (c >= 0 && (c < 0xd800 || c > 0xdfff)) {
    let f = rootTriggers[c];
    if (f === 0) rootTriggers[c] = f = rootTrigger(null, String.fromCharCode(c)) ? 1 : 2;
    return f === 1;
  }
  const [b, l] = codePointsBefore(text, pos);
  return rootTrigger(b, l);
}

function digitTriggerBefore(text: string, pos: number): boolean {
  const c = pos > 0 ? text.charCodeAt(pos - 1) : -1;
  if (c >= 0 && (c < 0xd800 || c > 0xdfff)) {
    let f = digitTriggers[c];
    if (f === 0) {
      const ch = String.fromCharCode(c);
      const a = digitTrigger(null, ch);
      digitTriggers[c] = f = a !== digitTrigger('0', ch) ? 3 : a ? 1 : 2;
    }
    if (f !== 3) return f === 1;
  }
  const [b, l] = codePointsBefore(text, pos);
  return digitTrigger(b, l);
}

function assertEncodable(text: string): void {
  const bad = findLoneSurrogate(text);
  if (bad) throw new Error(`lone surrogate U+${bad.hex} at offset ${bad.offset} cannot be encoded (it has no UTF-8 form)`);
}

export class HybridTokenizer {
  readonly model: HybridModel;
  readonly layout: Layout;
  readonly casing: Casing;
  private readonly analyzer: HybridAnalyzer;
  /** Best analyses handed over by whoever already made them with this model (the trainer). */
  private seeded = new Map<string, Analysis>();
  private readonly decoder: Decoder;
  /** The residue BPE in TypeScript (see get bpe()). */
  private residueBpe: BpeTokenizer | null = null;
  /** Word encodings by folded word: without and with a carried leading space. */
  private readonly plainCache = new Map<string, WordEncoding>();
  private readonly carryCache = new Map<string, WordEncoding>();
  /** Residue pieces by string (offsets relative to it); shared, never mutated. */
  private readonly residueCache = new Map<string, Piece[]>();
  /** Analyses of the words the encode call in progress meets first, made in one batch. */
  private pending: Map<string, Analysis> | null = null;
  /** buildWord on the addon, made on first use; null when the analyzer is not native or the addon cannot take the model. */
  private wordEncoder: NativeWordEncoder | null | undefined = undefined;
  /** encodeInto on the addon, made on first use over the word encoder; null when there is none or it cannot take the model. */
  private textEncoder: NativeTextEncoder | null | undefined = undefined;
  /** Per id: the token type and the group (or root citation) every token with that id reports. */
  private readonly tokenTypes: TokenType[];
  private readonly tokenGroups: (string | null)[];

  /**
   * opts.engine: 'typescript' keeps the analysis on the reference (equivalence tests). opts.analyzer and
   * opts.layout: the trainer's own, made for this very model (an analyzer for its dictionary and logProbs, the
   * buildLayout of it), so they are not made twice; they must be, or encodings are wrong (the layout is still
   * checked against the vocabulary).
   */
  constructor(model: HybridModel, opts: { engine?: Engine; analyzer?: HybridAnalyzer; layout?: Layout } = {}) {
    if (model.format !== HYBRID_FORMAT) throw new Error(`not a hybrid model (format ${JSON.stringify(model.format)})`);
    this.model = model;
    this.layout = opts.layout ?? buildLayout(model);
    if (model.vocab.length !== this.layout.tokens.length || model.vocab.some((t, i) => t !== this.layout.tokens[i])) {
      throw new Error('the model vocabulary does not match the layout its dictionary and residue BPE imply; the file is damaged or edited');
    }
    const classes = compileClasses(model.dictionary.charClasses);
    this.casing = makeCasing(model.dictionary.language);
    const allomorphy = new Allomorphy(model.dictionary.groups, model.allomorphy, classes);
    this.analyzer = opts.analyzer ?? new HybridAnalyzer(model.dictionary, model.logProbs, opts.engine);
    this.decoder = new Decoder(this.layout, allomorphy, classes, this.casing);
    // A model from outside gets the residue BPE's own checks now (a clear error on load); the trainer's, which
    // comes with its layout, was just made, and on the addon it may never encode in TypeScript.
    if (!opts.layout) void this.bpe;
    this.tokenTypes = this.layout.entries.map(entryType);
    this.tokenGroups = this.layout.entries.map((e) =>
      e.kind === 'root' || e.kind === 'rootAlt' ? e.citation : e.kind === 'group' || e.kind === 'variant' ? e.group.name : null,
    );
  }

  /** The residue BPE as the TypeScript encoder uses it, made on first use. */
  private get bpe(): BpeTokenizer {
    return (this.residueBpe ??= new BpeTokenizer(this.model.residue));
  }

  get vocabSize(): number {
    return this.layout.tokens.length;
  }

  tokenType(id: number): TokenType {
    return entryType(this.entry(id));
  }

  /** What the token stands for, in folded form for morphs ('' for markers; partial UTF-8 shows as U+FFFD). */
  tokenText(id: number): string {
    const e = this.entry(id);
    switch (e.kind) {
      case 'marker':
        return '';
      case 'special':
      case 'space':
      case 'digits':
        return e.text;
      case 'root':
        return e.citation;
      case 'rootAlt':
      case 'variant':
        return e.surface;
      case 'group':
        return e.group.variants.join('|');
      case 'bpe':
        return new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(e.bytes);
    }
  }

  decode(ids: readonly number[]): string {
    return this.decoder.decode(ids);
  }

  encodeIds(text: string): number[] {
    const ids: number[] = [];
    this.encodeInto(text, (id) => ids.push(id));
    return ids;
  }

  /** Visits the tokens of `text` without building token objects (statistics over many texts). */
  scan(text: string, visit: TokenVisitor): void {
    this.encodeInto(text, visit);
  }

  /**
   * A tally of the addon's tokens over many texts, for the training statistics (trainStats.ts TokenTally; `flags`
   * per id: 1 sampled, 2 sharable), or null when this tokenizer encodes in TypeScript.
   */
  nativeTally(flags: Uint8Array): TokenTally | null {
    const native = this.nativeText();
    if (native === null) return null;
    native.startTally(flags);
    return {
      addWords(words, alone, chunk, onCall) {
        native.tallyWords(words, alone, chunk, onCall, assertEncodable);
      },
      take: () => native.takeTally(),
    };
  }

  /** The n best analyses of a word (folded first), each with the reason it ranks below the best. */
  analyze(word: string, n = 5): RankedAnalysis[] {
    const folded = this.model.config.caseMarkers ? this.casing.lower(word) : word;
    return rankAnalyses(this.analyzer.analyze(folded, n));
  }

  private entry(id: number) {
    const e = Number.isInteger(id) ? this.layout.entries[id] : undefined;
    if (e === undefined) throw new Error(`token id ${id} is not in the vocabulary (ids are 0..${this.layout.entries.length - 1})`);
    return e;
  }

  encode(text: string): HybridToken[] {
    const out: HybridToken[] = [];
    this.encodeInto(text, this.collector(text, out));
    return out;
  }

  /** A visitor that appends full tokens (text, type, UTF-8 offsets) to `out`. */
  private collector(text: string, out: HybridToken[]): TokenVisitor {
    const tokens = this.layout.tokens;
    const types = this.tokenTypes;
    const groups = this.tokenGroups;
    let byteCursor = 0;
    let charCursor = 0;
    return (id, start, end, shared, partial) => {
      // Tokens arrive nearly in order, so a moving cursor converts UTF-16 offsets to UTF-8 offsets cheaply
      // (an implied space makes a token start one character before the marker in front of it). Offsets are
      // code point boundaries (the text has no lone surrogate), where the UTF-8 lengths of ranges add up.
      if (start < charCursor) byteCursor -= utf8LenRange(text, start, charCursor);
      else byteCursor += utf8LenRange(text, charCursor, start);
      charCursor = start;
      const bs = byteCursor;
      let byteStart = bs;
      let byteEnd: number;
      if (partial) {
        byteStart = bs + partial.byteStart;
        byteEnd = bs + partial.byteEnd;
      } else {
        byteEnd = bs + utf8LenRange(text, start, end);
        charCursor = end;
        byteCursor = byteEnd;
      }
      out.push({
        id,
        token: tokens[id],
        text: partial ? partial.text : text.slice(start, end),
        type: types[id],
        group: groups[id],
        shared,
        start,
        end,
        byteStart,
        byteEnd,
      });
    };
  }

  private encodeInto(text: string, visit: TokenVisitor): void {
    assertEncodable(text);
    const native = this.nativeText();
    if (native !== null) {
      native.scan(text, visit);
      return;
    }
    const L = this.layout;
    const push = (id: number, start: number, end: number, shared = false, partial?: PartialBytes) => visit(id, start, end, shared, partial);
    const marker = (m: 'cap' | 'caps' | 'capsrun' | 'nosp', at: number) => push(L.markerIds[m], at, at);
    const residue = (s: string, at: number) => {
      // `s` is text.slice(at, at + s.length) or its folded form of equal length.
      for (const p of this.residuePieces(s, 0)) push(p.id, at + p.start, at + p.end, false, p.partial);
    };
    const whitespace = (u: Unit) => {
      let i = u.start;
      while (i < u.end) {
        const c = text[i];
        if (c === '\r' && text[i + 1] === '\n' && i + 1 < u.end) {
          push(L.spaceIds.get('\r\n')!, i, i + 2);
          i += 2;
        } else if (c === '\n' || c === '\r' || c === '\t') {
          push(L.spaceIds.get(c)!, i, i + 1);
          i++;
        } else if (c === ' ') {
          let j = i;
          while (j < u.end && text[j] === ' ' && j - i < MAX_SPACE_RUN) j++;
          push(L.spaceIds.get(' '.repeat(j - i))!, i, j);
          i = j;
        } else {
          let j = i;
          while (j < u.end && !' \t\r\n'.includes(text[j])) j++;
          residue(text.slice(i, j), i);
          i = j;
        }
      }
    };

    // Units and folded words of every plain segment first, so the words met for the first time are analysed
    // in one call to the analyzer (on the addon a call has a fixed cost about as large as an analysis, and a
    // large batch runs on every core).
    const segs = splitSpecials(text, this.model.config.specialTokens);
    const unitsOf: (Unit[] | null)[] = [];
    const plansOf: (WordPlan | null)[][] = [];
    for (const seg of segs) {
      const units = seg.special !== null ? null : splitUnits(text, seg.start, seg.end);
      unitsOf.push(units);
      plansOf.push(units === null ? [] : this.foldWords(text, units));
    }
    this.pending = this.resolveWords(plansOf);
    try {
      for (let s = 0; s < segs.length; s++) {
        const seg = segs[s];
        if (seg.special !== null) {
          push(L.specialIds[seg.special], seg.start, seg.end);
          continue;
        }
        const units = unitsOf[s]!;
        const plans = plansOf[s];
        this.markRuns(text, units, plans);
        let run = false;
        for (let k = 0; k < units.length; k++) {
          const u = units[k];
          const prevSpace = k > 0 && isSingleSpace(text, units[k - 1]);
          if (u.kind === 'space') {
            const single = u.end - u.start === 1 && text.charCodeAt(u.start) === 0x20;
            if (single && k + 1 < units.length) continue; // the next unit decides how the space is encoded
            whitespace(u);
            run = false;
            continue;
          }
          const spaceAt = u.start - 1;
          if (u.kind === 'word') {
            const plan = plans[k]!;
            if (plan.cls === 'mixed') {
              run = false;
              const carry = prevSpace;
              residue(text.slice(carry ? spaceAt : u.start, u.end), carry ? spaceAt : u.start);
              continue;
            }
            const enc = this.planned(plan);
            const caseMarker: 'cap' | 'caps' | 'capsrun' | null = plan.runStart ? 'capsrun' : plan.inRun ? null : plan.cls === 'capitalised' ? 'cap' : plan.cls === 'allcaps' ? 'caps' : null;
            const pieces = enc.pieces;
            if (enc.startsWithMorph) {
              let implied = false;
              if (prevSpace) {
                // A word outside a still-active <capsrun> with no marker of its own would be upper-cased after
                // an implied space; an explicit space ends the run instead.
                implied = rootTriggerBefore(text, spaceAt) && !(run && caseMarker === null && !plan.inRun);
                if (!implied) push(L.spaceIds.get(' ')!, spaceAt, u.start);
              } else if (rootTriggerBefore(text, u.start)) marker('nosp', u.start);
              if (caseMarker !== null) marker(caseMarker, u.start);
              for (let idx = 0; idx < pieces.length; idx++) {
                const p = pieces[idx];
                push(p.id, u.start + (idx === 0 && implied ? -1 : 0) + p.start, u.start + p.end, p.shared, p.partial);
              }
            } else {
              if (caseMarker !== null) marker(caseMarker, u.start);
              for (const p of pieces) push(p.id, u.start + p.start, u.start + p.end, p.shared, p.partial);
            }
            // Mirrors the decoder: a run lives on through its member words and ends at anything else.
            run = caseMarker === 'capsrun' || plan.inRun;
            continue;
          }
          if (u.kind === 'number' && ASCII_DIGITS.test(text.slice(u.start, u.end))) {
            let implied = false;
            if (prevSpace) {
              implied = digitTriggerBefore(text, spaceAt);
              if (!implied) push(L.spaceIds.get(' ')!, spaceAt, u.start);
            } else if (digitTriggerBefore(text, u.start)) marker('nosp', u.start);
            const digits = this.digitGroups(text.slice(u.start, u.end));
            let at = u.start;
            digits.forEach((g, idx) => {
              push(L.digitIds.get(g)!, idx === 0 && implied ? at - 1 : at, at + g.length);
              at += g.length;
            });
            run = false;
            continue;
          }
          // OTHER runs and non-ASCII numbers: residue bytes, carrying a single preceding space.
          residue(text.slice(prevSpace ? spaceAt : u.start, u.end), prevSpace ? spaceAt : u.start);
          run = false;
        }
      }
    } finally {
      this.pending = null;
    }
  }

  /** The addon's text encoder for this tokenizer, made on first use (with the analyses seeded so far). */
  private nativeText(): NativeTextEncoder | null {
    if (this.textEncoder === undefined) {
      if (this.analyzer.engine === 'native' && this.wordEncoder === undefined) this.wordEncoder = NativeWordEncoder.create(this.model, this.layout, this.analyzer.nativeAnalyzer);
      this.textEncoder = this.wordEncoder
        ? this.wordEncoder.textEncoder(this.model, this.layout, { tokenText: (id) => this.tokenText(id), buildWords: this.buildMany, caseOf: (w) => this.caseOf(w) })
        : null;
      if (this.textEncoder !== null && this.seeded.size > 0) this.textEncoder.give([...this.seeded.keys()], [...this.seeded.values()]);
    }
    return this.textEncoder;
  }

  /** A word unit's case class and folded form as foldWords gives them, and whether markRuns finds it upper case. */
  private caseOf(w: string): { cls: CaseClass; folded: string; upper: boolean } {
    const [plan] = this.foldWords(w, [{ kind: 'word', start: 0, end: w.length }]);
    const { cls, folded } = plan!;
    return { cls, folded, upper: this.upperish(plan!, w) };
  }

  /** A word that can join a <capsrun>: cased, and all upper case (its folded form upper-cased gives it back). */
  private upperish(p: WordPlan, word: string): boolean {
    return p.cls !== 'mixed' && p.cls !== 'lower' && this.casing.upper(p.folded) === word;
  }

  /** The encodings of folded words the addon's word encoder left (the text encoder asks), built here. */
  private readonly buildMany = (words: readonly string[], carries: readonly boolean[]): WordEncoding[] => {
    const search = [...new Set(words.filter((w) => !this.seeded.has(w)))];
    this.pending = search.length > 0 ? this.analyseMany(search) : null;
    try {
      return words.map((w, i) => this.wordEncoding(w, carries[i]));
    } finally {
      this.pending = null;
    }
  };

  /**
   * Looks every word's encoding up in the cache; the words met for the first time are encoded on the addon in
   * one call when it can (see encodeNative), else analysed in one call when the analyzer is the addon (the
   * TypeScript reference has no per-call overhead to save). Returns the analyses made, or null.
   */
  private resolveWords(plansOf: readonly (WordPlan | null)[][]): Map<string, Analysis> | null {
    const batch = this.analyzer.engine === 'native';
    if (batch && this.wordEncoder === undefined) this.wordEncoder = NativeWordEncoder.create(this.model, this.layout, this.analyzer.nativeAnalyzer);
    if (batch && this.wordEncoder) return this.encodeNative(plansOf, this.wordEncoder);
    let list: string[] | null = null;
    let listed: Set<string> | null = null;
    for (const plans of plansOf) {
      for (const p of plans) {
        if (p === null || p.cls === 'mixed') continue;
        const w = p.folded;
        const hit = (p.carry ? this.carryCache : this.plainCache).get(w);
        if (hit !== undefined) {
          p.enc = hit;
          continue;
        }
        if (!batch || this.seeded.has(w)) continue;
        if (list === null || listed === null) {
          list = [];
          listed = new Set();
        } else if (listed.has(w)) continue;
        listed.add(w);
        list.push(w);
      }
    }
    if (list === null) return null;
    return this.analyseMany(list);
  }

  /** The best analyses of words, by word, in one analyzer call. */
  private analyseMany(list: string[]): Map<string, Analysis> {
    const found = this.analyzer.bestMany(list);
    const byWord = new Map<string, Analysis>();
    for (let i = 0; i < list.length; i++) byWord.set(list[i], found[i]);
    return byWord;
  }

  /**
   * resolveWords with the addon's buildWord: every (word, carry) not cached is encoded in one call and cached
   * as wordEncoding() caches it. The words the addon leaves to the reference are analysed in one more call
   * (unless seeded) for buildWord.
   */
  private encodeNative(plansOf: readonly (WordPlan | null)[][], encoder: NativeWordEncoder): Map<string, Analysis> | null {
    const words: string[] = [];
    const carries: boolean[] = [];
    // Each (word, carry) once: its index in `words` by word, per carry.
    const plainAt = new Map<string, number>();
    const carryAt = new Map<string, number>();
    const waiting: WordPlan[] = [];
    const waitingAt: number[] = [];
    for (const plans of plansOf) {
      for (const p of plans) {
        if (p === null || p.cls === 'mixed') continue;
        const hit = (p.carry ? this.carryCache : this.plainCache).get(p.folded);
        if (hit !== undefined) {
          p.enc = hit;
          continue;
        }
        const at = p.carry ? carryAt : plainAt;
        let i = at.get(p.folded);
        if (i === undefined) {
          at.set(p.folded, (i = words.length));
          words.push(p.folded);
          carries.push(p.carry);
        }
        waiting.push(p);
        waitingAt.push(i);
      }
    }
    if (words.length === 0) return null;
    // Seeded words take their seeded analysis along, as buildWord would use it (no second search).
    const got = encoder.encodeMany(words, carries, this.seeded.size > 0 ? words.map((w) => this.seeded.get(w)) : undefined);
    const encs: (WordEncoding | null)[] = [];
    const left = new Set<string>();
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      const g = got[i];
      if (g === null) {
        encs.push(null);
        if (!this.seeded.has(w)) left.add(w);
        continue;
      }
      // A word starting with a morph may already be cached for this carry by its other carry (wordEncoding's rule).
      encs.push((carries[i] ? this.carryCache : this.plainCache).get(w) ?? this.remember(w, carries[i], g));
    }
    for (let k = 0; k < waiting.length; k++) waiting[k].enc = encs[waitingAt[k]];
    return left.size === 0 ? null : this.analyseMany([...left]);
  }

  /** The encoding of a planned word with its own carry. */
  private planned(p: WordPlan): WordEncoding {
    if (p.enc === null) p.enc = this.wordEncoding(p.folded, p.carry);
    return p.enc;
  }

  private digitGroups(s: string): string[] {
    if (this.model.config.digits === 'single') return Array.from(s);
    const out: string[] = [];
    const first = s.length % 3 || 3;
    out.push(s.slice(0, first));
    for (let i = first; i < s.length; i += 3) out.push(s.slice(i, i + 3));
    return out;
  }

  /** Case class and folded form of every word unit (null for other units). */
  private foldWords(text: string, units: readonly Unit[]): (WordPlan | null)[] {
    const plans: (WordPlan | null)[] = [];
    const caseMarkers = this.model.config.caseMarkers;
    for (let k = 0; k < units.length; k++) {
      const u = units[k];
      if (u.kind !== 'word') {
        plans.push(null);
        continue;
      }
      const w = text.slice(u.start, u.end);
      const carry = k > 0 && isSingleSpace(text, units[k - 1]);
      if (!caseMarkers) {
        plans.push({ cls: 'lower', folded: w, inRun: false, runStart: false, carry, enc: null });
        continue;
      }
      let cls = this.casing.classify(w);
      // 'lower' means lower(w) === w already (classify compares exactly that).
      const folded = cls === 'mixed' || cls === 'lower' ? w : this.casing.lower(w);
      if (folded.length !== w.length) cls = 'mixed'; // keeps offsets of folded and original text aligned
      plans.push({ cls, folded: cls === 'mixed' ? w : folded, inRun: false, runStart: false, carry, enc: null });
    }
    return plans;
  }

  /**
   * Marks the <capsrun> runs: two or more consecutive words, each all upper case once folded, separated by
   * single spaces that the decoder will imply (every word after the first starts with a root or prefix token,
   * and the first does not start with a residue piece carrying a space, whose space would end the run at once).
   */
  private markRuns(text: string, units: readonly Unit[], plans: (WordPlan | null)[]): void {
    if (!this.model.config.caseMarkers) return;
    if (!plans.some((p) => p !== null && (p.cls === 'capitalised' || p.cls === 'allcaps'))) return; // no candidate
    const upperish = (k: number) => {
      const p = plans[k];
      return p !== null && this.upperish(p, text.slice(units[k].start, units[k].end));
    };
    const singleSpace = (k: number) => k >= 0 && k < units.length && isSingleSpace(text, units[k]);
    for (let k = 0; k < units.length; k++) {
      if (!upperish(k)) continue;
      // Both asks are for words right after a single space, i.e. with the carry their plans hold.
      const carry = singleSpace(k - 1);
      if (carry && !this.planned(plans[k]!).startsWithMorph) continue;
      const members = [k];
      let j = k;
      while (j + 2 < units.length && singleSpace(j + 1) && upperish(j + 2) && this.planned(plans[j + 2]!).startsWithMorph) {
        j += 2;
        members.push(j);
      }
      if (members.length < 2) continue;
      plans[k]!.runStart = true;
      for (const m of members.slice(1)) plans[m]!.inRun = true;
      k = j;
    }
  }

  /**
   * Residue pieces of a string (offsets relative to it, shifted by `base`). With base 0 the cached array
   * itself comes back: callers read the pieces, never change them.
   */
  private residuePieces(s: string, base: number): Piece[] {
    let pieces = this.residueCache.get(s);
    if (pieces === undefined) {
      pieces = [];
      for (const t of this.bpe.encode(s)) {
        const whole = utf8LenRange(s, t.start, t.end) === t.byteEnd - t.byteStart;
        const local = whole ? undefined : { text: t.text, byteStart: t.byteStart - utf8LenRange(s, 0, t.start), byteEnd: t.byteEnd - utf8LenRange(s, 0, t.start) };
        pieces.push({ id: this.layout.bpeBase + t.id, start: t.start, end: t.end, shared: false, partial: local });
      }
      if (s.length <= RESIDUE_CACHE_MAX_LEN) {
        if (this.residueCache.size >= CACHE_LIMIT) this.residueCache.clear();
        this.residueCache.set(s, pieces);
      }
    }
    if (base === 0) return pieces;
    return pieces.map((p) => ({ id: p.id, start: base + p.start, end: base + p.end, shared: p.shared, partial: p.partial }));
  }

  /** A folded word's tokens, verified; `carry` = a single space before it that a residue start may absorb. */
  private wordEncoding(folded: string, carry: boolean): WordEncoding {
    const cache = carry ? this.carryCache : this.plainCache;
    const hit = cache.get(folded);
    if (hit) return hit;
    return this.remember(folded, carry, this.buildWord(folded, carry));
  }

  /** Caches a word's encoding for its carry, and for the other carry when it starts with a morph. */
  private remember(folded: string, carry: boolean, enc: WordEncoding): WordEncoding {
    const cache = carry ? this.carryCache : this.plainCache;
    if (this.plainCache.size + this.carryCache.size >= CACHE_LIMIT) {
      this.plainCache.clear();
      this.carryCache.clear();
    }
    cache.set(folded, enc);
    // A word that starts with a morph never had its first morph as residue (modes only move down), and the
    // carry matters for nothing else in buildWord: the other carry gives this very encoding.
    if (enc.startsWithMorph) {
      const other = carry ? this.plainCache : this.carryCache;
      if (!other.has(folded)) other.set(folded, enc);
    }
    return enc;
  }

  /**
   * Best analyses of folded words made elsewhere with this very model (same dictionary and scores), so the
   * first encoding of each word skips its lattice search.
   */
  seedAnalyses(words: readonly string[], best: readonly Analysis[]): void {
    words.forEach((w, i) => this.seeded.set(w, best[i]));
    this.textEncoder?.give(words, best);
  }

  private buildWord(folded: string, carry: boolean): WordEncoding {
    const L = this.layout;
    const analysis = this.seeded.get(folded) ?? this.pending?.get(folded) ?? this.analyzer.analyze(folded, 1)[0];
    // Per morph: 'shared', 'explicit' or 'residue'.
    const morphs = analysis.morphs;
    const mode: ('shared' | 'explicit' | 'residue')[] = morphs.map((m) => (m.kind === 'residue' ? 'residue' : 'shared'));
    for (let round = 0; round <= morphs.length + 1; round++) {
      const pieces: Piece[] = [];
      const morphAt: number[] = [];
      for (let i = 0; i < morphs.length; i++) {
        const m = morphs[i];
        // A compound's later root would take an implied space like a new word: <nosp> keeps it joined.
        if (m.kind === 'root' && i > 0 && morphs[i - 1].kind !== 'prefix' && mode[i] !== 'residue') {
          pieces.push({ id: L.markerIds.nosp, start: m.start, end: m.start, shared: false, partial: undefined });
        }
        morphAt.push(pieces.length);
        if (mode[i] === 'residue') {
          // A residue piece at the word's start carries the single space before the word.
          const lead = i === 0 && carry;
          for (const p of this.residuePieces((lead ? ' ' : '') + m.surface, m.start - (lead ? 1 : 0))) pieces.push(p);
          continue;
        }
        let id: number | undefined;
        let shared = mode[i] === 'shared';
        if (m.kind === 'root') {
          id = shared ? L.rootShared.get(m.root!) : L.rootAlt.get(`${m.root}\u0000${m.surface}`);
        } else {
          id = shared ? L.groupShared.get(m.group!) : L.variant.get(`${m.group}\u0000${m.surface}`);
          if (!shared && id === L.groupShared.get(m.group!)) shared = true; // single-variant group
        }
        if (id === undefined) throw new Error(`internal: no id for morph ${JSON.stringify(m)}`);
        pieces.push({ id, start: m.start, end: m.end, shared, partial: undefined });
      }
      const ids = pieces.map((p) => p.id);
      const trace: (string | null)[] = [];
      const got = this.decoder.decode(ids, trace);
      if (got === (mode[0] === 'residue' && carry ? ' ' + folded : folded)) return { pieces, startsWithMorph: mode[0] !== 'residue' };
      // The first morph that decoded differently moves one step down: shared -> explicit -> residue.
      let fixed = false;
      for (let i = 0; i < morphs.length; i++) {
        if (mode[i] === 'residue' || trace[morphAt[i]] === morphs[i].surface) continue;
        const hasExplicit = morphs[i].kind === 'root' ? L.rootAlt.has(`${morphs[i].root}\u0000${morphs[i].surface}`) : L.variant.has(`${morphs[i].group}\u0000${morphs[i].surface}`);
        mode[i] = mode[i] === 'shared' && hasExplicit ? 'explicit' : 'residue';
        fixed = true;
        break;
      }
      if (!fixed) break;
    }
    // Safety net: the whole word as residue bytes always decodes exactly.
    const pieces = this.residuePieces((carry ? ' ' : '') + folded, carry ? -1 : 0);
    if (this.decoder.decode(pieces.map((p) => p.id)) !== (carry ? ' ' : '') + folded) throw new Error(`internal: residue bytes of ${JSON.stringify(folded)} do not decode back`);
    return { pieces, startsWithMorph: false };
  }
}

/** A unit that is exactly one ASCII space (the space a following word or number may carry or imply). */
function isSingleSpace(text: string, u: Unit): boolean {
  return u.kind === 'space' && u.end - u.start === 1 && text.charCodeAt(u.start) === 0x20;
}
