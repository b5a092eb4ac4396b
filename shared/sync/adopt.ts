// "QuickBooks wins" on a TimeActivity changed in QuickBooks: what the local entry becomes so the
// tracker shows what QuickBooks holds. Pure: the sync repository reads the entry and the mapping,
// calls adoptIntoEntry and writes the patch (version bump, audit row, write hook).
//
// Only fields an entry can carry are taken over; the rest (rate, class, person) are reported in
// `notApplied`, so the audit says why the entry still differs from QuickBooks:
// - Duration: Hours/Minutes become end = start + duration (start kept); StartTime/EndTime, when
//   QuickBooks has them, become the entry's exact instants (less any break). They are compared as
//   instants, never as text: QuickBooks answers on the company's clock, so the 08:00:00-08:00 an
//   entry started at comes back as 09:00:00-07:00 in summer and is the same time (§13.2).
// - TxnDate: the entry moves to that local date at the same time of day in its own zone.
// - Description: the entry's own text, recovered through the description template when QuickBooks'
//   text still has the template's shape; otherwise QuickBooks' text as it is.
// - BillableStatus: the entry's billable flag.
// - CustomerRef/ItemRef: the project/task, only when they map back to exactly one of ours.
import type { TimeEntry } from '../entries/entry';
import { MAX_ENTRY_MS } from '../entries/entry';
import { DEFAULT_DESCRIPTION_TEMPLATE, renderDescription, type TemplateValues } from '../qbo/template';
import type { TransformContext, TransformProject, TransformTask } from '../qbo/transform';
import type { QboTimeActivity } from '../qbo/types';
import { localDate, localTime, zonedInstant } from '../time/zone';
import type { FieldDiff } from './reconcile';

const MINUTE = 60_000;

export type AdoptableEntry = Pick<TimeEntry, 'id' | 'projectId' | 'taskId' | 'description' | 'start' | 'end' | 'zone' | 'billable'>;
type EntryAdoptPatch = Partial<Pick<TimeEntry, 'projectId' | 'taskId' | 'description' | 'start' | 'end' | 'billable'>>;
export type AdoptContext = Pick<TransformContext, 'projects' | 'tasks' | 'descriptionTemplate'>;

export interface EntryAdoption {
  /** Only the fields that change. Empty when nothing QuickBooks changed fits the entry. */
  patch: EntryAdoptPatch;
  /** What was taken over, in the user's words (for the audit). */
  applied: string[];
  /** What QuickBooks changed that the entry cannot take, and why. */
  notApplied: string[];
}

/**
 * QBO's StartTime/EndTime as instants. QBO writes them with a date ("2021-02-02T08:00:00-08:00");
 * its docs also show a bare time with offset ("08:00:00-08:00"), which is on the TxnDate.
 */
export function qboSpan(ta: Pick<QboTimeActivity, 'TxnDate' | 'StartTime' | 'EndTime' | 'BreakHours' | 'BreakMinutes'>): { start: number; end: number; breakMs: number } | null {
  if (ta.StartTime === undefined || ta.EndTime === undefined) return null;
  const instant = (s: string) => Date.parse(/^\d{2}:\d{2}/.test(s) ? `${ta.TxnDate}T${s}` : s);
  const start = instant(ta.StartTime);
  const end = instant(ta.EndTime);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) return null;
  const breakMs = ((ta.BreakHours ?? 0) * 60 + (ta.BreakMinutes ?? 0)) * MINUTE;
  return { start, end, breakMs };
}

/** Minutes worked: Hours/Minutes when QBO has them, otherwise the StartTime/EndTime span less the break. */
export function qboMinutes(ta: Pick<QboTimeActivity, 'TxnDate' | 'Hours' | 'Minutes' | 'StartTime' | 'EndTime' | 'BreakHours' | 'BreakMinutes'>): number {
  if (ta.Hours !== undefined || ta.Minutes !== undefined) return (ta.Hours ?? 0) * 60 + (ta.Minutes ?? 0);
  const span = qboSpan(ta);
  return span ? Math.max(0, Math.round((span.end - span.start - span.breakMs) / MINUTE)) : 0;
}

/** The same time of day (in the entry's zone) on another local date; seconds are kept too. */
export function moveToDate(start: number, zone: string, date: string): number {
  return zonedInstant(date, localTime(start, zone), zone) + (start % MINUTE);
}

// A private-use marker: renderDescription keeps it (it only strips control characters), and no
// real description contains it.
const MARK = '\uE000\uE001';

/**
 * The entry description that renders to `rendered` through the template, or null when QuickBooks'
 * text no longer has the template's shape (someone rewrote it). Works for any number of
 * {description} occurrences: the fixed text around them fixes the length of the description.
 */
export function descriptionFromTemplate(template: string, values: TemplateValues, rendered: string): string | null {
  const render = (description: string) => renderDescription(template, { ...values, description });
  if (render('') === rendered) return '';
  const parts = render(MARK).split(MARK);
  const k = parts.length - 1;
  if (k === 0) return null;
  const fixed = parts.reduce((n, p) => n + p.length, 0);
  const length = (rendered.length - fixed) / k;
  if (!Number.isInteger(length) || length <= 0) return null;
  const candidate = rendered.slice(parts[0]!.length, parts[0]!.length + length);
  return render(candidate) === rendered ? candidate : null;
}

type Pair = { project: TransformProject; task: TransformTask | null };

/**
 * Our (project, task) pairs whose time the transform would send with this customer and item. The
 * current pair wins a tie (nothing to change); otherwise only a single match is taken. Aggregated
 * projects are left out: this entry has its own TimeActivity, which cannot become part of a
 * combined one by moving the entry.
 */
function mapBack(entry: AdoptableEntry, customerId: string | undefined, itemId: string | undefined, ctx: AdoptContext): { pair: Pair } | { reason: string } {
  const pairs: Pair[] = [];
  for (const project of ctx.projects) {
    if ((project.qbo.qboCustomerId ?? undefined) !== customerId || project.qbo.aggregate) continue;
    if ((project.qbo.qboItemId ?? undefined) === itemId) pairs.push({ project, task: null });
    for (const task of ctx.tasks) {
      if (task.projectId === project.id && (task.qboItemId ?? project.qbo.qboItemId ?? undefined) === itemId) pairs.push({ project, task });
    }
  }
  const current = pairs.find((p) => p.project.id === entry.projectId && (p.task?.id ?? null) === entry.taskId);
  if (current) return { pair: current };
  if (pairs.length === 1) return { pair: pairs[0]! };
  const what = `customer ${customerId ?? '(none)'} with service item ${itemId ?? '(none)'}`;
  return { reason: `${what} matches ${pairs.length === 0 ? 'no' : 'more than one'} project/task here; the project was left as it was` };
}

const hm = (minutes: number) => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;

/** What the entry becomes when QuickBooks' version of its (per-entry) TimeActivity wins. */
export function adoptIntoEntry(entry: AdoptableEntry, change: { diffs: readonly FieldDiff[]; current: QboTimeActivity }, ctx: AdoptContext): EntryAdoption {
  const { current } = change;
  const fields = new Set(change.diffs.map((d) => d.field));
  const out: EntryAdoption = { patch: {}, applied: [], notApplied: [] };

  let project = ctx.projects.find((p) => p.id === entry.projectId) ?? null;
  let task = entry.taskId === null ? null : (ctx.tasks.find((t) => t.id === entry.taskId) ?? null);
  if (fields.has('CustomerRef') || fields.has('ItemRef')) {
    const mapped = mapBack(entry, current.CustomerRef?.value, current.ItemRef?.value, ctx);
    if ('reason' in mapped) out.notApplied.push(mapped.reason);
    else {
      if (mapped.pair.project.id !== entry.projectId) {
        out.patch.projectId = mapped.pair.project.id;
        out.applied.push(`project → ${mapped.pair.project.name}`);
      }
      if ((mapped.pair.task?.id ?? null) !== entry.taskId) {
        out.patch.taskId = mapped.pair.task?.id ?? null;
        out.applied.push(`task → ${mapped.pair.task?.name ?? '(none)'}`);
      }
      project = mapped.pair.project;
      task = mapped.pair.task;
    }
  }

  // Times. An entry is 1 minute to 24 hours long; a QBO duration outside that is not applied.
  const oldEnd = entry.end ?? entry.start;
  const durationChanged = fields.has('Hours') || fields.has('Minutes');
  const span = qboSpan(current);
  let start = entry.start;
  let end = oldEnd;
  if (span) {
    start = span.start;
    end = span.end - span.breakMs;
  } else {
    if (fields.has('TxnDate')) start = moveToDate(entry.start, entry.zone, current.TxnDate);
    end = start + (durationChanged ? qboMinutes(current) * MINUTE : oldEnd - entry.start);
  }
  if (end - start <= 0 || end - start > MAX_ENTRY_MS) {
    out.notApplied.push(`a duration of ${hm(Math.round((end - start) / MINUTE))} cannot be one entry (1 minute to 24 hours); the times were left as they were`);
  } else {
    if (start !== entry.start) out.patch.start = start;
    if (end !== oldEnd) out.patch.end = end;
    const sameDate = localDate(start, entry.zone) === localDate(entry.start, entry.zone);
    if (!sameDate) out.applied.push(`date → ${localDate(start, entry.zone)}`);
    else if (start !== entry.start) out.applied.push(`start → ${localTime(start, entry.zone)}`);
    if (durationChanged || end - start !== oldEnd - entry.start) out.applied.push(`duration → ${hm(Math.round((end - start) / MINUTE))}`);
  }

  if (fields.has('Description')) {
    const rendered = current.Description ?? '';
    const values: TemplateValues = { client: project?.clientName, project: project?.name, task: task?.name, date: current.TxnDate };
    const own = descriptionFromTemplate(ctx.descriptionTemplate ?? DEFAULT_DESCRIPTION_TEMPLATE, values, rendered);
    const description = own ?? rendered;
    if (own === null) out.notApplied.push("QuickBooks' description does not follow the description template, so it was taken as the whole entry description");
    if (description !== entry.description) {
      out.patch.description = description;
      out.applied.push('description');
    }
  }

  if (fields.has('BillableStatus') && (current.BillableStatus === 'Billable' || current.BillableStatus === 'NotBillable')) {
    const billable = current.BillableStatus === 'Billable';
    if (billable !== entry.billable) {
      out.patch.billable = billable;
      out.applied.push(billable ? 'billable' : 'not billable');
    }
    if (billable && project && !project.billable) out.notApplied.push(`project ${project.name} is not billable, so its time is still sent as NotBillable`);
  }

  for (const field of ['HourlyRate', 'ClassRef', 'EmployeeRef', 'VendorRef', 'NameOf']) {
    if (!fields.has(field)) continue;
    out.notApplied.push(field === 'HourlyRate' ? 'the hourly rate (rates come from rate cards, not from entries)' : `${field} (not something an entry holds)`);
  }
  return out;
}
