// tokstudio annotate as a user runs it (dist/cli.mjs in a child process). Annotations are saved in-process
// between the commands, as the app would.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { tempDir } from '../testing/tmp';
import { Workspace } from '../core/store/workspace';
import { saveAnnotation } from '../core/annotate/save';

const root = resolve(__dirname, '../..');
const cli = resolve(root, 'dist/cli.mjs');
const tmp = tempDir('tokstudio-cli-annotate-');
const workspace = tmp.path('cli.tokstudio');
afterAll(() => tmp.cleanup());

function run(args: string[]) {
  const r = spawnSync(process.execPath, [cli, '--workspace', workspace, ...args], { encoding: 'utf8', cwd: tmp.dir });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('tokstudio annotate', () => {
  it('creates queues, exports and reports agreement', () => {
    expect(run(['corpus', 'import', resolve(root, 'samples/tr/sample.txt'), '--lang', 'tr']).code).toBe(0);
    const created = run(['annotate', 'create', '--name', 'top', '--corpus', '1', '--source', 'frequency', '--size', '5']);
    expect(created.err).toBe('');
    expect(created.out).toMatch(/^created annotation queue #1 "top" \(frequency, tr\): 5 words; its gold set is #1\n$/u);
    writeFileSync(tmp.path('words.txt'), 'evlerden\t3\nkitaplar\n');
    expect(run(['annotate', 'create', '--name', 'list', '--source', 'wordlist', '--wordlist', 'words.txt', '--lang', 'tr']).code).toBe(0);
    const bad = run(['annotate', 'create', '--name', 'x', '--source', 'often']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--source must be one of frequency, disagreement, uncertainty, wordlist, not "often"');

    const ws = Workspace.open(workspace);
    const [evlerden, kitaplar] = ws.annotations.items(2, 'a', undefined, 0, 10).items.map((i) => i.itemId);
    const save = (itemId: number, annotator: string, segs: string) => saveAnnotation(ws, { itemId, annotator, segments: segs.split(' '), status: 'gold', note: '' });
    save(evlerden, 'ayşe', 'ev ler den');
    save(evlerden, 'mehmet', 'ev ler den');
    save(kitaplar, 'ayşe', 'kitap lar');
    save(kitaplar, 'mehmet', 'kitaplar');
    ws.close();

    const queues = run(['annotate', 'queues']);
    expect(queues.out.split('\n')[2]).toMatch(/^2\s+list\s+tr\s+wordlist\s+2\s+0\s+0\s+1\s+1\s+ayşe,mehmet\s+2$/u);
    expect(run(['annotate', 'export', '2', '--format', 'tsv']).out).toBe('evlerden\tev ler den\n');
    expect(run(['annotate', 'export', '2', '--format', 'morpho', '--include', 'all', '-o', 'all.txt']).out).toMatch(/^wrote 2 entries to /u);
    expect(readFileSync(tmp.path('all.txt'), 'utf8')).toBe('evlerden\tev ler den\nkitaplar\tkitap lar, kitaplar\n');
    const agree = run(['annotate', 'agreement', '2']);
    expect(agree.code).toBe(0);
    // 7 + 7 = 14 gaps; ayşe cuts 3 (2, 5 of evlerden; 5 of kitaplar), mehmet 2: n11 = 2, n10 = 1, n00 = 11.
    // p_o = 13/14; p_a = 3/14, p_b = 2/14; p_e = 6/196 + 132/196 = 138/196; κ = (182 − 138) / (196 − 138) = 44/58 = 0.759.
    expect(agree.out.split('\n')[1]).toMatch(/^ayşe\s+mehmet\s+2\s+14\s+1\.000\s+0\.667\s+0\.800\s+0\.759\s+1$/u);
    expect(run(['annotate', 'remove', '2']).out).toBe('removed\n');
  });
});
