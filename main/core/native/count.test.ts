import { it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { countCorpus, type CorpusCounts } from '../corpus/count';
import { compilePattern, pretokenize, PRETOKENIZER_PRESETS } from '../bpe/pretokenize';
import { countCorpusNative, nativeCanCount } from './count';
import { describeNative, randomCorpus as corpus } from './testSupport';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tokstudio-native-count-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const splitter = (pattern: string) => {
  const re = compilePattern(pattern);
  return (t: string) => pretokenize(t, re).map((s) => t.slice(s.start, s.end));
};

const sorted = (m: Map<string, number>) => [...m].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
const comparable = (c: CorpusCounts) => ({ ...c, pretokens: sorted(c.pretokens), words: sorted(c.words) });

let fileNo = 0;
async function expectSame(content: string | Buffer, preset: 'gpt2' | 'gpt4o', threads = 2, minBytesPerThread = 1): Promise<void> {
  const path = join(dir, `c${fileNo++}.txt`);
  writeFileSync(path, content);
  const pattern = PRETOKENIZER_PRESETS[preset];
  const ts = await countCorpus(path, { format: 'text', pretokenize: splitter(pattern) });
  const nat = await countCorpusNative(path, { format: 'text', pattern, pretokenize: splitter(pattern), threads, minBytesPerThread });
  expect(comparable(nat)).toEqual(comparable(ts));
}

describeNative('native corpus counting is identical to countCorpus', () => {
  it('on hand-made files: empty lines, whitespace runs, CRLF, BOM, no final newline, a long line', async () => {
    for (const preset of ['gpt2', 'gpt4o'] as const) {
      await expectSame('hello world\n\n\n  \n\t\nfoo.\n', preset);
      await expectSame('\ufeffBOM first\r\nthen CRLF\r\n\r\n', preset);
      await expectSame('no final newline.   ', preset);
      await expectSame('a  \n  b\n  \n c\n', preset);
      await expectSame(`${'uzun'.repeat(20000)}\n kısa\n`, preset);
      await expectSame('x'.repeat(10) + '\n' + '\n'.repeat(50) + 'y\n', preset, 4);
    }
  });

  it('on random corpora over every plane, with 1 to 5 threads', async () => {
    await fc.assert(
      fc.asyncProperty(corpus, fc.integer({ min: 1, max: 5 }), fc.constantFrom('gpt2' as const, 'gpt4o' as const), async (text, threads, preset) => {
        await expectSame(text, preset, threads);
      }),
      { numRuns: 120 },
    );
  });

  it('on the bundled Turkish sample, split across threads', async () => {
    const text = readFileSync(new URL('../../../samples/tr/sample.txt', import.meta.url));
    for (const preset of ['gpt2', 'gpt4o'] as const) for (const threads of [1, 2, 7]) await expectSame(text, preset, threads);
  });

  it('leaves to the reference what it cannot do, with its errors', async () => {
    const pattern = PRETOKENIZER_PRESETS.gpt4o;
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, Buffer.from([0x61, 0x0a, 0xc3, 0x28, 0x0a]));
    await expect(countCorpusNative(bad, { format: 'text', pattern, pretokenize: splitter(pattern) })).rejects.toThrow(/invalid UTF-8.*line 2/);
    const nul = join(dir, 'nul.txt');
    writeFileSync(nul, 'ab\0c\n');
    await expect(countCorpusNative(nul, { format: 'text', pattern, pretokenize: splitter(pattern) })).rejects.toThrow(/NUL/);
    const blank = join(dir, 'blank.txt');
    writeFileSync(blank, ' \n\t\n');
    await expect(countCorpusNative(blank, { format: 'text', pattern, pretokenize: splitter(pattern) })).rejects.toThrow(/no text/);
    await expect(countCorpusNative(join(dir, 'missing.txt'), { format: 'text', pattern, pretokenize: splitter(pattern) })).rejects.toThrow(/not found/);
    const gz = join(dir, 'c.txt.gz');
    writeFileSync(gz, gzipSync('gzip göz\n'));
    expect(await nativeCanCount(gz, { format: 'text', pattern })).toBe(true); // gzip: count-stream.test.ts
    const fromGz = await countCorpusNative(gz, { format: 'text', pattern, pretokenize: splitter(pattern) });
    expect(fromGz.pretokens.get(' göz\n') ?? fromGz.pretokens.get(' göz')).toBe(1);
    expect(await nativeCanCount(bad, { format: 'text', pattern: '\\S+' })).toBe(false);
    expect(await nativeCanCount(bad, { format: 'counts', pattern })).toBe(false);
  });

  it('stops when its signal aborts', async () => {
    const path = join(dir, 'abort.txt');
    writeFileSync(path, 'bir iki üç\n'.repeat(200_000));
    const ac = new AbortController();
    const reason = new Error('stop here');
    const p = countCorpusNative(path, { format: 'text', pattern: PRETOKENIZER_PRESETS.gpt4o, pretokenize: () => [], signal: ac.signal });
    ac.abort(reason);
    await expect(p).rejects.toBe(reason);
  });
});
