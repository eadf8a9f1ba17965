import { describe, it, expect } from 'vitest';
import { formatBytes, formatDateTime, formatDecimal, formatDuration, formatInt, formatPercent, formatRate, shortHash } from './format';

describe('format', () => {
  it('groups integers', () => {
    expect(formatInt(1234567)).toBe('1,234,567');
    expect(formatInt(NaN)).toBe('—');
  });
  it('drops trailing zeros in decimals', () => {
    expect(formatDecimal(3.5)).toBe('3.5');
    expect(formatDecimal(4)).toBe('4');
    expect(formatDecimal(1.23456, 3)).toBe('1.235');
  });
  it('sizes bytes', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
    expect(formatBytes(250 * 1024 * 1024)).toBe('250 MB');
    expect(formatBytes(-1)).toBe('—');
  });
  it('shows local date and time', () => {
    const d = new Date(2025, 2, 7, 14, 5, 59);
    expect(formatDateTime(d.toISOString())).toBe('2025-03-07 14:05');
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('garbage')).toBe('garbage');
  });
  it('shows durations at a useful precision', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(2345)).toBe('2.35 s');
    expect(formatDuration(42_100)).toBe('42.1 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(3_900_000)).toBe('1 h 5 min');
    expect(formatDuration(null)).toBe('—');
  });
  it('shows rates with their unit', () => {
    expect(formatRate(12345.6, 'merges/s')).toBe('12,346 merges/s');
    expect(formatRate(38.25, 'MB/s')).toBe('38.3 MB/s');
    expect(formatRate(null, 'MB/s')).toBe('');
  });
  it('clamps percentages and keeps a decimal for small ones', () => {
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(2.345)).toBe('2.3%');
    expect(formatPercent(99.9)).toBe('99%');
    expect(formatPercent(140)).toBe('100%');
  });
  it('shortens hashes', () => {
    expect(shortHash('abcdef0123456789abcdef')).toBe('abcdef012345');
  });
});
