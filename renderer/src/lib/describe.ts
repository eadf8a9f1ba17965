// Readable key/value rows for the open-ended `config` and `stats` records of a tokenizer version, so
// new fields the core adds show up sensibly without UI changes.
import { formatBytes, formatDecimal, formatDuration, formatInt } from './format';

export interface Row {
  key: string;
  label: string;
  value: string;
}

/** "pretokenTypes" -> "Pretoken types", "peakRssBytes" -> "Peak RSS". */
export function humanizeKey(key: string): string {
  const words = key
    .replace(/(Bytes|Ms)$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(' ')
    .map((w) => (/^(rss|id|utf|hf|bpe)$/i.test(w) ? w.toUpperCase() : w.toLowerCase()));
  const s = words.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function describeValue(key: string, value: unknown): string {
  if (value === null || value === undefined) return key === 'stoppedEarly' ? 'no' : '—';
  if (typeof value === 'number') {
    if (/Bytes$/.test(key)) return formatBytes(value);
    if (/Ms$/.test(key)) return formatDuration(value);
    return Number.isInteger(value) ? formatInt(value) : formatDecimal(value, 3);
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value === '' ? '""' : value;
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    return value.every((v) => typeof v === 'string') ? value.join('  ') : JSON.stringify(value);
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.reason === 'string' && typeof o.atMerges === 'number') return `${o.reason} (at ${formatInt(o.atMerges)} merges)`;
    return JSON.stringify(value);
  }
  return String(value);
}

export function describeRecord(record: Record<string, unknown>, skip: readonly string[] = []): Row[] {
  return Object.entries(record)
    .filter(([k]) => !skip.includes(k))
    .map(([key, value]) => ({ key, label: humanizeKey(key), value: describeValue(key, value) }));
}
