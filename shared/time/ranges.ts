// Half-open UTC ranges [start, end) for local days, weeks and months. Ranges are built from local
// midnights, so a spring-forward day is 23 h long and an autumn day 25 h.
import {
  addLocalDays,
  firstOfMonth,
  firstOfNextMonth,
  parseLocalDate,
  startOfLocalWeek,
  type LocalDate,
  type Weekday,
} from './local-date';
import { localDate, zonedInstant } from './zone';

export interface Range {
  /** Inclusive, epoch ms. */
  start: number;
  /** Exclusive, epoch ms. */
  end: number;
}

/** Where the local day begins. In zones that skip midnight (e.g. America/Santiago) that is 01:00. */
function dayStart(date: LocalDate, zone: string): number {
  return zonedInstant(date, '00:00', zone);
}

export function dayRange(date: LocalDate, zone: string): Range {
  return { start: dayStart(date, zone), end: dayStart(addLocalDays(date, 1), zone) };
}

export function weekRange(date: LocalDate, zone: string, weekStartsOn: Weekday): Range {
  const first = startOfLocalWeek(date, weekStartsOn);
  return { start: dayStart(first, zone), end: dayStart(addLocalDays(first, 7), zone) };
}

export function monthRange(date: LocalDate, zone: string): Range {
  parseLocalDate(date);
  return { start: dayStart(firstOfMonth(date), zone), end: dayStart(firstOfNextMonth(date), zone) };
}

/** The seven local dates of the week containing `date`, in order. */
export function daysOfWeek(date: LocalDate, weekStartsOn: Weekday): LocalDate[] {
  const first = startOfLocalWeek(date, weekStartsOn);
  return Array.from({ length: 7 }, (_, i) => addLocalDays(first, i));
}

/** Elapsed time between two instants. Wall clocks are irrelevant: across a DST change 01:30→03:30 is 1 h or 3 h. */
export function durationMs(start: number, end: number): number {
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw new RangeError('Start and end must be instants');
  if (end < start) throw new RangeError('End is before start');
  return end - start;
}

/** Cuts [start, end) at every local midnight in between, so each part lies within one local day. */
export function splitAtLocalMidnight(start: number, end: number, zone: string): Range[] {
  durationMs(start, end);
  if (start === end) return [{ start, end }];
  const parts: Range[] = [];
  let cursor = start;
  while (cursor < end) {
    const stop = Math.min(dayRange(localDate(cursor, zone), zone).end, end);
    parts.push({ start: cursor, end: stop });
    cursor = stop;
  }
  return parts;
}
