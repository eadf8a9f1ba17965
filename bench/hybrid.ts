// Trains the hybrid tokenizer on a corpus with a dictionary and checks the round trip on every line.
// Usage: npx esbuild bench/hybrid.ts --bundle --platform=node --format=esm --packages=external \
//          --outfile=.tmp/hybrid.mjs && node .tmp/hybrid.mjs <corpus.txt> <dictionary (.json|.aff|.dic|.tsv)> <vocabSize> [subwordShare]
import { readFileSync } from 'node:fs';
import { importDictionaryFile } from '../main/core/dict/import';
import { HybridTokenizer, trainHybrid } from '../main/core/hybrid/index';

const [corpus, dictPath, vocabArg, shareArg] = process.argv.slice(2);
if (!corpus || !dictPath || !vocabArg) {
  console.error('usage: node hybrid.mjs <corpus.txt> <dictionary> <vocabSize> [subwordShare]');
  process.exit(2);
}
const text = readFileSync(corpus, 'utf8');
const counts = new Map<string, number>();
for (const w of text.split(/\s+/u)) if (w) counts.set(w, (counts.get(w) ?? 0) + 1);

let t = performance.now();
const { dictionary, report } = importDictionaryFile(dictPath);
const importMs = performance.now() - t;
t = performance.now();
const { model, stats } = trainHybrid({
  wordCounts: counts,
  dictionary,
  config: { vocabSize: Number(vocabArg), subwordShare: Number(shareArg ?? 0.3), minFrequency: 2, digits: 'single', caseMarkers: true, specialTokens: ['<|endoftext|>'] },
});
const trainMs = performance.now() - t;
const tok = new HybridTokenizer(model);
t = performance.now();
const lines = text.split('\n');
let exact = 0;
let tokens = 0;
for (const line of lines) {
  const ids = tok.encodeIds(line);
  tokens += ids.length;
  if (tok.decode(ids) === line) exact++;
}
const encodeMs = performance.now() - t;
const whole = tok.decode(tok.encodeIds(text)) === text;
const words = text.split(/\s+/u).filter(Boolean).length;
const pct = (x: number) => (100 * x).toFixed(1) + '%';
console.log(`corpus ${corpus}: ${(text.length / 1e6).toFixed(2)} M chars, ${lines.length} lines, ${words} words`);
console.log(`dictionary ${dictPath}: ${report.roots} roots, ${report.groups} groups, ${report.variants} variants (import ${(importMs / 1000).toFixed(2)} s)`);
console.log(`vocab ${stats.vocab.total} of ${vocabArg}: roots ${stats.vocab.roots} (+${stats.vocab.rootAlternants} alt), groups ${stats.vocab.groups} (+${stats.vocab.variants} variants), merges ${stats.vocab.merges}; roots kept ${stats.roots.kept}/${stats.roots.inDictionary}`);
console.log(`coverage ${pct(stats.coverage.tokens)} of word tokens, ${pct(stats.coverage.types)} of types; sharing rate ${pct(stats.sharingRate)}`);
console.log(`tokens/word ${(tokens / words).toFixed(3)} (line by line); language-token ${stats.alignment.tokens.languagePct.toFixed(1)}% pure-token ${stats.alignment.tokens.purePct.toFixed(1)}% (types ${stats.alignment.types.languagePct.toFixed(1)}% / ${stats.alignment.types.purePct.toFixed(1)}%)`);
console.log(`round trip: ${exact}/${lines.length} lines exact, whole file ${whole ? 'exact' : 'DIFFERS'}`);
console.log(`training ${(trainMs / 1000).toFixed(2)} s; encoding every line ${(encodeMs / 1000).toFixed(2)} s; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
