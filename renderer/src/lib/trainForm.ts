// The Train form's fields as typed, and their translation into a training request. Checks here only
// catch what the user can fix in the form right away; the server validates everything again.
import type { Args, BpeTrainConfigInput, HybridTrainConfig, PretokenizerPreset, TokenizerKind } from '../../../main/api/contract';

export interface TrainForm {
  kind: TokenizerKind;
  name: string;
  corpusIds: number[];
  vocabSize: string;
  minFrequency: string;
  /** One special token per line. */
  specialTokens: string;
  // BPE only
  pretokenizer: PretokenizerPreset;
  pattern: string;
  // hybrid only
  dictionaryId: number | null;
  /** 0..1 as typed. */
  subwordShare: string;
  digits: HybridTrainConfig['digits'];
  caseMarkers: boolean;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** Non-empty lines, trimmed of the line ending only (leading/trailing spaces would be part of a token, so they are refused). */
export function parseSpecialTokens(text: string): Checked<string[]> {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const seen = new Set<string>();
  for (const l of lines) {
    if (l !== l.trim()) return { ok: false, error: `Special token "${l}" has leading or trailing spaces.` };
    if (seen.has(l)) return { ok: false, error: `Special token "${l}" is listed twice.` };
    seen.add(l);
  }
  return { ok: true, value: lines };
}

function parseInt10(text: string, what: string, min: number, max: number): Checked<number> {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return { ok: false, error: `${what} must be a whole number.` };
  const n = Number(t);
  if (n < min || n > max) return { ok: false, error: `${what} must be between ${min} and ${max.toLocaleString('en-US')}.` };
  return { ok: true, value: n };
}

/** The BPE config the form describes, or the first thing to fix. */
export function toTrainConfig(form: TrainForm): Checked<BpeTrainConfigInput> {
  const vocab = parseInt10(form.vocabSize, 'Vocabulary size', 1, 1_000_000);
  if (!vocab.ok) return vocab;
  const minFreq = parseInt10(form.minFrequency, 'Minimum frequency', 1, 1_000_000_000);
  if (!minFreq.ok) return minFreq;
  const specials = parseSpecialTokens(form.specialTokens);
  if (!specials.ok) return specials;
  const config: BpeTrainConfigInput = {
    vocabSize: vocab.value,
    minFrequency: minFreq.value,
    pretokenizer: form.pretokenizer,
    specialTokens: specials.value,
  };
  if (form.pretokenizer === 'custom') {
    if (!form.pattern) return { ok: false, error: 'Enter a pre-tokenizer regex, or pick a preset.' };
    try {
      new RegExp(form.pattern, 'gu');
    } catch (e) {
      return { ok: false, error: `The regex does not compile: ${(e as Error).message}` };
    }
    config.pattern = form.pattern;
  }
  return { ok: true, value: config };
}

/** The hybrid config the form describes, or the first thing to fix. */
export function toHybridConfig(form: TrainForm): Checked<HybridTrainConfig> {
  const vocab = parseInt10(form.vocabSize, 'Vocabulary size', 1, 1_000_000);
  if (!vocab.ok) return vocab;
  const share = parseShare(form.subwordShare);
  if (!share.ok) return share;
  const minFreq = parseInt10(form.minFrequency, 'Minimum frequency', 1, 1_000_000_000);
  if (!minFreq.ok) return minFreq;
  const specials = parseSpecialTokens(form.specialTokens);
  if (!specials.ok) return specials;
  return {
    ok: true,
    value: {
      vocabSize: vocab.value,
      subwordShare: share.value,
      minFrequency: minFreq.value,
      digits: form.digits,
      caseMarkers: form.caseMarkers,
      specialTokens: specials.value,
    },
  };
}

/** A share between 0 and 1; "30%" is read as 0.3 since that is how people say it. */
export function parseShare(text: string): Checked<number> {
  const t = text.trim();
  const pct = t.endsWith('%');
  const body = pct ? t.slice(0, -1).trim() : t;
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(body)) return { ok: false, error: 'Subword share must be a number between 0 and 1.' };
  const v = pct ? Number(body) / 100 : Number(body);
  if (v < 0 || v > 1) return { ok: false, error: 'Subword share must be between 0 and 1 (or 0% and 100%).' };
  return { ok: true, value: v };
}

/** The whole `train.start` request, or the first thing to fix. */
export function toTrainRequest(form: TrainForm): Checked<Args<'train.start'>> {
  const name = form.name.trim();
  if (!name) return { ok: false, error: 'Give the tokenizer a name.' };
  if (form.corpusIds.length === 0) return { ok: false, error: 'Select at least one corpus.' };
  if (form.kind === 'bpe') {
    const c = toTrainConfig(form);
    return c.ok ? { ok: true, value: { kind: 'bpe', name, corpusIds: [...form.corpusIds], config: c.value } } : c;
  }
  if (form.dictionaryId === null) return { ok: false, error: 'Pick a dictionary (import one in Dictionaries).' };
  const c = toHybridConfig(form);
  return c.ok ? { ok: true, value: { kind: 'hybrid', name, corpusIds: [...form.corpusIds], dictionaryId: form.dictionaryId, config: c.value } } : c;
}

/** Why the Train button is disabled, or null when a request can be sent. */
export function trainBlocker(form: TrainForm): string | null {
  const r = toTrainRequest(form);
  return r.ok ? null : r.error;
}

export interface HybridBudget {
  /** The most ids specials, markers, whitespace, roots, affix groups and digits may take. */
  dictionaryMax: number;
  /** The least left for the residue BPE (256 bytes + merges). */
  subwordMin: number;
  text: string;
}

/**
 * How the trainer splits a hybrid vocabulary before it has seen the corpus: the dictionary side is capped
 * at vocabSize × (1 − share) (and always leaves the 256 byte tokens); whatever it does not use goes to subwords.
 */
export function hybridBudget(vocabSize: number, subwordShare: number): HybridBudget {
  const dictionaryMax = Math.max(0, Math.min(Math.floor(vocabSize * (1 - subwordShare)), vocabSize - 256));
  const subwordMin = vocabSize - dictionaryMax;
  const f = (n: number) => n.toLocaleString('en-US');
  return {
    dictionaryMax,
    subwordMin,
    text:
      `${f(vocabSize)} = up to ${f(dictionaryMax)} for the dictionary (specials, markers, whitespace, roots, affix groups, digits) ` +
      `+ at least ${f(subwordMin)} for subwords (256 bytes + merges). The dictionary takes what it needs; subwords get the rest.`,
  };
}
