// Periods and filters: the date range a report preset covers, the period before it (for comparing),
// the period in words, and whether an entry falls inside a report's scope.
import { addLocalDays, firstOfMonth, firstOfNextMonth, parseLocalDate, startOfLocalWeek, type LocalDate, type Weekday } from '../time/local-date';
import { formatDate } from '../time/display';
import type { PeriodPreset, ReportScope } from './types';

export interface DateRange {
  from: LocalDate;
  to: LocalDate;
}

function quarterOf(today: LocalDate): DateRange {
  const { year, month } = parseLocalDate(today);
  const firstMonth = month - ((month - 1) % 3);
  const monthStart = (m: number): LocalDate => `${year}-${String(m).padStart(2, '0')}-01`;
  return { from: monthStart(firstMonth), to: addLocalDays(firstOfNextMonth(monthStart(firstMonth + 2)), -1) };
}

function checkedCustom(custom: DateRange | undefined): DateRange {
  if (!custom) throw new RangeError('A custom period needs a start and an end date');
  parseLocalDate(custom.from);
  parseLocalDate(custom.to);
  if (custom.from > custom.to) throw new RangeError('The period starts after it ends');
  return { from: custom.from, to: custom.to };
}

/** The preset's range around `today` (custom: `custom` as given). */
export function periodRange(preset: PeriodPreset, today: LocalDate, weekStartsOn: Weekday, custom?: DateRange): DateRange {
  switch (preset) {
    case 'week': {
      const from = startOfLocalWeek(today, weekStartsOn);
      return { from, to: addLocalDays(from, 6) };
    }
    case 'month':
      return { from: firstOfMonth(today), to: addLocalDays(firstOfNextMonth(today), -1) };
    case 'quarter':
      return quarterOf(today);
    case 'year': {
      const { year } = parseLocalDate(today);
      return { from: `${year}-01-01`, to: `${year}-12-31` };
    }
    case 'custom':
      return checkedCustom(custom);
  }
}

/** Days from `from` to `to`, both counted. */
function daysIn(range: DateRange): number {
  const utc = (date: LocalDate): number => {
    const { year, month, day } = parseLocalDate(date);
    return Date.UTC(year, month - 1, day);
  };
  return Math.round((utc(range.to) - utc(range.from)) / 86_400_000) + 1;
}

/** The period just before: the previous week, month, quarter or year; a custom range's same length before it. */
export function previousRange(preset: PeriodPreset, range: DateRange): DateRange {
  const to = addLocalDays(range.from, -1);
  if (preset === 'week') return { from: addLocalDays(range.from, -7), to };
  if (preset === 'custom') return { from: addLocalDays(range.from, -daysIn(checkedCustom(range))), to };
  // weekStartsOn plays no part in months, quarters and years.
  return { from: periodRange(preset, to, 1).from, to };
}

/** "1 Dec 2026 – 31 Dec 2026", or one date for a one-day period; the same in every locale. */
export function describePeriod(range: DateRange): string {
  return range.from === range.to ? formatDate(range.from) : `${formatDate(range.from)} – ${formatDate(range.to)}`;
}

/** Inside the dates and, when the scope names clients or projects, one of them (both lists apply when both are given). */
export function entryInScope(e: { localDate: LocalDate; clientId: string | null; projectId: string | null }, scope: ReportScope): boolean {
  if (e.localDate < scope.from || e.localDate > scope.to) return false;
  if (scope.clientIds.length > 0 && (e.clientId === null || !scope.clientIds.includes(e.clientId))) return false;
  return scope.projectIds.length === 0 || (e.projectId !== null && scope.projectIds.includes(e.projectId));
}
