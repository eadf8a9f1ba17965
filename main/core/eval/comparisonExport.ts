// A comparison of two runs as a file, like a single run's export (export.ts): JSON (the comparison as
// is), CSV (long form: one row per tokenizer x metric x set/language, values raw as stored) and Markdown
// (the runs' inputs, what differs between them, then one table per tokenizer).
import type { EvalCompareMeasure, EvalComparison } from '../../api/contract';
import type { ExportFormat } from './export';

export function exportComparison(c: EvalComparison, format: ExportFormat): { content: string; fileName: string } {
  const base = `comparison-${c.a.id}-vs-${c.b.id}`;
  if (format === 'json') return { content: JSON.stringify(c, null, 2) + '\n', fileName: `${base}.json` };
  if (format === 'csv') return { content: toCsv(c), fileName: `${base}.csv` };
  return { content: toMarkdown(c), fileName: `${base}.md` };
}

// ---------- CSV ----------

export const COMPARE_CSV_COLUMNS = ['run_a', 'run_b', 'tokenizer', 'tokenizer_a', 'tokenizer_b', 'matched_by', 'metric', 'set', 'language', 'better', 'value_a', 'value_b', 'delta', 'change', 'note'] as const;

function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function toCsv(c: EvalComparison): string {
  const lines = [COMPARE_CSV_COLUMNS.join(',')];
  for (const t of c.tokenizers) {
    t.cells.forEach((cell, i) => {
      const m = c.measures[i];
      const row = [c.a.id, c.b.id, t.label, t.a?.label, t.b?.label, t.matchedBy, m.metric, m.set, m.language, m.better, cell.a, cell.b, cell.delta, cell.change, cell.note];
      lines.push(row.map(csvCell).join(','));
    });
  }
  return lines.join('\n') + '\n';
}

// ---------- Markdown ----------

const MINUS = '\u2212';
const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const int = (x: number) => Math.round(x).toLocaleString('en-US');

/** A value as the tables show it: 1.234, 63.2%, 1,234, 12.50 (MB/s). */
export function formatValue(m: Pick<EvalCompareMeasure, 'unit'>, v: number | null): string {
  if (v === null) return '—';
  switch (m.unit) {
    case 'fraction':
      return `${(100 * v).toFixed(1)}%`;
    case 'percent':
      return `${v.toFixed(1)}%`;
    case 'count':
      return int(v);
    case 'MB/s':
      return v.toFixed(2);
    default:
      return v.toFixed(3);
  }
}

/** B − A with its sign; shares in percentage points, other units with the change relative to A. */
export function formatDelta(m: Pick<EvalCompareMeasure, 'unit'>, delta: number | null, relative: number | null): string {
  if (delta === null) return '—';
  if (delta === 0) return '0';
  const sign = (x: number, text: string) => (x > 0 ? `+${text}` : x < 0 ? `${MINUS}${text}` : text);
  const abs = Math.abs(delta);
  if (m.unit === 'fraction' || m.unit === 'percent') {
    const pp = m.unit === 'fraction' ? 100 * abs : abs;
    return `${sign(delta, pp.toFixed(1))} pp`;
  }
  const text = m.unit === 'count' ? int(abs) : abs.toFixed(digitsFor(abs, m.unit === 'MB/s' ? 2 : 3));
  const r = relative === null ? null : 100 * Math.abs(relative);
  const rel = r === null ? '' : ` (${sign(relative!, `${r.toFixed(digitsFor(r, 1))}%`)})`;
  return sign(delta, text) + rel;
}

/** Enough decimals that a small non-zero difference does not read as 0 ("+0.00042", not "+0.000"). */
function digitsFor(abs: number, usual: number): number {
  if (!(abs > 0) || abs >= 10 ** -usual) return usual;
  return Math.min(8, Math.ceil(-Math.log10(abs)) + 1);
}

/** "Boundary F1 · gold.tsv", "Token premium · flores · tr". */
export function measureLabel(m: Pick<EvalCompareMeasure, 'label' | 'set' | 'language'>): string {
  return [m.label, m.set, m.language].filter(Boolean).join(' · ');
}

const arrow = (m: EvalCompareMeasure) => (m.better === 'lower' ? ' ↓' : m.better === 'higher' ? ' ↑' : '');

function table(head: string[], rows: string[][], align: string[]): string {
  return [`| ${head.join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function toMarkdown(c: EvalComparison): string {
  const out: string[] = [`# Evaluation #${c.a.id} (A) against #${c.b.id} (B)`, ''];
  const runCell = (r: EvalComparison['a'], f: (r: EvalComparison['a']) => string) => esc(f(r));
  const inputRows: [string, (r: EvalComparison['a']) => string][] = [
    ['Evaluation', (r) => `#${r.id} ${r.name}`],
    ['Run at (UTC)', (r) => r.createdAt.slice(0, 19).replace('T', ' ')],
    ['Corpus sample', (r) => (r.corpus ? `${r.corpus}: ${int(r.sampledLines ?? 0)} lines, seed ${r.seed}` : '—')],
    ['Gold sets', (r) => r.goldSets.join(', ') || '—'],
    ['Parallel sets', (r) => r.parallelSets.join(', ') || '—'],
    ['Dictionary', (r) => r.dictionary ?? '—'],
    ['Rényi α', (r) => String(r.renyiAlpha)],
  ];
  out.push(table(['', 'Run A', 'Run B'], inputRows.map(([k, f]) => [k, runCell(c.a, f), runCell(c.b, f)]), ['---', '---', '---']), '');

  const warnings = c.notices.filter((n) => n.level === 'warning');
  const infos = c.notices.filter((n) => n.level === 'info');
  if (warnings.length) out.push('**The runs differ in their inputs; read the differences with that in mind:**', '', ...warnings.map((n) => `- ${esc(n.text)}`), '');
  if (infos.length) out.push(...infos.map((n) => `- ${esc(n.text)}`), '');
  out.push('Δ = B − A. ↓ lower is better, ↑ higher is better; *better* / *worse* judge Δ by that direction. Differences of shares are in percentage points (pp).', '');

  for (const t of c.tokenizers) {
    out.push(`## ${esc(t.label)}`, '');
    const side = (s: EvalComparison['tokenizers'][number]['a'], run: string) =>
      !s ? `not in run ${run}` : s.error ? `failed in run ${run}: ${esc(s.error)}` : `${s.kind ?? '?'}, ${s.vocabSize === null ? '?' : int(s.vocabSize)} tokens in run ${run}`;
    const how = t.matchedBy === 'config' ? ' (paired by config hash)' : t.matchedBy === 'name' ? ' (paired by name)' : '';
    out.push(`${side(t.a, 'A')}; ${side(t.b, 'B')}${how}.`, '');
    const rows = t.cells.map((cell, i) => {
      const m = c.measures[i];
      return [esc(measureLabel(m)) + arrow(m), formatValue(m, cell.a), formatValue(m, cell.b), formatDelta(m, cell.delta, cell.relative), cell.change ?? '', esc(cell.note ?? '')];
    });
    if (rows.length) out.push(table(['Metric', `A (#${c.a.id})`, `B (#${c.b.id})`, 'Δ (B − A)', 'Change', 'Note'], rows, ['---', '---:', '---:', '---:', '---', '---']), '');
  }
  if (c.tokenizers.length === 0) out.push('No tokenizers in either run.', '');
  return out.join('\n');
}
