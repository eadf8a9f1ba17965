import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { CorpusError } from './errors';
import { detectFormat, findInvalidUtf8, readCountTable, readLines, readTexts, type Line, type ReadOptions } from './read';

const MiB = 1 << 20;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tokstudio-read-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

async function all(path: string, opts?: ReadOptions): Promise<Line[]> {
  const out: Line[] = [];
  for await (const l of readLines(path, opts)) out.push(l);
  return out;
}

async function failure(run: () => Promise<unknown>): Promise<CorpusError> {
  try {
    await run();
  } catch (e) {
    if (e instanceof CorpusError) return e;
    throw e;
  }
  throw new Error('expected a CorpusError');
}

describe('detectFormat', () => {
  it('maps extensions, ignoring .gz and case', () => {
    expect(detectFormat('a/b.jsonl')).toBe('jsonl');
    expect(detectFormat('b.NDJSON.gz')).toBe('jsonl');
    expect(detectFormat('c.tsv')).toBe('counts');
    expect(detectFormat('c.counts.gz')).toBe('counts');
    expect(detectFormat('d.txt')).toBe('text');
    expect(detectFormat('d.txt.gz')).toBe('text');
    expect(detectFormat('noext')).toBe('text');
    expect(detectFormat('weird.gz')).toBe('text');
  });
});

describe('readLines', () => {
  it('splits at \\n, keeps \\r, reports byte offsets and the missing final newline', async () => {
    const lines = await all(file('basic.txt', 'ağaç\nb\r\n\nson'));
    expect(lines).toEqual([
      { text: 'ağaç', line: 1, byteOffset: 0, eol: true },
      { text: 'b\r', line: 2, byteOffset: 7, eol: true },
      { text: '', line: 3, byteOffset: 10, eol: true },
      { text: 'son', line: 4, byteOffset: 11, eol: false },
    ]);
  });

  it('does not yield an empty line after a final newline', async () => {
    const lines = await all(file('final.txt', 'a\nb\n'));
    expect(lines.map((l) => [l.text, l.eol])).toEqual([
      ['a', true],
      ['b', true],
    ]);
  });

  it('strips a leading BOM; offsets still count it', async () => {
    const lines = await all(file('bom.txt', '\ufeffilk\nikinci'));
    expect(lines[0]).toEqual({ text: 'ilk', line: 1, byteOffset: 3, eol: true });
    expect(lines[1].byteOffset).toBe(7);
  });

  it('reports the byte offset and line of invalid UTF-8 in the middle', async () => {
    const head = Buffer.from('merhaba\ndünya\nçok ', 'utf8'); // 8 + 7 + 5 = 20 bytes
    const p = file('bad.txt', Buffer.concat([head, Buffer.from([0xff]), Buffer.from(' güzel\n')]));
    const err = await failure(() => all(p));
    expect(err.byteOffset).toBe(20);
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/^bad\.txt: invalid UTF-8 at byte 20 \(line 3\): bytes ff 20 67 c3$/);
  });

  it('rejects overlongs, surrogates and code points above U+10FFFF at their first byte', async () => {
    for (const bad of [[0xc0, 0x80], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80], [0x80]]) {
      const p = file('seq.txt', Buffer.concat([Buffer.from('ab'), Buffer.from(bad), Buffer.from('cd')]));
      expect((await failure(() => all(p))).byteOffset).toBe(2);
    }
  });

  it('reads a character split across the 1 MiB chunk boundary', async () => {
    // 'ğ' is c4 9f: put c4 as the last byte of the first chunk.
    const buf = Buffer.concat([Buffer.alloc(MiB - 1, 0x61), Buffer.from('ğ\nson\n')]);
    const lines = await all(file('split-ok.txt', buf));
    expect(lines).toHaveLength(2);
    expect(lines[0].text.endsWith('ağ')).toBe(true);
    expect(lines[1]).toEqual({ text: 'son', line: 2, byteOffset: MiB + 2, eol: true });
  });

  it('reports an invalid sequence split across the 1 MiB chunk boundary at its first byte', async () => {
    // e2 82 are the first chunk's last bytes; the next chunk starts with 'A' instead of a continuation.
    const lines = Buffer.alloc(MiB - 2, 0x61);
    for (let i = 99; i < lines.length; i += 100) lines[i] = 0x0a; // a newline every 100 bytes
    const buf = Buffer.concat([lines, Buffer.from([0xe2, 0x82]), Buffer.from('A\n')]);
    const err = await failure(() => all(file('split-bad.txt', buf)));
    expect(err.byteOffset).toBe(MiB - 2);
    expect(err.line).toBe(Math.floor((MiB - 2) / 100) + 1);
  });

  it('reports a sequence truncated by the end of the file', async () => {
    const err = await failure(() => all(file('trunc.txt', Buffer.from([0x61, 0x0a, 0x62, 0xf0, 0x9f, 0x98]))));
    expect(err.byteOffset).toBe(3);
    expect(err.line).toBe(2);
    expect(err.message).toContain('truncated');
  });

  it('calls a file with a NUL byte binary, with the offset', async () => {
    const err = await failure(() => all(file('bin.dat', Buffer.from([0x61, 0x62, 0x0a, 0x63, 0x00, 0xff]))));
    expect(err.message).toBe('bin.dat: looks like a binary file: NUL byte at byte 4 (line 2)');
  });

  it('refuses empty, whitespace-only, missing files and folders clearly', async () => {
    expect((await failure(() => all(file('empty.txt', '')))).message).toBe('empty.txt: is empty (0 bytes)');
    expect((await failure(() => all(file('blank.txt', ' \n\r\n\t\n')))).message).toBe('blank.txt: contains no text (only whitespace)');
    expect((await failure(() => all(file('bomonly.txt', '\ufeff')))).message).toMatch(/bomonly\.txt: contains no text/);
    expect((await failure(() => all(join(dir, 'nope.txt')))).message).toBe('nope.txt: file not found');
    mkdirSync(join(dir, 'folder.txt'), { recursive: true });
    expect((await failure(() => all(join(dir, 'folder.txt')))).message).toBe('folder.txt: is a folder, not a corpus file');
  });

  it('bounds the length of a line', async () => {
    const err = await failure(() => all(file('long.txt', 'ok\n' + 'x'.repeat(5000)), { maxLineBytes: 4096 }));
    expect(err.byteOffset).toBe(3);
    expect(err.line).toBe(2);
  });

  it('reports progress up to the file size', async () => {
    const p = file('progress.txt', 'a\n'.repeat(1000));
    const seen: [number, number][] = [];
    await all(p, { onBytes: (r, t) => seen.push([r, t]) });
    expect(seen.at(-1)).toEqual([2000, 2000]);
  });

  it('stops with an AbortError when cancelled', async () => {
    const p = file('abort.txt', 'x\n'.repeat(MiB)); // two chunks
    const ctl = new AbortController();
    let n = 0;
    await expect(
      (async () => {
        for await (const _ of readLines(p, { signal: ctl.signal })) if (++n === 1) ctl.abort();
      })(),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(n).toBeLessThan(MiB);
  });
});

describe('readLines on gzip', () => {
  it('decompresses by magic bytes whatever the name', async () => {
    const lines = await all(file('plain-name.txt', gzipSync('bir\niki\n')));
    expect(lines.map((l) => l.text)).toEqual(['bir', 'iki']);
  });

  it('reads multi-member gzip', async () => {
    const lines = await all(file('multi.gz', Buffer.concat([gzipSync('bir\n'), gzipSync('iki\n')])));
    expect(lines.map((l) => l.text)).toEqual(['bir', 'iki']);
  });

  it('reports offsets of the decompressed data', async () => {
    const err = await failure(() => all(file('bad.txt.gz', gzipSync(Buffer.from([0x61, 0x0a, 0x62, 0x63, 0xc3, 0x28])))));
    expect(err.message).toBe('bad.txt.gz: invalid UTF-8 at byte 4 of the decompressed data (line 2): bytes c3 28');
  });

  it('reports damaged and empty gzip', async () => {
    const whole = gzipSync('x'.repeat(10000));
    const damaged = await failure(() => all(file('cut.gz', whole.subarray(0, whole.length - 10))));
    expect(damaged.message).toMatch(/^cut\.gz: is damaged gzip data at byte \d+ of the decompressed data: /);
    expect((await failure(() => all(file('empty.gz', gzipSync(''))))).message).toMatch(/empty\.gz: is empty \(it decompresses to 0 bytes\)/);
  });
});

describe('readTexts', () => {
  it('yields the text field of each JSONL record, skipping blank lines', async () => {
    const p = file('ok.jsonl', '{"text":"bir"}\n\n{"id":2,"body":"x","text":"iki\\nsatır"}\r\n');
    const texts: string[] = [];
    for await (const r of readTexts(p, 'jsonl', 'text')) texts.push(r.text);
    expect(texts).toEqual(['bir', 'iki\nsatır']);
  });

  it('names line and byte of a malformed record', async () => {
    const good = '{"text":"a"}\n'; // 13 bytes
    const run = async (p: string, field = 'text'): Promise<void> => {
      for await (const _ of readTexts(p, 'jsonl', field)) void _;
    };
    const bad = await failure(() => run(file('bad.jsonl', good + good + '{"text": "b",\n')));
    expect(bad.message).toMatch(/^bad\.jsonl: not valid JSON at byte 26 \(line 3\): /);
    const missing = await failure(() => run(file('missing.jsonl', good + '{"body":"x"}\n')));
    expect(missing.message).toBe('missing.jsonl: record has no string field "text" at byte 13 (line 2): its fields are "body"');
    const wrongType = await failure(() => run(file('num.jsonl', '{"text":5}\n')));
    expect(wrongType.message).toContain('it is number');
    const array = await failure(() => run(file('arr.jsonl', '[1,2]\n')));
    expect(array.message).toBe('arr.jsonl: not a JSON object at byte 0 (line 1): found an array');
  });
});

describe('readCountTable', () => {
  it('reads counts, a header, tokens with spaces, CRLF, and sums duplicates', async () => {
    const p = file('ok.tsv', 'token\tcount\r\nev\t3\r\n\r\nNew York\t2\nev\t4\n');
    expect(await readCountTable(p)).toEqual(
      new Map([
        ['ev', 7],
        ['New York', 2],
      ]),
    );
  });

  it('names line and byte of a bad row', async () => {
    const cases: [string, RegExp][] = [
      ['a\t1\nb 2\n', /^x\.tsv: expected "token<TAB>count" at byte 4 \(line 2\): no tab in "b 2"$/],
      ['a\t1\nb\t0\n', /^x\.tsv: count must be a positive integer at byte 4 \(line 2\): got "0"$/],
      ['a\t1\nb\t-3\n', /count must be a positive integer at byte 4 \(line 2\): got "-3"/],
      ['a\t1\nb\t2.5\n', /count must be a positive integer at byte 4 \(line 2\)/],
      ['a\t1\n\t5\n', /^x\.tsv: empty token at byte 4 \(line 2\)$/],
      ['a\t1\ntoken\tcount\n', /count must be a positive integer at byte 4 \(line 2\): got "count"/],
    ];
    for (const [content, pattern] of cases) {
      expect((await failure(() => readCountTable(file('x.tsv', content)))).message).toMatch(pattern);
    }
  });
});

describe('findInvalidUtf8', () => {
  it('agrees with a fatal TextDecoder and points at the first bad sequence', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const valid = (b: Uint8Array): boolean => {
      try {
        decoder.decode(b);
        return true;
      } catch {
        return false;
      }
    };
    const pieces = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 4 }).map((s) => Array.from(Buffer.from(s))),
      fc.array(fc.integer({ min: 0x80, max: 0xff }), { maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const bytes = Uint8Array.from(parts.flat());
        const at = findInvalidUtf8(bytes);
        expect(at === -1).toBe(valid(bytes));
        if (at >= 0) {
          expect(valid(bytes.subarray(0, at))).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
