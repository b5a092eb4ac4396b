// What typing a duration into a timesheet cell (a project, or one task of it, on one day) does to the
// entries. A cell shows the sum of its entries that day.
//
// Raising it adds a typed (manual) draft for the difference, placed after the day's last entry (or
// at 09:00) so it does not overlap other work. Lowering it changes this cell's entries, and the
// screen asks first, listing every change (`ask`):
// - drafts go first: typed time, latest first; then time measured by the timer, the activity review
//   or an import, also latest first. Measured time is changed only through that question, which
//   marks it as measured: past days have no other screen to correct it on, and undo puts it back;
// - approved or synced time goes last, and is only shortened, to a minute at least: the question
//   marks it, it stays approved, and QuickBooks gets the new time (the user confirms that change as
//   they confirm an edit on Today);
// - invoiced or paid time and a running timer are never changed here;
// - an entry with a description is never deleted, only shortened, to a minute at least;
// - a draft without a description whose whole length goes is deleted (undo re-creates it).
// When the target cannot be reached that way, the plan says why and how low the cell can go.
import { formatClockTime } from '../../../../shared/time/display';
import { formatDuration } from '../../../../shared/time/duration';
import { dayRange } from '../../../../shared/time/ranges';
import { zonedInstant } from '../../../../shared/time/zone';
import type { LocalDate } from '../../../../shared/time/local-date';

export interface CellEntry {
  id: string;
  start: number;
  end: number | null;
  source: 'manual' | 'timer' | 'activity' | 'import';
  status: string;
  description: string;
  version: number;
}

export type CellEditStep<E extends CellEntry = CellEntry> =
  | { kind: 'create'; start: number; end: number }
  | { kind: 'trim'; entry: E; end: number }
  | { kind: 'delete'; entry: E };

export type CellEditPlan<E extends CellEntry = CellEntry> =
  | {
      ok: true;
      /** The cell before and after, as the grid shows them (whole minutes). */
      fromMs: number;
      toMs: number;
      steps: CellEditStep<E>[];
      /** Lowering: the screen lists the steps and asks before writing anything. */
      ask: boolean;
    }
  | { ok: false; message: string };

interface CellEditInput<E extends CellEntry> {
  date: LocalDate;
  zone: string;
  /** The cell's entries (this project, or this task of it, on this day). */
  cell: readonly E[];
  /** All entries that day, to place new time after them. */
  day: readonly CellEntry[];
  /** Whole minutes, as typed. */
  targetMs: number;
  now: number;
}

const MINUTE = 60_000;
/** How short a lowered entry with a description, or approved time, may become: it keeps some time. */
const KEPT_MS = MINUTE;

const elapsed = (e: CellEntry, now: number) => Math.max(0, (e.end ?? now) - e.start);
const isMeasured = (e: CellEntry) => e.source !== 'manual';
const hasDescription = (e: CellEntry) => e.description.trim() !== '';
/** Approved or synced: changed last, only shortened, and QuickBooks is told. */
export const isApprovedTime = (e: CellEntry) => e.status === 'approved' || e.status === 'synced';
const isChangeable = (e: CellEntry) => (e.status === 'draft' || isApprovedTime(e)) && e.end !== null;
/** The order lowering takes entries in: drafts before approved time; typed before measured; latest first. */
const lowerOrder = (e: CellEntry) => [Number(isApprovedTime(e)), Number(isMeasured(e)), -e.start] as const;

export function planCellEdit<E extends CellEntry>(input: CellEditInput<E>): CellEditPlan<E> {
  const { date, zone, cell, day, targetMs, now } = input;
  const currentMs = cell.reduce((sum, e) => sum + elapsed(e, now), 0);
  // The grid shows whole minutes: typing back what it shows (1:07 for 1:07:30) changes nothing.
  const fromMs = Math.floor(currentMs / MINUTE) * MINUTE;
  if (targetMs === fromMs) return { ok: true, fromMs, toMs: targetMs, steps: [], ask: false };

  if (targetMs > currentMs) {
    const delta = targetMs - currentMs;
    const { start: dayStart, end: dayEnd } = dayRange(date, zone);
    if (delta > dayEnd - dayStart) return { ok: false, message: 'A day cannot hold that much time.' };
    const lastEnd = Math.max(dayStart, ...day.map((e) => e.end ?? now));
    let start = Math.max(zonedInstant(date, '09:00', zone), lastEnd);
    // Keep the new entry inside its day; if the day is full it may overlap, which Today shows.
    if (start + delta > dayEnd) start = dayEnd - delta;
    return { ok: true, fromMs, toMs: targetMs, steps: [{ kind: 'create', start, end: start + delta }], ask: false };
  }
  return lower(cell, currentMs, fromMs, targetMs, now);
}

function lower<E extends CellEntry>(cell: readonly E[], currentMs: number, fromMs: number, targetMs: number, now: number): CellEditPlan<E> {
  const candidates = cell.filter(isChangeable).sort((a, b) => {
    const [x, y] = [lowerOrder(a), lowerOrder(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || (a.id < b.id ? 1 : -1);
  });
  let toRemove = currentMs - targetMs;
  const steps: CellEditStep<E>[] = [];
  for (const e of candidates) {
    if (toRemove <= 0) break;
    const length = elapsed(e, now);
    const floor = hasDescription(e) || isApprovedTime(e) ? Math.min(KEPT_MS, length) : 0;
    if (length - floor <= 0) continue;
    if (floor === 0 && toRemove >= length) {
      steps.push({ kind: 'delete', entry: e });
      toRemove -= length;
    } else {
      const cut = Math.min(toRemove, length - floor);
      steps.push({ kind: 'trim', entry: e, end: (e.end as number) - cut });
      toRemove -= cut;
    }
  }
  if (toRemove > 0) return { ok: false, message: unreachable(cell, targetMs + toRemove, now) };
  return { ok: true, fromMs, toMs: targetMs, steps, ask: true };
}

/** Why the cell cannot go as low as asked, and how low it can go. */
function unreachable(cell: readonly CellEntry[], lowestMs: number, now: number): string {
  const reasons: string[] = [];
  const billed = cell.filter((e) => e.end !== null && !isChangeable(e));
  if (billed.length > 0) {
    const ms = billed.reduce((sum, e) => sum + elapsed(e, now), 0);
    reasons.push(`Invoiced time (${formatDuration(ms)}) is not changed from the timesheet.`);
  }
  if (cell.some(isApprovedTime)) reasons.push('Approved time is only shortened here, to a minute at least.');
  if (cell.some((e) => e.end === null)) reasons.push('The running timer is not changed from the timesheet; stop it first.');
  const kept = cell.filter((e) => isChangeable(e) && hasDescription(e));
  if (kept.length > 0) {
    reasons.push(`Entries with a description are never deleted here, only shortened to a minute: ${kept.map((e) => `“${e.description.trim()}”`).join(', ')}.`);
  }
  const lowest = formatDuration(Math.ceil(lowestMs / MINUTE) * MINUTE);
  return `This cell can go down to ${lowest}, not lower. ${reasons.join(' ')}`;
}

/** What a step does to its entry, for the question: "ends at 10:30 instead of 11:00", "deleted". */
export function describeStep(step: Exclude<CellEditStep, { kind: 'create' }>, zone: string): string {
  if (step.kind === 'delete') return 'deleted';
  return `ends at ${formatClockTime(step.end, zone)} instead of ${formatClockTime(step.entry.end as number, zone)}`;
}

/** Where measured time came from, for the question. */
export const SOURCE_LABEL: Record<CellEntry['source'], string> = {
  manual: 'typed',
  timer: 'timer',
  activity: 'activity review',
  import: 'imported',
};
