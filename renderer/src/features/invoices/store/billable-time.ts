// What can be billed: synced time QuickBooks holds as Billable and no invoice of ours holds yet,
// as pieces (one entry's share of one TimeActivity), and the billable time of the period that is not
// that far along yet (draft, or approved but not in QuickBooks), so nothing is left behind unseen.
//
// A TimeActivity is billable here only when every entry it holds is live and synced: an entry edited
// since (approved again, or back to draft) means QuickBooks holds an older version, which must not
// be invoiced until the new one is sent.
import { isLive } from '../../../../../shared/entries/entry';
import { groupBy } from '../../../../../shared/group-by';
import type { BillableExpense, BillableTime } from '../../../../../shared/invoice/types';
import { allocateInteger } from '../../../../../shared/money/allocate';
import { multiplyRate } from '../../../../../shared/money/multiply';
import { companyOfName } from '../../../../../shared/qbo/company';
import { decimalToMinor } from '../../../../../shared/qbo/decimal';
import { approvedLines, entryKey } from '../../../../../shared/qbo/transform';
import { formatDuration } from '../../../../../shared/time/duration';
import type { TrackNexusDb } from '../../../db/database';
import type { EntryRow, SyncRecordRow } from '../../../db/schema';
import { belongsTo, type SyncContext } from '../../quickbooks/store/sync-context';
import type { DateRange, LeftBehind, UnbilledCustomer, UnbilledProject, UnbilledView } from '../invoice-service';

const MINUTE = 60_000;

/** Entries of the company in the range that would bill: billable on a billable project, live, finished. */
async function billableEntries(db: TrackNexusDb, sc: SyncContext, range: DateRange): Promise<EntryRow[]> {
  const ours = belongsTo(sc);
  const billableProject = new Set(sc.transform.projects.filter((p) => p.billable).map((p) => p.id));
  const rows = await db.entries.where('localDate').between(range.from, range.to, true, true).toArray();
  return rows.filter((e) => isLive(e) && e.end !== null && e.billable && e.projectId !== null && billableProject.has(e.projectId) && ours(e));
}

/** Entry ids an invoice of ours holds (being sent, or created and not voided or deleted since). */
export async function entriesOnInvoices(db: TrackNexusDb, companyId: string): Promise<Set<string>> {
  const rows = await db.invoices.where('[companyId+state]').anyOf([[companyId, 'sending'], [companyId, 'created']]).toArray();
  return new Set(rows.filter((r) => !r.ended).flatMap((r) => r.entryIds));
}

/** Each entry's minutes of its TimeActivity: the approved figures as weights, summing to what QuickBooks holds. */
function minutesPerEntry(record: SyncRecordRow, entries: readonly EntryRow[], sc: SyncContext): number[] {
  const total = (record.payload.Hours ?? 0) * 60 + (record.payload.Minutes ?? 0);
  if (entries.length === 1) return [total];
  let weights: number[];
  try {
    const lines = new Map(approvedLines(entries, sc.transform).map((l) => [l.entryId, l.minutes]));
    weights = entries.map((e) => lines.get(e.id) ?? 0);
  } catch {
    weights = entries.map((e) => Math.round(((e.end ?? e.start) - e.start) / MINUTE));
  }
  return allocateInteger(total, weights);
}

/** The pieces of one TimeActivity, or null when it is not ready to bill. */
function piecesOf(record: SyncRecordRow, entries: ReadonlyMap<string, EntryRow>, sc: SyncContext): BillableTime[] | null {
  const p = record.payload;
  if (record.billableStatus === 'HasBeenBilled' || p.BillableStatus !== 'Billable' || !p.CustomerRef || !p.ItemRef) return null;
  const held = record.entryIds.map((id) => entries.get(id));
  if (held.some((e) => !e || e.status !== 'synced')) return null;
  const rows = held as EntryRow[];
  const rateMinor = p.HourlyRate === undefined ? null : decimalToMinor(p.HourlyRate, sc.transform.currency);
  if (rateMinor === null) return null;
  const minutes = minutesPerEntry(record, rows, sc);
  const projects = new Map(sc.transform.projects.map((x) => [x.id, x]));
  const tasks = new Map(sc.transform.tasks.map((t) => [t.id, t]));
  return rows.map((e, i) => {
    const project = projects.get(e.projectId!)!;
    return {
      entryId: e.id,
      key: record.key,
      timeActivityId: record.qboId,
      customerId: p.CustomerRef!.value,
      clientId: project.clientId,
      clientName: project.clientName,
      projectId: project.id,
      projectName: project.name,
      taskId: e.taskId,
      taskName: e.taskId ? (tasks.get(e.taskId)?.name ?? null) : null,
      itemId: p.ItemRef!.value,
      classId: p.ClassRef?.value ?? null,
      localDate: p.TxnDate ?? e.localDate,
      start: e.start,
      zone: e.zone,
      billedMs: minutes[i]! * MINUTE,
      rateMinor,
      description: e.description,
    };
  });
}

export interface BillableScan {
  /** Ready to invoice, oldest first. */
  pieces: BillableTime[];
  /** Billable entries of the period not ready yet. */
  waiting: EntryRow[];
}

/**
 * Reads the company's billable time in the range: what can be invoiced and what cannot yet. Time of
 * the projects in `skip` (billed by an arrangement, not by the hour) is left out.
 */
export async function scanBillable(db: TrackNexusDb, sc: SyncContext, range: DateRange, skip: ReadonlySet<string> = new Set()): Promise<BillableScan> {
  const entries = (await billableEntries(db, sc, range)).filter((e) => !skip.has(e.projectId!));
  const invoiced = await entriesOnInvoices(db, sc.companyId);
  const candidates = entries.filter((e) => e.status === 'synced' && !invoiced.has(e.id));
  const records = await recordsHolding(db, candidates, sc);
  const byId = new Map(entries.map((e) => [e.id, e]));
  // Entries of a day's TimeActivity outside the range or filter still count: read them too.
  const missing = [...new Set(records.flatMap((r) => r.entryIds))].filter((id) => !byId.has(id));
  for (const e of await db.entries.bulkGet(missing)) if (e) byId.set(e.id, e);
  const pieces: BillableTime[] = [];
  const ready = new Set<string>();
  for (const record of records) {
    const got = piecesOf(record, byId, sc);
    if (!got) continue;
    pieces.push(...got);
    for (const piece of got) ready.add(piece.entryId);
  }
  pieces.sort((a, b) => a.start - b.start || (a.entryId < b.entryId ? -1 : 1));
  const waiting = entries.filter((e) => !ready.has(e.id) && (e.status === 'draft' || e.status === 'approved'));
  return { pieces, waiting };
}

/**
 * Sync records of the company holding any of these entries: read by the key each entry's time is
 * sent under (one bulk read), and through the entry index for the few whose record is under
 * another key (an aggregation switched since).
 */
async function recordsHolding(db: TrackNexusDb, entries: readonly EntryRow[], sc: SyncContext): Promise<SyncRecordRow[]> {
  const keys = entries.map((e) => entryKey(e, sc.transform));
  const direct = await db.syncRecords.bulkGet(keys.map((k) => k ?? ''));
  const byKey = new Map<string, SyncRecordRow>();
  const missing: string[] = [];
  entries.forEach((e, i) => {
    const record = direct[i];
    if (record?.entryIds.includes(e.id)) byKey.set(record.key, record);
    else missing.push(e.id);
  });
  const found = await Promise.all(missing.map((id) => db.syncRecords.where('entryIds').equals(id).toArray()));
  for (const r of found.flat()) if (companyOfName(r.key) === sc.companyId) byKey.set(r.key, r);
  return [...byKey.values()];
}

/** The top customer above a customer or job (invoices per client go to it), read from one map of parents. */
export function rootsOf(sc: SyncContext): (customerId: string) => string {
  const parent = new Map(sc.mirror.customers.map((c) => [c.Id, c.ParentRef?.value ?? null]));
  return (customerId) => {
    let id = customerId;
    for (let depth = 0; depth < 8 && parent.get(id); depth++) id = parent.get(id)!;
    return id;
  };
}

function customerName(id: string, sc: SyncContext): string {
  return sc.mirror.customers.find((c) => c.Id === id)?.FullyQualifiedName ?? `Customer ${id}`;
}

/** Unbilled pieces per customer (the client's top customer), with projects and tasks, oldest first. */
function unbilledCustomers(pieces: readonly BillableTime[], sc: SyncContext): UnbilledCustomer[] {
  const currency = sc.transform.currency;
  const root = rootsOf(sc);
  return [...groupBy(pieces, (p) => root(p.customerId))].map(([customerId, own]) => ({
    customerId,
    customerName: customerName(customerId, sc),
    clientId: own[0]!.clientId,
    clientName: own[0]!.clientName,
    ...totals(own, currency),
    currency,
    projects: projectsOf(own, currency),
  })).sort((a, b) => (a.oldest < b.oldest ? -1 : a.oldest > b.oldest ? 1 : a.customerName.localeCompare(b.customerName)));
}

function totals(pieces: readonly BillableTime[], currency: string) {
  return {
    minutes: pieces.reduce((s, p) => s + p.billedMs / MINUTE, 0),
    amountMinor: pieces.reduce((s, p) => s + multiplyRate(p.rateMinor, p.billedMs, currency).amountMinor, 0),
    oldest: pieces.reduce((o, p) => (p.localDate < o ? p.localDate : o), pieces[0]!.localDate),
  };
}

function projectsOf(pieces: readonly BillableTime[], currency: string): UnbilledProject[] {
  return [...groupBy(pieces, (p) => p.projectId)].map(([projectId, own]) => {
    const tasks = [...groupBy(own, (p) => p.taskId)].map(([taskId, t]) => ({ taskId, taskName: t[0]!.taskName, ...totals(t, currency), entryCount: new Set(t.map((x) => x.entryId)).size }));
    return { projectId, projectName: own[0]!.projectName, ...totals(own, currency), tasks: tasks.sort((a, b) => (a.oldest < b.oldest ? -1 : 1)) };
  }).sort((a, b) => (a.oldest < b.oldest ? -1 : a.oldest > b.oldest ? 1 : a.projectName.localeCompare(b.projectName)));
}

/** The period's billable entries that cannot be invoiced yet, per client and status, in words. */
function leftBehind(waiting: readonly EntryRow[], sc: SyncContext): LeftBehind[] {
  const clientOf = new Map(sc.transform.projects.map((p) => [p.id, p.clientName]));
  const groups = new Map<string, { status: 'draft' | 'approved'; clientName: string | null; rows: EntryRow[] }>();
  for (const e of waiting) {
    const status = e.status === 'draft' ? 'draft' : 'approved';
    const clientName = clientOf.get(e.projectId!) ?? null;
    const key = JSON.stringify([status, clientName]);
    const g = groups.get(key) ?? { status, clientName, rows: [] };
    g.rows.push(e);
    groups.set(key, g);
  }
  return [...groups.values()].map(({ status, clientName, rows }) => {
    const ms = rows.reduce((s, e) => s + ((e.end ?? e.start) - e.start), 0);
    const what = rows.length === 1 ? '1 billable entry' : `${rows.length} billable entries`;
    const whose = clientName ? ` for ${clientName}` : '';
    const why = status === 'draft' ? 'not approved yet' : 'approved but not in QuickBooks yet (sync them first)';
    return { status, message: `${what}${whose} (${formatDuration(ms)}) ${rows.length === 1 ? 'is' : 'are'} ${why}.`, entryCount: rows.length, minutes: Math.round(ms / MINUTE), clientName };
  });
}

/** The Invoices screen's first list. */
export async function unbilledView(db: TrackNexusDb, sc: SyncContext, range: DateRange, skip: ReadonlySet<string>): Promise<UnbilledView> {
  const { pieces, waiting } = await scanBillable(db, sc, range, skip);
  return { customers: unbilledCustomers(pieces, sc), leftBehind: leftBehind(waiting, sc) };
}

/** The app's client whose projects go to this QuickBooks customer (or its jobs), for a customer billed only expenses. */
export function clientOfCustomer(sc: SyncContext): (customerId: string) => string | null {
  const root = rootsOf(sc);
  return (customerId) => sc.transform.projects.find((p) => p.qbo.qboCustomerId && root(p.qbo.qboCustomerId) === customerId)?.clientId ?? null;
}

/** The unbilled view with each customer's pushed billable expenses; a customer with only expenses is listed too. */
export function withExpenses(view: UnbilledView, expenses: readonly BillableExpense[], sc: SyncContext): UnbilledView {
  if (expenses.length === 0) return view;
  const root = rootsOf(sc);
  const byCustomer = [...groupBy(expenses, (e) => root(e.customerId))].map(([customerId, own]) => ({ customerId, count: own.length, amountMinor: own.reduce((s, e) => s + e.amountMinor, 0), oldest: own.reduce((o, e) => (e.localDate < o ? e.localDate : o), own[0]!.localDate) }));
  const listed = new Set(view.customers.map((c) => c.customerId));
  const clientOf = clientOfCustomer(sc);
  const added: UnbilledCustomer[] = byCustomer.filter((c) => !listed.has(c.customerId)).map((c) => {
    const clientId = clientOf(c.customerId);
    return { customerId: c.customerId, customerName: customerName(c.customerId, sc), clientId, clientName: sc.transform.projects.find((p) => p.clientId === clientId)?.clientName ?? null, minutes: 0, amountMinor: 0, currency: sc.transform.currency, oldest: c.oldest, projects: [] };
  });
  return { ...view, customers: [...view.customers, ...added], expenses: byCustomer.map(({ customerId, count, amountMinor }) => ({ customerId, count, amountMinor })) };
}
