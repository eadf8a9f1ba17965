// Encoding with the addon: the same ids as BpeTokenizer.encodeIds (bpe/tokenizer.ts) for models whose
// pre-tokenizer is a preset; other patterns stay on the TypeScript encoder.
import type { EncodedToken } from '../../api/contract';
import type { BpeModel } from '../bpe/types';
import { byteSpansToTokens, type ByteSpan } from '../text/byteSpans';
import { BYTE_TO_CHAR, tokenToBytes } from '../bpe/bytelevel';
import { nativeAddon, type NativeEncoder, type NativeEncoderModel } from './load';
import { nativePresetOf } from './count';

const encoders = new WeakMap<BpeModel, NativeEncoder | null>();

function encoderModel(model: BpeModel): NativeEncoderModel | null {
  const preset = nativePresetOf(model.pattern);
  if (preset === null) return null;
  const special = new Set(model.specials.map((s) => s.id));
  const ids = new Map<string, number>();
  model.vocab.forEach((tok, id) => {
    if (!special.has(id)) ids.set(tok, id);
  });
  const byteIds = new Uint32Array(256);
  for (let b = 0; b < 256; b++) {
    const id = ids.get(BYTE_TO_CHAR[b]);
    if (id === undefined) return null; // BpeTokenizer refuses such a model with the reason
    byteIds[b] = id;
  }
  const n = model.merges.length;
  const left = new Uint32Array(n);
  const right = new Uint32Array(n);
  const result = new Uint32Array(n);
  for (let r = 0; r < n; r++) {
    const [a, b] = model.merges[r];
    const l = ids.get(a);
    const rt = ids.get(b);
    const z = ids.get(a + b);
    if (l === undefined || rt === undefined || z === undefined) return null;
    left[r] = l;
    right[r] = rt;
    result[r] = z;
  }
  const out: NativeEncoderModel = {
    preset,
    byteIds,
    left,
    right,
    result,
    specials: model.specials.map((s) => s.content),
    specialIds: Uint32Array.from(model.specials.map((s) => s.id)),
    ignoreMerges: model.ignoreMerges === true,
  };
  if (out.ignoreMerges) {
    const toks = [...ids];
    const parts = toks.map(([tok]) => tokenToBytes(tok));
    out.tokenBytes = Buffer.concat(parts);
    out.tokenLens = Uint32Array.from(parts, (p) => p.length);
    out.tokenIds = Uint32Array.from(toks, ([, id]) => id);
  }
  return out;
}

/** The addon's encoder for this model (made once per model object), or null when it cannot take it. */
export function nativeEncoderFor(model: BpeModel): NativeEncoder | null {
  if (encoders.has(model)) return encoders.get(model)!;
  const addon = nativeAddon();
  const m = addon ? encoderModel(model) : null;
  const enc = m ? new addon!.Encoder(m) : null;
  encoders.set(model, enc);
  return enc;
}

/**
 * BpeTokenizer.encodeIds on the addon. Throws when the addon is not loaded or cannot take the model's
 * pattern (nativeEncoderFor says beforehand), and, like the reference, for a lone surrogate.
 */
export function encodeIdsNative(model: BpeModel, text: string): number[] {
  const enc = nativeEncoderFor(model);
  if (!enc) throw new Error('the native encoder cannot take this model (no addon, or a custom pre-tokenizer pattern)');
  return Array.from(enc.encodeIds(text));
}

/**
 * BpeTokenizer.encode on the addon: the same tokens with UTF-16 and byte offsets. Tokens never cross a
 * pre-token, so mapping byte spans to offsets over the whole text gives what the reference gives per piece.
 */
export function encodeTokensNative(model: BpeModel, text: string): EncodedToken[] {
  const enc = nativeEncoderFor(model);
  if (!enc) throw new Error('the native encoder cannot take this model (no addon, or a custom pre-tokenizer pattern)');
  const { ids, lens } = enc.encodeWithLengths(text);
  const specials = new Set(model.specials.map((s) => s.id));
  const spans: ByteSpan[] = new Array(ids.length);
  for (let t = 0; t < ids.length; t++) {
    const id = ids[t];
    spans[t] = { id, token: model.vocab[id], len: lens[t], type: specials.has(id) ? 'special' : lens[t] === 1 ? 'byte' : 'merge' };
  }
  const out: EncodedToken[] = [];
  byteSpansToTokens(text, 0, 0, spans, out);
  return out;
}
