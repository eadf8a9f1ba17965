import { describe, it, expect } from 'vitest';
import { BYTE_TO_CHAR, bytesToToken, tokenToBytes, charToByteValue } from './bytelevel';

describe('byte-level table', () => {
  it('maps the 188 printable bytes to themselves and the rest to U+0100.. in order', () => {
    const identity = BYTE_TO_CHAR.filter((c, b) => c.charCodeAt(0) === b).length;
    expect(identity).toBe(188);
    expect(BYTE_TO_CHAR[0]).toBe('\u0100');
    expect(BYTE_TO_CHAR[0x20]).toBe('Ġ'); // the famous GPT-2 space
    expect(BYTE_TO_CHAR[0x0a]).toBe('Ċ');
    expect(BYTE_TO_CHAR[0x7f]).toBe('\u0121');
    expect(BYTE_TO_CHAR[0xad]).toBe('\u0143');
    expect(BYTE_TO_CHAR[0x41]).toBe('A');
    expect(new Set(BYTE_TO_CHAR).size).toBe(256);
  });

  it('round-trips every byte value', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    const tok = bytesToToken(all);
    expect(tok.length).toBe(256);
    expect(Array.from(tokenToBytes(tok))).toEqual(Array.from(all));
    expect(charToByteValue('Ġ')).toBe(0x20);
  });

  it('encodes UTF-8 of Turkish text the GPT-2 way', () => {
    expect(bytesToToken(new TextEncoder().encode(' kitapçı'))).toBe('ĠkitapÃ§Ä±');
  });

  it('rejects characters outside the table with a clear error', () => {
    expect(() => tokenToBytes('aş')).toThrow(/U\+015F at position 1.*not in the byte-level alphabet/);
    expect(() => tokenToBytes(' ')).toThrow(/U\+0020/);
  });
});
