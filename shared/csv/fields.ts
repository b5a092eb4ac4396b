// Reading dates, times, durations and yes/no values as other trackers write them.
import { isLocalDate, type LocalDate } from '../time/local-date';

export type DateFormat = 'YYYY-MM-DD' | 'MM/DD/YYYY' | 'DD.MM.YYYY' | 'DD/MM/YYYY';
const DATE_FORMATS: readonly DateFormat[] = ['YYYY-MM-DD', 'MM/DD/YYYY', 'DD.MM.YYYY', 'DD/MM/YYYY'];

const PATTERNS: Record<DateFormat, { re: RegExp; order: ['y' | 'm' | 'd', 'y' | 'm' | 'd', 'y' | 'm' | 'd'] }> = {
  'YYYY-MM-DD': { re: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, order: ['y', 'm', 'd'] },
  'MM/DD/YYYY': { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ['m', 'd', 'y'] },
  'DD.MM.YYYY': { re: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, order: ['d', 'm', 'y'] },
  'DD/MM/YYYY': { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ['d', 'm', 'y'] },
};

/** The date as 'YYYY-MM-DD' if `value` is a real date in `format`, else null. */
export function parseDateAs(value: string, format: DateFormat): LocalDate | null {
  const { re, order } = PATTERNS[format];
  const m = re.exec(value.trim());
  if (!m) return null;
  const part = (k: 'y' | 'm' | 'd') => m[order.indexOf(k) + 1]!;
  const date = `${part('y')}-${part('m').padStart(2, '0')}-${part('d').padStart(2, '0')}`;
  return isLocalDate(date) ? date : null;
}

/**
 * Formats under which every sample reads as a real date. 03/04/2024 fits both MM/DD and DD/MM,
 * so when more than one remains the person importing must choose.
 */
export function detectDateFormats(samples: readonly string[]): DateFormat[] {
  const values = samples.map((s) => s.trim()).filter((s) => s !== '');
  return DATE_FORMATS.filter((f) => values.length > 0 && values.every((v) => parseDateAs(v, f) !== null));
}

/** "09:05", "9:05:30", "9:05 AM", "09:05:30 pm" → HH:mm plus leftover seconds, or null. */
export function parseClockTime(value: string): { hhmm: string; seconds: number } | null {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?$/i.exec(value.trim());
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

/** Yes/No, true/false, 1/0; null when empty (the project's default applies); undefined when unreadable. */
export function parseYesNo(value: string): boolean | null | undefined {
  const text = value.trim().toLowerCase();
  if (text === '') return null;
  if (['yes', 'y', 'true', '1'].includes(text)) return true;
  if (['no', 'n', 'false', '0'].includes(text)) return false;
  return undefined;
}
