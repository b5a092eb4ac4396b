// How report numbers read: formatValue for the screen and the PDF ("12:30", "$1,234.50", dates as
// every screen shows them), plainValue for CSV cells a spreadsheet can add up ("12.50", "1234.50"), and axisValue for
// the short labels on a chart's axis ("12 h", "$1.2K"). Hours are always h:mm on screen, like the
// rest of the app, and decimal hours in CSV. Percent values are percent (75 means 75%).
import { currencyExponent, formatMoney, minorToDecimalString } from '../money/money';
import { formatDuration } from '../time/duration';
import { formatDate } from '../time/display';
import type { Cell, ValueKind } from './types';

const HOUR_MS = 3_600_000;

/** h:mm; negative durations (a correction) keep their sign. */
function hours(ms: number): string {
  return ms < 0 ? `-${formatDuration(-ms)}` : formatDuration(ms);
}

/** One decimal below 10 ("7.5%"), none from 10 up ("75%"). */
function percent(value: number): string {
  const digits = Math.abs(value) < 10 ? 1 : 0;
  return `${Number(value.toFixed(digits))}%`;
}

function days(value: number): string {
  const n = Number(value.toFixed(1));
  return `${n} ${n === 1 ? 'day' : 'days'}`;
}

/** A cell as people read it on the screen and in the PDF; an empty cell is "—". */
export function formatValue(kind: ValueKind, value: Cell, currency: string): string {
  if (value === null) return '—';
  if (typeof value === 'string') return kind === 'date' ? formatDate(value) : value;
  switch (kind) {
    case 'ms': return hours(value);
    case 'money': return formatMoney({ amountMinor: value, currency });
    case 'percent': return percent(value);
    case 'days': return days(value);
    case 'count': return new Intl.NumberFormat().format(value);
    default: return String(value);
  }
}

/** A cell for CSV: plain numbers without currency signs or grouping; an empty cell stays empty. */
export function plainValue(kind: ValueKind, value: Cell, currency: string): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'ms': return (value / HOUR_MS).toFixed(2);
    case 'money': return minorToDecimalString(value, currency);
    case 'percent':
    case 'days': return value.toFixed(1);
    default: return String(value);
  }
}

/** A short tick label: "12 h", "2.5 h", "$1.2K", "75%", "6 d", "1.2K". */
export function axisValue(unit: Exclude<ValueKind, 'text' | 'date'>, value: number, currency: string): string {
  const compact = (n: number, options: Intl.NumberFormatOptions = {}) =>
    new Intl.NumberFormat(undefined, { notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1, ...options }).format(n);
  switch (unit) {
    case 'ms': return `${compact(value / HOUR_MS)} h`;
    case 'money': return compact(value / 10 ** currencyExponent(currency), { style: 'currency', currency });
    case 'percent': return `${compact(value)}%`;
    case 'days': return `${compact(value)} d`;
    case 'count': return compact(value);
  }
}
