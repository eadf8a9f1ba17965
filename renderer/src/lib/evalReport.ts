// A stored evaluation (EvalResult) shaped for the Reports view: the metrics with their labels and units,
// one table row per tokenizer, and the series each chart draws. Colours come from here too, so a tokenizer
// has the same colour in every chart of a result.
import type { EvalResult, EvalTokenizerResult } from '../../../main/api/contract';
import { colorsFor } from './chart';
import { sourceKey } from './compare';
import { formatDecimal, formatInt } from './format';

export type MetricId =
  | 'vocab'
  | 'tokensPerWord'
  | 'charsPerToken'
  | 'bytesPerToken'
  | 'wholeWords'
  | 'renyi'
  | 'utilisation'
  | 'languagePct'
  | 'purePct'
  | 'roundTrip'
  | 'throughput';

export interface MetricDef {
  id: MetricId;
  /** Column header and chart title. */
  label: string;
  /** What the value means, for the header's title and the chart's caption. */
  help: string;
  /** '%' values are given in percent (0..100). */
  unit: '' | '%' | 'MB/s';
  better: 'higher' | 'lower' | null;
  /** The table's header group: measured on the corpus sample, or against the dictionary. */
  group: 'sample' | 'dictionary';
  value: (t: EvalTokenizerResult) => number | null;
}

const pct = (x: number | null | undefined) => (x == null ? null : 100 * x);

/** In table order, grouped as the table's header groups them. Definitions follow main/core/eval/*.ts. */
export const METRICS: readonly MetricDef[] = [
  { id: 'vocab', label: 'Vocabulary', help: 'Vocabulary size', unit: '', better: null, group: 'sample', value: (t) => t.vocabSize },
  { id: 'tokensPerWord', label: 'Tokens / word', help: 'Fertility: tokens per whitespace-separated word on the sample', unit: '', better: 'lower', group: 'sample', value: (t) => t.compression?.tokensPerWord ?? null },
  { id: 'charsPerToken', label: 'Chars / token', help: 'Unicode code points per token on the sample', unit: '', better: 'higher', group: 'sample', value: (t) => t.compression?.charsPerToken ?? null },
  { id: 'bytesPerToken', label: 'Bytes / token', help: 'UTF-8 bytes per token on the sample', unit: '', better: 'higher', group: 'sample', value: (t) => t.compression?.bytesPerToken ?? null },
  { id: 'wholeWords', label: 'Whole words', help: 'Word occurrences encoded, after a space, as exactly one content token', unit: '%', better: 'higher', group: 'sample', value: (t) => pct(t.compression?.wholeWordRate) },
  { id: 'renyi', label: 'Rényi efficiency', help: 'H_α(p) / log |V| of the unigram token distribution on the sample (Zouhar et al. 2023)', unit: '', better: 'higher', group: 'sample', value: (t) => t.renyi?.efficiency ?? null },
  { id: 'utilisation', label: 'Utilisation', help: 'Distinct token ids used on the sample / vocabulary size', unit: '%', better: null, group: 'sample', value: (t) => pct(t.renyi?.utilisation) },
  { id: 'roundTrip', label: 'Round trip', help: 'Sample lines with decode(encode(line)) = line', unit: '%', better: 'higher', group: 'sample', value: (t) => pct(t.roundTrip?.rate) },
  { id: 'throughput', label: 'MB/s', help: 'Encoding speed on the sample (10^6 UTF-8 bytes per second; machine-dependent)', unit: 'MB/s', better: 'higher', group: 'sample', value: (t) => t.throughputMBs },
  { id: 'languagePct', label: 'Language tokens', help: 'Token occurrences that are a morpheme or a word the dictionary analyses completely', unit: '%', better: 'higher', group: 'dictionary', value: (t) => t.alignment?.tokens.languagePct ?? null },
  { id: 'purePct', label: 'Pure tokens', help: 'Token occurrences that are exactly one morpheme of the dictionary', unit: '%', better: 'higher', group: 'dictionary', value: (t) => t.alignment?.tokens.purePct ?? null },
];

export function metric(id: MetricId): MetricDef {
  return METRICS.find((m) => m.id === id)!;
}

/** A metric's value as the table shows it: "1.84", "63.2%", "12,345", "—" for none. */
export function formatMetric(m: MetricDef, v: number | null): string {
  if (v == null || !Number.isFinite(v)) return '—';
  if (m.id === 'vocab') return formatInt(v);
  if (m.unit === '%') return `${formatDecimal(v, 1)}%`;
  if (m.unit === 'MB/s') return formatDecimal(v, v >= 10 ? 1 : 2);
  return formatDecimal(v, 3);
}

/** "#3 tr-32k (bpe, 32,000)" -> "#3 tr-32k": the kind and size have their own columns. */
export function shortLabel(label: string): string {
  return label.replace(/ \((bpe|hybrid|openai)[^)]*\)$/, '');
}

export interface Series {
  key: string;
  label: string;
  color: string;
}

/** One entry per tokenizer, in the result's order, with its colour. */
export function seriesOf(r: Pick<EvalResult, 'tokenizers'>): Series[] {
  const keys = r.tokenizers.map((t) => sourceKey(t.source));
  const colors = colorsFor(keys);
  return r.tokenizers.map((t, i) => ({ key: keys[i], label: shortLabel(t.label), color: colors.get(keys[i])! }));
}

export interface BoundaryCell {
  goldSetId: number;
  precision: number;
  recall: number;
  f1: number;
  /** Gold words segmented exactly as gold, of `words`. */
  exact: number;
  words: number;
}

export interface TableRow extends Series {
  kind: EvalTokenizerResult['kind'];
  error: string | null;
  values: Record<MetricId, number | null>;
  /** Micro P/R/F1 per gold set of the run, in the inputs' order (null where this tokenizer has none). */
  boundaries: (BoundaryCell | null)[];
}

export function tableRows(r: EvalResult): TableRow[] {
  const series = seriesOf(r);
  return r.tokenizers.map((t, i) => {
    const values = {} as Record<MetricId, number | null>;
    for (const m of METRICS) values[m.id] = t.error ? null : m.value(t);
    return {
      ...series[i],
      kind: t.kind,
      error: t.error,
      values,
      boundaries: r.inputs.goldSets.map((g) => {
        const b = t.boundaries.find((x) => x.goldSetId === g.id);
        return b ? { goldSetId: g.id, ...b.micro, exact: b.exact, words: b.words } : null;
      }),
    };
  });
}

/** The table's first header row: consecutive metrics of one group under one label. */
export function headerGroups(metrics: readonly MetricDef[], dictionaryName: string | null): { label: string; span: number }[] {
  const out: { label: string; span: number; group: MetricDef['group'] }[] = [];
  for (const m of metrics) {
    const last = out[out.length - 1];
    if (last && last.group === m.group) last.span++;
    else out.push({ label: m.group === 'sample' ? 'On the corpus sample' : `Alignment with ${dictionaryName ?? 'the dictionary'}`, span: 1, group: m.group });
  }
  return out.map(({ label, span }) => ({ label, span }));
}

/** The metrics this run measured for at least one tokenizer (a run without a dictionary has no alignment). */
export function measuredMetrics(r: EvalResult): MetricDef[] {
  return METRICS.filter((m) => r.tokenizers.some((t) => !t.error && m.value(t) != null));
}

// ---------- chart data ----------

export interface Bar {
  key: string;
  label: string;
  color: string;
  value: number;
}

export interface BarGroup {
  label: string;
  bars: Bar[];
}

export interface BarChartData {
  title: string;
  caption: string;
  yLabel: string;
  unit: MetricDef['unit'];
  groups: BarGroup[];
  /** The legend: every tokenizer that has a bar. */
  series: Series[];
  /** A reference line (e.g. premium parity at 1). */
  reference?: { value: number; label: string };
}

function withBars(groups: BarGroup[], series: Series[]): Series[] {
  const present = new Set(groups.flatMap((g) => g.bars.map((b) => b.key)));
  return series.filter((s) => present.has(s.key));
}

/** One bar per tokenizer for one metric; tokenizers without the value (failed, not measured) are left out. */
export function metricBars(r: EvalResult, id: MetricId): BarChartData {
  const m = metric(id);
  const series = seriesOf(r);
  const groups: BarGroup[] = [];
  r.tokenizers.forEach((t, i) => {
    const v = t.error ? null : m.value(t);
    if (v == null || !Number.isFinite(v)) return;
    groups.push({ label: series[i].label, bars: [{ ...series[i], value: v }] });
  });
  const better = m.better === 'lower' ? ' (lower is better)' : m.better === 'higher' ? ' (higher is better)' : '';
  return { title: m.label, caption: m.help + better, yLabel: m.unit === '%' ? `${m.label} (%)` : m.unit === 'MB/s' ? 'MB/s' : m.label, unit: m.unit, groups, series: withBars(groups, series) };
}

/** Micro boundary F1 per gold set, one bar per tokenizer in each set's group. */
export function boundaryBars(r: EvalResult): BarChartData {
  const series = seriesOf(r);
  const groups = r.inputs.goldSets.map((g) => ({
    label: g.name,
    bars: r.tokenizers.flatMap((t, i) => {
      const b = t.error ? undefined : t.boundaries.find((x) => x.goldSetId === g.id);
      return b ? [{ ...series[i], value: b.micro.f1 }] : [];
    }),
  }));
  return {
    title: 'Boundary F1 per gold set',
    caption: 'Micro F1 of the morpheme boundaries the tokens make inside gold words (higher is better)',
    yLabel: 'Boundary F1',
    unit: '',
    groups,
    series: withBars(groups, series),
  };
}

/** Per parallel set: token premium of each language against the pivot, one bar per tokenizer. */
export function premiumBars(r: EvalResult): BarChartData[] {
  const series = seriesOf(r);
  return r.inputs.parallelSets.map((p) => {
    const found = r.tokenizers.flatMap((t) => t.premium.filter((x) => x.parallelSetId === p.id));
    const pivot = found[0]?.pivot ?? r.config.pivot ?? '';
    const languages = p.languages.filter((l) => l !== pivot);
    const groups = languages.map((lang) => ({
      label: lang,
      bars: r.tokenizers.flatMap((t, i) => {
        const x = t.error ? undefined : t.premium.find((y) => y.parallelSetId === p.id);
        const v = x?.languages.find((l) => l.language === lang)?.premium;
        return v == null || !Number.isFinite(v) ? [] : [{ ...series[i], value: v }];
      }),
    }));
    return {
      title: `Token premium: ${p.name}`,
      caption: `Tokens of each language / tokens of the ${pivot || 'pivot'} side over rows where both are non-empty (Petrov et al. 2023); 1 is parity`,
      yLabel: `Premium vs ${pivot || 'pivot'}`,
      unit: '' as const,
      groups,
      series: withBars(groups, series),
      reference: { value: 1, label: `parity with ${pivot || 'pivot'}` },
    };
  });
}

export interface CurveData {
  title: string;
  caption: string;
  color: string;
  label: string;
  /** Sorted by vocabulary size. */
  points: { x: number; y: number }[];
  /** A log-2 x axis when the sizes span more than a factor of 4 (the default sizes are powers of two). */
  logX: boolean;
}

/** Fertility (tokens per word) against vocabulary size, from the curve's version's merge history. */
export function curveData(r: EvalResult): CurveData | null {
  const c = r.curve;
  if (!c || c.points.length === 0) return null;
  const key = sourceKey({ kind: 'version', id: c.versionId });
  const s = seriesOf(r).find((x) => x.key === key);
  const points = [...c.points].sort((a, b) => a.vocabSize - b.vocabSize).map((p) => ({ x: p.vocabSize, y: p.tokensPerWord }));
  const min = points[0].x;
  const max = points[points.length - 1].x;
  return {
    title: 'Fertility against vocabulary size',
    caption: `Tokens per word on the sample for vocabularies cut from ${shortLabel(c.label)}'s merge history (lower is better)`,
    color: s?.color ?? colorsFor([key]).get(key)!,
    label: shortLabel(c.label),
    points,
    logX: min > 0 && max / min > 4,
  };
}
