// A retainer's periods: calendar months or calendar quarters (Q1 = January–March), the first one
// holding the start date and the last one the end date. The first period starts on the start date
// and the last ends on the end date (the fee is the same: a retainer is not prorated).
import { addLocalDays, firstOfNextMonth, parseLocalDate, type LocalDate } from '../time/local-date';
import type { RetainerArrangement } from './types';

export interface RetainerPeriod {
  /** 'YYYY-MM' (monthly) or 'YYYY-Qn' (quarterly): the step keys 'period:<key>', 'overage:<key>'. */
  key: string;
  start: LocalDate;
  end: LocalDate;
  /** "December 2026", "Q4 2026". */
  label: string;
}

const MONTH_NAME = new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' });
const pad = (n: number): string => String(n).padStart(2, '0');

/** The calendar month or quarter holding `date`, unclipped. */
function calendarPeriod(period: RetainerArrangement['period'], date: LocalDate): RetainerPeriod {
  const { year, month } = parseLocalDate(date);
  if (period === 'monthly') {
    const start = `${year}-${pad(month)}-01`;
    const label = `${MONTH_NAME.format(Date.UTC(year, month - 1, 15))} ${year}`;
    return { key: start.slice(0, 7), start, end: addLocalDays(firstOfNextMonth(start), -1), label };
  }
  const quarter = Math.floor((month - 1) / 3) + 1;
  const start = `${year}-${pad(quarter * 3 - 2)}-01`;
  const end = addLocalDays(firstOfNextMonth(`${year}-${pad(quarter * 3)}-01`), -1);
  return { key: `${year}-Q${quarter}`, start, end, label: `Q${quarter} ${year}` };
}

/** The period `date` falls in, or null before the start date or after the end date. */
export function periodOf(arr: RetainerArrangement, date: LocalDate): RetainerPeriod | null {
  if (date < arr.startDate || (arr.endDate !== null && date > arr.endDate)) return null;
  const p = calendarPeriod(arr.period, date);
  const start = p.start < arr.startDate ? arr.startDate : p.start;
  const end = arr.endDate !== null && arr.endDate < p.end ? arr.endDate : p.end;
  return { ...p, start, end };
}

/** Every period from the first through the one holding `date` (or the last, after the end date). */
export function periodsThrough(arr: RetainerArrangement, date: LocalDate): RetainerPeriod[] {
  const last = arr.endDate !== null && arr.endDate < date ? arr.endDate : date;
  const periods: RetainerPeriod[] = [];
  for (let p = periodOf(arr, arr.startDate); p && p.start <= last; p = periodOf(arr, addLocalDays(p.end, 1))) periods.push(p);
  return periods;
}
