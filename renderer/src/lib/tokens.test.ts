import { describe, it, expect } from 'vitest';
import { byteLevelBytes, chipLabel, hueForId, segmentUtf8, visibleWhitespace } from './tokens';

const enc = (s: string) => new TextEncoder().encode(s);

describe('byteLevelBytes', () => {
  it('maps GPT-2 byte-level strings back to bytes', () => {
    expect([...byteLevelBytes('Ġev')!]).toEqual([0x20, 0x65, 0x76]); // Ġ is the space byte
    expect([...byteLevelBytes('Ċ')!]).toEqual([0x0a]);
    expect([...byteLevelBytes('ÄŁ')!]).toEqual([0xc4, 0x9f]); // "ğ"
  });
  it('returns null for strings outside the byte-level alphabet', () => {
    expect(byteLevelBytes('ş')).toBeNull(); // U+015F lies past the shifted range U+0100..U+0143
  });
});

describe('segmentUtf8', () => {
  it('keeps whole characters as text', () => {
    expect(segmentUtf8(enc('çağ 🙂'))).toEqual([{ kind: 'text', text: 'çağ 🙂' }]);
  });
  it('isolates partial and invalid bytes', () => {
    expect(segmentUtf8(Uint8Array.from([0x61, 0xc4]))).toEqual([
      { kind: 'text', text: 'a' },
      { kind: 'byte', byte: 0xc4 },
    ]);
    expect(segmentUtf8(Uint8Array.from([0x9f, 0x62]))).toEqual([
      { kind: 'byte', byte: 0x9f },
      { kind: 'text', text: 'b' },
    ]);
    // Overlong "/" and a lone surrogate are bytes, not characters.
    expect(segmentUtf8(Uint8Array.from([0xc0, 0xaf])).every((s) => s.kind === 'byte')).toBe(true);
    expect(segmentUtf8(Uint8Array.from([0xed, 0xa0, 0x80])).every((s) => s.kind === 'byte')).toBe(true);
  });
});

describe('visibleWhitespace', () => {
  it('draws spaces, tabs, newlines, CR and controls', () => {
    expect(visibleWhitespace(' a\tb\r\n')).toBe('·a→b␍↵');
    expect(visibleWhitespace('\u00a0\u0000')).toBe('⍽␀');
    expect(visibleWhitespace('İstanbul')).toBe('İstanbul');
  });
});

describe('chipLabel', () => {
  it('shows visible whitespace and counts line breaks', () => {
    expect(chipLabel({ token: 'ĠevlerindenĊĊ', text: ' evlerinden\n\n', type: 'merge' })).toEqual({
      label: '·evlerinden↵↵',
      breaks: 2,
      partial: false,
    });
  });
  it('shows the bytes of a split character as hex', () => {
    // "ş" is C5 9F; a small vocabulary may keep the two bytes apart.
    expect(chipLabel({ token: 'Å', text: '\ufffd', type: 'byte' })).toEqual({ label: '<0xC5>', breaks: 0, partial: true });
    expect(chipLabel({ token: 'ŁÄ±', text: '\ufffdı', type: 'merge' }).label).toBe('<0x9F>ı');
  });
  it('leaves special tokens as they are', () => {
    expect(chipLabel({ token: '<|endoftext|>', text: '<|endoftext|>', type: 'special' }).label).toBe('<|endoftext|>');
  });
  it('falls back to the text when the token is not byte-level', () => {
    expect(chipLabel({ token: 'şu', text: 'şu ', type: 'subword' }).label).toBe('şu·');
  });
});

describe('hueForId', () => {
  it('is stable and spreads neighbouring ids', () => {
    expect(hueForId(42)).toBe(hueForId(42));
    const hues = new Set(Array.from({ length: 50 }, (_, i) => Math.floor(hueForId(i) / 10)));
    expect(hues.size).toBeGreaterThan(20);
    for (let i = 0; i < 1000; i++) expect(hueForId(i)).toBeGreaterThanOrEqual(0), expect(hueForId(i)).toBeLessThan(360);
  });
});
