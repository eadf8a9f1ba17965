// One benchmark task per process, so each gets its own peak RSS (bench/run.mjs runs them under
// /usr/bin/time -v). Prints one JSON line with the timings. Built by run.mjs with esbuild.
//   train-native|train-ts FILE VOCAB PRESET OUT.json   count the corpus, train, save the model
//   train-hf FILE OUT.json                            Hugging Face tokenizers, default BpeTrainer (30,000)
//   encode-native|encode-ts MODEL.json FILE            encode FILE in chunks of lines
//   encode-hf TOKENIZER.json FILE                      Hugging Face encodeBatch over the same chunks
//   encode-tiktoken FILE                               js-tiktoken o200k_base over the same chunks
//   train-hybrid-native|train-hybrid-ts FILE DICT VOCAB OUT.json   count the corpus, train a hybrid, save it
//   encode-hybrid MODEL.json FILE                      the hybrid tokenizer over the same chunks
//   make-big FILE MB OUT.gz                            FILE repeated to MB megabytes (decompressed), gzipped
//   count-big FILE.gz                                  count it natively (gpt4o): the peak RSS is the figure
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { countCorpus } from '../main/core/corpus/count';
import { compilePattern, pretokenize, PRETOKENIZER_PRESETS } from '../main/core/bpe/pretokenize';
import { trainBpe } from '../main/core/bpe/trainer';
import { BpeTokenizer } from '../main/core/bpe/tokenizer';
import type { BpeModel } from '../main/core/bpe/types';
import { countCorpusNative, nativeEncoderFor, nativeStatus, trainBpeNative } from '../main/core/native/index';
import { importDictionaryFile } from '../main/core/dict/import';
import { HybridTokenizer, trainHybrid } from '../main/core/hybrid/index';
import type { HybridModel } from '../main/core/hybrid/model';

const [task, ...args] = process.argv.slice(2);
const now = () => performance.now() / 1000;

function splitter(pattern: string): (t: string) => string[] {
  const re = compilePattern(pattern);
  return (t) => pretokenize(t, re).map((s) => t.slice(s.start, s.end));
}

/** The file as chunks of 64 lines (each with its newlines): what every encoder gets. */
function chunks(file: string): { parts: string[]; bytes: number } {
  const text = readFileSync(file, 'utf8');
  const lines = text.split(/(?<=\n)/);
  const parts: string[] = [];
  for (let i = 0; i < lines.length; i += 64) parts.push(lines.slice(i, i + 64).join(''));
  return { parts, bytes: Buffer.byteLength(text) };
}

async function main(): Promise<object> {
  switch (task) {
    case 'train-native':
    case 'train-ts': {
      const [file, vocab, preset, out] = args;
      const pattern = PRETOKENIZER_PRESETS[preset as 'gpt2' | 'gpt4o'];
      const native = task === 'train-native';
      if (native && nativeStatus().engine !== 'native') throw new Error(`addon not loaded: ${nativeStatus().reason}`);
      const t0 = now();
      const opts = { format: 'text' as const, pattern, pretokenize: splitter(pattern) };
      const counted = native ? await countCorpusNative(file, opts) : await countCorpus(file, opts);
      const t1 = now();
      const trainOpts = { vocabSize: Number(vocab), minFrequency: 1, pattern, specialTokens: [] };
      const { model, stats } = native ? await trainBpeNative(counted.pretokens, trainOpts) : trainBpe(counted.pretokens, trainOpts);
      const t2 = now();
      writeFileSync(out, JSON.stringify(model));
      return { countS: t1 - t0, mergeS: t2 - t1, totalS: t2 - t0, merges: stats.merges, pretokenTypes: stats.pretokenTypes };
    }
    case 'train-hybrid-native':
    case 'train-hybrid-ts': {
      const [file, dictFile, vocab, out] = args;
      const native = task === 'train-hybrid-native';
      if (native && nativeStatus().engine !== 'native') throw new Error(`addon not loaded: ${nativeStatus().reason}`);
      const { dictionary } = importDictionaryFile(dictFile);
      const pattern = PRETOKENIZER_PRESETS.gpt4o;
      const t0 = now();
      const opts = { format: 'text' as const, pattern, pretokenize: splitter(pattern) };
      const counted = native ? await countCorpusNative(file, opts) : await countCorpus(file, opts);
      const t1 = now();
      // Where the time goes: the time of each phase, from the trainer's progress reports.
      const phases: Record<string, number> = {};
      let phase = '';
      let mark = now();
      const config = { vocabSize: Number(vocab), subwordShare: 0.3, minFrequency: 2, digits: 'single' as const, caseMarkers: true, specialTokens: [] };
      const { model, stats } = trainHybrid(
        { wordCounts: counted.words, dictionary, config, engine: native ? 'native' : 'typescript' },
        {
          onProgress: (p) => {
            if (p.phase === phase) return;
            const t = now();
            if (phase) phases[phase] = +(t - mark).toFixed(3);
            phase = p.phase;
            mark = t;
          },
        },
      );
      const t2 = now();
      phases[phase] = +(t2 - mark).toFixed(3);
      writeFileSync(out, JSON.stringify(model));
      return { countS: t1 - t0, trainS: t2 - t1, totalS: t2 - t0, phases, vocab: stats.vocab.total, wordTypes: counted.words.size };
    }
    case 'encode-hybrid': {
      const [modelFile, file] = args;
      const tok = new HybridTokenizer(JSON.parse(readFileSync(modelFile, 'utf8')) as HybridModel);
      const { parts, bytes } = chunks(file);
      const t0 = now();
      let tokens = 0;
      for (const p of parts) tokens += tok.encodeIds(p).length;
      const s = now() - t0;
      return { seconds: s, mbPerS: bytes / 1e6 / s, tokens };
    }
    case 'make-big': {
      const [file, mb, out] = args;
      const block = readFileSync(file);
      const gz = createGzip({ level: 1 });
      const sink = createWriteStream(out);
      gz.pipe(sink);
      let written = 0;
      while (written < Number(mb) * 1e6) {
        if (!gz.write(block)) await once(gz, 'drain');
        written += block.length;
      }
      gz.end();
      await once(sink, 'close');
      return { decompressedMB: written / 1e6 };
    }
    case 'count-big': {
      const [file] = args;
      if (nativeStatus().engine !== 'native') throw new Error(`addon not loaded: ${nativeStatus().reason}`);
      const pattern = PRETOKENIZER_PRESETS.gpt4o;
      const t0 = now();
      const counted = await countCorpusNative(file, { format: 'text', pattern, pretokenize: splitter(pattern) });
      return { totalS: now() - t0, lines: counted.lines, wordTypes: counted.words.size };
    }
    case 'train-hf': {
      const [file, out] = args;
      const hf = await import('tokenizers');
      const t0 = now();
      const tok = new hf.Tokenizer(hf.BPE.empty());
      tok.setPreTokenizer(hf.byteLevelPreTokenizer());
      tok.train([file]);
      const t1 = now();
      tok.save(out);
      return { totalS: t1 - t0, vocab: tok.getVocabSize() };
    }
    case 'encode-native':
    case 'encode-ts': {
      const [modelFile, file] = args;
      const model = JSON.parse(readFileSync(modelFile, 'utf8')) as BpeModel;
      const { parts, bytes } = chunks(file);
      const encode = task === 'encode-native' ? nativeEncoderFor(model)!.encodeIds.bind(nativeEncoderFor(model)) : ((t: string) => ts.encodeIds(t));
      const ts = new BpeTokenizer(model);
      const t0 = now();
      let tokens = 0;
      for (const p of parts) tokens += encode(p).length;
      const s = now() - t0;
      return { seconds: s, mbPerS: bytes / 1e6 / s, tokens };
    }
    case 'encode-hf': {
      const [tokFile, file] = args;
      const hf = await import('tokenizers');
      const tok = hf.Tokenizer.fromFile(tokFile);
      const { parts, bytes } = chunks(file);
      const t0 = now();
      let tokens = 0;
      for (let i = 0; i < parts.length; i += 256) {
        for (const e of await tok.encodeBatch(parts.slice(i, i + 256))) tokens += e.getLength();
      }
      const s = now() - t0;
      return { seconds: s, mbPerS: bytes / 1e6 / s, tokens };
    }
    case 'encode-tiktoken': {
      const [file] = args;
      const { getEncoding } = await import('js-tiktoken');
      const enc = getEncoding('o200k_base');
      const { parts, bytes } = chunks(file);
      const t0 = now();
      let tokens = 0;
      for (const p of parts) tokens += enc.encode(p).length;
      const s = now() - t0;
      return { seconds: s, mbPerS: bytes / 1e6 / s, tokens };
    }
    default:
      throw new Error(`unknown task ${task}`);
  }
}

main().then(
  (r) => console.log(JSON.stringify({ task, ...r })),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
