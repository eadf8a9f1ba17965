// Encoding and decoding with a byte-level BPE model: specials are cut out first, the rest is
// pre-tokenized, each piece's UTF-8 bytes become byte tokens, and merges apply lowest rank first
// (leftmost on ties), exactly as GPT-2 and Hugging Face tokenizers do.
import type { EncodedToken, TokenType } from '../../api/contract';
import type { BpeModel } from './types';
import { BYTE_TO_CHAR, bytesToToken, tokenToBytes } from './bytelevel';
import { compilePattern, pretokenize, splitSpecials } from './pretokenize';
import { byteSpansToTokens } from '../text/byteSpans';
import { findLoneSurrogate } from '../text/surrogates';

const SHIFT = 2 ** 21;
const CACHE_LIMIT = 50_000;
const encoder = new TextEncoder();
// ignoreBOM: a leading U+FEFF is text like any other, not a marker to drop.
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

interface PieceEncoding {
  ids: number[];
  /** Byte length of each token. */
  lens: number[];
}

/** Throws for a lone surrogate, which has no UTF-8 form. */
function assertEncodable(text: string): void {
  const bad = findLoneSurrogate(text);
  if (bad) throw new Error(`lone surrogate U+${bad.hex} at offset ${bad.offset} cannot be encoded as UTF-8`);
}

export class BpeTokenizer {
  readonly model: BpeModel;
  private readonly re: RegExp;
  private readonly specialContents: string[];
  private readonly specialIds: number[];
  private readonly specialSet: Set<number>;
  private readonly byteIds = new Int32Array(256);
  private readonly tokenBytes: Uint8Array[];
  /**
   * Merge rank by pair, as an open-addressing table over (left, right) int32 keys (slot key -1 = empty): a Map
   * keyed by left * 2^21 + right would box most keys into heap numbers on every lookup.
   */
  private readonly pairLeft: Int32Array;
  private readonly pairRight: Int32Array;
  private readonly pairRank: Int32Array;
  private readonly pairMask: number;
  private readonly mergeResult: Int32Array;
  /** Scratch arrays of mergeBytes, grown as needed (encoding is synchronous, so one set per tokenizer). */
  private scratch = { id: new Int32Array(64), len: new Int32Array(64), prev: new Int32Array(64), next: new Int32Array(64), heap: new Float64Array(256) };
  private readonly cache = new Map<string, PieceEncoding>();
  /** Non-special token string -> id. */
  private readonly ids = new Map<string, number>();

  constructor(model: BpeModel) {
    this.model = model;
    if (model.vocab.length >= SHIFT) throw new Error(`vocabulary of ${model.vocab.length} tokens is too large (limit ${SHIFT - 1})`);
    this.re = compilePattern(model.pattern);
    this.specialContents = model.specials.map((s) => s.content);
    this.specialIds = model.specials.map((s) => s.id);
    this.specialSet = new Set(this.specialIds);
    const ids = this.ids;
    this.tokenBytes = model.vocab.map((tok, id) => {
      if (ids.has(tok) && !this.specialSet.has(id)) throw new Error(`token ${JSON.stringify(tok)} appears twice in the vocabulary`);
      if (!this.specialSet.has(id)) ids.set(tok, id);
      return this.specialSet.has(id) ? encoder.encode(tok) : tokenToBytes(tok);
    });
    for (const s of model.specials) {
      if (model.vocab[s.id] !== s.content) {
        throw new Error(`special token ${JSON.stringify(s.content)} does not match vocabulary entry ${s.id}`);
      }
    }
    for (let b = 0; b < 256; b++) {
      const id = ids.get(BYTE_TO_CHAR[b]);
      if (id === undefined) throw new Error(`the vocabulary lacks the byte token for 0x${b.toString(16).padStart(2, '0')}`);
      this.byteIds[b] = id;
    }
    this.mergeResult = new Int32Array(model.merges.length);
    let cap = 16;
    while (cap < model.merges.length * 2) cap *= 2;
    this.pairLeft = new Int32Array(cap).fill(-1);
    this.pairRight = new Int32Array(cap);
    this.pairRank = new Int32Array(cap);
    this.pairMask = cap - 1;
    model.merges.forEach(([left, right], rank) => {
      const l = ids.get(left);
      const r = ids.get(right);
      const z = ids.get(left + right);
      if (l === undefined || r === undefined || z === undefined) {
        const missing = l === undefined ? left : r === undefined ? right : left + right;
        throw new Error(`merge ${rank} (${JSON.stringify(left)} + ${JSON.stringify(right)}) uses ${JSON.stringify(missing)}, which is not in the vocabulary`);
      }
      // The first merge of a pair wins.
      let h = pairSlot(l, r, this.pairMask);
      while (this.pairLeft[h] !== -1 && !(this.pairLeft[h] === l && this.pairRight[h] === r)) h = (h + 1) & this.pairMask;
      if (this.pairLeft[h] === -1) {
        this.pairLeft[h] = l;
        this.pairRight[h] = r;
        this.pairRank[h] = rank;
      }
      this.mergeResult[rank] = z;
    });
  }

  get vocabSize(): number {
    return this.model.vocab.length;
  }

  tokenType(id: number): TokenType {
    this.checkId(id);
    if (this.specialSet.has(id)) return 'special';
    return this.tokenBytes[id].length === 1 ? 'byte' : 'merge';
  }

  /** What the token stands for as text; partial UTF-8 shows as U+FFFD. */
  tokenText(id: number): string {
    this.checkId(id);
    return this.specialSet.has(id) ? this.model.vocab[id] : lenient.decode(this.tokenBytes[id]);
  }

  encodeIds(text: string): number[] {
    assertEncodable(text);
    const out: number[] = [];
    for (const seg of splitSpecials(text, this.specialContents)) {
      if (seg.special !== null) {
        out.push(this.specialIds[seg.special]);
        continue;
      }
      const part = text.slice(seg.start, seg.end);
      for (const span of pretokenize(part, this.re)) {
        const enc = this.encodePiece(part.slice(span.start, span.end));
        for (const id of enc.ids) out.push(id);
      }
    }
    return out;
  }

  encode(text: string): EncodedToken[] {
    assertEncodable(text);
    const out: EncodedToken[] = [];
    let byteBase = 0;
    for (const seg of splitSpecials(text, this.specialContents)) {
      if (seg.special !== null) {
        const id = this.specialIds[seg.special];
        const content = this.specialContents[seg.special];
        const byteLen = encoder.encode(content).length;
        out.push({ id, token: content, text: content, type: 'special', start: seg.start, end: seg.end, byteStart: byteBase, byteEnd: byteBase + byteLen });
        byteBase += byteLen;
        continue;
      }
      const part = text.slice(seg.start, seg.end);
      for (const span of pretokenize(part, this.re)) {
        const piece = part.slice(span.start, span.end);
        byteBase = this.emitPiece(piece, seg.start + span.start, byteBase, out);
      }
    }
    return out;
  }

  decode(ids: number[]): string {
    let total = 0;
    for (const id of ids) {
      this.checkId(id);
      total += this.tokenBytes[id].length;
    }
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const id of ids) {
      bytes.set(this.tokenBytes[id], at);
      at += this.tokenBytes[id].length;
    }
    return lenient.decode(bytes);
  }

  private checkId(id: number): void {
    if (!Number.isInteger(id) || id < 0 || id >= this.model.vocab.length) {
      throw new Error(`token id ${id} is not in the vocabulary (ids are 0..${this.model.vocab.length - 1})`);
    }
  }

  /** Appends the tokens of one pre-token that starts at UTF-16 offset `start` and byte offset `byteBase`. */
  private emitPiece(piece: string, start: number, byteBase: number, out: EncodedToken[]): number {
    const enc = this.encodePiece(piece);
    const spans = enc.ids.map((id, t) => ({ id, token: this.model.vocab[id], len: enc.lens[t], type: (enc.lens[t] === 1 ? 'byte' : 'merge') as TokenType }));
    return byteSpansToTokens(piece, start, byteBase, spans, out);
  }

  private encodePiece(piece: string): PieceEncoding {
    const hit = this.cache.get(piece);
    if (hit) return hit;
    const bytes = utf8Bytes(piece);
    const whole = this.model.ignoreMerges ? this.ids.get(bytesToToken(bytes)) : undefined;
    const enc = whole !== undefined ? { ids: [whole], lens: [bytes.length] } : this.mergeBytes(bytes);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(piece, enc);
    return enc;
  }

  /** The merge rank of the pair (left, right), or -1. */
  private rankOf(left: number, right: number): number {
    const mask = this.pairMask;
    for (let h = pairSlot(left, right, mask); ; h = (h + 1) & mask) {
      const l = this.pairLeft[h];
      if (l === -1) return -1;
      if (l === left && this.pairRight[h] === right) return this.pairRank[h];
    }
  }

  /** Applies merges lowest rank first, leftmost first on equal rank (a min-heap over (rank, position)). */
  private mergeBytes(bytes: Uint8Array): PieceEncoding {
    const n = bytes.length;
    let sc = this.scratch;
    if (sc.id.length < n || sc.heap.length < 3 * n + 3) {
      const m = Math.max(n, 2 * sc.id.length);
      sc = this.scratch = { id: new Int32Array(m), len: new Int32Array(m), prev: new Int32Array(m), next: new Int32Array(m), heap: new Float64Array(3 * m + 3) };
    }
    const { id, len, prev, next, heap } = sc;
    for (let i = 0; i < n; i++) {
      id[i] = this.byteIds[bytes[i]];
      len[i] = 1;
      prev[i] = i - 1;
      next[i] = i + 1 < n ? i + 1 : -1;
    }
    // Heap entries packed as rank * 2^24 + position (positions of long pieces above 16M are not expected).
    // Every merge pushes at most two entries, so 3n slots hold them all.
    const POS = SHIFT * 8;
    let size = 0;
    const push = (v: number) => {
      let i = size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (heap[p] <= v) break;
        heap[i] = heap[p];
        i = p;
      }
      heap[i] = v;
    };
    const consider = (i: number) => {
      const j = next[i];
      if (j < 0) return;
      const rank = this.rankOf(id[i], id[j]);
      if (rank >= 0) push(rank * POS + i);
    };
    for (let i = 0; i + 1 < n; i++) consider(i);
    while (size > 0) {
      // Pop the smallest entry.
      const top = heap[0];
      const last = heap[--size];
      if (size > 0) {
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          if (l >= size) break;
          const c = l + 1 < size && heap[l + 1] < heap[l] ? l + 1 : l;
          if (heap[c] >= last) break;
          heap[i] = heap[c];
          i = c;
        }
        heap[i] = last;
      }
      const rank = Math.floor(top / POS);
      const i = top - rank * POS;
      if (len[i] === 0) continue; // merged into its left neighbour already
      const j = next[i];
      if (j < 0) continue;
      if (this.rankOf(id[i], id[j]) !== rank) continue; // stale entry
      id[i] = this.mergeResult[rank];
      len[i] += len[j];
      len[j] = 0;
      next[i] = next[j];
      if (next[j] >= 0) prev[next[j]] = i;
      if (prev[i] >= 0) consider(prev[i]);
      consider(i);
    }
    const ids: number[] = [];
    const lens: number[] = [];
    for (let i = 0; i >= 0 && i < n; i = next[i]) {
      ids.push(id[i]);
      lens.push(len[i]);
    }
    return { ids, lens };
  }
}

function pairSlot(left: number, right: number, mask: number): number {
  let h = Math.imul(left, 0x9e3779b1) ^ right;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  return (h ^ (h >>> 13)) & mask;
}

/** encoder.encode(s), built directly for short strings (the usual piece), where the call itself costs most. */
function utf8Bytes(s: string): Uint8Array {
  if (s.length > 32) return encoder.encode(s);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3; // includes a lone surrogate, which TextEncoder writes as U+FFFD
  }
  const out = new Uint8Array(n);
  let o = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) out[o++] = c;
    else if (c < 0x800) {
      out[o++] = 0xc0 | (c >> 6);
      out[o++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      const cp = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
      out[o++] = 0xf0 | (cp >> 18);
      out[o++] = 0x80 | ((cp >> 12) & 0x3f);
      out[o++] = 0x80 | ((cp >> 6) & 0x3f);
      out[o++] = 0x80 | (cp & 0x3f);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
      out[o++] = 0xe0 | (c >> 12);
      out[o++] = 0x80 | ((c >> 6) & 0x3f);
      out[o++] = 0x80 | (c & 0x3f);
    }
  }
  return out;
}
