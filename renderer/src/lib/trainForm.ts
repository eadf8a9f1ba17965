// The Train form's fields as typed, and their translation into a training request. Checks here only
// catch what the user can fix in the form right away; the server validates everything again.
import type { BpeTrainConfigInput, PretokenizerPreset } from '../../../main/api/contract';

export interface TrainForm {
  name: string;
  corpusIds: number[];
  vocabSize: string;
  minFrequency: string;
  pretokenizer: PretokenizerPreset;
  pattern: string;
  /** One special token per line. */
  specialTokens: string;
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

/** Why the Train button is disabled, or null when a request can be sent. */
export function trainBlocker(form: TrainForm): string | null {
  if (!form.name.trim()) return 'Give the tokenizer a name.';
  if (form.corpusIds.length === 0) return 'Select at least one corpus.';
  const c = toTrainConfig(form);
  return c.ok ? null : c.error;
}
