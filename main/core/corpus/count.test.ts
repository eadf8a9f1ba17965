import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { countCorpus } from './count';
import { CorpusError } from './errors';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tokstudio-count-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

const sha = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');
const splitter = (re: RegExp) => (s: string): string[] => s.match(re) ?? [];
const simple = splitter(/\S+|\s+/gu);
// GPT-2's pattern and GPT-4o's without its case-insensitive contraction group (no inline flags in Node 20).
const GPT2 = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;
const GPT4O_LIKE =
  /[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+/gu;

function tally(pieces: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of pieces) m.set(p, (m.get(p) ?? 0) + 1);
  return m;
}

const fixture = (name: string): string => fileURLToPath(new URL(`../../../fixtures/corpus/${name}`, import.meta.url));

describe('countCorpus', () => {
  it('counts the same words in the text, JSONL and count-table forms of one fixture', async () => {
    const text = await countCorpus(fixture('tr-small.txt'), { format: 'text', pretokenize: simple });
    expect(text.lines).toBe(6);
    expect(text.wordTotal).toBe(24);
    expect(text.words.get('çocuklar!')).toBe(1);
    expect(text.words.get("İstanbul'da")).toBe(1);
    const jsonl = await countCorpus(fixture('tr-small.jsonl'), { format: 'jsonl', pretokenize: simple });
    const table = await countCorpus(fixture('tr-small.tsv'), { format: 'counts', pretokenize: simple });
    expect(jsonl.words).toEqual(text.words);
    expect(table.words).toEqual(text.words);
    expect(jsonl.lines).toBe(5);
    expect(table.lines).toBe(24);
  });

  it('counts a text file by hand', async () => {
    const p = file('a.txt', 'ev ev\nkitap  ev\n');
    const r = await countCorpus(p, { format: 'text', pretokenize: simple });
    expect(r.words).toEqual(new Map([['ev', 3], ['kitap', 1]]));
    expect(r.wordTotal).toBe(4);
    expect(r.lines).toBe(2);
    expect(r.pretokens).toEqual(new Map([['ev', 3], [' ', 1], ['\n', 2], ['kitap', 1], ['  ', 1]]));
    expect(r.sizeBytes).toBe(16);
    expect(r.sha256).toBe(sha(p));
    expect(r.compressed).toBe(false);
  });

  it('adds no newline after a last line without one', async () => {
    const r = await countCorpus(file('b.txt', 'a\nb'), { format: 'text', pretokenize: simple });
    expect(r.pretokens).toEqual(new Map([['a', 1], ['\n', 1], ['b', 1]]));
    expect(r.lines).toBe(2);
  });

  it('matches pre-tokenizing the whole file at once (GPT-2 and GPT-4o style patterns)', async () => {
    const alphabet = ['a', 'B', 'ç', 'Ş', '1', '.', '!', ' ', '  ', '\t', '\n', '\n', '\r\n', "'s"];
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 40 }).map((a) => a.join('')).filter((s) => /\S/u.test(s)),
        async (text) => {
          const p = file(`prop-${run++}.txt`, text);
          for (const re of [GPT2, GPT4O_LIKE]) {
            const r = await countCorpus(p, { format: 'text', pretokenize: splitter(re) });
            expect(r.pretokens).toEqual(tally(text.match(re) ?? []));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('counts JSONL records as units and hashes the gzip bytes as stored', async () => {
    const p = file('c.jsonl.gz', gzipSync('{"text":"bir iki"}\n{"text":"iki"}\n'));
    const r = await countCorpus(p, { format: 'jsonl', pretokenize: simple });
    expect(r.words).toEqual(new Map([['bir', 1], ['iki', 2]]));
    expect(r.pretokens).toEqual(new Map([['bir', 1], [' ', 1], ['iki', 2]]));
    expect(r.lines).toBe(2);
    expect(r.compressed).toBe(true);
    expect(r.sha256).toBe(sha(p));
    expect(r.sizeBytes).toBe(readFileSync(p).length);
  });

  it('uses the JSONL text field it is given', async () => {
    const p = file('d.jsonl', '{"body":"x y","text":"z"}\n');
    const r = await countCorpus(p, { format: 'jsonl', textField: 'body', pretokenize: simple });
    expect(r.words).toEqual(new Map([['x', 1], ['y', 1]]));
  });

  it('weights the pre-tokens of a count table by the counts', async () => {
    const p = file('e.tsv', 'token\tcount\nev\t3\nNew York\t2\nev\t1\n');
    const r = await countCorpus(p, { format: 'counts', pretokenize: simple });
    expect(r.words).toEqual(new Map([['ev', 4], ['New York', 2]]));
    expect(r.wordTotal).toBe(6);
    expect(r.lines).toBe(3);
    expect(r.pretokens).toEqual(new Map([['ev', 4], ['New', 2], [' ', 2], ['York', 2]]));
  });

  it('passes on errors with their location', async () => {
    const p = file('f.txt', Buffer.concat([Buffer.from('iyi\n'), Buffer.from([0xe7]), Buffer.from('\n')]));
    const err = await countCorpus(p, { format: 'text', pretokenize: simple }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CorpusError);
    expect((err as CorpusError).message).toBe('f.txt: invalid UTF-8 at byte 4 (line 2): bytes e7 0a');
  });

  it('throws an AbortError and returns nothing when cancelled', async () => {
    const p = file('g.txt', 'kelime '.repeat(400_000)); // ~2.8 MB: three chunks
    const ctl = new AbortController();
    const progress: number[] = [];
    const promise = countCorpus(p, {
      format: 'text',
      pretokenize: simple,
      signal: ctl.signal,
      onProgress: ({ bytesRead }) => {
        progress.push(bytesRead);
        ctl.abort();
      },
    });
    await expect(promise).rejects.toMatchObject({ name: 'AbortError' });
    expect(progress).toEqual([1 << 20]);
  });
});
