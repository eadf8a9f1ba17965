// Two stored runs compared (eval.compare) shaped for the Reports view: which two runs the past-runs list
// has ticked, the figures as the table shows them, and the grouped A-vs-B bars of one measure. The metrics'
// labels, units and better directions come with the comparison from the core, so none are repeated here.
import type { EvalCompareCell, EvalCompareMeasure, EvalComparison } from '../../../main/api/contract';
import type { BarChartData, BarGroup, Series } from './evalReport';
import { formatDecimal, formatInt } from './format';

const MINUS = '\u2212';

/** Ticking a run for comparison: at most two, the earlier tick dropped when a third is ticked. */
export function toggleCompare(selected: readonly number[], id: number): number[] {
  if (selected.includes(id)) return selected.filter((x) => x !== id);
  return [...selected, id].slice(-2);
}

/** The older run (smaller id) as A, so B − A reads as the change since. */
export function compareOrder(selected: readonly number[]): { a: number; b: number } | null {
  if (selected.length !== 2) return null;
  const [x, y] = selected;
  return { a: Math.min(x, y), b: Math.max(x, y) };
}

/** A measure's value: 1.843, 63.2%, 12,345, 12.5 (MB/s), "—" for none. */
export function formatCompareValue(m: Pick<EvalCompareMeasure, 'unit'>, v: number | null): string {
  if (v == null || !Number.isFinite(v)) return '—';
  switch (m.unit) {
    case 'fraction':
      return `${formatDecimal(100 * v, 1)}%`;
    case 'percent':
      return `${formatDecimal(v, 1)}%`;
    case 'count':
      return formatInt(v);
    case 'MB/s':
      return formatDecimal(v, v >= 10 ? 1 : 2);
    default:
      return formatDecimal(v, 3);
  }
}

/** B − A signed: "−0.12 (−6.1%)", "+1.5 pp" for shares, "0" when unchanged, "—" when there is none. */
export function formatCompareDelta(m: Pick<EvalCompareMeasure, 'unit'>, c: Pick<EvalCompareCell, 'delta' | 'relative'>): string {
  const d = c.delta;
  if (d == null || !Number.isFinite(d)) return '—';
  if (d === 0) return '0';
  const sign = (x: number, text: string) => (x > 0 ? `+${text}` : x < 0 ? `${MINUS}${text}` : text);
  if (m.unit === 'fraction' || m.unit === 'percent') {
    const pp = Math.abs(m.unit === 'fraction' ? 100 * d : d);
    return `${sign(d, formatDecimal(pp, 1))} pp`;
  }
  const abs = Math.abs(d);
  const text = m.unit === 'number' || m.unit === 'MB/s' ? formatDecimal(abs, digitsFor(abs, m.unit === 'number' ? 3 : 2)) : formatCompareValue(m, abs);
  const r = c.relative == null || !Number.isFinite(c.relative) ? null : 100 * Math.abs(c.relative);
  const rel = r === null ? '' : ` (${sign(c.relative!, `${formatDecimal(r, digitsFor(r, 1))}%`)})`;
  return sign(d, text) + rel;
}

/** Enough decimals that a small non-zero difference does not read as 0 ("+0.0004", not "+0"). */
export function digitsFor(abs: number, usual: number): number {
  if (!(abs > 0) || abs >= 10 ** -usual) return usual;
  return Math.min(8, Math.ceil(-Math.log10(abs)) + 1);
}

/** "Boundary F1 · gold.tsv", "Token premium · flores · tr". */
export function measureTitle(m: Pick<EvalCompareMeasure, 'label' | 'set' | 'language'>): string {
  return [m.label, m.set, m.language].filter(Boolean).join(' · ');
}

export function directionText(m: Pick<EvalCompareMeasure, 'better'>): string {
  return m.better === 'lower' ? 'lower is better' : m.better === 'higher' ? 'higher is better' : 'no better direction';
}

/** The chart's default: fertility when measured, else the first boundary F1, else the first measure. */
export function defaultMeasure(c: Pick<EvalComparison, 'measures'>): string | null {
  const pick = c.measures.find((m) => m.metric === 'tokens_per_word') ?? c.measures.find((m) => m.metric === 'boundary_f1') ?? c.measures[0];
  return pick?.key ?? null;
}

/** Run A and run B as the chart's two series (one colour each across every tokenizer). */
export function runSeries(c: Pick<EvalComparison, 'a' | 'b'>): Series[] {
  return [
    { key: 'a', label: `A: #${c.a.id} ${c.a.name}`, color: '#e8730c' },
    { key: 'b', label: `B: #${c.b.id} ${c.b.name}`, color: '#2c5bd4' },
  ];
}

/** Grouped bars for one measure: a group per tokenizer, run A's bar beside run B's where each has a value. */
export function compareBars(c: EvalComparison, measureKey: string): BarChartData {
  const i = c.measures.findIndex((m) => m.key === measureKey);
  const m = c.measures[i];
  const series = runSeries(c);
  const shares = m ? m.unit === 'fraction' || m.unit === 'percent' : false;
  const scale = (v: number) => (m?.unit === 'fraction' ? 100 * v : v);
  const groups: BarGroup[] = [];
  if (m) {
    for (const t of c.tokenizers) {
      const cell = t.cells[i];
      const bars = (['a', 'b'] as const).flatMap((k, s) => {
        const v = cell?.[k];
        return v == null || !Number.isFinite(v) ? [] : [{ ...series[s], value: scale(v) }];
      });
      if (bars.length) groups.push({ label: shortTokenizerLabel(t.label), bars });
    }
  }
  const title = m ? measureTitle(m) : 'Nothing to compare';
  return {
    title,
    caption: m ? `${m.help} (${directionText(m)}). Run A #${c.a.id} against run B #${c.b.id}.` : '',
    yLabel: m ? (shares ? `${m.label} (%)` : m.unit === 'MB/s' ? 'MB/s' : m.label) : '',
    unit: shares ? '%' : m?.unit === 'MB/s' ? 'MB/s' : '',
    groups,
    series: series.filter((s) => groups.some((g) => g.bars.some((b) => b.key === s.key))),
  };
}

/** "#2 e2e-hybrid → #5 e2e-hybrid" -> "#2 → #5 e2e-hybrid" when the names agree, so axis labels stay short. */
export function shortTokenizerLabel(label: string): string {
  const m = /^#(\d+) (.+) → #(\d+) (.+)$/.exec(label);
  return m && m[2] === m[4] ? `#${m[1]} → #${m[3]} ${m[2]}` : label;
}

/** Whether a row is hidden by "only what changed": equal on both sides (a missing side is a change). */
export function unchanged(c: EvalCompareCell): boolean {
  return c.change === 'same';
}
