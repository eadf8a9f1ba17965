// The "new queue" form as typed, and its translation into annotate.createQueue. It checks only what the
// user can fix in the form at once; the server validates everything again.
import type { Args, TokenizerSummary } from '../../../main/api/contract';
import type { Checked } from './trainForm';

export type QueueSourceKind = 'frequency' | 'disagreement' | 'uncertainty' | 'wordlist';

export interface QueueForm {
  name: string;
  language: string;
  source: QueueSourceKind;
  corpusId: number | null;
  /** In the order picked: the first proposes segmentations. */
  tokenizerIds: number[];
  wordlistPath: string;
  size: string;
  minLength: string;
}

export function emptyQueueForm(): QueueForm {
  return { name: '', language: 'tr', source: 'frequency', corpusId: null, tokenizerIds: [], wordlistPath: '', size: '200', minLength: '3' };
}

function wholeNumber(text: string, what: string, min: number, max: number): Checked<number> {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return { ok: false, error: `${what} must be a whole number.` };
  const n = Number(t);
  if (n < min || n > max) return { ok: false, error: `${what} must be between ${min} and ${max.toLocaleString('en-US')}.` };
  return { ok: true, value: n };
}

export function toCreateQueueArgs(form: QueueForm, tokenizers: readonly TokenizerSummary[]): Checked<Args<'annotate.createQueue'>> {
  const name = form.name.trim();
  if (!name) return { ok: false, error: 'Give the queue a name.' };
  const language = form.language.trim();
  if (language.length < 2 || language.length > 16) return { ok: false, error: 'Language must be a code of 2 to 16 characters (e.g. tr).' };
  const size = wholeNumber(form.size, 'Size', 1, 100_000);
  if (!size.ok) return size;
  const minLength = wholeNumber(form.minLength, 'Minimum length', 1, 100);
  if (!minLength.ok) return minLength;
  const ids = [...new Set(form.tokenizerIds)];
  const known = ids.map((id) => tokenizers.find((t) => t.id === id));
  if (known.some((t) => !t)) return { ok: false, error: 'A chosen tokenizer version no longer exists; pick again.' };

  const base = { name, language, source: form.source, size: size.value, minLength: minLength.value, tokenizerIds: ids };
  if (form.source === 'wordlist') {
    const path = form.wordlistPath.trim();
    if (!path) return { ok: false, error: 'Give the path of the word list (one word per line, or word<TAB>count).' };
    return { ok: true, value: { ...base, wordlistPath: path } };
  }
  if (form.corpusId == null) return { ok: false, error: 'Pick the corpus whose words are drawn.' };
  if (form.source === 'disagreement' && ids.length < 2) return { ok: false, error: 'Disagreement needs two or more tokenizer versions.' };
  if (form.source === 'uncertainty') {
    if (ids.length !== 1 || known[0]?.kind !== 'hybrid') return { ok: false, error: 'Uncertainty needs exactly one hybrid version (its n-best margins rank the words).' };
  }
  return { ok: true, value: { ...base, corpusId: form.corpusId } };
}

/** Ticking a version appends it (so the first ticked proposes); unticking removes it. */
export function toggleTokenizer(ids: readonly number[], id: number): number[] {
  return ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id];
}
