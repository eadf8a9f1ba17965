// Hugging Face tokenizer.json export and import for byte-level BPE models. Export writes the layout of
// tokenizers >= 0.20 (merges as [left, right] pairs). Import accepts only files whose behaviour this
// encoder reproduces exactly, and names the field that makes a file unsupported.
import type { BpeModel } from './types';
import { tokenToBytes } from './bytelevel';
import { jsToOnig, onigToJs } from './dialect';
import { compilePattern, PRETOKENIZER_PRESETS } from './pretokenize';

// What ByteLevel{use_regex: true} applies inside tokenizers (GPT-2's pattern, Oniguruma syntax).
export const HF_BYTELEVEL_REGEX = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";
// ByteLevel{use_regex: false} alone leaves the text in one piece.
const WHOLE_TEXT = '[\\s\\S]+';

export function toHfTokenizerJson(model: BpeModel): object {
  const vocab: Record<string, number> = {};
  model.vocab.forEach((tok, id) => {
    vocab[tok] = id;
  });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: model.specials.map((s) => ({
      id: s.id,
      content: s.content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: null,
    pre_tokenizer: {
      type: 'Sequence',
      pretokenizers: [
        { type: 'Split', pattern: { Regex: jsToOnig(model.pattern) }, behavior: 'Isolated', invert: false },
        { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false },
      ],
    },
    post_processor: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: false, use_regex: false },
    decoder: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: model.ignoreMerges ?? false,
      vocab,
      merges: model.merges.map(([a, b]) => [a, b]),
    },
  };
}

type Obj = Record<string, unknown>;

function fail(field: string, why: string): never {
  throw new Error(`unsupported tokenizer.json: ${field} ${why}`);
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const absent = (v: unknown) => v === undefined || v === null;

function checkByteLevel(pt: Obj, field: string): void {
  if (pt.add_prefix_space === true) fail(`${field}.add_prefix_space`, 'is true (a space is added before the text); only false is supported');
}

function escapeRegex(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/** The JavaScript pattern equivalent to the file's pre-tokenizer. */
function patternFrom(pre: unknown): string {
  if (!isObj(pre)) fail('pre_tokenizer', 'is missing; a byte-level BPE needs a ByteLevel pre-tokenizer');
  if (pre.type === 'ByteLevel') {
    checkByteLevel(pre, 'pre_tokenizer');
    return pre.use_regex === false ? WHOLE_TEXT : PRETOKENIZER_PRESETS.gpt2;
  }
  if (pre.type !== 'Sequence') fail('pre_tokenizer.type', `is ${JSON.stringify(pre.type)}; only ByteLevel or Sequence[Split, ByteLevel] is supported`);
  const list = pre.pretokenizers;
  if (!Array.isArray(list) || list.length !== 2 || !isObj(list[0]) || !isObj(list[1])) {
    fail('pre_tokenizer.pretokenizers', 'must be exactly [Split, ByteLevel]');
  }
  const [split, bl] = list as [Obj, Obj];
  if (split.type !== 'Split') fail('pre_tokenizer.pretokenizers[0].type', `is ${JSON.stringify(split.type)}; only Split is supported`);
  if (bl.type !== 'ByteLevel') fail('pre_tokenizer.pretokenizers[1].type', `is ${JSON.stringify(bl.type)}; only ByteLevel is supported`);
  checkByteLevel(bl, 'pre_tokenizer.pretokenizers[1]');
  if (bl.use_regex === true) fail('pre_tokenizer.pretokenizers[1].use_regex', 'is true after a Split (two regex passes); not supported');
  if (split.behavior !== 'Isolated') fail('pre_tokenizer.pretokenizers[0].behavior', `is ${JSON.stringify(split.behavior)}; only "Isolated" is supported`);
  if (split.invert === true) fail('pre_tokenizer.pretokenizers[0].invert', 'is true; not supported');
  const pat = split.pattern;
  let source: string;
  if (isObj(pat) && typeof pat.Regex === 'string') source = onigToJs(pat.Regex);
  else if (isObj(pat) && typeof pat.String === 'string') source = escapeRegex(pat.String);
  else fail('pre_tokenizer.pretokenizers[0].pattern', 'must be {"Regex": ...} or {"String": ...}');
  compilePattern(source);
  return source;
}

export function fromHfTokenizerJson(json: unknown): BpeModel {
  if (!isObj(json)) fail('(top level)', 'is not a JSON object');
  const m = json.model;
  if (!isObj(m)) fail('model', 'is missing');
  if (m.type !== undefined && m.type !== 'BPE') fail('model.type', `is ${JSON.stringify(m.type)}; only BPE is supported`);
  if (!absent(m.dropout) && m.dropout !== 0) fail('model.dropout', `is ${m.dropout}; BPE dropout is not supported`);
  if (m.byte_fallback === true) fail('model.byte_fallback', 'is true (a SentencePiece-style model); only byte-level BPE is supported');
  if (typeof m.continuing_subword_prefix === 'string' && m.continuing_subword_prefix !== '') {
    fail('model.continuing_subword_prefix', `is ${JSON.stringify(m.continuing_subword_prefix)}; not supported`);
  }
  if (typeof m.end_of_word_suffix === 'string' && m.end_of_word_suffix !== '') {
    fail('model.end_of_word_suffix', `is ${JSON.stringify(m.end_of_word_suffix)}; not supported`);
  }
  const norm = json.normalizer;
  if (!absent(norm) && !(isObj(norm) && norm.type === 'Sequence' && Array.isArray(norm.normalizers) && norm.normalizers.length === 0)) {
    fail('normalizer', `is ${JSON.stringify(isObj(norm) ? norm.type : norm)}; a normalizer changes the text and is not supported`);
  }
  const dec = json.decoder;
  if (!absent(dec) && !(isObj(dec) && dec.type === 'ByteLevel')) {
    fail('decoder', `is ${JSON.stringify(isObj(dec) ? dec.type : dec)}; only ByteLevel is supported`);
  }
  const pattern = patternFrom(json.pre_tokenizer);

  // Vocabulary: model.vocab plus added tokens, together exactly the ids 0..n-1.
  if (!isObj(m.vocab)) fail('model.vocab', 'is missing or not an object');
  const byId = new Map<number, string>();
  const put = (id: unknown, tok: string, field: string) => {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) fail(field, `has an invalid id ${JSON.stringify(id)} for ${JSON.stringify(tok)}`);
    const prev = byId.get(id);
    if (prev !== undefined && prev !== tok) fail(field, `gives id ${id} to both ${JSON.stringify(prev)} and ${JSON.stringify(tok)}`);
    byId.set(id, tok);
  };
  for (const [tok, id] of Object.entries(m.vocab)) put(id, tok, 'model.vocab');
  const specials: { id: number; content: string }[] = [];
  const added = json.added_tokens ?? [];
  if (!Array.isArray(added)) fail('added_tokens', 'is not an array');
  added.forEach((t: unknown, i) => {
    if (!isObj(t) || typeof t.content !== 'string' || t.content === '') fail(`added_tokens[${i}]`, 'has no content');
    for (const flag of ['single_word', 'lstrip', 'rstrip'] as const) {
      if (t[flag] === true) fail(`added_tokens[${i}].${flag}`, `is true for ${JSON.stringify(t.content)}; not supported`);
    }
    put(t.id, t.content, `added_tokens[${i}]`);
    // Special or not, an added token is matched verbatim before pre-tokenization, like our specials.
    specials.push({ id: t.id as number, content: t.content });
  });
  const n = byId.size;
  const vocab: string[] = new Array(n);
  for (const [id, tok] of byId) {
    if (id >= n) fail('model.vocab', `ids must be 0..${n - 1} without gaps, but ${id} is used`);
    vocab[id] = tok;
  }
  const specialIds = new Set(specials.map((s) => s.id));
  const known = new Set<string>();
  vocab.forEach((tok, id) => {
    if (specialIds.has(id)) return;
    try {
      tokenToBytes(tok);
    } catch (e) {
      fail('model.vocab', `is not byte-level: ${(e as Error).message}`);
    }
    known.add(tok);
  });

  if (!Array.isArray(m.merges)) fail('model.merges', 'is missing or not an array');
  const merges: [string, string][] = m.merges.map((entry: unknown, rank: number): [string, string] => {
    let pair: unknown[];
    if (typeof entry === 'string') pair = entry.split(' ');
    else if (Array.isArray(entry)) pair = entry;
    else fail(`model.merges[${rank}]`, 'is neither "a b" nor ["a", "b"]');
    if (pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
      fail(`model.merges[${rank}]`, `is ${JSON.stringify(entry)}, not a pair of tokens`);
    }
    const [a, b] = pair as [string, string];
    for (const tok of [a, b, a + b]) {
      if (!known.has(tok)) fail(`model.merges[${rank}]`, `(${JSON.stringify(a)} + ${JSON.stringify(b)}) refers to ${JSON.stringify(tok)}, which is not in the vocabulary`);
    }
    return [a, b];
  });

  specials.sort((a, b) => a.id - b.id);
  const model: BpeModel = { pattern, specials, vocab, merges };
  if (m.ignore_merges === true) model.ignoreMerges = true;
  return model;
}
