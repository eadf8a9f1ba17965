// The statistics a hybrid training records (the core's HybridStats), read defensively from the open-ended
// `stats` record and turned into the figures the Tokenizers view shows.
import { formatDecimal, formatInt } from './format';

export interface VocabSegment {
  key: string;
  label: string;
  count: number;
  /** Share of the total, 0..1. */
  share: number;
  /** Which side of the budget the ids belong to. */
  side: 'fixed' | 'dictionary' | 'subword';
}

export interface HybridStatsView {
  total: number;
  segments: VocabSegment[];
  dictionaryIds: number;
  subwordIds: number;
  /** droppedUnusable: 0 for versions trained before it was counted. */
  roots: { inDictionary: number; kept: number; dropped: number; droppedUnseen: number; droppedRare: number; droppedForBudget: number; droppedUnusable: number } | null;
  /** 0..1 */
  coverage: { tokens: number; types: number } | null;
  /** 0..1 */
  sharingRate: number | null;
  tokensPerWord: number | null;
  /** Percentages 0..100 over token occurrences and over distinct token types. */
  alignment: { tokens: { languagePct: number; purePct: number }; types: { languagePct: number; purePct: number } } | null;
  bpe: { merges: number; stoppedEarly: string | null; residueTypes: number | null } | null;
}

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function nums<K extends string>(o: Rec | null, keys: readonly K[]): Record<K, number> | null {
  if (!o) return null;
  const out = {} as Record<K, number>;
  for (const k of keys) {
    const v = num(o[k]);
    if (v === null) return null;
    out[k] = v;
  }
  return out;
}

const SEGMENTS: readonly { key: string; label: string; side: VocabSegment['side'] }[] = [
  { key: 'specials', label: 'specials, markers, whitespace', side: 'fixed' },
  { key: 'roots', label: 'roots', side: 'dictionary' },
  { key: 'rootAlternants', label: 'root alternants', side: 'dictionary' },
  { key: 'groups', label: 'affix groups', side: 'dictionary' },
  { key: 'variants', label: 'affix variants', side: 'dictionary' },
  { key: 'digits', label: 'digits', side: 'fixed' },
  { key: 'bytes', label: 'bytes', side: 'subword' },
  { key: 'merges', label: 'subword merges', side: 'subword' },
];

/** The keys this module explains; anything else in `stats` is listed generically. */
export const HYBRID_STAT_KEYS = ['vocab', 'roots', 'coverage', 'sharingRate', 'tokensPerWord', 'alignment', 'bpe', 'trainingMs'] as const;

/** Null when `stats` is not a hybrid training's (no vocabulary split). */
export function readHybridStats(stats: Rec): HybridStatsView | null {
  const vocab = rec(stats.vocab);
  if (!vocab) return null;
  const counts = SEGMENTS.map((s) => num(vocab[s.key]) ?? 0);
  const total = num(vocab.total) ?? counts.reduce((a, b) => a + b, 0);
  if (total <= 0) return null;
  const segments = SEGMENTS.map((s, i) => ({ ...s, count: counts[i], share: counts[i] / total })).filter((s) => s.count > 0);
  const sum = (side: VocabSegment['side']) => segments.filter((s) => s.side === side).reduce((a, s) => a + s.count, 0);

  const al = rec(stats.alignment);
  const at = nums(rec(al?.tokens), ['languagePct', 'purePct'] as const);
  const ay = nums(rec(al?.types), ['languagePct', 'purePct'] as const);
  const bpe = rec(stats.bpe);
  const merges = num(bpe?.merges);
  return {
    total,
    segments,
    dictionaryIds: sum('dictionary'),
    subwordIds: sum('subword'),
    roots: rootsOf(rec(stats.roots)),
    coverage: nums(rec(stats.coverage), ['tokens', 'types'] as const),
    sharingRate: num(stats.sharingRate),
    tokensPerWord: num(stats.tokensPerWord),
    alignment: at && ay ? { tokens: at, types: ay } : null,
    bpe:
      merges === null
        ? null
        : { merges, stoppedEarly: typeof bpe?.stoppedEarly === 'string' ? bpe.stoppedEarly : null, residueTypes: num(bpe?.residueTypes) },
  };
}

function rootsOf(r: Rec | null): HybridStatsView['roots'] {
  const base = nums(r, ['inDictionary', 'kept', 'dropped', 'droppedUnseen', 'droppedRare', 'droppedForBudget'] as const);
  return base && { ...base, droppedUnusable: num(r?.droppedUnusable) ?? 0 };
}

/** 0.8647 -> "86.5%". */
export function formatShare(x: number): string {
  return `${formatDecimal(x * 100, 1)}%`;
}

/** "686 of 686 kept" plus why roots were dropped, in words. */
export function rootsLine(r: NonNullable<HybridStatsView['roots']>): string {
  const head = `${formatInt(r.kept)} of ${formatInt(r.inDictionary)} kept`;
  if (r.dropped === 0) return head;
  const why: string[] = [];
  if (r.droppedUnseen) why.push(`${formatInt(r.droppedUnseen)} never seen in the corpus`);
  if (r.droppedRare) why.push(`${formatInt(r.droppedRare)} below the minimum frequency`);
  const parts: string[] = [];
  if (r.droppedForBudget) parts.push(`${formatInt(r.droppedForBudget)} dropped for the budget${why.length ? ` (${why.join(', ')})` : ''}`);
  if (r.droppedUnusable) parts.push(`${formatInt(r.droppedUnusable)} left out: no morphotactic edge reaches their part of speech`);
  return `${head}; ${parts.join('; ')}`;
}

/** "1,745 of 3,000 requested" when the trainer did not need the whole budget. */
export function sizeLine(total: number, requested: unknown): string {
  const r = num(requested);
  if (r === null || r === total) return `${formatInt(total)} ids`;
  return `${formatInt(total)} of ${formatInt(r)} requested`;
}
