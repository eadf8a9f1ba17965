// How a token is drawn as a chip: its exact bytes, with whitespace made visible and bytes that do not
// form a whole UTF-8 character shown as <0xC4>, plus a stable colour per id.
import type { EncodedToken, TokenType } from '../../../main/api/contract';

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

/** Glyphs for the hybrid tokenizer's case and spacing markers (specials that stand for no text). */
export const MARKER_GLYPHS: Readonly<Record<string, string>> = {
  '<cap>': '⇧',
  '<caps>': '⇪',
  '<capsrun>': '⇪',
  '<nosp>': '⌀',
};

export interface ChipLabel {
  /** What the chip shows. */
  label: string;
  /** Real line breaks to put after the chip, one per newline it covers, so lines stay lines. */
  breaks: number;
  /** The token holds bytes that are not whole characters. */
  partial: boolean;
  /** A special that stands for no text (a case or spacing marker): drawn as a small glyph chip. */
  marker: boolean;
}

function visible(text: string): { label: string; breaks: number } {
  let breaks = 0;
  for (const ch of text) if (ch === '\n') breaks++;
  return { label: visibleWhitespace(text), breaks };
}

export function chipLabel(t: Pick<EncodedToken, 'token' | 'text' | 'type'>): ChipLabel {
  if (t.type === 'special') {
    if (t.text === '') return { label: MARKER_GLYPHS[t.token] ?? t.token, breaks: 0, partial: false, marker: true };
    // Whitespace tokens of the hybrid tokenizer are specials too; draw their text like any whitespace.
    if (/^\s+$/u.test(t.text)) return { ...visible(t.text), partial: false, marker: false };
    return { label: t.token, breaks: 0, partial: false, marker: false };
  }
  // The text is what the token stands for here (a hybrid root or affix id regenerates its surface from
  // context, and case markers change it); only a split character needs the token's own bytes.
  const bytes = t.text.includes('\ufffd') || t.text === '' ? (byteLevelBytes(t.token) ?? new TextEncoder().encode(t.text)) : new TextEncoder().encode(t.text);
  let label = '';
  let breaks = 0;
  let partial = false;
  for (const s of segmentUtf8(bytes)) {
    if (s.kind === 'byte') {
      label += hexByte(s.byte);
      partial = true;
    } else {
      const v = visible(s.text);
      label += v.label;
      breaks += v.breaks;
    }
  }
  return { label, breaks, partial, marker: false };
}

/** A stable hue per token id, spread so neighbouring ids look different. */
export function hueForId(id: number): number {
  return (Math.imul(id + 1, 0x9e3779b1) >>> 0) % 360;
}

/**
 * Each hybrid type owns a hue band so the kind of a token reads at a glance; inside the band the id picks
 * a stable shade, so neighbouring tokens stay distinguishable. BPE merges keep the whole wheel.
 */
const BANDS: Partial<Record<TokenType, { hue: number; spread: number; sat: number }>> = {
  root: { hue: 218, spread: 26, sat: 78 },
  affix: { hue: 36, spread: 22, sat: 88 },
  subword: { hue: 150, spread: 30, sat: 45 },
  byte: { hue: 220, spread: 0, sat: 8 },
  special: { hue: 262, spread: 10, sat: 70 },
};

export function chipBackground(id: number, type: TokenType = 'merge'): string {
  const band = BANDS[type];
  if (!band) return `hsl(${hueForId(id)} 80% 89%)`;
  const h = hueForId(id);
  const hue = band.hue + (band.spread ? (h % (2 * band.spread + 1)) - band.spread : 0);
  const light = 84 + (Math.floor(h / 7) % 4) * 2.5; // 84..91.5
  return `hsl(${(hue + 360) % 360} ${band.sat}% ${light}%)`;
}

/** The types a legend should explain for these tokens, in a fixed order. */
export function typesPresent(tokens: readonly Pick<EncodedToken, 'type'>[]): TokenType[] {
  const order: TokenType[] = ['root', 'affix', 'subword', 'merge', 'byte', 'special'];
  const seen = new Set(tokens.map((t) => t.type));
  return order.filter((t) => seen.has(t));
}

/** The variant a hybrid token string names: "[PTCP:an]" -> "an"; null for a group's shared id "[PLU]". */
function variantOf(token: string): string | null {
  const m = /^\[[^:\]]+:(.+)\]$/.exec(token);
  return m ? m[1] : null;
}

/**
 * One line on what a hybrid root or affix id means: "shared id of group ABL" (the surface comes from the
 * context) or "own id of variant 'tan'"; null for tokens without a group.
 */
export function idRole(t: Pick<EncodedToken, 'token' | 'text' | 'type' | 'group' | 'shared'>): string | null {
  if (!t.group || (t.type !== 'root' && t.type !== 'affix')) return null;
  if (t.type === 'affix') {
    if (t.shared) return `shared id of group ${t.group}`;
    return `own id of variant '${variantOf(t.token) ?? t.text.trim().toLocaleLowerCase()}' (group ${t.group})`;
  }
  if (t.shared) return `shared id of root ${t.group}`;
  // An alternant's own token is "citation~surface" ("kitap~kitab").
  const tilde = t.token.indexOf('~');
  return tilde < 0 ? `own id of root ${t.group}` : `own id of alternant '${t.token.slice(tilde + 1)}' (root ${t.group})`;
}
