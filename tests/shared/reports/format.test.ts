// How report numbers read on screen, in CSV and on chart axes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { axisValue, formatValue, plainValue } from '../../../shared/reports/format';

const HOUR = 3_600_000;

describe('formatValue', () => {
  it('shows hours as h:mm, the way the rest of the app does', () => {
    expect(formatValue('ms', 12.5 * HOUR, 'USD')).toBe('12:30');
    expect(formatValue('ms', 0, 'USD')).toBe('0:00');
    expect(formatValue('ms', -1.5 * HOUR, 'USD')).toBe('-1:30');
  });
  it('shows money in the currency with its own decimals', () => {
    expect(formatValue('money', 123450, 'USD')).toBe('US$1,234.50');
    expect(formatValue('money', 1235, 'JPY')).toMatch(/1,235$/);
    expect(formatValue('money', -500, 'USD')).toMatch(/-US\$5\.00/);
  });
  it('shows percent with a decimal only when small', () => {
    expect(formatValue('percent', 75, 'USD')).toBe('75%');
    expect(formatValue('percent', 75.4, 'USD')).toBe('75%');
    expect(formatValue('percent', 7.46, 'USD')).toBe('7.5%');
    expect(formatValue('percent', 5, 'USD')).toBe('5%');
  });
  it('shows days, counts, dates and empty cells', () => {
    expect(formatValue('days', 6.5, 'USD')).toBe('6.5 days');
    expect(formatValue('days', 1, 'USD')).toBe('1 day');
    expect(formatValue('count', 12, 'USD')).toBe('12');
    expect(formatValue('count', 12000, 'USD')).toBe('12,000');
    expect(formatValue('date', '2026-12-04', 'USD')).toBe('4 Dec 2026');
    expect(formatValue('text', 'Acme', 'USD')).toBe('Acme');
    expect(formatValue('money', null, 'USD')).toBe('—');
  });
  it('reads every h:mm back as the minutes it was given', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 100_000 }), (minutes) => {
      const [h, m] = formatValue('ms', minutes * 60_000, 'USD').split(':').map(Number);
      expect(h! * 60 + m!).toBe(minutes);
    }));
  });
});

describe('plainValue', () => {
  it('gives spreadsheets plain numbers', () => {
    expect(plainValue('ms', 12.5 * HOUR, 'USD')).toBe('12.50');
    expect(plainValue('money', 123450, 'USD')).toBe('1234.50');
    expect(plainValue('money', 1235, 'JPY')).toBe('1235');
    expect(plainValue('money', 1050, 'KWD')).toBe('1.050');
    expect(plainValue('percent', 75, 'USD')).toBe('75.0');
    expect(plainValue('days', 6.25, 'USD')).toBe('6.3');
    expect(plainValue('count', 12, 'USD')).toBe('12');
    expect(plainValue('date', '2026-12-04', 'USD')).toBe('2026-12-04');
    expect(plainValue('money', null, 'USD')).toBe('');
  });
  it('keeps every cent of any amount', () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), (minor) => {
      expect(Math.round(Number(plainValue('money', minor, 'USD')) * 100)).toBe(minor);
    }));
  });
});

describe('axisValue', () => {
  it('writes short tick labels', () => {
    expect(axisValue('ms', 12 * HOUR, 'USD')).toBe('12 h');
    expect(axisValue('ms', 2.5 * HOUR, 'USD')).toBe('2.5 h');
    expect(axisValue('money', 120000, 'USD')).toMatch(/^US\$1\.2K$/i);
    expect(axisValue('money', 50000, 'USD')).toMatch(/^US\$500$/);
    expect(axisValue('percent', 75, 'USD')).toBe('75%');
    expect(axisValue('days', 6, 'USD')).toBe('6 d');
    expect(axisValue('count', 1500, 'USD')).toMatch(/^1\.5K$/i);
  });
});
