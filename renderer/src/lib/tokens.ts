// How a token is drawn as a chip: its exact bytes, with whitespace made visible and bytes that do not
// form a whole UTF-8 character shown as <0xC4>, plus a stable colour per id.
import type { EncodedToken } from '../../../main/api/contract';

// GPT-2's byte-to-unicode table, inverted: printable Latin-1 bytes stand for themselves, the rest
// were shifted to U+0100 and up in byte order.
const unicodeToByte: Map<number, number> = (() => {
  const m = new Map<number, number>();
  let shifted = 0;
  for (let b = 0; b < 256; b++) {
    const printable = (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
    m.set(printable ? b : 256 + shifted++, b);
  }
  return m;
})();

/** The bytes of a byte-level BPE token string, or null when it is not in that form. */
export function byteLevelBytes(token: string): Uint8Array | null {
  const out: number[] = [];
  for (const ch of token) {
    const b = unicodeToByte.get(ch.codePointAt(0)!);
    if (b === undefined) return null;
    out.push(b);
  }
  return Uint8Array.from(out);
}

export type Segment = { kind: 'text'; text: string } | { kind: 'byte'; byte: number };

/** Splits bytes into whole UTF-8 characters and stray bytes (partial or invalid sequences). */
export function segmentUtf8(bytes: Uint8Array): Segment[] {
  const out: Segment[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ kind: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let len = 0;
    let min = 0;
    if (b < 0x80) len = 1;
    else if (b >= 0xc2 && b <= 0xdf) (len = 2), (min = 0x80);
    else if (b >= 0xe0 && b <= 0xef) (len = 3), (min = 0x800);
    else if (b >= 0xf0 && b <= 0xf4) (len = 4), (min = 0x10000);
    let cp = len === 1 ? b : len === 2 ? b & 0x1f : len === 3 ? b & 0x0f : b & 0x07;
    let ok = len > 0 && i + len <= bytes.length;
    for (let k = 1; ok && k < len; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not characters.
    if (ok && (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)) ok = false;
    if (ok) {
      text += String.fromCodePoint(cp);
      i += len;
    } else {
      flush();
      out.push({ kind: 'byte', byte: b });
      i += 1;
    }
  }
  flush();
  return out;
}

/** Whitespace and control characters as visible glyphs; everything else unchanged. */
export function visibleWhitespace(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ch === ' ') out += '·';
    else if (ch === '\t') out += '→';
    else if (ch === '\n') out += '↵';
    else if (ch === '\r') out += '␍';
    else if (c === 0xa0) out += '⍽';
    else if (c < 0x20) out += String.fromCodePoint(0x2400 + c);
    else if (c === 0x7f) out += '␡';
    else out += ch;
  }
  return out;
}

export function hexByte(b: number): string {
  return `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`;
}

export interface ChipLabel {
  /** What the chip shows. */
  label: string;
  /** Real line breaks to put after the chip, one per newline it covers, so lines stay lines. */
  breaks: number;
  /** The token holds bytes that are not whole characters. */
  partial: boolean;
}

export function chipLabel(t: Pick<EncodedToken, 'token' | 'text' | 'type'>): ChipLabel {
  if (t.type === 'special') return { label: t.token, breaks: 0, partial: false };
  const bytes = byteLevelBytes(t.token) ?? new TextEncoder().encode(t.text);
  let label = '';
  let breaks = 0;
  let partial = false;
  for (const s of segmentUtf8(bytes)) {
    if (s.kind === 'byte') {
      label += hexByte(s.byte);
      partial = true;
    } else {
      label += visibleWhitespace(s.text);
      for (const ch of s.text) if (ch === '\n') breaks++;
    }
  }
  return { label, breaks, partial };
}

/** A stable hue per token id, spread so neighbouring ids look different. */
export function hueForId(id: number): number {
  return (Math.imul(id + 1, 0x9e3779b1) >>> 0) % 360;
}

export function chipBackground(id: number): string {
  return `hsl(${hueForId(id)} 80% 89%)`;
}
