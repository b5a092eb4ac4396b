// How dates and times read to a person, in one format for every screen and the tray: the system
// locale's own (Intl), including its 12- or 24-hour clock. Forms keep their machine formats
// (<input type="time"> wants HH:mm; CSV exports keep ISO-like dates); this module is for reading.
//
// Formatters are cached per locale, zone and style: building an Intl.DateTimeFormat costs far more
// than using one, and a list of a week's entries formats hundreds of times per render.
import type { LocalDate } from './local-date';
import { parseLocalDate } from './local-date';

/** undefined = the runtime's default locale (the system's, in the app). */
type Locale = string | undefined;

type Style = 'time' | 'dayLong' | 'dayShort' | 'dayMonth' | 'monthYear' | 'date' | 'dateTime' | 'weekdayTime';

const OPTIONS: Record<Style, Intl.DateTimeFormatOptions> = {
  time: { timeStyle: 'short' },
  dayLong: { weekday: 'long', day: 'numeric', month: 'long' },
  dayShort: { weekday: 'short', day: 'numeric', month: 'short' },
  dayMonth: { day: 'numeric', month: 'short' },
  monthYear: { month: 'short', year: 'numeric' },
  date: { dateStyle: 'medium' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  weekdayTime: { weekday: 'short', hour: 'numeric', minute: '2-digit' },
};

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(style: Style, zone: string, locale: Locale): Intl.DateTimeFormat {
  const key = `${style}|${zone}|${locale ?? ''}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...OPTIONS[style], timeZone: zone });
    cache.set(key, f);
  }
  return f;
}

/** A calendar date as an instant that lies on it in UTC, for formatting the date alone. */
function utcNoon(date: LocalDate): number {
  const { year, month, day } = parseLocalDate(date);
  return Date.UTC(year, month - 1, day, 12);
}

/** "09:05" or "9:05 AM": the wall-clock time of an instant in a zone. */
export function formatClockTime(ms: number, zone: string, locale?: Locale): string {
  return formatter('time', zone, locale).format(ms);
}

/** "09:00–10:30", or "09:00–now" for a running entry. */
export function formatTimeRange(start: number, end: number | null, zone: string, locale?: Locale): string {
  return `${formatClockTime(start, zone, locale)}–${end === null ? 'now' : formatClockTime(end, zone, locale)}`;
}

/** "Thursday 3 December" / "Thursday, December 3". */
export function formatDayLong(date: LocalDate, locale?: Locale): string {
  return formatter('dayLong', 'UTC', locale).format(utcNoon(date));
}

/** "Thu 3 Dec" / "Thu, Dec 3". */
export function formatDayShort(date: LocalDate, locale?: Locale): string {
  return formatter('dayShort', 'UTC', locale).format(utcNoon(date));
}

/** "3 Dec" / "Dec 3": a day without its year (a chart's week, a link to a day). */
export function formatDayMonth(date: LocalDate, locale?: Locale): string {
  return formatter('dayMonth', 'UTC', locale).format(utcNoon(date));
}

/** "Dec 2026": a month. */
export function formatMonthYear(date: LocalDate, locale?: Locale): string {
  return formatter('monthYear', 'UTC', locale).format(utcNoon(date));
}

/** "3 Dec 2026" / "Dec 3, 2026". */
export function formatDate(date: LocalDate, locale?: Locale): string {
  return formatter('date', 'UTC', locale).format(utcNoon(date));
}

/** "3 Dec 2026, 14:05" / "Dec 3, 2026, 2:05 PM": an instant with its date, in a zone. */
export function formatDateTime(ms: number, zone: string, locale?: Locale): string {
  return formatter('dateTime', zone, locale).format(ms);
}

/** "Wed 17:40" / "Wed 5:40 PM": an instant within the last week. */
export function formatWeekdayTime(ms: number, zone: string, locale?: Locale): string {
  return formatter('weekdayTime', zone, locale).format(ms);
}
