// Byte-level tokens back to offsets in the original text. A token may hold part of a character; its UTF-16
// range then widens to the whole character and its text shows U+FFFD for the partial bytes.
import type { EncodedToken, TokenType } from '../../api/contract';

const encoder = new TextEncoder();
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

export interface ByteSpan {
  id: number;
  token: string;
  /** Length in UTF-8 bytes. */
  len: number;
  type: TokenType;
}

/**
 * Appends the tokens covering `piece` (which starts at UTF-16 offset `start` and byte offset `byteBase` of the
 * whole text) to `out`; the spans' lengths must add up to the piece's UTF-8 length. Returns the byte offset
 * after the piece.
 */
export function byteSpansToTokens(piece: string, start: number, byteBase: number, spans: readonly ByteSpan[], out: EncodedToken[]): number {
  const bytes = encoder.encode(piece);
  // For every byte of the piece, the UTF-16 range of the character it belongs to.
  const charStart = new Int32Array(bytes.length);
  const charEnd = new Int32Array(bytes.length);
  let b = 0;
  for (let u = 0; u < piece.length; ) {
    const cp = piece.codePointAt(u)!;
    const units = cp > 0xffff ? 2 : 1;
    const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < n; k++) {
      charStart[b + k] = u;
      charEnd[b + k] = u + units;
    }
    b += n;
    u += units;
  }
  let local = 0;
  for (const span of spans) {
    const len = span.len;
    const s = charStart[local];
    const e = charEnd[local + len - 1];
    // Whole characters only: then the input slice is the exact text, no decoding needed.
    const aligned =
      (local === 0 || charStart[local - 1] !== s) &&
      (local + len === bytes.length || charStart[local + len] !== charStart[local + len - 1]);
    out.push({
      id: span.id,
      token: span.token,
      text: aligned ? piece.slice(s, e) : lenient.decode(bytes.subarray(local, local + len)),
      type: span.type,
      start: start + s,
      end: start + e,
      byteStart: byteBase + local,
      byteEnd: byteBase + local + len,
    });
    local += len;
  }
  if (local !== bytes.length) throw new Error(`token spans cover ${local} of ${bytes.length} bytes`);
  return byteBase + bytes.length;
}
