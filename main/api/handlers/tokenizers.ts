import { cutModel, fromHfTokenizerJson, explainBudget, toHfTokenizerJson } from '../../core/bpe/index';
import { hashConfig } from '../../core/store/hash';
import { loadTokenizer, summarizeEncoding, tokenTypesOf } from '../../core/tokenizers';
import { makeCasing } from '../../core/hybrid/casing';
import { UserError } from '../../core/errors';
import { withStale } from '../../core/stale';
import type { Core } from '../service';
import type { Handlers } from '../dispatcher';

type TokenizerMethods =
  | 'tokenizer.list'
  | 'tokenizer.get'
  | 'tokenizer.remove'
  | 'tokenizer.encode'
  | 'tokenizer.decode'
  | 'tokenizer.mergeTrace'
  | 'tokenizer.analyze'
  | 'tokenizer.vocab'
  | 'tokenizer.cut'
  | 'tokenizer.exportHf'
  | 'tokenizer.importHf';

export function tokenizerHandlers(core: Core): Pick<Handlers, TokenizerMethods> {
  const ws = () => core.workspace;
  return {
    'tokenizer.list': () => ws().listTokenizerVersions().map((v) => withStale(ws(), v)),
    'tokenizer.get': ({ id }) => {
      const v = ws().getTokenizerVersion(id);
      const budget = v.kind === 'bpe' && v.summary.source !== 'imported' ? explainBudget(v.summary.vocabSize, v.model.specials.length) : null;
      return { ...withStale(ws(), v.summary), config: v.config, stats: v.stats, corpusIds: v.corpusIds, budget };
    },
    'tokenizer.remove': ({ id }) => {
      core.forgetTokenizer(id);
      return { removed: ws().removeTokenizerVersion(id) };
    },
    'tokenizer.encode': ({ id, text }) => summarizeEncoding(text, core.tokenizer(id).encode(text)),
    'tokenizer.decode': ({ id, ids }) => ({ text: core.tokenizer(id).decode(ids) }),
    'tokenizer.mergeTrace': ({ id, tokenId }) => ({ steps: core.tokenizer(id).mergeTrace?.(tokenId) ?? [] }),
    'tokenizer.analyze': ({ id, word, n }) => {
      const tok = core.tokenizer(id);
      if (!tok.analyze) throw new UserError(`tokenizer #${id} is a ${tok.kind} tokenizer: n-best analyses exist only for hybrid tokenizers`);
      const v = ws().getTokenizerVersion(id);
      const language = v.kind === 'hybrid' ? v.model.dictionary.language : 'und';
      const analyses = tok.analyze(word, n);
      return { word, folded: makeCasing(language).lower(word), analyses };
    },
    'tokenizer.vocab': ({ id, offset, limit }) => {
      const page = ws().vocabPage(id, offset, limit);
      const tok = core.tokenizer(id);
      return {
        total: page.total,
        items: page.items.map((it) => ({ id: it.id, token: it.token, text: tok.tokenText(it.id), type: tok.tokenType(it.id) })),
      };
    },
    'tokenizer.cut': ({ id, vocabSize, name }) => {
      const v = ws().getTokenizerVersion(id);
      if (v.kind !== 'bpe') throw new UserError(`tokenizer #${id} is a ${v.kind} tokenizer: only BPE versions can be cut from their merge history`);
      const model = cutModel(v.model, vocabSize);
      const config = { ...v.config, vocabSize };
      return ws().addTokenizerVersion({
        name: name?.trim() || `${v.summary.name} @${vocabSize}`,
        kind: 'bpe',
        source: 'cut',
        parentId: id,
        config,
        configHash: hashConfig({ kind: 'bpe', config, cutFrom: v.summary.configHash }),
        model,
        tokenTypes: tokenTypesOf(loadTokenizer({ kind: 'bpe', model })),
        stats: { ...v.stats, merges: model.merges.length, cutFrom: id },
        trainingMs: null,
        corpusIds: v.corpusIds,
      });
    },
    'tokenizer.exportHf': ({ id }) => {
      const v = ws().getTokenizerVersion(id);
      if (v.kind !== 'bpe') {
        throw new UserError(`tokenizer #${id} is a ${v.kind} tokenizer: tokenizer.json cannot express its dictionary decoder (shared allomorph ids); only BPE versions export to tokenizer.json`);
      }
      const safe = v.summary.name.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80) || `tokenizer-${id}`;
      return { json: JSON.stringify(toHfTokenizerJson(v.model), null, 2), fileName: `${safe}.tokenizer.json` };
    },
    'tokenizer.importHf': ({ json, name }) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(json);
      } catch (err) {
        throw new UserError(`tokenizer.json is not valid JSON: ${(err as Error).message}`);
      }
      const model = fromHfTokenizerJson(parsed);
      return ws().addTokenizerVersion({
        name,
        kind: 'bpe',
        source: 'imported',
        parentId: null,
        config: { pattern: model.pattern, specialTokens: model.specials.map((s) => s.content), vocabSize: model.vocab.length },
        configHash: hashConfig({ kind: 'bpe', imported: model }),
        model,
        tokenTypes: tokenTypesOf(loadTokenizer({ kind: 'bpe', model })),
        stats: { merges: model.merges.length },
        trainingMs: null,
        corpusIds: [],
      });
    },
  };
}
