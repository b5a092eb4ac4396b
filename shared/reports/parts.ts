// Small pieces the report builders share: the weeks and months a scope spans, and the ratios (percent, per hour) every report rounds the same way.
import { roundHalfUp, toSafeNumber } from '../money/money';
import { addLocalDays, firstOfMonth, firstOfNextMonth, startOfLocalWeek, type LocalDate, type Weekday } from '../time/local-date';
import type { ReportFigure, ReportScope } from './types';

const MS_PER_HOUR = 3_600_000;

/** The first day of every week that has a day in the scope, in order (the first may be before `from`). */
export function weekStarts(scope: Pick<ReportScope, 'from' | 'to'>, weekStartsOn: Weekday): LocalDate[] {
  const starts: LocalDate[] = [];
  for (let week = startOfLocalWeek(scope.from, weekStartsOn); week <= scope.to; week = addLocalDays(week, 7)) starts.push(week);
  return starts;
}

/** The first day of every month that has a day in the scope, in order. */
export function monthStarts(scope: Pick<ReportScope, 'from' | 'to'>): LocalDate[] {
  const starts: LocalDate[] = [];
  for (let month = firstOfMonth(scope.from); month <= scope.to; month = firstOfNextMonth(month)) starts.push(month);
  return starts;
}

/** part / whole in percent, to one decimal (42.5 = 42.5 %); null when the whole is 0. */
export function percentOf(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part * 1000) / whole) / 10;
}

/** Money per hour of `ms`, in minor units, rounded half up (away from zero for a loss); null without time. */
export function perHour(amountMinor: number, ms: number): number | null {
  if (ms <= 0) return null;
  const magnitude = toSafeNumber(roundHalfUp(BigInt(Math.abs(amountMinor)) * BigInt(MS_PER_HOUR), BigInt(ms)));
  return amountMinor < 0 ? -magnitude : magnitude;
}

/** Σ values. Money and milliseconds are integers, so plain addition is exact. */
export const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** Σ f(item). */
export function sumOf<T>(items: readonly T[], f: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += f(item);
  return total;
}

/**
 * Sums per week or month: `add` puts an amount in the bucket that `startOf` its date begins (none
 * outside). Each date's bucket is looked up once: a year's entries share a few hundred dates.
 */
export function bucketSums(starts: readonly LocalDate[], startOf: (date: LocalDate) => LocalDate) {
  const index = new Map(starts.map((s, i) => [s, i]));
  const byDate = new Map<LocalDate, number | undefined>();
  const values = starts.map(() => 0);
  const add = (date: LocalDate, amount: number): void => {
    if (!byDate.has(date)) byDate.set(date, index.get(startOf(date)));
    const i = byDate.get(date);
    if (i !== undefined) values[i] = (values[i] ?? 0) + amount;
  };
  return { values, add };
}

/** The headline figures, leaving out a ratio over nothing (no revenue, no hours), which has no value to show. */
export function presentFigures(all: ReadonlyArray<[string, ReportFigure['kind'], number | null]>): ReportFigure[] {
  return all.filter((f): f is [string, ReportFigure['kind'], number] => f[2] !== null).map(([label, kind, value]) => ({ label, kind, value }));
}
