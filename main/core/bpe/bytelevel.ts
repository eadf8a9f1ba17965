// The GPT-2 byte-to-unicode table: every byte gets a printable, non-whitespace character so that
// byte-level tokens can live in JSON vocabularies. The 188 printable Latin-1 bytes map to themselves;
// the other 68 map to U+0100, U+0101, ... in byte order (this exact table is what tokenizer.json uses).

function buildTable(): { byteToChar: string[]; charToByte: Map<number, number> } {
  const printable = (b: number) => (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  const byteToChar: string[] = new Array(256);
  const charToByte = new Map<number, number>();
  let next = 0;
  for (let b = 0; b < 256; b++) {
    const cp = printable(b) ? b : 0x100 + next++;
    byteToChar[b] = String.fromCharCode(cp);
    charToByte.set(cp, b);
  }
  return { byteToChar, charToByte };
}

const { byteToChar, charToByte } = buildTable();

/** The byte-level character for each byte value 0..255. */
export const BYTE_TO_CHAR: readonly string[] = byteToChar;

/** The byte a byte-level character stands for, or undefined when the character is not in the table. */
export function charToByteValue(ch: string): number | undefined {
  return ch.length === 1 ? charToByte.get(ch.charCodeAt(0)) : undefined;
}

export function bytesToToken(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += byteToChar[bytes[i]];
  return s;
}

export function tokenToBytes(token: string): Uint8Array {
  const out = new Uint8Array(token.length);
  for (let i = 0; i < token.length; i++) {
    const b = charToByte.get(token.charCodeAt(i));
    if (b === undefined) {
      const cp = token.codePointAt(i)!;
      throw new Error(
        `token ${JSON.stringify(token)} has the character U+${cp.toString(16).toUpperCase().padStart(4, '0')} ` +
          `at position ${i}, which is not in the byte-level alphabet`,
      );
    }
    out[i] = b;
  }
  return out;
}
