// The rows behind one report read, taken from IndexedDB in one read-only transaction (so the
// entries, invoices and payments agree with each other) and through indexes only: entries by
// local date and by `waiting`, segments by local date. Nothing here computes money.
import { isLive } from '../../../../../shared/entries/entry';
import type { DateRange } from '../../../../../shared/reports/scope';
import { addLocalDays, type LocalDate } from '../../../../../shared/time/local-date';
import type { RepoContext } from '../../../db/context';
import { createSettingsRepo, type Settings } from '../../../db/repos/settings-repo';
import type { ClientRow, EntryRow, InvoiceRow, PaymentRow, ProjectRow, RateCardRow, SegmentRow, TaskRow } from '../../../db/schema';

/**
 * Unreviewed activity is read for this many days up to today. Capture keeps every segment (nothing
 * purges them) and a day holds ~1,100, almost all reviewed, and segments have no index on
 * `reviewed`: reading "any date" would read every segment ever captured (400,000 a year) to find
 * the few left. The review is a day-end habit, so the backlog worth showing is the recent one.
 */
const SEGMENT_DAYS = 14;

export interface StoredRows {
  settings: Pick<Settings, 'currency' | 'rounding' | 'weekStartsOn' | 'reportPeople' | 'utilizationTargetPercent'>;
  /** Live, finished entries to report: dated in the range, or outstanding whatever their date. */
  entries: EntryRow[];
  /**
   * Every live, finished entry of the days read (the range and the outstanding entries' days): what
   * per-project-day rounding needs to see whole project-days.
   */
  wholeDays: EntryRow[];
  clients: ClientRow[];
  projects: ProjectRow[];
  tasks: TaskRow[];
  rateCards: RateCardRow[];
  invoices: InvoiceRow[];
  payments: PaymentRow[];
  /** Unreviewed segments of the last SEGMENT_DAYS days… */
  segments: SegmentRow[];
  /** …that is, from this day on. */
  segmentsFrom: LocalDate;
}

function daysOf(from: LocalDate, to: LocalDate): LocalDate[] {
  const days: LocalDate[] = [];
  for (let d = from; d <= to; d = addLocalDays(d, 1)) days.push(d);
  return days;
}

const counted = (e: EntryRow) => isLive(e) && e.trashedAt == null && e.end !== null;

export async function readRows(ctx: RepoContext, range: DateRange, today: LocalDate): Promise<StoredRows> {
  const { db } = ctx;
  const tables = [db.entries, db.settings, db.clients, db.projects, db.tasks, db.rateCards, db.invoices, db.payments, db.segments];
  return db.transaction('r', tables, async () => {
    // One read per local day, in parallel: in Chromium a day's small getAll costs less per row than
    // one large range (views-repo.ts, entriesBetween).
    const byDay = (days: readonly LocalDate[]) => Promise.all(days.map((d) => db.entries.where('localDate').equals(d).toArray()));
    const segmentsFrom = addLocalDays(today, -(SEGMENT_DAYS - 1));
    const segmentDays = daysOf(segmentsFrom, today);
    const [inRange, outstanding, settings, clients, projects, tasks, rateCards, invoices, payments, segments] = await Promise.all([
      byDay(daysOf(range.from, range.to)),
      // Work still waiting to be billed (db/entry-rules isWaiting), whatever its date, for leakage and the forecast.
      db.entries.where('waiting').equals(1).toArray(),
      createSettingsRepo(ctx).getAll(),
      db.clients.toArray(),
      db.projects.toArray(),
      db.tasks.toArray(),
      db.rateCards.toArray(),
      db.invoices.toArray(),
      db.payments.toArray(),
      Promise.all(segmentDays.map((d) => db.segments.where('localDate').equals(d).toArray())),
    ]);
    const rangeRows = inRange.flat().filter(counted);
    const outside = outstanding.filter((e) => counted(e) && (e.localDate < range.from || e.localDate > range.to));
    // The outstanding entries' own days, whole, so their per-project-day rounding is exact.
    const extraDays = [...new Set(outside.map((e) => e.localDate))];
    const extraRows = (await byDay(extraDays)).flat().filter(counted);
    return {
      settings,
      entries: [...rangeRows, ...outside],
      wholeDays: [...rangeRows, ...extraRows],
      clients,
      projects,
      tasks,
      rateCards,
      invoices,
      payments: payments.filter((p) => !p.deleted),
      segments: segments.flat().filter((s) => !s.reviewed),
      segmentsFrom,
    };
  });
}
