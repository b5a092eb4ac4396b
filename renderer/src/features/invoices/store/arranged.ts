// The projects billed by arrangement, read with what their proposals are worked out from: the
// project's time in QuickBooks per date (billed or not), its unbilled pieces, the steps its live
// invoices billed, its rate, item and class (engine/arrangements.ts turns them into proposals).
import { billedStepsOf, type ArrangementContext } from '../../../../../shared/billing/propose';
import type { BillingArrangement } from '../../../../../shared/billing/types';
import { isLive } from '../../../../../shared/entries/entry';
import type { BillableTime } from '../../../../../shared/invoice/types';
import { approvedLines } from '../../../../../shared/qbo/transform';
import { resolveRate } from '../../../../../shared/rates/resolve';
import type { LocalDate } from '../../../../../shared/time/local-date';
import type { TrackNexusDb } from '../../../db/database';
import type { EntryRow, InvoiceRow, ProjectRow } from '../../../db/schema';
import type { SyncContext } from '../../quickbooks/store/sync-context';

export type Arranged = ProjectRow & { billing: Exclude<BillingArrangement, { kind: 'hourly' }> };

/** One arranged project with what its proposals are worked out from. */
export interface ArrangedProject {
  project: Arranged;
  customerId: string | null;
  clientName: string | null;
  ctx: ArrangementContext;
}

const MINUTE = 60_000;
const DONE = new Set(['synced', 'invoiced', 'paid']);

/** The company's projects billed by arrangement. */
export async function arrangedProjects(db: TrackNexusDb, sc: SyncContext): Promise<Arranged[]> {
  const ours = new Set(sc.transform.projects.map((p) => p.id));
  const rows = await db.projects.bulkGet([...ours]);
  return rows.filter((p): p is Arranged => !!p && !p.archived && !!p.billing && p.billing.kind !== 'hourly');
}

/** Minutes of the project's time in QuickBooks per date, billed or not, rounded as QuickBooks holds them. */
async function workedByDate(db: TrackNexusDb, sc: SyncContext, projectId: string): Promise<Map<LocalDate, number>> {
  const rows = await db.entries.where('[projectId+localDate]').between([projectId, ''], [projectId, '\uffff']).toArray();
  const done = rows.filter((e) => isLive(e) && e.end !== null && e.billable && DONE.has(e.status));
  const worked = new Map<LocalDate, number>();
  for (const { date, minutes } of minutesOf(done, sc)) worked.set(date, (worked.get(date) ?? 0) + minutes);
  return worked;
}

/** The rounded minutes the TimeActivities carry; the raw length for entries QuickBooks could not be sent (none reach here normally). */
function minutesOf(entries: readonly EntryRow[], sc: SyncContext): Array<{ date: LocalDate; minutes: number }> {
  try {
    return approvedLines(entries, sc.transform).map((l) => ({ date: l.date, minutes: l.minutes }));
  } catch {
    return entries.map((e) => ({ date: e.localDate, minutes: Math.round((e.end! - e.start) / MINUTE) }));
  }
}

/** Steps of the project that live invoices (being sent, or made and not voided or deleted) billed. */
function billedOf(projectId: string, rows: readonly InvoiceRow[]) {
  return rows
    .filter((r) => r.state !== 'failed' && !r.ended)
    .flatMap((r) => billedStepsOf(r.draft.lines.filter((l) => l.kind === 'charge' && l.projectId === projectId), (r.qbo?.TxnDate ?? r.draft.payload['TxnDate']) as LocalDate));
}

/** The project's rate today (the default overage rate). */
function rateOf(project: ProjectRow, sc: SyncContext, today: LocalDate): number {
  const subject = { taskId: null, projectId: project.id, clientId: project.clientId, start: Date.parse(`${today}T12:00:00Z`), zone: 'UTC' };
  return resolveRate(subject, sc.transform.rates)?.rateMinor ?? project.rateMinor ?? 0;
}

/**
 * The service item an arrangement's lines sell: the project's own; else the one most of its synced
 * time carries (its tasks' items); else the company's default time item; '' when none (pre-flight
 * then says the item is missing).
 */
function itemOf(projectId: string, deps: ArrangementDeps): string {
  const own = deps.sc.transform.projects.find((p) => p.id === projectId)?.qbo.qboItemId;
  if (own) return own;
  const counts = new Map<string, number>();
  for (const t of deps.sc.transform.tasks) if (t.projectId === projectId && t.qboItemId) counts.set(t.qboItemId, (counts.get(t.qboItemId) ?? 0) + 1);
  for (const p of deps.pieces) if (p.projectId === projectId) counts.set(p.itemId, (counts.get(p.itemId) ?? 0) + 1);
  const common = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  return common ?? deps.sc.prefs.TimeTrackingPrefs?.DefaultTimeItem?.value ?? '';
}

interface ArrangementDeps {
  db: TrackNexusDb;
  sc: SyncContext;
  today: LocalDate;
  /** The company's projects billed by arrangement (arrangedProjects). */
  projects: readonly Arranged[];
  /** Their unbilled synced time up to today. */
  pieces: readonly BillableTime[];
  rows: readonly InvoiceRow[];
}

/** Each arranged project of the company with its context. */
export async function arrangedContexts(deps: ArrangementDeps): Promise<ArrangedProject[]> {
  const { sc, today } = deps;
  const mapping = new Map(sc.transform.projects.map((p) => [p.id, p]));
  const out: ArrangedProject[] = [];
  for (const project of deps.projects) {
    const mapped = mapping.get(project.id);
    const ctx: ArrangementContext = {
      projectId: project.id,
      projectName: project.name,
      today,
      currency: sc.transform.currency,
      projectRateMinor: rateOf(project, sc, today),
      itemId: itemOf(project.id, deps),
      classId: mapped?.qbo.qboClassId ?? null,
      unbilled: deps.pieces.filter((p) => p.projectId === project.id),
      workedByDate: await workedByDate(deps.db, sc, project.id),
      billed: billedOf(project.id, deps.rows),
    };
    out.push({ project, customerId: mapped?.qbo.qboCustomerId ?? null, clientName: mapped?.clientName ?? null, ctx });
  }
  return out;
}

