// The evaluation metrics as data: id (the name the CSV exports use), label, unit, and which direction is
// better. Comparisons of runs (comparison.ts) read values and directions from here only, so "lower
// fertility is better" is written down once. Values are read as stored: fractions stay 0..1 ('fraction'),
// the alignment shares are already percentages ('percent').
import type { EvalBoundaries, EvalPremium, EvalTokenizerResult } from '../../api/contract';
import type { z } from 'zod';

export type MetricUnit = 'number' | 'fraction' | 'percent' | 'count' | 'MB/s';
export type MetricGroup = 'sample' | 'dictionary' | 'gold' | 'parallel';
export type Better = 'higher' | 'lower' | null;

export interface MetricDef<T> {
  id: string;
  label: string;
  help: string;
  unit: MetricUnit;
  better: Better;
  group: MetricGroup;
  value: (x: T) => number | null;
}

type Boundaries = z.infer<typeof EvalBoundaries>;
type PremiumLanguage = z.infer<typeof EvalPremium>['languages'][number];

/** Measured on the corpus sample (group 'sample') or against the run's dictionary (group 'dictionary'). */
export const TOKENIZER_METRICS: readonly MetricDef<EvalTokenizerResult>[] = [
  { id: 'tokens_per_word', label: 'Tokens / word', help: 'Fertility: tokens per whitespace-separated word on the sample', unit: 'number', better: 'lower', group: 'sample', value: (t) => t.compression?.tokensPerWord ?? null },
  { id: 'chars_per_token', label: 'Chars / token', help: 'Unicode code points per token on the sample', unit: 'number', better: 'higher', group: 'sample', value: (t) => t.compression?.charsPerToken ?? null },
  { id: 'bytes_per_token', label: 'Bytes / token', help: 'UTF-8 bytes per token on the sample', unit: 'number', better: 'higher', group: 'sample', value: (t) => t.compression?.bytesPerToken ?? null },
  { id: 'whole_word_rate', label: 'Whole words', help: 'Word occurrences encoded, after a space, as exactly one content token', unit: 'fraction', better: 'higher', group: 'sample', value: (t) => t.compression?.wholeWordRate ?? null },
  { id: 'renyi_efficiency', label: 'Rényi efficiency', help: 'H_α(p) / log |V| of the unigram token distribution on the sample (Zouhar et al. 2023)', unit: 'number', better: 'higher', group: 'sample', value: (t) => t.renyi?.efficiency ?? null },
  { id: 'shannon_efficiency', label: 'Shannon efficiency', help: 'The same with α = 1', unit: 'number', better: 'higher', group: 'sample', value: (t) => t.renyi?.shannonEfficiency ?? null },
  // Neither more nor less of the vocabulary in use is better in itself.
  { id: 'vocab_utilisation', label: 'Utilisation', help: 'Distinct token ids used on the sample / vocabulary size', unit: 'fraction', better: null, group: 'sample', value: (t) => t.renyi?.utilisation ?? null },
  { id: 'round_trip_rate', label: 'Round trip', help: 'Sample lines with decode(encode(line)) = line', unit: 'fraction', better: 'higher', group: 'sample', value: (t) => t.roundTrip?.rate ?? null },
  { id: 'throughput_mb_s', label: 'MB/s', help: 'Encoding speed on the sample (10^6 UTF-8 bytes per second; machine-dependent)', unit: 'MB/s', better: 'higher', group: 'sample', value: (t) => t.throughputMBs },
  { id: 'language_token_pct', label: 'Language tokens', help: 'Token occurrences that are a morpheme or a word the dictionary analyses completely', unit: 'percent', better: 'higher', group: 'dictionary', value: (t) => t.alignment?.tokens.languagePct ?? null },
  { id: 'pure_token_pct', label: 'Pure tokens', help: 'Token occurrences that are exactly one morpheme of the dictionary', unit: 'percent', better: 'higher', group: 'dictionary', value: (t) => t.alignment?.tokens.purePct ?? null },
  { id: 'language_type_pct', label: 'Language types', help: 'Distinct tokens that are a morpheme or a word the dictionary analyses completely', unit: 'percent', better: 'higher', group: 'dictionary', value: (t) => t.alignment?.types.languagePct ?? null },
  { id: 'pure_type_pct', label: 'Pure types', help: 'Distinct tokens that are exactly one morpheme of the dictionary', unit: 'percent', better: 'higher', group: 'dictionary', value: (t) => t.alignment?.types.purePct ?? null },
];

/** Per gold set: morpheme boundaries against the gold segmentations. */
export const BOUNDARY_METRICS: readonly MetricDef<Boundaries>[] = [
  { id: 'boundary_precision', label: 'Boundary precision', help: 'Micro precision of the boundaries the tokens make inside gold words', unit: 'number', better: 'higher', group: 'gold', value: (b) => b.micro.precision },
  { id: 'boundary_recall', label: 'Boundary recall', help: 'Micro recall of the gold boundaries', unit: 'number', better: 'higher', group: 'gold', value: (b) => b.micro.recall },
  { id: 'boundary_f1', label: 'Boundary F1', help: 'Micro F1 of the morpheme boundaries', unit: 'number', better: 'higher', group: 'gold', value: (b) => b.micro.f1 },
  { id: 'boundary_macro_f1', label: 'Boundary macro F1', help: 'Mean of the per-word boundary F1', unit: 'number', better: 'higher', group: 'gold', value: (b) => b.macro.f1 },
  { id: 'exact_words', label: 'Exact words', help: 'Gold words segmented exactly as gold', unit: 'count', better: 'higher', group: 'gold', value: (b) => b.exact },
  { id: 'over_segmented', label: 'Over-segmented', help: 'Gold words cut where gold does not cut', unit: 'count', better: 'lower', group: 'gold', value: (b) => b.overSegmented },
  { id: 'under_segmented', label: 'Under-segmented', help: 'Gold words missing a gold boundary', unit: 'count', better: 'lower', group: 'gold', value: (b) => b.underSegmented },
];

/** Per parallel set and language (not the pivot). */
export const PREMIUM_METRICS: readonly MetricDef<PremiumLanguage>[] = [
  // Fewer tokens for the same content than the pivot needs is cheaper for that language's users.
  { id: 'token_premium', label: 'Token premium', help: "Tokens of this language's side / tokens of the pivot's side over the same rows (Petrov et al. 2023); 1 is parity", unit: 'number', better: 'lower', group: 'parallel', value: (l) => l.premium },
];
