// How long re-segmenting 10,000 characters takes in the inspector, per tokenizer, on the bundled sample: our BPE
// and hybrid tokenizers next to js-tiktoken's o200k_base on the same text, and through the localhost bridge.
// Usage: npx esbuild bench/inspect.ts --bundle --platform=node --format=esm --packages=external \
//          --outfile=.tmp/inspect.mjs && node .tmp/inspect.mjs
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getEncoding } from 'js-tiktoken';
import { BpeTokenizer, trainBpe, PRETOKENIZER_PRESETS, compilePattern, pretokenize } from '../main/core/bpe/index';
import { HybridTokenizer, trainHybrid } from '../main/core/hybrid/index';
import type { Dictionary } from '../main/core/dict/types';

const samples = fileURLToPath(new URL('../samples/tr/', import.meta.url));
const sample = readFileSync(samples + 'sample.txt', 'utf8');
const dictionary = JSON.parse(readFileSync(samples + 'dictionary.json', 'utf8')) as Dictionary;
const text = sample.slice(sample.length - 10_000); // the end of the file: prose the caches have not seen first

const pretok = new Map<string, number>();
const re = compilePattern(PRETOKENIZER_PRESETS.gpt4o);
for (const s of pretokenize(sample, re)) {
  const p = sample.slice(s.start, s.end);
  pretok.set(p, (pretok.get(p) ?? 0) + 1);
}
const words = new Map<string, number>();
for (const w of sample.split(/\s+/u)) if (w) words.set(w, (words.get(w) ?? 0) + 1);

const bpe = () => new BpeTokenizer(trainBpe(pretok, { vocabSize: 8000, minFrequency: 2, pattern: PRETOKENIZER_PRESETS.gpt4o, specialTokens: [] }).model);
const hybridModel = trainHybrid({ wordCounts: words, dictionary, config: { vocabSize: 8000, subwordShare: 0.3, minFrequency: 2, digits: 'single', caseMarkers: true, specialTokens: [] } }).model;
const hybrid = () => new HybridTokenizer(hybridModel);
const o200k = getEncoding('o200k_base');

function time(label: string, make: () => { encode(t: string): unknown }) {
  const tok = make();
  let t = performance.now();
  tok.encode(text);
  const cold = performance.now() - t;
  const runs: number[] = [];
  for (let i = 0; i < 30; i++) {
    // A one-character edit in the middle, as when typing.
    const edited = text.slice(0, 5000 + i) + 'a' + text.slice(5001 + i);
    t = performance.now();
    tok.encode(edited);
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  console.log(`${label.padEnd(26)} first ${cold.toFixed(1).padStart(6)} ms   after an edit: median ${runs[15].toFixed(1).padStart(5)} ms, worst ${runs[29].toFixed(1).padStart(5)} ms`);
  return runs[15];
}

console.log(`re-segmenting ${text.length} characters (${[...text].length} code points) of samples/tr/sample.txt, node ${process.version}`);
const b = time('our BPE 8k', bpe);
const h = time('our hybrid 8k', hybrid);
const o = time('js-tiktoken o200k_base', () => ({ encode: (t: string) => o200k.encode(t) }));
console.log(`ratios (median after an edit): js-tiktoken / BPE ${(o / b).toFixed(2)}x, js-tiktoken / hybrid ${(o / h).toFixed(2)}x`);
