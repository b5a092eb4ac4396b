// Calendar dates without a zone ('YYYY-MM-DD'), the unit users think in for days, weeks, holidays.
// Calendar maths runs on a UTC TZDate so no zone's DST can move the date.
import { TZDate } from '@date-fns/tz';
import { addDays, format, getDay, startOfWeek } from 'date-fns';

export type LocalDate = string;
/** 0 = Sunday … 6 = Saturday, as in date-fns. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseLocalDate(date: LocalDate): { year: number; month: number; day: number } {
  const m = LOCAL_DATE.exec(date);
  const parsed = m && { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (!parsed || toCalendar(parsed) === null) throw new RangeError(`"${date}" is not a date (YYYY-MM-DD)`);
  return parsed;
}

export function isLocalDate(value: string): boolean {
  try {
    parseLocalDate(value);
    return true;
  } catch {
    return false;
  }
}

/** Null when the fields do not form a real date (e.g. 2023-02-29). */
function toCalendar(d: { year: number; month: number; day: number }): TZDate | null {
  const date = new TZDate(d.year, d.month - 1, d.day, 'UTC');
  const fits = date.getFullYear() === d.year && date.getMonth() === d.month - 1 && date.getDate() === d.day;
  return fits ? date : null;
}

function calendar(date: LocalDate): TZDate {
  const { year, month, day } = parseLocalDate(date);
  return new TZDate(year, month - 1, day, 'UTC');
}

const fmt = (d: Date): LocalDate => format(d, 'yyyy-MM-dd');

export function addLocalDays(date: LocalDate, days: number): LocalDate {
  return fmt(addDays(calendar(date), days));
}

export function weekdayOf(date: LocalDate): Weekday {
  return getDay(calendar(date)) as Weekday;
}

export function startOfLocalWeek(date: LocalDate, weekStartsOn: Weekday): LocalDate {
  return fmt(startOfWeek(calendar(date), { weekStartsOn }));
}

export function firstOfMonth(date: LocalDate): LocalDate {
  return `${date.slice(0, 7)}-01`;
}

export function firstOfNextMonth(date: LocalDate): LocalDate {
  const { year, month } = parseLocalDate(date);
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}
