// Encoding and decoding with a byte-level BPE model: specials are cut out first, the rest is
// pre-tokenized, each piece's UTF-8 bytes become byte tokens, and merges apply lowest rank first
// (leftmost on ties), exactly as GPT-2 and Hugging Face tokenizers do.
import type { EncodedToken, TokenType } from '../../api/contract';
import type { BpeModel } from './types';
import { BYTE_TO_CHAR, bytesToToken, tokenToBytes } from './bytelevel';
import { compilePattern, pretokenize, splitSpecials } from './pretokenize';
import { byteSpansToTokens } from '../text/byteSpans';

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
  const m = /\p{Cs}/u.exec(text);
  if (m) {
    const hex = m[0].charCodeAt(0).toString(16).toUpperCase();
    throw new Error(`lone surrogate U+${hex} at offset ${m.index} cannot be encoded as UTF-8`);
  }
}

export class BpeTokenizer {
  readonly model: BpeModel;
  private readonly re: RegExp;
  private readonly specialContents: string[];
  private readonly specialIds: number[];
  private readonly specialSet: Set<number>;
  private readonly byteIds = new Int32Array(256);
  private readonly tokenBytes: Uint8Array[];
  /** pair (leftId * 2^21 + rightId) -> merge rank */
  private readonly mergeRank = new Map<number, number>();
  private readonly mergeResult: Int32Array;
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
    model.merges.forEach(([left, right], rank) => {
      const l = ids.get(left);
      const r = ids.get(right);
      const z = ids.get(left + right);
      if (l === undefined || r === undefined || z === undefined) {
        const missing = l === undefined ? left : r === undefined ? right : left + right;
        throw new Error(`merge ${rank} (${JSON.stringify(left)} + ${JSON.stringify(right)}) uses ${JSON.stringify(missing)}, which is not in the vocabulary`);
      }
      const key = l * SHIFT + r;
      if (!this.mergeRank.has(key)) this.mergeRank.set(key, rank);
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
    const bytes = encoder.encode(piece);
    const whole = this.model.ignoreMerges ? this.ids.get(bytesToToken(bytes)) : undefined;
    const enc = whole !== undefined ? { ids: [whole], lens: [bytes.length] } : this.mergeBytes(bytes);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(piece, enc);
    return enc;
  }

  /** Applies merges lowest rank first, leftmost first on equal rank (a min-heap over (rank, position)). */
  private mergeBytes(bytes: Uint8Array): PieceEncoding {
    const n = bytes.length;
    const id = new Int32Array(n);
    const len = new Int32Array(n);
    const prev = new Int32Array(n);
    const next = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      id[i] = this.byteIds[bytes[i]];
      len[i] = 1;
      prev[i] = i - 1;
      next[i] = i + 1 < n ? i + 1 : -1;
    }
    // Heap entries packed as rank * 2^21 + position (positions of long pieces above 2M are not expected).
    const heap: number[] = [];
    const push = (v: number) => {
      heap.push(v);
      let i = heap.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (heap[p] <= v) break;
        heap[i] = heap[p];
        i = p;
      }
      heap[i] = v;
    };
    const pop = (): number => {
      const top = heap[0];
      const last = heap.pop()!;
      if (heap.length > 0) {
        let i = 0;
        const m = heap.length;
        for (;;) {
          const l = 2 * i + 1;
          if (l >= m) break;
          const c = l + 1 < m && heap[l + 1] < heap[l] ? l + 1 : l;
          if (heap[c] >= last) break;
          heap[i] = heap[c];
          i = c;
        }
        heap[i] = last;
      }
      return top;
    };
    const POS = SHIFT * 8; // room for positions up to 16M bytes
    const consider = (i: number) => {
      const j = next[i];
      if (j < 0) return;
      const rank = this.mergeRank.get(id[i] * SHIFT + id[j]);
      if (rank !== undefined) push(rank * POS + i);
    };
    for (let i = 0; i + 1 < n; i++) consider(i);
    while (heap.length > 0) {
      const top = pop();
      const rank = Math.floor(top / POS);
      const i = top - rank * POS;
      if (len[i] === 0) continue; // merged into its left neighbour already
      const j = next[i];
      if (j < 0) continue;
      if (this.mergeRank.get(id[i] * SHIFT + id[j]) !== rank) continue; // stale entry
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
