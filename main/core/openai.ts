// OpenAI's pretrained encodings (o200k_base, cl100k_base), read from the ranks that js-tiktoken ships, as one
// more TextTokenizer for comparisons and evaluation. Loaded on first use: each table is large.
import { Tiktoken } from 'js-tiktoken/lite';
import type { EncodedToken } from '../api/contract';
import { byteSpansToTokens, type ByteSpan } from './text/byteSpans';
import type { TextTokenizer } from './tokenizers';

export const OPENAI_ENCODINGS = ['o200k_base', 'cl100k_base'] as const;
export type OpenAiEncoding = (typeof OPENAI_ENCODINGS)[number];

interface Ranks {
  pat_str: string;
  special_tokens: Record<string, number>;
  bpe_ranks: string;
}

const loaded = new Map<OpenAiEncoding, Promise<TextTokenizer>>();
const lenient = new TextDecoder('utf-8', { fatal: false });

export function openAiTokenizer(name: OpenAiEncoding): Promise<TextTokenizer> {
  let p = loaded.get(name);
  if (!p) {
    p = load(name);
    loaded.set(name, p);
  }
  return p;
}

async function load(name: OpenAiEncoding): Promise<TextTokenizer> {
  const mod = (name === 'o200k_base' ? await import('js-tiktoken/ranks/o200k_base') : await import('js-tiktoken/ranks/cl100k_base')) as { default: Ranks };
  return fromRanks(mod.default);
}

/** Builds the tokenizer from tiktoken's rank table ("! offset base64 base64 ..." lines). */
export function fromRanks(ranks: Ranks): TextTokenizer {
  const enc = new Tiktoken(ranks);
  const bytesOf: Uint8Array[] = [];
  for (const line of ranks.bpe_ranks.split('\n')) {
    if (!line) continue;
    const [, offsetStr, ...tokens] = line.split(' ');
    const offset = Number.parseInt(offsetStr, 10);
    tokens.forEach((t, i) => (bytesOf[offset + i] = Buffer.from(t, 'base64')));
  }
  const specialIds = new Map(Object.entries(ranks.special_tokens).map(([text, id]) => [id, text]));
  const vocabSize = Math.max(bytesOf.length, ...specialIds.keys()) + 1;
  const check = (id: number) => {
    if (!bytesOf[id] && !specialIds.has(id)) throw new Error(`token id ${id} is not in this encoding`);
  };
  return {
    kind: 'openai',
    vocabSize,
    encode(text: string): EncodedToken[] {
      // No special-token handling: text that looks like <|endoftext|> is ordinary text here.
      const ids = enc.encode(text, [], []);
      const spans: ByteSpan[] = ids.map((id) => ({ id, token: lenient.decode(bytesOf[id]), len: bytesOf[id].length, type: bytesOf[id].length === 1 ? 'byte' : 'merge' }));
      const out: EncodedToken[] = [];
      byteSpansToTokens(text, 0, 0, spans, out);
      return out;
    },
    decode(ids) {
      ids.forEach(check);
      return enc.decode([...ids]);
    },
    tokenType(id) {
      check(id);
      return specialIds.has(id) ? 'special' : bytesOf[id].length === 1 ? 'byte' : 'merge';
    },
    tokenText(id) {
      check(id);
      return specialIds.get(id) ?? lenient.decode(bytesOf[id]);
    },
  };
}
