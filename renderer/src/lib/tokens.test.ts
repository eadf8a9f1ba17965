import { describe, it, expect } from 'vitest';
import type { EncodedToken } from '../../../main/api/contract';
import { byteLevelBytes, chipBackground, chipLabel, hueForId, idRole, segmentUtf8, typesPresent, visibleWhitespace } from './tokens';

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
      marker: false,
    });
  });
  it('shows the bytes of a split character as hex', () => {
    // "ş" is C5 9F; a small vocabulary may keep the two bytes apart.
    expect(chipLabel({ token: 'Å', text: '\ufffd', type: 'byte' })).toEqual({ label: '<0xC5>', breaks: 0, partial: true, marker: false });
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

describe('chipLabel for hybrid tokens', () => {
  it('draws case and spacing markers as glyphs', () => {
    expect(chipLabel({ token: '<cap>', text: '', type: 'special' })).toEqual({ label: '⇧', breaks: 0, partial: false, marker: true });
    expect(chipLabel({ token: '<caps>', text: '', type: 'special' }).label).toBe('⇪');
    expect(chipLabel({ token: '<capsrun>', text: '', type: 'special' }).label).toBe('⇪');
    expect(chipLabel({ token: '<nosp>', text: '', type: 'special' }).label).toBe('⌀');
    expect(chipLabel({ token: '<other>', text: '', type: 'special' })).toMatchObject({ label: '<other>', marker: true });
  });
  it('draws whitespace specials with visible whitespace, keeping line breaks', () => {
    expect(chipLabel({ token: '  ', text: '  ', type: 'special' })).toEqual({ label: '··', breaks: 0, partial: false, marker: false });
    expect(chipLabel({ token: '\r\n', text: '\r\n', type: 'special' })).toMatchObject({ label: '␍↵', breaks: 1 });
  });
  it('shows the surface of a shared id, not the id name', () => {
    expect(chipLabel({ token: '[PLU]', text: 'lar', type: 'affix' }).label).toBe('lar');
    expect(chipLabel({ token: 'ağız', text: ' ağz', type: 'root' }).label).toBe('·ağz');
    // Case markers change the surface of a subword piece.
    expect(chipLabel({ token: 'bul', text: 'BUL', type: 'subword' }).label).toBe('BUL');
  });
});

describe('chipBackground', () => {
  const hue = (css: string) => Number(/hsl\((\d+)/.exec(css)![1]);
  it('keeps each hybrid type in its own hue band, with stable shades per id', () => {
    for (let id = 0; id < 300; id++) {
      expect(Math.abs(hue(chipBackground(id, 'root')) - 218)).toBeLessThanOrEqual(26);
      expect(Math.abs(hue(chipBackground(id, 'affix')) - 36)).toBeLessThanOrEqual(22);
      expect(Math.abs(hue(chipBackground(id, 'subword')) - 150)).toBeLessThanOrEqual(30);
    }
    expect(chipBackground(7, 'root')).toBe(chipBackground(7, 'root'));
    expect(new Set(Array.from({ length: 20 }, (_, i) => chipBackground(i, 'affix'))).size).toBeGreaterThan(8);
  });
  it('spreads BPE merges over the whole wheel', () => {
    expect(chipBackground(5)).toBe(`hsl(${hueForId(5)} 80% 89%)`);
  });
});

describe('typesPresent', () => {
  it('lists the types in legend order', () => {
    expect(typesPresent([{ type: 'byte' }, { type: 'affix' }, { type: 'root' }, { type: 'affix' }])).toEqual(['root', 'affix', 'byte']);
  });
});

describe('idRole', () => {
  const tok = (over: Partial<EncodedToken>) => ({ token: '', text: '', type: 'affix' as const, group: null, shared: false, ...over });
  it('names the shared id of a group or root', () => {
    expect(idRole(tok({ token: '[ABL]', text: 'dan', group: 'ABL', shared: true }))).toBe('shared id of group ABL');
    expect(idRole(tok({ token: 'kitap', text: 'kitab', type: 'root', group: 'kitap', shared: true }))).toBe('shared id of root kitap');
  });
  it('names the variant or alternant of an own id', () => {
    expect(idRole(tok({ token: '[ABL:tan]', text: 'TAN', group: 'ABL' }))).toBe("own id of variant 'tan' (group ABL)");
    expect(idRole(tok({ token: 'kitap~kitab', text: 'kitab', type: 'root', group: 'kitap' }))).toBe("own id of alternant 'kitab' (root kitap)");
    expect(idRole(tok({ token: 'gel', text: 'gel', type: 'root', group: 'gel' }))).toBe('own id of root gel');
  });
  it('says nothing for tokens without a group', () => {
    expect(idRole(tok({ token: 'Ġi', text: ' i', type: 'subword' }))).toBeNull();
    expect(idRole(tok({ token: 'x', text: 'x', type: 'merge', group: 'x' }))).toBeNull();
  });
});
