// `tokstudio demo`: the main job on the bundled sample, end to end — import, train, inspect, round trip, export.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Core } from '../api/service';
import { bundledDictionaryPath, bundledSamplePath } from '../api/service';

type Call = <T>(method: string, args: unknown) => Promise<T>;

export async function demo(core: Core, call: Call, opts: { vocab: number; log: (s: string) => void }): Promise<void> {
  const { log } = opts;
  const samplePath = bundledSamplePath();
  const corpora = await call<{ id: number; name: string; sourcePath: string; sha256: string }[]>('corpus.list', {});
  let corpus = corpora.find((c) => c.sourcePath === samplePath);
  if (corpus) log(`1. corpus #${corpus.id} "${corpus.name}" is already imported`);
  else {
    const { jobId } = await call<{ jobId: number }>('corpus.import', { path: samplePath, name: 'Turkish sample', language: 'tr' });
    const job = await core.runner.wait(jobId);
    if (job.status !== 'done') throw new Error(job.error ?? `import ${job.status}`);
    corpus = (await call<typeof corpora>('corpus.list', {})).find((c) => c.id === job.resultId)!;
    const c = corpus as unknown as { lines: number; words: number; wordTypes: number };
    log(`1. imported ${samplePath}: ${c.lines} lines, ${c.words} words, ${c.wordTypes} word types`);
  }

  const config = { vocabSize: opts.vocab, minFrequency: 2, pretokenizer: 'gpt4o', specialTokens: ['<|endoftext|>'] };
  const budget = await call<{ text: string }>('train.explainBudget', config);
  log(`2. training byte-level BPE: ${budget.text}`);
  const { jobId } = await call<{ jobId: number }>('train.start', { name: `demo-bpe-${opts.vocab}`, corpusIds: [corpus.id], kind: 'bpe', config });
  const job = await core.runner.wait(jobId);
  if (job.status !== 'done') throw new Error(job.error ?? `training ${job.status}`);
  const version = await call<{ id: number; vocabSize: number; trainingMs: number; stats: { stoppedEarly: { reason: string } | null } }>('tokenizer.get', { id: job.resultId });
  log(`   tokenizer #${version.id}: ${version.vocabSize} tokens in ${(version.trainingMs / 1000).toFixed(2)} s${version.stats.stoppedEarly ? ` (stopped early: ${version.stats.stoppedEarly.reason})` : ''}`);

  const sentences = readFileSync(join(dirname(samplePath), 'sentences.txt'), 'utf8').split('\n').filter(Boolean);
  const text = sentences[0]!;
  const enc = await call<{ tokens: { id: number; text: string }[]; tokensPerWord: number; charsPerToken: number }>('tokenizer.encode', { id: version.id, text });
  log(`3. "${text}"`);
  log(`   ${enc.tokens.map((t) => t.text.replace(/ /g, '·')).join(' | ')}`);
  log(`   ${enc.tokens.length} tokens, ${enc.tokensPerWord.toFixed(2)} tokens/word, ${enc.charsPerToken.toFixed(2)} chars/token`);

  const held = sentences.join('\n');
  const all = await call<{ tokens: { id: number }[]; words: number }>('tokenizer.encode', { id: version.id, text: held });
  const back = await call<{ text: string }>('tokenizer.decode', { id: version.id, ids: all.tokens.map((t) => t.id) });
  log(`4. held-out sentences (${sentences.length}): ${(all.tokens.length / all.words).toFixed(3)} tokens/word; round trip ${back.text === held ? 'exact' : 'DIFFERS'}`);
  if (back.text !== held) throw new Error('round trip differs: this is a bug, please report it');

  // The hybrid morpheme-aware tokenizer on the same corpus, with the bundled Turkish starter dictionary.
  const dictPath = bundledDictionaryPath();
  const dicts = await call<{ id: number; name: string }[]>('dict.list', {});
  let dictId = dicts.find((d) => d.name === 'Turkish starter dictionary')?.id;
  if (dictId === undefined) {
    const { jobId: dj } = await call<{ jobId: number }>('dict.import', { path: dictPath });
    const dictJob = await core.runner.wait(dj);
    if (dictJob.status !== 'done') throw new Error(dictJob.error ?? `dictionary import ${dictJob.status}`);
    dictId = dictJob.resultId!;
  }
  const hybridJob = await call<{ jobId: number }>('train.start', {
    name: `demo-hybrid-${opts.vocab}`,
    corpusIds: [corpus.id],
    kind: 'hybrid',
    dictionaryId: dictId,
    config: { vocabSize: opts.vocab, subwordShare: 0.3, minFrequency: 2, digits: 'single', caseMarkers: true, specialTokens: ['<|endoftext|>'] },
  });
  const hj = await core.runner.wait(hybridJob.jobId);
  if (hj.status !== 'done') throw new Error(hj.error ?? `hybrid training ${hj.status}`);
  const hybrid = await call<{ id: number; stats: { coverage: { tokens: number }; sharingRate: number; alignment: { tokens: { languagePct: number; purePct: number } } } }>('tokenizer.get', { id: hj.resultId });
  const henc = await call<{ tokens: { text: string; token: string; type: string }[]; tokensPerWord: number }>('tokenizer.encode', { id: hybrid.id, text });
  log(`5. hybrid tokenizer #${hybrid.id} with the Turkish starter dictionary (${dictPath}):`);
  log(`   ${henc.tokens.map((t) => (t.text === '' ? t.token : t.text.replace(/ /g, '·') + (t.type === 'root' ? 'ᴿ' : t.type === 'affix' ? 'ᴬ' : ''))).join(' | ')}`);
  log(`   ${henc.tokens.length} tokens (BPE: ${enc.tokens.length}); coverage ${(100 * hybrid.stats.coverage.tokens).toFixed(1)}% of corpus words, sharing rate ${(100 * hybrid.stats.sharingRate).toFixed(1)}%, language-token ${hybrid.stats.alignment.tokens.languagePct.toFixed(1)}%, pure-token ${hybrid.stats.alignment.tokens.purePct.toFixed(1)}%`);
  const hall = await call<{ tokens: { id: number }[] }>('tokenizer.encode', { id: hybrid.id, text: held });
  const hback = await call<{ text: string }>('tokenizer.decode', { id: hybrid.id, ids: hall.tokens.map((t) => t.id) });
  if (hback.text !== held) throw new Error('hybrid round trip differs: this is a bug, please report it');
  log(`   held-out sentences: ${(hall.tokens.length / all.words).toFixed(3)} tokens/word; round trip exact`);

  const exported = await call<{ json: string; fileName: string }>('tokenizer.exportHf', { id: version.id });
  const out = join(dirname(core.workspace.path), exported.fileName);
  writeFileSync(out, exported.json);
  log(`6. exported the BPE as Hugging Face tokenizer.json: ${out}`);
  log(`workspace: ${core.workspace.path}`);
}
