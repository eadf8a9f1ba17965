// tokstudio gold / parallel / eval as a user runs them: dist/cli.mjs in a child process on a temporary workspace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { tempDir } from '../testing/tmp';

const root = resolve(__dirname, '../..');
const cli = resolve(root, 'dist/cli.mjs');
const gold = resolve(root, 'samples/tr/gold.tsv');
const parallel = resolve(root, 'fixtures/eval/parallel.tsv');
const tmp = tempDir('tokstudio-cli-eval-');
const workspace = tmp.path('eval.tokstudio');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [cli, '--workspace', workspace, ...args], { encoding: 'utf8', cwd: tmp.dir });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  expect(run(['corpus', 'import', resolve(root, 'samples/tr/sample.txt'), '--lang', 'tr']).code).toBe(0);
  expect(run(['train', '--kind', 'bpe', '--corpus', '1', '--vocab', '800', '--quiet']).code).toBe(0);
});
afterAll(() => tmp.cleanup());

describe('tokstudio eval', () => {
  it('imports gold and parallel files, lists them, and names the line of a bad one', () => {
    const g = run(['gold', 'import', gold, '--lang', 'tr', '--json']);
    expect(g.code).toBe(0);
    expect(JSON.parse(g.out)).toMatchObject({ id: 1, entries: 395, format: 'tsv' });
    expect(run(['parallel', 'import', parallel]).out).toBe('imported parallel set #1 "parallel.tsv" (tsv): 3 rows in en, tr, de\n');
    expect(run(['gold', 'list']).out).toMatch(/^id\s+name\s+lang.*\n1\s+gold\.tsv\s+tr\s+tsv\s+395/);
    writeFileSync(tmp.path('bad.txt'), 'evler ev ler\nkitap kit ap, ki\n');
    const bad = run(['gold', 'import', tmp.path('bad.txt')]);
    expect(bad.code).toBe(1);
    expect(bad.err).toBe('tokstudio: bad.txt:2: segments "ki" do not spell the word "kitap"\n');
  });

  it('prints a Markdown report, reusing a gold FILE already imported (same sha256)', () => {
    const r = run(['eval', '--tokenizer', '1,openai:o200k_base', '--corpus', '1', '--sample', '50', '--gold', gold, '--parallel', '1', '--format', 'md']);
    expect(r.err).toBe('evaluation #1 stored\n');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^# Evaluation #1: #1 bpe-800, OpenAI o200k_base on sample\.txt\n/);
    expect(r.out).toContain('| Tokenizer | Precision | Recall | F1 | Macro F1 | Exact words | Over-segmented | Under-segmented |');
    expect(r.out).toContain('50 non-blank lines sampled of 505 (seed 1)');
    expect(r.out).toMatch(/\| #1 bpe-800 \| 800 \| \d\.\d{3} \|/);
    expect(JSON.parse(run(['gold', 'list', '--json']).out)).toHaveLength(1);
  });

  it('writes CSV and JSON for pipelines, shows and lists stored runs', () => {
    const csv = run(['eval', '--tokenizer', '1', '--gold', '1', '--format', 'csv', '-q']);
    expect(csv.code).toBe(0);
    const rows = csv.out.trim().split('\n').map((l) => l.split(','));
    expect(rows[0]).toEqual(['evaluation_id', 'tokenizer', 'kind', 'vocab_size', 'metric', 'set', 'language', 'at_vocab_size', 'value', 'error']);
    const f1 = rows.find((r) => r[4] === 'boundary_f1')!;
    expect(f1.slice(0, 6)).toEqual(['2', '#1 bpe-800', 'bpe', '800', 'boundary_f1', 'gold.tsv']);
    expect(Number(f1[8])).toBeGreaterThan(0);

    const out = tmp.path('run.json');
    expect(run(['eval', 'show', '1', '--format', 'json', '-o', out]).err).toBe(`wrote ${out}\n`);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.tokenizers.map((t: { label: string }) => t.label)).toEqual(['#1 bpe-800', 'OpenAI o200k_base']);
    expect(json.tokenizers[0].roundTrip).toEqual({ lines: 50, exact: 50, rate: 1 });
    expect(run(['eval', 'list']).out.split('\n')).toHaveLength(4); // header, 2 runs, final newline
  });

  it('compares two stored runs: Markdown with the differing inputs first, JSON to a file, CSV', () => {
    // Run 1: bpe and o200k_base on the corpus sample, gold and parallel; run 2: bpe on the gold set only.
    const md = run(['eval', 'compare', '1', '2']);
    expect(md.code).toBe(0);
    expect(md.out).toMatch(/^# Evaluation #1 \(A\) against #2 \(B\)\n/);
    expect(md.out).toContain('- only run A measured a corpus sample ("sample.txt"): run B has no sample metrics');
    expect(md.out).toContain('- parallel set "parallel.tsv" is only in run A');
    expect(md.out).toContain('- only in run A: OpenAI o200k_base');
    expect(md.out).toMatch(/\| Boundary F1 · gold\.tsv ↑ \| \d\.\d{3} \| \d\.\d{3} \| 0 \| same \|/);
    expect(md.out).toMatch(/\| Tokens \/ word ↓ \| \d\.\d{3} \| — \| — \|  \| run B had no corpus sample \|/);

    const out = tmp.path('cmp.json');
    expect(run(['eval', 'compare', '2', '1', '--json', '-o', out])).toMatchObject({ code: 0, err: `wrote ${out}\n`, out: '' });
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect([json.a.id, json.b.id]).toEqual([2, 1]);
    expect(json.tokenizers.map((t: { label: string; matchedBy: string | null }) => [t.label, t.matchedBy])).toEqual([['#1 bpe-800', 'source'], ['OpenAI o200k_base', null]]);

    const csv = run(['eval', 'compare', '1', '2', '--format', 'csv']).out.trim().split('\n');
    expect(csv[0]).toBe('run_a,run_b,tokenizer,tokenizer_a,tokenizer_b,matched_by,metric,set,language,better,value_a,value_b,delta,change,note');
    expect(csv.find((l) => l.includes(',boundary_f1,'))).toMatch(/^1,2,#1 bpe-800,#1 bpe-800,#1 bpe-800,source,boundary_f1,gold\.tsv,,higher,[\d.]+,[\d.]+,0,same,$/);
  });

  it('refuses a comparison of a run with itself or with a missing run (exit 1), and a missing id (exit 2)', () => {
    expect(run(['eval', 'compare', '1', '1'])).toMatchObject({ code: 1, out: '', err: 'tokstudio: evaluation #1 cannot be compared with itself: pick two different runs\n' });
    expect(run(['eval', 'compare', '1', '9'])).toMatchObject({ code: 1, out: '', err: 'tokstudio: evaluation 9 not found\n' });
    const one = run(['eval', 'compare', '1']);
    expect(one.code).toBe(2);
    expect(one.err).toContain('eval compare needs two evaluation ids');
    expect(run(['eval', 'compare', '1', 'x']).code).toBe(2);
  });

  it('exits 1 with the reason when the run cannot start, 2 on a usage error', () => {
    const missing = run(['eval', '--tokenizer', '1', '--gold', '9']);
    expect(missing).toMatchObject({ code: 1, err: 'tokstudio: gold set 9 not found\n', out: '' });
    expect(run(['eval', '--tokenizer', 'gpt2', '--gold', '1']).code).toBe(2);
    expect(run(['eval', '--tokenizer', '1', '--gold', '1', '--format', 'xml']).code).toBe(2);
  });
});
