// Calendar dates without a zone ('YYYY-MM-DD'), the unit users think in for days, weeks, holidays.
// Calendar maths runs on UTC midnights so no zone's DST can move the date.

export type LocalDate = string;
/** 0 = Sunday … 6 = Saturday, as in date-fns. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseLocalDate(date: LocalDate): { year: number; month: number; day: number } {
  const m = LOCAL_DATE.exec(date);
  const parsed = m && { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (!parsed || !isCalendarDay(parsed)) throw new RangeError(`"${date}" is not a date (YYYY-MM-DD)`);
  return parsed;
}

/**
 * False when the fields do not form a real date (2023-02-29), or a year before 100 (which Date
 * reads as 19xx). Plain UTC arithmetic: it runs for every date of a 100,000-row import.
 */
function isCalendarDay(d: { year: number; month: number; day: number }): boolean {
  const date = new Date(Date.UTC(d.year, d.month - 1, d.day));
  return date.getUTCFullYear() === d.year && date.getUTCMonth() === d.month - 1 && date.getUTCDate() === d.day;
}

export function isLocalDate(value: string): boolean {
  try {
    parseLocalDate(value);
    return true;
  } catch {
    return false;
  }
}

/** The date's midnight in UTC, as epoch ms: calendar maths on it cannot meet a DST change. */
function utcMidnight(date: LocalDate): number {
  const { year, month, day } = parseLocalDate(date);
  return Date.UTC(year, month - 1, day);
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function fromUtc(ms: number): LocalDate {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

// Plain UTC arithmetic rather than date-fns: reports step through these for every entry of a year.
export function addLocalDays(date: LocalDate, days: number): LocalDate {
  return fromUtc(utcMidnight(date) + days * 86_400_000);
}

export function weekdayOf(date: LocalDate): Weekday {
  return new Date(utcMidnight(date)).getUTCDay() as Weekday;
}

export function startOfLocalWeek(date: LocalDate, weekStartsOn: Weekday): LocalDate {
  return addLocalDays(date, -((weekdayOf(date) - weekStartsOn + 7) % 7));
}

export function firstOfMonth(date: LocalDate): LocalDate {
  return `${date.slice(0, 7)}-01`;
}

export function firstOfNextMonth(date: LocalDate): LocalDate {
  const { year, month } = parseLocalDate(date);
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}
