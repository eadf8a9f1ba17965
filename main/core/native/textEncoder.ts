// The hybrid tokenizer's text encoder on the addon (native/src/textenc.cc): HybridTokenizer.encodeInto
// (hybrid/codec.ts) for a whole text in one call — special tokens, units, case classes and folding, <capsrun>
// runs, implied and explicit spaces, <nosp>, markers, digit groups, whitespace and residue pieces — over the
// word encoder's encodings, cached inside the addon. codec.ts stays the specification. What the addon cannot say
// exactly comes back by name and the tokenizer answers it, once per word: the encodings of words the word
// encoder leaves (buildWord), and the case of word units whose folding needs a mapping the addon's table marks
// special (casing.ts); then the text is encoded again.
import { availableParallelism } from 'node:os';
import type { Analysis } from '../hybrid/analyzer';
import type { CaseClass } from '../hybrid/casing';
import type { PartialBytes } from '../hybrid/codec';
import { type HybridModel, type Layout, MARKERS, MAX_SPACE_RUN } from '../hybrid/model';
import { nativeCaseMode } from './units';
import type { EncodedWord, NativeWordEncoderHandle } from './wordEncoder';

/** The addon's text encoder spec (textenc.h, wordenc_addon.cc SetupText). */
export interface NativeTextEncoderSpec {
  specialText: string;
  specialLens: Uint32Array;
  specialIds: Int32Array;
  markers: Int32Array;
  whitespace: Int32Array;
  singleDigits: boolean;
  digitIds: Int32Array;
  caseMode: -1 | 0 | 1;
}

/** What the addon must be told before it can encode a text. */
type Ask = { status: 1; words: string[]; carry: Uint8Array } | { status: 2; words: string[] };

/** The tokens (6 ints each: id, start, end, shared, byteStart, byteEnd), or what the addon must be told first. */
type EncodeTextResult = Int32Array | Ask;

/** The addon's tally (tally.h): weighted totals, and the samples (id, text, weight) first seen first. */
interface RawTally {
  tokens: number;
  sharable: number;
  shared: number;
  ids: Int32Array;
  partial: Uint8Array;
  text: string;
  lens: Uint32Array;
  counts: Float64Array;
}

/** The training statistics' token tally (trainStats.ts TokenTally). */
export interface TallyResult {
  tokens: number;
  sharable: number;
  shared: number;
  samples: { key: number; text: string; count: number }[];
}

export interface NativeTextHandle extends NativeWordEncoderHandle {
  setupText(spec: NativeTextEncoderSpec): void;
  encodeText(text: string, threads?: number): EncodeTextResult;
  putWords(text: string, lens: Uint32Array, carry: Uint8Array, startsWithMorph: Uint8Array, data: Int32Array): void;
  giveAnalyses(text: string, lens: Uint32Array, given: Int32Array, refused: Uint8Array): void;
  putCases(words: string[], cls: Uint8Array, folded: string[], upper: Uint8Array): void;
  textCounts(): { handled: number; notHandled: number };
  startTally(flags: Uint8Array): void;
  tallyWords(text: string, lens: Uint32Array, weights: Float64Array, alone: Uint8Array, chunk: number): void;
  tallyNext(threads: number): number | Ask;
  takeTally(): RawTally;
}

/** Packs analyses as the word encoder takes them; `refused` holds the indexes of those it cannot take. */
type PackAnalyses = (words: readonly string[], analyses: readonly (Analysis | undefined)[]) => { given: Int32Array; refused: Set<number> };

/** The visitor encodeInto calls (codec.ts TokenVisitor). */
type Visit = (id: number, start: number, end: number, shared: boolean, partial: PartialBytes | undefined) => void;

/** What the tokenizer answers for the addon. */
export interface TextEncoderHost {
  /** What a token reports as its text (partial UTF-8 tokens report their bytes decoded leniently). */
  tokenText(id: number): string;
  /** The encodings of folded words the word encoder left (codec.ts wordEncoding). */
  buildWords(words: readonly string[], carries: readonly boolean[]): EncodedWord[];
  /** A word unit's case class, folded form, and whether upper(folded) gives it back (codec.ts foldWords, markRuns). */
  caseOf(word: string): { cls: CaseClass; folded: string; upper: boolean };
}

const CASE_CLASSES: readonly CaseClass[] = ['lower', 'capitalised', 'allcaps', 'mixed'];

const DIGIT_SLOTS = 1110;
/** Threads the addon may spread a call's new words over (it uses more than one only for large batches). */
const THREADS = Math.min(256, availableParallelism());

/** The spec for a model and its layout, or null when the addon cannot fold its case as the reference does. */
export function textEncoderSpec(model: HybridModel, layout: Layout): NativeTextEncoderSpec | null {
  const config = model.config;
  const mode = config.caseMarkers ? nativeCaseMode(model.dictionary.language) : -1;
  if (mode === null) return null;
  const digitIds = new Int32Array(DIGIT_SLOTS).fill(-1);
  for (const [s, id] of layout.digitIds) {
    if (!/^[0-9]{1,3}$/.test(s)) return null;
    digitIds[(s.length === 1 ? 0 : s.length === 2 ? 10 : 110) + Number(s)] = id;
  }
  // Runs of 1..MAX_SPACE_RUN spaces, then LF, CR, TAB, CRLF.
  const whitespace = Array.from({ length: MAX_SPACE_RUN }, (_, i) => ' '.repeat(i + 1))
    .concat(['\n', '\r', '\t', '\r\n'])
    .map((w) => layout.spaceIds.get(w));
  if (whitespace.some((id) => id === undefined)) return null;
  return {
    specialText: config.specialTokens.join(''),
    specialLens: Uint32Array.from(config.specialTokens, (s) => s.length),
    specialIds: Int32Array.from(layout.specialIds),
    markers: Int32Array.from(MARKERS.map((m) => layout.markerIds[m.slice(1, -1) as keyof Layout['markerIds']])),
    whitespace: Int32Array.from(whitespace as number[]),
    singleDigits: config.digits === 'single',
    digitIds,
    caseMode: mode,
  };
}

export class NativeTextEncoder {
  private readonly partialText = new Map<number, string>();

  private constructor(
    private readonly handle: NativeTextHandle,
    private readonly host: TextEncoderHost,
    private readonly pack: PackAnalyses,
  ) {}

  /** A text encoder on a word encoder's handle, or null (an addon without one, or a model it cannot take). */
  static create(handle: NativeWordEncoderHandle, model: HybridModel, layout: Layout, host: TextEncoderHost, pack: PackAnalyses): NativeTextEncoder | null {
    const h = handle as Partial<NativeTextHandle>;
    if (typeof h.setupText !== 'function' || typeof h.encodeText !== 'function') return null;
    const spec = textEncoderSpec(model, layout);
    if (spec === null) return null;
    (handle as NativeTextHandle).setupText(spec);
    return new NativeTextEncoder(handle as NativeTextHandle, host, pack);
  }

  /** The analyses to encode these folded words with (codec.ts seedAnalyses), instead of searching them. */
  give(words: readonly string[], analyses: readonly Analysis[]): void {
    if (words.length === 0) return;
    const { given, refused } = this.pack(words, analyses);
    this.handle.giveAnalyses(words.join(''), Uint32Array.from(words, (w) => w.length), given, Uint8Array.from(words, (_, i) => (refused.has(i) ? 1 : 0)));
  }

  /**
   * The tokens of `text` (well-formed: the caller checked) as encodeInto gives them, 6 ints each: id, start, end,
   * shared (0/1), and the partial bytes' start and end relative to the token's start (-1 for whole characters).
   */
  tokens(text: string): Int32Array {
    let r = this.handle.encodeText(text, THREADS);
    while (!(r instanceof Int32Array)) {
      this.answer(r);
      r = this.handle.encodeText(text, THREADS);
    }
    return r;
  }

  /** Starts a tally (trainStats.ts): `flags` per vocabulary id, 1 sampled, 2 sharable. */
  startTally(flags: Uint8Array): void {
    this.handle.startTally(flags);
  }

  /**
   * Adds the words to the tally, each measured as "a " + word, in calls of up to `chunk` words joined by "\n"
   * (alone[i] = 1: word i in a call of its own); onCall(done) after each call. `check` throws for a word that is not
   * well-formed (a lone surrogate has no UTF-8 form to encode).
   */
  tallyWords(words: readonly (readonly [string, number])[], alone: Uint8Array, chunk: number, onCall: (done: number) => void, check: (word: string) => void): void {
    const lens = new Uint32Array(words.length);
    const weights = new Float64Array(words.length);
    const parts: string[] = new Array(words.length);
    for (let i = 0; i < words.length; i++) {
      parts[i] = words[i][0];
      lens[i] = words[i][0].length;
      weights[i] = words[i][1];
    }
    try {
      this.handle.tallyWords(parts.join(''), lens, weights, alone, chunk);
    } catch (e) {
      // The addon checks every word; the caller's check names the one that failed.
      for (const w of parts) check(w);
      throw e;
    }
    for (let done = 0; done < words.length; ) {
      const r = this.handle.tallyNext(THREADS);
      if (typeof r !== 'number') this.answer(r);
      else onCall((done = r));
    }
  }

  /** The tally's totals and samples (a partial-byte token's text is its tokenText); the tally ends. */
  takeTally(): TallyResult {
    const t = this.handle.takeTally();
    const samples: TallyResult['samples'] = new Array(t.ids.length);
    let at = 0;
    for (let i = 0; i < t.ids.length; i++) {
      const id = t.ids[i];
      samples[i] = { key: id, text: t.partial[i] === 1 ? this.partial(id) : t.text.slice(at, at + t.lens[i]), count: t.counts[i] };
      at += t.lens[i];
    }
    return { tokens: t.tokens, sharable: t.sharable, shared: t.shared, samples };
  }

  /** Visits the tokens of `text` (well-formed: the caller checked) as encodeInto does. */
  scan(text: string, visit: Visit): void {
    const r = this.tokens(text);
    for (let i = 0; i < r.length; i += 6) {
      const id = r[i];
      const partial = r[i + 4] < 0 ? undefined : { text: this.partial(id), byteStart: r[i + 4], byteEnd: r[i + 5] };
      visit(id, r[i + 1], r[i + 2], r[i + 3] === 1, partial);
    }
  }

  /** Words the word encoder encoded, and words it left to the tokenizer, over every call (the tests check the share). */
  get counts(): { handled: number; notHandled: number } {
    return this.handle.textCounts();
  }

  private answer(r: Ask): void {
    if (r.status === 1) this.put(r.words, Array.from(r.carry, (c) => c === 1));
    else this.putCases(r.words);
  }

  private putCases(words: string[]): void {
    const answers = words.map((w) => this.host.caseOf(w));
    this.handle.putCases(
      words,
      Uint8Array.from(answers, (a) => CASE_CLASSES.indexOf(a.cls)),
      answers.map((a) => a.folded),
      Uint8Array.from(answers, (a) => (a.upper ? 1 : 0)),
    );
  }

  private put(words: string[], carries: boolean[]): void {
    const encs = this.host.buildWords(words, carries);
    let size = 0;
    for (const e of encs) size += 1 + 6 * e.pieces.length;
    const data = new Int32Array(size);
    let at = 0;
    for (const e of encs) {
      data[at++] = e.pieces.length;
      for (const p of e.pieces) {
        data.set([p.id, p.start, p.end, p.shared ? 1 : 0, p.partial ? p.partial.byteStart : -1, p.partial ? p.partial.byteEnd : -1], at);
        at += 6;
      }
    }
    this.handle.putWords(words.join(''), Uint32Array.from(words, (w) => w.length), Uint8Array.from(carries, (c) => (c ? 1 : 0)), Uint8Array.from(encs, (e) => (e.startsWithMorph ? 1 : 0)), data);
  }

  /** The text a partial token reports: its bytes decoded leniently (byteSpansToTokens), which is tokenText. */
  private partial(id: number): string {
    let s = this.partialText.get(id);
    if (s === undefined) this.partialText.set(id, (s = this.host.tokenText(id)));
    return s;
  }
}
