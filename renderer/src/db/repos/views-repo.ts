// The data behind the Today, week, month and timesheet screens, each read as index ranges so a year of
// data costs no more than the days shown. An entry belongs to the local date it started on in the zone
// it was recorded in (its `localDate`), which is also the date QuickBooks gets; an entry that crosses
// midnight counts on its start date. `zone` is the viewer's zone, used for the day's instant range.
import { addLocalDays, firstOfMonth, firstOfNextMonth, parseLocalDate, type LocalDate } from '../../../../shared/time/local-date';
import { dayRange, type Range } from '../../../../shared/time/ranges';
import type { RepoContext } from '../context';
import type { EntryRow } from '../schema';

export interface DayTotals {
  totalMs: number;
  billableMs: number;
}

/**
 * What the Today screen shows: the day's entries and the running timer. Not the day's captured
 * activity (the Review screen reads that): a day holds ~1,100 segments, which cost three times the
 * entries to read, and every heartbeat the capture stores would wake this live query.
 */
export interface DayView {
  date: LocalDate;
  zone: string;
  range: Range;
  entries: EntryRow[];
  /** The running timer, wherever it started (it may have been left running since yesterday). */
  running: EntryRow | null;
  totals: DayTotals;
}

export interface PeriodView {
  days: LocalDate[];
  range: Range;
  entries: EntryRow[];
  /** Entries per day, in start order; every day of the period has a key. */
  byDay: Record<LocalDate, EntryRow[]>;
  dayTotals: Record<LocalDate, DayTotals>;
  totals: DayTotals;
}

export interface TimesheetRow {
  projectId: string | null;
  /** Raw ms per day of the week, in order. */
  days: number[];
  totalMs: number;
  billableMs: number;
  nonBillableMs: number;
}

export interface TimesheetTotals {
  days: LocalDate[];
  /** Ordered by total, largest first. */
  rows: TimesheetRow[];
  dayTotals: number[];
  billableDayTotals: number[];
  weekTotalMs: number;
  billableMs: number;
  nonBillableMs: number;
}

/** Raw duration; a running entry counts up to `now` (and never below zero). */
export const elapsedMs = (e: EntryRow, now: number) => Math.max(0, (e.end ?? now) - e.start);

const byStart = (a: EntryRow, b: EntryRow) => a.start - b.start || a.id.localeCompare(b.id);

function datesFrom(first: LocalDate, count: number): LocalDate[] {
  return Array.from({ length: count }, (_, i) => addLocalDays(first, i));
}

export function createViewsRepo(ctx: RepoContext) {
  const { db } = ctx;

  /**
   * Live entries whose local date lies in [first, afterLast), in start order. One read per local day,
   * all in parallel: Chromium's IndexedDB pays more per row the more rows one getAll returns (with a
   * year of data, a week read as one range took 1.6-2x as long as its seven days read one by one; see
   * the README's bench:store row), while each day stays a small, cheap read.
   */
  async function entriesBetween(first: LocalDate, afterLast: LocalDate): Promise<EntryRow[]> {
    const days: LocalDate[] = [];
    for (let d = first; d < afterLast; d = addLocalDays(d, 1)) days.push(d);
    const perDay = await Promise.all(days.map((d) => db.entries.where('localDate').equals(d).toArray()));
    return perDay.flat().filter((e) => e.deletedAt == null).sort(byStart);
  }

  function period(days: LocalDate[], zone: string, entries: EntryRow[], now: number): PeriodView {
    const byDay: Record<LocalDate, EntryRow[]> = {};
    const dayTotals: Record<LocalDate, DayTotals> = {};
    for (const d of days) {
      byDay[d] = [];
      dayTotals[d] = { totalMs: 0, billableMs: 0 };
    }
    const totals: DayTotals = { totalMs: 0, billableMs: 0 };
    for (const e of entries) {
      const ms = elapsedMs(e, now);
      byDay[e.localDate]?.push(e);
      const t = dayTotals[e.localDate];
      if (t) {
        t.totalMs += ms;
        if (e.billable) t.billableMs += ms;
      }
      totals.totalMs += ms;
      if (e.billable) totals.billableMs += ms;
    }
    const range = { start: dayRange(days[0]!, zone).start, end: dayRange(days.at(-1)!, zone).end };
    return { days, range, entries, byDay, dayTotals, totals };
  }

  return {
    async loadDay(date: LocalDate, zone: string, now = ctx.now()): Promise<DayView> {
      const range = dayRange(date, zone);
      // Two independent reads in parallel, not one explicit transaction: an explicit one resolves only
      // after its commit round trip, which in Chromium costs more than the reads on a busy machine. A
      // change landing between them is harmless: the live query re-runs as soon as it commits.
      const [entries, running] = await Promise.all([
        entriesBetween(date, addLocalDays(date, 1)),
        db.entries.where('running').equals(1).toArray(),
      ]);
      const totals: DayTotals = { totalMs: 0, billableMs: 0 };
      for (const e of entries) {
        const ms = elapsedMs(e, now);
        totals.totalMs += ms;
        if (e.billable) totals.billableMs += ms;
      }
      return {
        date,
        zone,
        range,
        entries,
        running: running.filter((e) => e.deletedAt == null).sort(byStart).at(-1) ?? null,
        totals,
      };
    },

    /** Seven days from `weekStart` (the caller applies the week-start setting). */
    async loadWeek(weekStart: LocalDate, zone: string, now = ctx.now()): Promise<PeriodView> {
      const days = datesFrom(weekStart, 7);
      return period(days, zone, await entriesBetween(weekStart, addLocalDays(weekStart, 7)), now);
    },

    /** The calendar month containing `dateInMonth`. */
    async loadMonth(dateInMonth: LocalDate, zone: string, now = ctx.now()): Promise<PeriodView> {
      parseLocalDate(dateInMonth);
      const first = firstOfMonth(dateInMonth);
      const next = firstOfNextMonth(dateInMonth);
      const days: LocalDate[] = [];
      for (let d = first; d < next; d = addLocalDays(d, 1)) days.push(d);
      return period(days, zone, await entriesBetween(first, next), now);
    },

    /** Raw totals per project per day for the week from `weekStart`; rounding is applied by the screen. */
    async timesheetTotals(weekStart: LocalDate, zone: string, now = ctx.now()): Promise<TimesheetTotals> {
      const days = datesFrom(weekStart, 7);
      void zone; // Entries are dated in their own zone; kept for symmetry with the other views.
      const entries = await entriesBetween(weekStart, addLocalDays(weekStart, 7));
      const dayIndex = new Map(days.map((d, i) => [d, i]));
      const rows = new Map<string | null, TimesheetRow>();
      const totals: TimesheetTotals = {
        days,
        rows: [],
        dayTotals: days.map(() => 0),
        billableDayTotals: days.map(() => 0),
        weekTotalMs: 0,
        billableMs: 0,
        nonBillableMs: 0,
      };
      for (const e of entries) {
        const i = dayIndex.get(e.localDate)!;
        const ms = elapsedMs(e, now);
        let row = rows.get(e.projectId);
        if (!row) {
          row = { projectId: e.projectId, days: days.map(() => 0), totalMs: 0, billableMs: 0, nonBillableMs: 0 };
          rows.set(e.projectId, row);
        }
        row.days[i]! += ms;
        row.totalMs += ms;
        totals.dayTotals[i]! += ms;
        totals.weekTotalMs += ms;
        if (e.billable) {
          row.billableMs += ms;
          totals.billableDayTotals[i]! += ms;
          totals.billableMs += ms;
        } else {
          row.nonBillableMs += ms;
          totals.nonBillableMs += ms;
        }
      }
      totals.rows = [...rows.values()].sort((a, b) => b.totalMs - a.totalMs);
      return totals;
    },
  };
}

export type ViewsRepo = ReturnType<typeof createViewsRepo>;
