// Gzip text and JSONL counted on the addon's CountStream (countCorpusNative) against countCorpus: identical
// counts, hashes and errors, cancel, and malformed calls from JavaScript. (Memory on a big gzip corpus is a
// benchmark: `npm run bench`, task count-big.)
import { it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { countCorpus, type CorpusCounts } from '../corpus/count';
import { compilePattern, pretokenize, PRETOKENIZER_PRESETS } from '../bpe/pretokenize';
import { countCorpusNative, nativeCanCount, type NativeCountOptions } from './count';
import { nativeAddon, type NativeCountStream } from './load';
import { describeNative, randomCorpus, randomLine } from './testSupport';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tokstudio-native-stream-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Preset = 'gpt2' | 'gpt4o';

const splitter = (pattern: string) => {
  const re = compilePattern(pattern);
  return (t: string) => pretokenize(t, re).map((s) => t.slice(s.start, s.end));
};

const sorted = (m: Map<string, number>) => [...m].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
const comparable = (c: CorpusCounts) => ({ ...c, pretokens: sorted(c.pretokens), words: sorted(c.words) });

async function outcome(p: Promise<CorpusCounts>): Promise<{ ok?: ReturnType<typeof comparable>; error?: string }> {
  try {
    return { ok: comparable(await p) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const isWellFormed = (s: string) => (s as string & { isWellFormed(): boolean }).isWellFormed();

interface Case {
  format: 'text' | 'jsonl';
  gzip?: boolean;
  textField?: string;
  preset?: Preset;
  threads?: number;
  /** Small batches so a small corpus crosses many batch boundaries. */
  batchBytes?: number;
  maxLineBytes?: number;
  /** How many texts countCorpusNative pre-tokenizes itself (JSONL texts with a lone surrogate). */
  local?: number;
  /** The addon may hand the file to countCorpus (a line longer than half of maxLineBytes the reader accepts). */
  mayFallBack?: boolean;
}

let fileNo = 0;
function writeCorpus(content: string | Buffer, c: Case): string {
  const path = join(dir, `s${fileNo++}.${c.format === 'jsonl' ? 'jsonl' : 'txt'}${c.gzip ? '.gz' : ''}`);
  writeFileSync(path, c.gzip ? gzipSync(content) : content);
  return path;
}

/** Same result or same error message; and when the result is the addon's, the JavaScript pre-tokenizer was not used. */
async function expectSame(content: string | Buffer, c: Case): Promise<{ ok?: ReturnType<typeof comparable>; error?: string }> {
  const path = writeCorpus(content, c);
  const pattern = PRETOKENIZER_PRESETS[c.preset ?? 'gpt4o'];
  const split = splitter(pattern);
  const common = { format: c.format, textField: c.textField, maxLineBytes: c.maxLineBytes };
  const ts = await outcome(countCorpus(path, { ...common, pretokenize: split }));
  let calls = 0;
  const opts: NativeCountOptions = {
    ...common,
    pattern,
    pretokenize: (t) => {
      calls++;
      return split(t);
    },
    threads: c.threads ?? 2,
    batchBytes: c.batchBytes,
    minBytesPerThread: 1,
  };
  const nat = await outcome(countCorpusNative(path, opts));
  expect(nat).toEqual(ts);
  if (ts.ok && !c.mayFallBack) expect(calls).toBe(c.local ?? 0); // 0: not handed to countCorpus
  return ts;
}

// ---------- JSONL corpora

/** A record's text: lines of the random text corpus joined by newlines of all kinds, sometimes a lone surrogate. */
const recordText = fc
  .array(fc.oneof({ weight: 6, arbitrary: randomLine }, { weight: 2, arbitrary: fc.constantFrom('\n', '\r\n', '\n\n', '  \n ', '\u2028', '\t') }, { weight: 1, arbitrary: fc.constantFrom('\ud83d', '\udc00 x') }), {
    maxLength: 5,
  })
  .map((a) => a.join(''));

/** Escapes every non-ASCII code unit as \uXXXX (valid JSON too; exercises JSON.parse's escapes). */
const asciiJson = (v: unknown) => JSON.stringify(v).replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);

const jsonlCorpus = fc
  .tuple(
    fc.array(fc.tuple(recordText, fc.constantFrom('\n', '\r\n', '\n\n', '\n \t\n'), fc.boolean()), { minLength: 1, maxLength: 30 }),
    fc.boolean(),
  )
  .map(([records, finalNewline]) => {
    let file = '';
    records.forEach(([text, sep, ascii], i) => {
      const rec = { id: i, text, meta: { n: i } };
      file += (i > 0 ? sep : '') + (ascii ? asciiJson(rec) : JSON.stringify(rec));
    });
    return { file: file + (finalNewline ? '\n' : ''), local: records.filter(([t]) => !isWellFormed(t)).length };
  });

describeNative('streamed native counting (gzip text, JSONL) is identical to countCorpus', () => {
  it('on hand-made gzip text: empty lines, whitespace runs, CRLF, BOM, no final newline, a long line', async () => {
    for (const preset of ['gpt2', 'gpt4o'] as const) {
      for (const batchBytes of [1, 7, undefined]) {
        const c: Case = { format: 'text', gzip: true, preset, batchBytes };
        await expectSame('hello world\n\n\n  \n\t\nfoo.\n', c);
        await expectSame('\ufeffBOM first\r\nthen CRLF\r\n\r\n', c);
        await expectSame('no final newline.   ', c);
        await expectSame('a  \n  b\n  \n c\n', c);
        await expectSame(`${'uzun'.repeat(20000)}\n kısa\n`, c);
        await expectSame('x'.repeat(10) + '\n' + '\n'.repeat(50) + 'y\n', { ...c, threads: 4 });
      }
    }
    // Gzip members back to back, and zeros after the last one: whatever node:zlib makes of them, in both.
    const members = Buffer.concat([gzipSync('bir iki \n  '), gzipSync('üç. \n'), gzipSync('dört')]);
    await expectSame(members, { format: 'text', batchBytes: 1 });
    await expectSame(Buffer.concat([members, Buffer.alloc(8)]), { format: 'text', mayFallBack: true });
  });

  it('on random gzip text corpora, in batches of 1 byte to 4 MiB, with 1 to 5 threads', async () => {
    await fc.assert(
      fc.asyncProperty(randomCorpus, fc.integer({ min: 1, max: 5 }), fc.constantFrom<Preset>('gpt2', 'gpt4o'), fc.constantFrom(1, 16, 200, undefined), async (text, threads, preset, batchBytes) => {
        await expectSame(text, { format: 'text', gzip: true, preset, threads, batchBytes });
      }),
      { numRuns: 100 },
    );
  });

  it('on hand-made JSONL: unicode, empty texts, escaped newlines, CRLF, blank lines, a custom field, gzip or not', async () => {
    const file = [
      '{"text": "Merhaba dünya! İstanbul\'da 2024 yılında 😀."}',
      '{"text": ""}',
      '{"text": "iki\\nsatır\\r\\nve  boşluk \\n"}',
      '',
      '   ',
      '{"text": "\\u0130stanbul \\ud83d\\ude00 \\t tab"}\r',
      '{"id": 7, "text": "  leading and trailing  ", "body": "başka alan"}',
      '{"text": "\\u0000 NUL inside a string is text"}',
    ].join('\n');
    for (const preset of ['gpt2', 'gpt4o'] as const) {
      for (const gzip of [false, true]) {
        for (const batchBytes of [1, 50, undefined]) {
          await expectSame(file, { format: 'jsonl', gzip, preset, batchBytes });
          await expectSame('\ufeff' + file.replace(/\n/g, '\r\n') + '\r\n', { format: 'jsonl', gzip, preset, batchBytes, threads: 3 });
        }
      }
    }
    const custom = '{"body": "özel alan burada", "text": 5}\n{"body": "ikinci\\nkayıt"}\n';
    await expectSame(custom, { format: 'jsonl', textField: 'body' });
    await expectSame(custom, { format: 'jsonl', textField: 'body', gzip: true, batchBytes: 4 });
  });

  it('on random JSONL corpora (lone surrogates counted on the JavaScript side), gzip or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        jsonlCorpus,
        fc.boolean(),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom<Preset>('gpt2', 'gpt4o'),
        fc.constantFrom(1, 16, 200, undefined),
        async ({ file, local }, gzip, threads, preset, batchBytes) => {
          await expectSame(file, { format: 'jsonl', gzip, preset, threads, batchBytes, local });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('leaves to the reference what the reader refuses, with its errors', async () => {
    const cases: [string | Buffer, Case, RegExp][] = [
      ['{"text": "a"}\n{"text": oops}\n', { format: 'jsonl' }, /not valid JSON.*line 2/],
      ['{"text": "a"}\n{"text": oops}\n', { format: 'jsonl', gzip: true }, /not valid JSON.*decompressed.*line 2/],
      ['{"text": "a"}\n[1, 2]\n', { format: 'jsonl', gzip: true }, /not a JSON object/],
      ['{"text": "a"}\n{"body": "b"}\n', { format: 'jsonl' }, /no string field "text"/],
      [Buffer.from([0x61, 0x0a, 0xc3, 0x28, 0x0a]), { format: 'text', gzip: true }, /invalid UTF-8.*line 2/],
      [Buffer.from([0x61, 0x0a, 0xc3, 0x28, 0x0a]), { format: 'text', gzip: true, batchBytes: 1 }, /invalid UTF-8.*line 2/],
      [Buffer.concat([Buffer.from('{"text": "a"}\n{"text": "'), Buffer.from([0xff]), Buffer.from('"}\n')]), { format: 'jsonl', gzip: true }, /invalid UTF-8/],
      [Buffer.concat([Buffer.from('tamam\nyarım '), Buffer.from([0xe2, 0x82])]), { format: 'text', gzip: true }, /truncated sequence/],
      ['ab\0c\n', { format: 'text', gzip: true }, /NUL/],
      [' \n\t\n', { format: 'text', gzip: true }, /no text/],
      ['\ufeff', { format: 'text', gzip: true }, /no text/],
      ['', { format: 'text', gzip: true }, /decompresses to 0 bytes/],
      ['\n\n  \n', { format: 'jsonl', gzip: true }, /no text/],
      [`a\n${'x'.repeat(5000)}`, { format: 'text', gzip: true, maxLineBytes: 100, batchBytes: 64 }, /has a line longer than/],
      [`{"text": "a"}\n{"text": "${'x'.repeat(5000)}`, { format: 'jsonl', gzip: true, maxLineBytes: 100, batchBytes: 64 }, /has a line longer than/],
    ];
    for (const [content, c, error] of cases) {
      const got = await expectSame(content, c);
      expect(got.error).toMatch(error);
    }
    // The reader checks the line length only where its chunks end, so this long line passes; the addon refuses
    // it (longer than half the limit) and countCorpus counts it.
    const passes = await expectSame(`${'x'.repeat(5000)}\nkısa\n`, { format: 'text', gzip: true, maxLineBytes: 100, batchBytes: 64, mayFallBack: true });
    expect(passes.ok?.lines).toBe(2);
    // Damaged gzip: cut short, and with a corrupted body.
    const whole = gzipSync('bir iki üç dört\n'.repeat(5000));
    const cut = await expectSame(whole.subarray(0, whole.length - 40), { format: 'text' });
    expect(cut.error).toMatch(/damaged gzip data|invalid UTF-8|truncated/);
    const mangled = Buffer.from(whole);
    for (let i = 40; i < 80; i++) mangled[i] ^= 0x5a;
    const bad = await expectSame(mangled, { format: 'jsonl' });
    expect(bad.error).toMatch(/damaged gzip data|invalid UTF-8|JSON/);
  });

  it('says it counts gzip text and JSONL, not count tables or custom patterns', async () => {
    const pattern = PRETOKENIZER_PRESETS.gpt2;
    const path = writeCorpus('{"text": "a"}\n', { format: 'jsonl', gzip: true });
    expect(await nativeCanCount(path, { format: 'jsonl', pattern })).toBe(true);
    expect(await nativeCanCount(path, { format: 'text', pattern })).toBe(true);
    expect(await nativeCanCount(path, { format: 'counts', pattern })).toBe(false);
    expect(await nativeCanCount(path, { format: 'jsonl', pattern: '\\S+' })).toBe(false);
  });

  it('reports progress in bytes on disk, as countCorpus does', async () => {
    const lines = Array.from({ length: 40_000 }, (_, i) => `${randomBytes(48).toString('base64')} ${i}`);
    for (const [content, format] of [
      [lines.join('\n'), 'text'],
      [lines.map((text) => JSON.stringify({ text })).join('\n'), 'jsonl'],
    ] as const) {
      const path = writeCorpus(content, { format, gzip: true });
      const pattern = PRETOKENIZER_PRESETS.gpt2;
      const seen = { ts: [] as number[][], nat: [] as number[][] };
      await countCorpus(path, { format, pretokenize: splitter(pattern), onProgress: (p) => seen.ts.push([p.bytesRead, p.totalBytes]) });
      await countCorpusNative(path, { format, pattern, pretokenize: splitter(pattern), onProgress: (p) => seen.nat.push([p.bytesRead, p.totalBytes]) });
      expect(seen.ts.length).toBeGreaterThan(1);
      expect(seen.nat).toEqual(seen.ts);
    }
  });

  it('stops when its signal aborts, gzip text and JSONL', async () => {
    const text = writeCorpus('bir iki üç, dört beş.\n'.repeat(400_000), { format: 'text', gzip: true });
    const jsonl = writeCorpus('{"text": "bir iki üç, dört beş."}\n'.repeat(300_000), { format: 'jsonl' });
    for (const [path, format] of [
      [text, 'text'],
      [jsonl, 'jsonl'],
    ] as const) {
      const ac = new AbortController();
      const reason = new Error('stop here');
      const p = countCorpusNative(path, {
        format,
        pattern: PRETOKENIZER_PRESETS.gpt4o,
        pretokenize: () => [],
        signal: ac.signal,
        batchBytes: 1 << 16,
        onProgress: () => ac.abort(reason), // mid-stream: after the first chunk is read
      });
      await expect(p).rejects.toBe(reason);
    }
  });
});

describeNative('CountStream (the addon class) refuses malformed calls with JavaScript errors', () => {
  const make = (mode: 'text' | 'records', threads = 2): NativeCountStream => new (nativeAddon()!.CountStream!)(mode, 'gpt4o', threads, 1 << 20, 1);

  it('checks its arguments', () => {
    const CountStream = nativeAddon()!.CountStream!;
    const bad = (...args: unknown[]) => () => new (CountStream as unknown as new (...a: unknown[]) => unknown)(...args);
    expect(bad('lines', 'gpt4o', 1, 1, 1)).toThrow(/mode/);
    expect(bad('text', 'bert', 1, 1, 1)).toThrow(/preset/);
    expect(bad('text', 'gpt4o', 0, 1, 1)).toThrow(/threads/);
    expect(bad('text', 'gpt4o', 1, -5, 1)).toThrow(/maxLineBytes/);
    expect(bad('records', 'gpt2', 1, 1, 1.5)).toThrow(/minBytesPerThread/);
    const text = make('text') as unknown as { push(...a: unknown[]): unknown };
    expect(() => text.push('a string')).toThrow(TypeError);
    expect(() => text.push(new Uint16Array(4))).toThrow(TypeError);
    expect(() => text.push(Buffer.from('a\n'), new Uint32Array([2]))).toThrow(/no lens/);
    const records = make('records') as unknown as { push(...a: unknown[]): unknown };
    expect(() => records.push(Buffer.from('ab'))).toThrow(/lens/);
    expect(() => records.push(Buffer.from('ab'), new Uint32Array([1]))).toThrow(/add up/);
    expect(() => records.push(Buffer.from('ab'), new Uint32Array([1, 0xffffffff]))).toThrow(/add up/);
  });

  it('takes one batch at a time, and nothing after finish', async () => {
    const s = make('text');
    const first = s.push(Buffer.from('bir iki\n'));
    expect(() => s.push(Buffer.from('üç\n'))).toThrow(/still being counted/);
    expect(() => s.finish()).toThrow(/still being counted/);
    expect(await first).toBe(0);
    expect(await s.push(Buffer.from('üç'))).toBe(0);
    const r = s.finish();
    expect(r.status).toBe(0);
    expect(r.lines).toBe(2);
    expect(r.wordTotal).toBe(3);
    expect(() => s.push(Buffer.from('x'))).toThrow(/finished/);
    expect(() => s.finish()).toThrow(/finished/);
  });

  it('refuses what the reader refuses (status 1), rejects ill-formed records, stops when cancelled (status 3)', async () => {
    const text = make('text');
    expect(await text.push(Buffer.from([0x61, 0x0a, 0xc3, 0x28, 0x0a]))).toBe(1);
    expect(text.finish().status).toBe(1);
    const blank = make('text');
    expect(await blank.push(Buffer.from(' \n'))).toBe(0);
    expect(blank.finish().status).toBe(1);
    const records = make('records');
    await expect(records.push(Buffer.from([0x61, 0xff]), new Uint32Array([1, 1]))).rejects.toThrow(/UTF-8/);
    const cancelled = make('records', 3);
    cancelled.cancel();
    expect(await cancelled.push(Buffer.from('bir iki üç'), new Uint32Array([4, 8]))).toBe(3);
    expect(cancelled.finish().status).toBe(3);
    const empty = make('records');
    expect(await empty.push(Buffer.alloc(0), new Uint32Array([0, 0, 0]))).toBe(0);
    expect(empty.finish()).toMatchObject({ status: 0, lines: 3, wordTotal: 0 });
  });
});
