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

/** One piece of a word's encoding; offsets are relative to the word (-1 = the carried leading space). */
interface Piece {
  id: number;
  start: number;
  end: number;
  shared: boolean;
  /** Set for byte-level tokens whose bytes do not cover whole characters: the partial text and byte range. */
  partial?: { text: string; byteStart: number; byteEnd: number };
}

interface WordEncoding {
  pieces: Piece[];
  /** The first token is a root or prefix (a word-start token that can take an implied space). */
  startsWithMorph: boolean;
}

export type { RankedAnalysis } from './analyzer';

const CACHE_LIMIT = 200_000;
const encoder = new TextEncoder();
const ASCII_DIGITS = /^[0-9]+$/;

function utf8Len(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
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

function assertEncodable(text: string): void {
  const m = /\p{Cs}/u.exec(text);
  if (m) {
    const hex = m[0].charCodeAt(0).toString(16).toUpperCase();
    throw new Error(`lone surrogate U+${hex} at offset ${m.index} cannot be encoded (it has no UTF-8 form)`);
  }
}

export class HybridTokenizer {
  readonly model: HybridModel;
  readonly layout: Layout;
  readonly casing: Casing;
  private readonly analyzer: HybridAnalyzer;
  /** Best analyses handed over by whoever already made them with this model (the trainer). */
  private seeded = new Map<string, Analysis>();
  private readonly decoder: Decoder;
  private readonly bpe: BpeTokenizer;
  private readonly cache = new Map<string, WordEncoding>();

  /** opts.engine: 'typescript' keeps the analysis on the reference (equivalence tests). */
  constructor(model: HybridModel, opts: { engine?: Engine } = {}) {
    if (model.format !== HYBRID_FORMAT) throw new Error(`not a hybrid model (format ${JSON.stringify(model.format)})`);
    this.model = model;
    this.layout = buildLayout(model);
    if (model.vocab.length !== this.layout.tokens.length || model.vocab.some((t, i) => t !== this.layout.tokens[i])) {
      throw new Error('the model vocabulary does not match the layout its dictionary and residue BPE imply; the file is damaged or edited');
    }
    const classes = compileClasses(model.dictionary.charClasses);
    this.casing = makeCasing(model.dictionary.language);
    const allomorphy = new Allomorphy(model.dictionary.groups, model.allomorphy, classes);
    this.analyzer = new HybridAnalyzer(model.dictionary, model.logProbs, opts.engine);
    this.decoder = new Decoder(this.layout, allomorphy, classes, this.casing);
    this.bpe = new BpeTokenizer(model.residue);
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
    return this.encode(text).map((t) => t.id);
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
    assertEncodable(text);
    const out: HybridToken[] = [];
    const L = this.layout;
    let byteCursor = 0;
    let charCursor = 0;
    const byteAt = (pos: number): number => {
      // Tokens arrive nearly in order, so a moving cursor converts UTF-16 offsets to UTF-8 offsets cheaply
      // (an implied space makes a token start one character before the marker in front of it).
      if (pos < charCursor) byteCursor -= utf8Len(text.slice(pos, charCursor));
      else byteCursor += utf8Len(text.slice(charCursor, pos));
      charCursor = pos;
      return byteCursor;
    };
    const push = (id: number, start: number, end: number, shared = false, partial?: Piece['partial']) => {
      const e = L.entries[id];
      const group = e.kind === 'root' || e.kind === 'rootAlt' ? e.citation : e.kind === 'group' || e.kind === 'variant' ? e.group.name : null;
      const bs = byteAt(start);
      let byteStart = bs;
      let byteEnd = bs + utf8Len(text.slice(start, end));
      if (partial) {
        byteStart = bs + partial.byteStart;
        byteEnd = bs + partial.byteEnd;
      }
      out.push({
        id,
        token: L.tokens[id],
        text: partial ? partial.text : text.slice(start, end),
        type: entryType(e),
        group,
        shared,
        start,
        end,
        byteStart,
        byteEnd,
      });
    };
    const marker = (m: 'cap' | 'caps' | 'capsrun' | 'nosp', at: number) => push(L.markerIds[m], at, at);
    const before = (pos: number): [string | null, string | null] => {
      const cps = Array.from(text.slice(Math.max(0, pos - 4), pos));
      return [cps.length >= 2 ? cps[cps.length - 2] : null, cps.length >= 1 ? cps[cps.length - 1] : null];
    };
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

    for (const seg of splitSpecials(text, this.model.config.specialTokens)) {
      if (seg.special !== null) {
        push(L.specialIds[seg.special], seg.start, seg.end);
        continue;
      }
      const units = splitUnits(text, seg.start, seg.end);
      const plans = this.planWords(text, units);
      let run = false;
      for (let k = 0; k < units.length; k++) {
        const u = units[k];
        const prevSpace = k > 0 && units[k - 1].kind === 'space' && units[k - 1].end - units[k - 1].start === 1 && text[units[k - 1].start] === ' ';
        if (u.kind === 'space') {
          const single = u.end - u.start === 1 && text[u.start] === ' ';
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
          const enc = this.wordEncoding(plan.folded, prevSpace);
          const caseMarker: 'cap' | 'caps' | 'capsrun' | null = plan.runStart ? 'capsrun' : plan.inRun ? null : plan.cls === 'capitalised' ? 'cap' : plan.cls === 'allcaps' ? 'caps' : null;
          if (enc.startsWithMorph) {
            let implied = false;
            if (prevSpace) {
              const [b, l] = before(spaceAt);
              // A word outside a still-active <capsrun> with no marker of its own would be upper-cased after
              // an implied space; an explicit space ends the run instead.
              implied = rootTrigger(b, l) && !(run && caseMarker === null && !plan.inRun);
              if (!implied) push(L.spaceIds.get(' ')!, spaceAt, u.start);
            } else {
              const [b, l] = before(u.start);
              if (rootTrigger(b, l)) marker('nosp', u.start);
            }
            if (caseMarker !== null) marker(caseMarker, u.start);
            enc.pieces.forEach((p, idx) => push(p.id, u.start + (idx === 0 && implied ? -1 : 0) + p.start, u.start + p.end, p.shared, p.partial));
          } else {
            if (caseMarker !== null) marker(caseMarker, u.start);
            for (const p of enc.pieces) push(p.id, u.start + p.start, u.start + p.end, p.shared, p.partial);
          }
          // Mirrors the decoder: a run lives on through its member words and ends at anything else.
          run = caseMarker === 'capsrun' || plan.inRun;
          continue;
        }
        if (u.kind === 'number' && ASCII_DIGITS.test(text.slice(u.start, u.end))) {
          let implied = false;
          if (prevSpace) {
            const [b, l] = before(spaceAt);
            implied = digitTrigger(b, l);
            if (!implied) push(L.spaceIds.get(' ')!, spaceAt, u.start);
          } else {
            const [b, l] = before(u.start);
            if (digitTrigger(b, l)) marker('nosp', u.start);
          }
          const groups = this.digitGroups(text.slice(u.start, u.end));
          let at = u.start;
          groups.forEach((g, idx) => {
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
    return out;
  }

  private digitGroups(s: string): string[] {
    if (this.model.config.digits === 'single') return Array.from(s);
    const out: string[] = [];
    const first = s.length % 3 || 3;
    out.push(s.slice(0, first));
    for (let i = first; i < s.length; i += 3) out.push(s.slice(i, i + 3));
    return out;
  }

  /**
   * Case class and folded form of every word unit, and the <capsrun> runs: two or more consecutive words,
   * each all upper case once folded, separated by single spaces that the decoder will imply (every word
   * after the first starts with a root or prefix token, and the first does not start with a residue piece
   * carrying a space, whose space would end the run at once).
   */
  private planWords(text: string, units: Unit[]): ({ cls: CaseClass; folded: string; inRun: boolean; runStart: boolean } | null)[] {
    const plans = units.map((u) => {
      if (u.kind !== 'word') return null;
      const w = text.slice(u.start, u.end);
      if (!this.model.config.caseMarkers) return { cls: 'lower' as CaseClass, folded: w, inRun: false, runStart: false };
      let cls = this.casing.classify(w);
      const folded = cls === 'mixed' ? w : this.casing.lower(w);
      if (folded.length !== w.length) cls = 'mixed'; // keeps offsets of folded and original text aligned
      return { cls, folded: cls === 'mixed' ? w : folded, inRun: false, runStart: false };
    });
    if (!this.model.config.caseMarkers) return plans;
    const upperish = (k: number) => {
      const p = plans[k];
      return p !== null && p.cls !== 'mixed' && p.cls !== 'lower' && this.casing.upper(p.folded) === text.slice(units[k].start, units[k].end);
    };
    const singleSpace = (k: number) => units[k]?.kind === 'space' && units[k].end - units[k].start === 1 && text[units[k].start] === ' ';
    for (let k = 0; k < units.length; k++) {
      if (!upperish(k)) continue;
      const carry = singleSpace(k - 1);
      if (carry && !this.wordEncoding(plans[k]!.folded, true).startsWithMorph) continue;
      const members = [k];
      let j = k;
      while (j + 2 < units.length && singleSpace(j + 1) && upperish(j + 2) && this.wordEncoding(plans[j + 2]!.folded, true).startsWithMorph) {
        j += 2;
        members.push(j);
      }
      if (members.length < 2) continue;
      plans[k]!.runStart = true;
      for (const m of members.slice(1)) plans[m]!.inRun = true;
      k = j;
    }
    return plans;
  }

  /** Residue pieces of a string (offsets relative to it, shifted by `base`). */
  private residuePieces(s: string, base: number): Piece[] {
    const out: Piece[] = [];
    const toks = this.bpe.encode(s);
    for (const t of toks) {
      const whole = utf8Len(s.slice(t.start, t.end)) === t.byteEnd - t.byteStart;
      const local = whole ? undefined : { text: t.text, byteStart: t.byteStart - utf8Len(s.slice(0, t.start)), byteEnd: t.byteEnd - utf8Len(s.slice(0, t.start)) };
      out.push({ id: this.layout.bpeBase + t.id, start: base + t.start, end: base + t.end, shared: false, partial: local });
    }
    return out;
  }

  /** A folded word's tokens, verified; `carry` = a single space before it that a residue start may absorb. */
  private wordEncoding(folded: string, carry: boolean): WordEncoding {
    const key = (carry ? '1' : '0') + folded;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const enc = this.buildWord(folded, carry);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, enc);
    return enc;
  }

  /**
   * Best analyses of folded words made elsewhere with this very model (same dictionary and scores), so the
   * first encoding of each word skips its lattice search.
   */
  seedAnalyses(words: readonly string[], best: readonly Analysis[]): void {
    words.forEach((w, i) => this.seeded.set(w, best[i]));
  }

  private buildWord(folded: string, carry: boolean): WordEncoding {
    const L = this.layout;
    const analysis = this.seeded.get(folded) ?? this.analyzer.analyze(folded, 1)[0];
    // Per morph: 'shared', 'explicit' or 'residue'.
    const morphs = analysis.morphs;
    const mode: ('shared' | 'explicit' | 'residue')[] = morphs.map((m) => (m.kind === 'residue' ? 'residue' : 'shared'));
    // A residue piece at the word's start carries the single space before the word.
    const expectedNow = () => (mode[0] === 'residue' && carry ? ' ' : '') + folded;
    const assemble = (): { pieces: Piece[]; morphAt: number[] } => {
      const pieces: Piece[] = [];
      const morphAt: number[] = [];
      morphs.forEach((m, i) => {
        // A compound's later root would take an implied space like a new word: <nosp> keeps it joined.
        if (m.kind === 'root' && i > 0 && morphs[i - 1].kind !== 'prefix' && mode[i] !== 'residue') {
          pieces.push({ id: L.markerIds.nosp, start: m.start, end: m.start, shared: false });
        }
        morphAt.push(pieces.length);
        if (mode[i] === 'residue') {
          const lead = i === 0 && carry;
          for (const p of this.residuePieces((lead ? ' ' : '') + m.surface, m.start - (lead ? 1 : 0))) pieces.push(p);
          return;
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
        pieces.push({ id, start: m.start, end: m.end, shared });
      });
      return { pieces, morphAt };
    };
    for (let round = 0; round <= morphs.length + 1; round++) {
      const { pieces, morphAt } = assemble();
      const ids = pieces.map((p) => p.id);
      const trace: (string | null)[] = [];
      const got = this.decoder.decode(ids, trace);
      if (got === expectedNow()) return { pieces, startsWithMorph: mode[0] !== 'residue' };
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
