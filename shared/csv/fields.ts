// Reading dates, times, durations and amounts as other trackers write them.
import { currencyExponent } from '../money/money';
import { isLocalDate, type LocalDate } from '../time/local-date';

export const DATE_FORMATS = ['YYYY-MM-DD', 'YYYY/MM/DD', 'MM/DD/YYYY', 'DD/MM/YYYY', 'DD.MM.YYYY', 'DD-MM-YYYY', 'MM-DD-YYYY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

type Part = 'y' | 'm' | 'd';
/** Year last: four digits or two (8/14/18 is 2018). */
const YEAR_LAST = '(\\d{4}|\\d{2})';
const PATTERNS: Record<DateFormat, { re: RegExp; order: [Part, Part, Part] }> = {
  'YYYY-MM-DD': { re: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, order: ['y', 'm', 'd'] },
  'YYYY/MM/DD': { re: /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, order: ['y', 'm', 'd'] },
  'MM/DD/YYYY': { re: new RegExp(`^(\\d{1,2})/(\\d{1,2})/${YEAR_LAST}$`), order: ['m', 'd', 'y'] },
  'DD/MM/YYYY': { re: new RegExp(`^(\\d{1,2})/(\\d{1,2})/${YEAR_LAST}$`), order: ['d', 'm', 'y'] },
  'DD.MM.YYYY': { re: new RegExp(`^(\\d{1,2})\\.(\\d{1,2})\\.${YEAR_LAST}\\.?$`), order: ['d', 'm', 'y'] },
  'DD-MM-YYYY': { re: new RegExp(`^(\\d{1,2})-(\\d{1,2})-${YEAR_LAST}$`), order: ['d', 'm', 'y'] },
  'MM-DD-YYYY': { re: new RegExp(`^(\\d{1,2})-(\\d{1,2})-${YEAR_LAST}$`), order: ['m', 'd', 'y'] },
};

/** The same separators with day and month the other way round: the pairs a file can leave open. */
const SWAPPED: Partial<Record<DateFormat, DateFormat>> = {
  'MM/DD/YYYY': 'DD/MM/YYYY',
  'DD/MM/YYYY': 'MM/DD/YYYY',
  'MM-DD-YYYY': 'DD-MM-YYYY',
  'DD-MM-YYYY': 'MM-DD-YYYY',
};

/** Two-digit years are this century's: time logs do not go back to the 1900s. */
const fullYear = (y: string) => (y.length === 2 ? `20${y}` : y);

/** The date as 'YYYY-MM-DD' if `value` is a real date in `format`, else null. */
export function parseDateAs(value: string, format: DateFormat): LocalDate | null {
  const { re, order } = PATTERNS[format];
  const m = re.exec(value.trim());
  if (!m) return null;
  const part = (k: Part) => m[order.indexOf(k) + 1]!;
  const date = `${fullYear(part('y'))}-${part('m').padStart(2, '0')}-${part('d').padStart(2, '0')}`;
  return isLocalDate(date) ? date : null;
}

/**
 * Formats under which every sample reads as a real date. 03/04/2024 fits both MM/DD and DD/MM,
 * so when more than one remains the person importing must choose.
 */
export function detectDateFormats(samples: readonly string[]): DateFormat[] {
  const values = [...new Set(samples.map((s) => s.trim()).filter((s) => s !== ''))];
  return DATE_FORMATS.filter((f) => values.length > 0 && values.every((v) => parseDateAs(v, f) !== null));
}

/**
 * The other reading of the file's dates when day and month could be either way round (every
 * day is 12 or lower) and at least one date would change; null when the dates say which.
 */
export function otherReading(samples: readonly string[], format: DateFormat): DateFormat | null {
  const other = SWAPPED[format];
  if (!other) return null;
  const values = [...new Set(samples.map((s) => s.trim()).filter((s) => s !== ''))];
  const both = values.every((v) => parseDateAs(v, other) !== null && parseDateAs(v, format) !== null);
  return both && values.some((v) => parseDateAs(v, other) !== parseDateAs(v, format)) ? other : null;
}

/** "09:05", "9:05:30", "9:05 AM", "09:05:30 p.m." → HH:mm plus leftover seconds, or null. */
export function parseClockTime(value: string): { hhmm: string; seconds: number } | null {
  const m = /^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*([ap]\.?\s?m\.?)?$/i.exec(value.trim());
  if (!m) return null;
  let hours = Number(m[1]);
  const minutes = Number(m[2]);
  const seconds = Number(m[3] ?? 0);
  const meridiem = m[4]?.[0]?.toLowerCase();
  if (meridiem) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (meridiem === 'p' ? 12 : 0);
  }
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  return { hhmm: `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`, seconds };
}

/**
 * A duration column in ms: decimal hours ("1.5", "1,5"), h:mm or h:mm:ss. Exact to the ms so
 * imported raw time is not rounded before the rounding policy sees it.
 */
export function parseDurationCell(value: string): number | null {
  const text = value.trim().replace(',', '.');
  const clock = /^(\d+):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (clock) {
    if (Number(clock[2]) > 59 || Number(clock[3] ?? 0) > 59) return null;
    return ((Number(clock[1]) * 60 + Number(clock[2])) * 60 + Number(clock[3] ?? 0)) * 1000;
  }
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text)) return null;
  return Math.round(Number(text) * 3_600_000);
}

/**
 * An amount as the file writes it ("1,234.50", "1.234,50", "120,00 €", "$90") in minor units
 * of `currency`, half away from zero past its decimals; null when it is not a number.
 * `decimalComma` says which mark is the decimal one when only one kind appears once.
 */
export function parseAmount(value: string, currency: string, decimalComma: boolean): number | null {
  const text = value.replace(/[\s\u00a0\u202f]+/g, '').replace(/^[^\d.,-]+|[^\d.,]+$/g, '');
  if (!/^-?[\d.,]*\d[\d.,]*$/.test(text)) return null;
  const mark = decimalMark(text, decimalComma);
  const at = mark === null ? text.length : text.lastIndexOf(mark);
  const whole = text.slice(0, at).replace(/[-.,]/g, '');
  const fraction = text.slice(at + 1);
  const exponent = currencyExponent(currency);
  const kept = (fraction + '0'.repeat(exponent)).slice(0, exponent);
  const roundUp = fraction.length > exponent && Number(fraction[exponent]) >= 5;
  const minor = Number(`${whole}${kept}` || '0') + (roundUp ? 1 : 0);
  if (!Number.isSafeInteger(minor)) return null;
  return text.startsWith('-') ? -minor : minor;
}

/**
 * Which mark separates the decimals: with both, the last one; a mark used twice groups
 * thousands; a single one is a decimal mark unless exactly three digits follow the file's
 * thousands mark ("1.234" in a decimal-comma file).
 */
function decimalMark(text: string, decimalComma: boolean): ',' | '.' | null {
  const comma = text.lastIndexOf(',');
  const dot = text.lastIndexOf('.');
  if (comma !== -1 && dot !== -1) return comma > dot ? ',' : '.';
  const mark = comma !== -1 ? ',' : dot !== -1 ? '.' : null;
  if (mark === null || text.indexOf(mark) !== text.lastIndexOf(mark)) return null;
  const thousandsMark = decimalComma ? '.' : ',';
  return mark === thousandsMark && /^\d{3}$/.test(text.slice(text.lastIndexOf(mark) + 1)) ? null : mark;
}

/** "USD", "US Dollar - USD", "Euro (EUR)" → the ISO code, or null. */
export function readCurrency(value: string): string | null {
  const m = /(?:^|[^A-Za-z])([A-Z]{3})\)?\s*$/.exec(value.trim());
  if (!m) return null;
  try {
    currencyExponent(m[1]!);
    return m[1]!;
  } catch {
    return null;
  }
}
