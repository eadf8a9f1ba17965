// Number, size, time and rate formatting shared by every view, so figures read the same everywhere.

const intFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatInt(n: number): string {
  return Number.isFinite(n) ? intFmt.format(n) : '—';
}

/** Up to `digits` decimals, trailing zeros dropped: 3.5, 3.25, 4. */
export function formatDecimal(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return '—';
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(n);
}

const units = ['B', 'KB', 'MB', 'GB', 'TB'];

/** Binary multiples with decimal-looking labels, as file managers show them: 1536 -> "1.5 KB". */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '—';
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v} B` : `${v >= 100 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

/** Local date and time without seconds, sortable-looking: "2025-03-07 14:05". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (x: number) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 2 : 1)} s`;
  const m = Math.floor(s / 60);
  const rest = Math.round(s - m * 60);
  if (m < 60) return `${m} min ${rest} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** "12,345 merges/s", "38.2 MB/s"; small rates keep a decimal so slow starts are not shown as 0. */
export function formatRate(rate: number | null | undefined, unit: string | null | undefined): string {
  if (rate == null || !Number.isFinite(rate)) return '';
  const v = rate >= 100 ? formatInt(rate) : formatDecimal(rate, 1);
  return unit ? `${v} ${unit}` : v;
}

export function formatPercent(p: number): string {
  if (!Number.isFinite(p)) return '—';
  const c = Math.max(0, Math.min(100, p));
  return `${c < 10 && c > 0 ? c.toFixed(1) : Math.floor(c)}%`;
}

export function shortHash(hex: string, n = 12): string {
  return hex.slice(0, n);
}
