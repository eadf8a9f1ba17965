// Measures BPE training on a text file: pre-token counting (gpt4o preset) and merging, plus peak RSS.
// Usage: npx esbuild bench/bpe-train.ts --bundle --platform=node --format=esm --packages=external \
//          --outfile=.tmp/bpe-train.mjs && node .tmp/bpe-train.mjs <file.txt> <vocabSize>
import { readFileSync } from 'node:fs';
import { compilePattern, pretokenize, PRETOKENIZER_PRESETS, trainBpe } from '../main/core/bpe/index';

const [file, vocabArg] = process.argv.slice(2);
if (!file || !vocabArg) {
  console.error('usage: node bpe-train.mjs <file.txt> <vocabSize>');
  process.exit(2);
}
const vocabSize = Number(vocabArg);

const t0 = performance.now();
const text = readFileSync(file, 'utf8');
const re = compilePattern(PRETOKENIZER_PRESETS.gpt4o);
const counts = new Map<string, number>();
for (const { start, end } of pretokenize(text, re)) {
  const piece = text.slice(start, end);
  counts.set(piece, (counts.get(piece) ?? 0) + 1);
}
const t1 = performance.now();
let lastPct = -1;
const { stats } = trainBpe(
  counts,
  { vocabSize, minFrequency: 2, pattern: PRETOKENIZER_PRESETS.gpt4o, specialTokens: ['<|endoftext|>'] },
  {
    onProgress: (p) => {
      const pct = Math.floor((100 * p.done) / p.total);
      if (pct % 25 === 0 && pct !== lastPct) {
        lastPct = pct;
        console.error(`  ${pct}% ${p.done}/${p.total} merges, ${Math.round(p.mergesPerSecond ?? 0)} merges/s`);
      }
    },
  },
);
const t2 = performance.now();
const mb = (Buffer.byteLength(text) / 1e6).toFixed(1);
console.log(`file: ${file} (${mb} MB), vocab ${vocabSize}`);
console.log(`pre-tokens: ${stats.pretokenTypes} distinct, ${stats.pretokenTotal} total`);
console.log(`counting: ${((t1 - t0) / 1000).toFixed(2)} s`);
console.log(`merging:  ${((t2 - t1) / 1000).toFixed(2)} s (${stats.merges} merges)`);
console.log(`stopped early: ${stats.stoppedEarly ? stats.stoppedEarly.reason : 'no'}`);
console.log(`duplicate pairs skipped: ${stats.duplicatePairsSkipped ?? 0}`);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
