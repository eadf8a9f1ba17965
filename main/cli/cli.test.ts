// The CLI as a user runs it: the built dist/cli.mjs in a child process, on a temporary workspace.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from '../testing/tmp';

const root = resolve(__dirname, '../..');
const cli = resolve(root, 'dist/cli.mjs');
const sample = resolve(root, 'samples/tr/sample.txt');
const tmp = tempDir('tokstudio-cli-');
const workspace = tmp.path('cli.tokstudio');

afterAll(() => tmp.cleanup());

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [cli, '--workspace', workspace, ...args], { input, encoding: 'utf8', cwd: tmp.dir });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('tokstudio CLI', () => {
  it('imports, trains, encodes, decodes and exports', () => {
    const imp = run(['corpus', 'import', sample, '--lang', 'tr', '--json']);
    expect(imp.err).toBe('');
    expect(imp.code).toBe(0);
    const corpus = JSON.parse(imp.out);
    expect(corpus).toMatchObject({ format: 'text', language: 'tr', compressed: false });
    expect(corpus.words).toBeGreaterThan(1000);

    const again = run(['corpus', 'import', sample]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already in this workspace as corpus #1/);

    const train = run(['train', '--kind', 'bpe', '--corpus', String(corpus.id), '--vocab', '700', '--name', 'small']);
    expect(train.code).toBe(0);
    expect(train.err).toContain('700 = 1 special token + 256 byte tokens + 443 merges');
    expect(train.out).toMatch(/tokenizer #1 "small"/);

    const text = 'Kitaplarımızı evlerimizden getirdik.\n\tİstanbul’da 1.250,75 TL! 🙂';
    const enc = run(['encode', '-t', '1', '--text', text]);
    expect(enc.code).toBe(0);
    const ids = enc.out.trim().split(' ');
    expect(ids.length).toBeGreaterThan(5);
    const dec = run(['decode', '-t', '1'], enc.out);
    expect(dec.code).toBe(0);
    expect(dec.out).toBe(text);

    const exp = run(['export', '1', '-o', tmp.path('tok.json')]);
    expect(exp.code).toBe(0);
    const hf = JSON.parse(readFileSync(tmp.path('tok.json'), 'utf8'));
    expect(hf.model.type).toBe('BPE');
    expect(Object.keys(hf.model.vocab)).toHaveLength(700);

    const imported = run(['import-hf', tmp.path('tok.json'), '--name', 'back']);
    expect(imported.code).toBe(0);
    expect(run(['encode', '-t', '2', '--text', text]).out).toBe(enc.out);

    const cut = run(['cut', '1', '--vocab', '500']);
    expect(cut.code).toBe(0);
    const list = JSON.parse(run(['tokenizers', '--json']).out);
    expect(list.map((t: { vocabSize: number; source: string }) => [t.vocabSize, t.source])).toEqual([
      [700, 'trained'],
      [700, 'imported'],
      [500, 'cut'],
    ]);
  });

  it('explains the budget and refuses one below the alphabet', () => {
    const ok = run(['budget', '--vocab', '32000']);
    expect(ok.out.trim()).toBe('32000 = 1 special token + 256 byte tokens + 31743 merges');
    const low = run(['budget', '--vocab', '200']);
    expect(low.code).toBe(1);
    expect(low.out).toMatch(/257/);
  });

  it('says what is wrong with bad input and exits non-zero', () => {
    const missing = run(['corpus', 'import', tmp.path('nope.txt')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/nope\.txt/);

    const bad = tmp.path('bad.txt');
    writeFileSync(bad, Buffer.concat([Buffer.from('iyi satır\nbozuk '), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]));
    const invalid = run(['corpus', 'import', bad]);
    expect(invalid.code).toBe(1);
    expect(invalid.err).toMatch(/bad\.txt.*invalid UTF-8.*byte 17/);

    const usage = run(['train', '--vocab', 'lots', '--corpus', '1']);
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/--vocab must be a whole number/);
    expect(run(['frobnicate']).code).toBe(2);
    expect(run(['--bogus']).code).toBe(2);
  });

  it('imports a dictionary, trains a hybrid tokenizer, and round-trips through it', () => {
    const dict = run(['dict', 'import', resolve(root, 'samples/tr/dictionary.json'), '--json']);
    expect(dict.err).toBe('');
    const d = JSON.parse(dict.out);
    expect(d).toMatchObject({ language: 'tr', roots: expect.any(Number), groups: 75 });
    expect(run(['dict', 'import', resolve(root, 'samples/tr/dictionary.json')]).err).toMatch(/already in this workspace/);

    const train = run(['train', '--kind', 'hybrid', '--corpus', '1', '--dict', String(d.id), '--vocab', '3000', '--name', 'hy', '--json']);
    expect(train.err).toBe('');
    const v = JSON.parse(train.out);
    expect(v).toMatchObject({ kind: 'hybrid', name: 'hy' });
    expect(v.stats.sharingRate).toBeGreaterThan(0.5);

    const text = 'Kitaplarımızı EVLERİMİZDEN getirdik;\r\n\tİstanbul’da   1.250,75 TL! <cap> 🙂';
    const enc = run(['encode', '-t', String(v.id), '--text', text, '--json']);
    const tokens = JSON.parse(enc.out).tokens as { id: number; type: string; group: string | null; shared: boolean }[];
    expect(tokens.some((t) => t.type === 'root')).toBe(true);
    expect(tokens.some((t) => t.type === 'affix' && t.shared)).toBe(true);
    const dec = run(['decode', '-t', String(v.id)], tokens.map((t) => t.id).join(' '));
    expect(dec.out).toBe(text);

    const an = run(['analyze', '-t', String(v.id), 'gidiyorum']);
    expect(an.out.split('\n')[0]).toMatch(/^0\. gid \+ iyor:PROG \+ um:A1SG/);
    expect(run(['analyze', '-t', '1', 'ev']).err).toMatch(/only for hybrid/);
    expect(run(['export', String(v.id)]).err).toMatch(/only BPE versions export to tokenizer\.json/);

    const out = tmp.path('dict-out');
    mkdirSync(out);
    expect(run(['dict', 'export', String(d.id), '--format', 'hunspell', '-o', out + '/']).code).toBe(0);
    expect(readFileSync(join(out, 'Turkish_starter_dictionary.aff'), 'utf8')).toMatch(/^SET UTF-8/m);
  });

  it('merges a Hunspell lexicon into a dictionary, warning when its stems can take no suffix, and --root-pos fixes it', () => {
    const small = resolve(root, 'fixtures/dict/small.json');
    const mini = resolve(root, 'fixtures/dict/mini.aff');
    const a = JSON.parse(run(['dict', 'import', small, '--name', 'cli-small-a', '--json']).out);
    const plain = run(['dict', 'import', mini, '--into', String(a.id), '--roots-only']);
    expect(plain.code).toBe(0);
    expect(plain.out.trim()).toBe(`merged into dictionary #${a.id} "cli-small-a": import mini.aff (4 roots added, 0 changed); 2 rows left out; now 7 roots, 5 allomorph groups`);
    expect(plain.err).toMatch(/^warning: 2 imported roots have pos "stem", .*can take no suffix and cannot start a word.*set rootPos \(--root-pos\) .*e\.g\. noun\n$/);

    const b = JSON.parse(run(['dict', 'import', small, '--name', 'cli-small-b', '--json']).out);
    const noun = run(['dict', 'import', mini, '--into', String(b.id), '--roots-only', '--root-pos', 'noun', '--json']);
    expect(noun.err).toBe('');
    expect(JSON.parse(noun.out)).toMatchObject({ id: b.id, roots: 7, merge: 'import mini.aff (4 roots added, 0 changed); 2 rows left out', warnings: [] });

    const empty = run(['dict', 'import', mini, '--into', String(b.id), '--root-pos', '']);
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/^tokstudio: --root-pos is empty: give the part of speech/);
    expect(run(['dict', 'import', mini, '--into', String(b.id), '--root-pos', 'a b']).err).toMatch(/--root-pos "a b": a part of speech is one word/);
    expect(run(['dict', 'import', mini, '--roots-only']).err).toMatch(/--roots-only needs --into ID/);
  });

  it('with --skip-analysed leaves out the words the dictionary already analyses, and says how many', () => {
    const small = resolve(root, 'fixtures/dict/small.json');
    const d = JSON.parse(run(['dict', 'import', small, '--name', 'cli-small-skip', '--json']).out);
    const lexicon = tmp.path('lexicon.tsv');
    writeFileSync(lexicon, 'surface\nevler\nkitapta\nkalem\nevlerim\n');
    const r = run(['dict', 'import', lexicon, '--into', String(d.id), '--roots-only', '--root-pos', 'noun', '--skip-analysed']);
    expect(r.err).toBe('');
    expect(r.out.trim()).toBe(
      `merged into dictionary #${d.id} "cli-small-skip": import lexicon.tsv (2 roots added, 0 changed); 2 entries left out: the dictionary already analyses them (e.g. ev+ler, kitap+ta); now 5 roots, 5 allomorph groups`,
    );
    expect(run(['dict', 'import', lexicon, '--skip-analysed']).err).toMatch(/^tokstudio: --skip-analysed needs --into ID/);
    expect(run(['--help']).out).toContain('--skip-analysed');
  });

  it('refuses a broken dictionary file with the line, and adds nothing', () => {
    const bad = tmp.path('bad.tsv');
    writeFileSync(bad, 'surface\tpos\nev\tnoun\n\tnoun\n');
    const r = run(['dict', 'import', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.tsv.*(line 3|:3)/);
    const before = JSON.parse(run(['dict', 'list', '--json']).out).length;
    expect(JSON.parse(run(['dict', 'list', '--json']).out).length).toBe(before);
  });
});
