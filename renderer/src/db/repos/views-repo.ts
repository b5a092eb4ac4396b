// The data behind the Today, week, month and timesheet screens, each read as index ranges so a year of
// data costs no more than the days shown. An entry belongs to the local date it started on in the zone
// it was recorded in (its `localDate`), which is also the date QuickBooks gets; an entry that crosses
// midnight counts on its start date. `zone` is the viewer's zone, used for the day's instant range.
import { isLive } from '../../../../shared/entries/entry';
import { addLocalDays, firstOfMonth, firstOfNextMonth, parseLocalDate, type LocalDate } from '../../../../shared/time/local-date';
import { dayRange, type Range } from '../../../../shared/time/ranges';
import { billedTimes, describeBilledRule, type BilledTime } from '../../../../shared/rounding/billed';
import { effectiveRounding } from '../../../../shared/rounding/policy';
import type { RepoContext } from '../context';
import type { EntryRow } from '../schema';
import { createSettingsRepo } from './settings-repo';

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

export interface TimesheetFigures {
  /** Raw ms per day of the week, in order (a running timer counts up to now). */
  days: number[];
  /** Billed ms per day: shared/rounding/billed with each project's rule, over whole project-days. */
  billedDays: number[];
  totalMs: number;
  billedMs: number;
}

/** One task's share of a project row (taskId null: time without a task). */
export interface TimesheetTaskRow extends TimesheetFigures {
  taskId: string | null;
}

export interface TimesheetRow extends TimesheetFigures {
  projectId: string | null;
  billableMs: number;
  nonBillableMs: number;
  /** The same time split by task, largest first; the shares add up to the row. */
  tasks: TimesheetTaskRow[];
  /** The rule behind the billed figures, e.g. "15 min up, per entry (project rule)". */
  rule: string;
}

export interface TimesheetTotals {
  days: LocalDate[];
  /** Ordered by total, largest first. */
  rows: TimesheetRow[];
  dayTotals: number[];
  billedDayTotals: number[];
  billableDayTotals: number[];
  billedBillableDayTotals: number[];
  weekTotalMs: number;
  billedWeekMs: number;
  billableMs: number;
  billedBillableMs: number;
  nonBillableMs: number;
  /** The week's live entries in start order, with each one's billed time (approving a day or the week). */
  entries: EntryRow[];
  billed: ReadonlyMap<string, BilledTime>;
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
    return perDay.flat().filter(isLive).sort(byStart);
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
        running: running.filter(isLive).sort(byStart).at(-1) ?? null,
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

    /**
     * Raw and billed totals per project, and per task within each project, per day of the week from
     * `weekStart`. Billed time is shared/rounding/billed over the whole week's entries, so a
     * per-project-day rule sees every entry of each project-day (a running timer as if stopped now),
     * and a task's billed figure is its share of its project-day.
     */
    async timesheetTotals(weekStart: LocalDate, zone: string, now = ctx.now()): Promise<TimesheetTotals> {
      const days = datesFrom(weekStart, 7);
      void zone; // Entries are dated in their own zone; kept for symmetry with the other views.
      const [entries, projects, workspace] = await Promise.all([
        entriesBetween(weekStart, addLocalDays(weekStart, 7)),
        db.projects.toArray(),
        createSettingsRepo(ctx).get('rounding'),
      ]);
      const projectById = new Map(projects.map((p) => [p.id, p]));
      const spans = entries.map((e) => ({ id: e.id, projectId: e.projectId, start: e.start, end: Math.max(e.end ?? now, e.start), zone: e.zone }));
      const billed = billedTimes(spans, (id) => projectById.get(id), workspace);
      const dayIndex = new Map(days.map((d, i) => [d, i]));
      const blank = (): TimesheetFigures => ({ days: days.map(() => 0), billedDays: days.map(() => 0), totalMs: 0, billedMs: 0 });
      const add = (f: TimesheetFigures, i: number, raw: number, bill: number) => {
        f.days[i]! += raw;
        f.billedDays[i]! += bill;
        f.totalMs += raw;
        f.billedMs += bill;
      };
      const all = blank();
      const billable = blank();
      const rows = new Map<string | null, { row: TimesheetRow; tasks: Map<string | null, TimesheetTaskRow> }>();
      for (const e of entries) {
        const i = dayIndex.get(e.localDate)!;
        const raw = elapsedMs(e, now);
        const bill = billed.get(e.id)?.billedMs ?? raw;
        let group = rows.get(e.projectId);
        if (!group) {
          const rule = describeBilledRule(effectiveRounding(e.projectId === null ? null : (projectById.get(e.projectId) ?? null), { rounding: workspace }));
          group = { row: { ...blank(), projectId: e.projectId, billableMs: 0, nonBillableMs: 0, tasks: [], rule }, tasks: new Map() };
          rows.set(e.projectId, group);
        }
        let task = group.tasks.get(e.taskId);
        if (!task) group.tasks.set(e.taskId, (task = { ...blank(), taskId: e.taskId }));
        add(group.row, i, raw, bill);
        add(task, i, raw, bill);
        add(all, i, raw, bill);
        if (e.billable) {
          group.row.billableMs += raw;
          add(billable, i, raw, bill);
        } else group.row.nonBillableMs += raw;
      }
      const byTotal = (a: TimesheetFigures, b: TimesheetFigures) => b.totalMs - a.totalMs;
      return {
        days,
        rows: [...rows.values()].map(({ row, tasks }) => ({ ...row, tasks: [...tasks.values()].sort(byTotal) })).sort(byTotal),
        dayTotals: all.days,
        billedDayTotals: all.billedDays,
        billableDayTotals: billable.days,
        billedBillableDayTotals: billable.billedDays,
        weekTotalMs: all.totalMs,
        billedWeekMs: all.billedMs,
        billableMs: billable.totalMs,
        billedBillableMs: billable.billedMs,
        nonBillableMs: all.totalMs - billable.totalMs,
        entries,
        billed,
      };
    },
  };
}

export type ViewsRepo = ReturnType<typeof createViewsRepo>;
