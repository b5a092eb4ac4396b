// Reconciliation. TimeActivity is not in QBO's change feed (CDC), so the runner queries the synced
// date range (`select * from TimeActivity where TxnDate >= '…' and TxnDate <= '…'`, paged by
// STARTPOSITION offsets) and this module compares the answer with the local record of what we
// sent. Changes and deletions made in QuickBooks become conflicts, resolved by the configured rule.
//
// A record that is missing from the range query is only a CANDIDATE deletion: someone may have
// moved its TxnDate out of the range. The runner should confirm each deletedInQbo item with a read
// by Id before resolving it (a read that finds it turns it into a changedInQbo).
import { amountForMinutes, minorToDecimalNumber } from '../qbo/decimal';
import { payloadHash } from '../qbo/hash';
import type { ApprovedLine, TimeActivityDraft, WorkerMapping } from '../qbo/transform';
import type { QboRef, QboTimeActivity, TimeActivityPayload } from '../qbo/types';
import { qboMinutes } from './adopt';
import { draftOf, neverSent, newOutboxRow, openChain, type IdSource, type OutboxRow, type SyncRecord } from './outbox';

export interface ReconcileRange {
  /** Inclusive local dates ('YYYY-MM-DD'), the TxnDate range the query covered. */
  from: string;
  to: string;
}

export interface FieldDiff {
  /** QBO field name: TxnDate, CustomerRef, Hours, Minutes, HourlyRate, Description, … */
  field: string;
  sent: unknown;
  inQbo: unknown;
}

export interface MatchedActivity {
  key: string;
  qboId: string;
  /** QBO's current SyncToken; store it when it differs from the record's (a no-op save in QBO bumps it). */
  syncToken: string;
  syncTokenChanged: boolean;
  /** QBO now shows the time as billed: lock the entries. */
  billed: boolean;
}

export interface ChangedInQbo {
  key: string;
  qboId: string;
  record: SyncRecord;
  current: QboTimeActivity;
  diffs: FieldDiff[];
}

export interface DeletedInQbo {
  key: string;
  qboId: string;
  record: SyncRecord;
}

export interface ReconcileResult {
  matched: MatchedActivity[];
  changedInQbo: ChangedInQbo[];
  deletedInQbo: DeletedInQbo[];
  /** TimeActivities in the range that we never sent (typed in QBO, or another app's). */
  unknownInQbo: QboTimeActivity[];
}

const inRange = (date: string, range: ReconcileRange) => date >= range.from && date <= range.to;
const refValue = (ref: QboRef | undefined) => ref?.value;

/**
 * The rate as we hold it. We send non-billable time without a rate, and QuickBooks reads it back
 * with `HourlyRate: 0` (Intuit's TimeActivity samples): on non-billable time, 0 and none are equal.
 */
const rateOf = (p: Pick<TimeActivityPayload, 'BillableStatus' | 'HourlyRate'>) =>
  p.BillableStatus === 'NotBillable' && p.HourlyRate === 0 ? undefined : p.HourlyRate;

/** The writable fields of a TimeActivity as QBO holds them, in our payload's shape (names dropped). */
export function payloadFromQbo(ta: QboTimeActivity): TimeActivityPayload {
  // Time typed in QuickBooks as StartTime/EndTime has no Hours/Minutes: its span is the duration.
  const minutes = qboMinutes(ta);
  const ref = (r: QboRef | undefined) => (r ? { value: r.value } : undefined);
  const BillableStatus = ta.BillableStatus ?? 'NotBillable';
  const payload: TimeActivityPayload = {
    TxnDate: ta.TxnDate,
    NameOf: ta.NameOf,
    EmployeeRef: ref(ta.EmployeeRef),
    VendorRef: ref(ta.VendorRef),
    CustomerRef: ref(ta.CustomerRef),
    ItemRef: ref(ta.ItemRef),
    ClassRef: ref(ta.ClassRef),
    BillableStatus,
    HourlyRate: rateOf({ BillableStatus, HourlyRate: ta.HourlyRate }),
    Hours: Math.floor(minutes / 60),
    Minutes: minutes % 60,
    Description: ta.Description === '' ? undefined : ta.Description,
  };
  for (const k of Object.keys(payload) as Array<keyof TimeActivityPayload>) if (payload[k] === undefined) delete payload[k];
  return payload;
}

/**
 * Field differences between what we sent and what QBO holds. Refs compare by Id; the duration is
 * normalised (0 h 90 min = 1 h 30 min); Billable → HasBeenBilled is billing, not an edit; a rate
 * of 0 on non-billable time is no rate.
 */
export function diffPayloads(sent: TimeActivityPayload, inQbo: TimeActivityPayload): FieldDiff[] {
  const diffs: FieldDiff[] = [];
  const cmp = (field: string, a: unknown, b: unknown) => {
    if (a !== b) diffs.push({ field, sent: a, inQbo: b });
  };
  cmp('TxnDate', sent.TxnDate, inQbo.TxnDate);
  cmp('NameOf', sent.NameOf, inQbo.NameOf);
  for (const f of ['EmployeeRef', 'VendorRef', 'CustomerRef', 'ItemRef', 'ClassRef'] as const) cmp(f, refValue(sent[f]), refValue(inQbo[f]));
  const billedNow = sent.BillableStatus === 'Billable' && inQbo.BillableStatus === 'HasBeenBilled';
  if (!billedNow) cmp('BillableStatus', sent.BillableStatus, inQbo.BillableStatus);
  cmp('HourlyRate', rateOf(sent), rateOf(inQbo));
  const sentMin = sent.Hours * 60 + sent.Minutes;
  const qboMin = inQbo.Hours * 60 + inQbo.Minutes;
  if (sentMin !== qboMin) {
    cmp('Hours', Math.floor(sentMin / 60), Math.floor(qboMin / 60));
    cmp('Minutes', sentMin % 60, qboMin % 60);
  }
  cmp('Description', sent.Description ?? '', inQbo.Description ?? '');
  return diffs;
}

/** True when the TimeActivity is recorded for this worker (a company may hold other people's time). */
function isWorkersTime(ta: Pick<QboTimeActivity, 'NameOf' | 'EmployeeRef' | 'VendorRef'>, worker: WorkerMapping): boolean {
  const ref = worker.nameOf === 'Employee' ? ta.EmployeeRef : ta.VendorRef;
  return ta.NameOf === worker.nameOf && ref?.value === worker.id;
}

/**
 * Compares our records with the TimeActivities QBO returned for `range`. With `worker`, time of
 * other people in the company is not reported as unknown (TimeActivity cannot be filtered by
 * employee in a query, so the filter is applied here).
 */
export function reconcile(
  records: readonly SyncRecord[],
  activities: readonly QboTimeActivity[],
  range: ReconcileRange,
  options: { worker?: WorkerMapping | null } = {},
): ReconcileResult {
  const byId = new Map(activities.map((a) => [a.Id, a]));
  const known = new Set<string>();
  const result: ReconcileResult = { matched: [], changedInQbo: [], deletedInQbo: [], unknownInQbo: [] };
  for (const record of [...records].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    known.add(record.qboId);
    const current = byId.get(record.qboId);
    if (!current) {
      if (inRange(record.payload.TxnDate, range)) result.deletedInQbo.push({ key: record.key, qboId: record.qboId, record });
      continue;
    }
    const diffs = diffPayloads(record.payload, payloadFromQbo(current));
    if (diffs.length > 0) result.changedInQbo.push({ key: record.key, qboId: record.qboId, record, current, diffs });
    else {
      result.matched.push({
        key: record.key,
        qboId: record.qboId,
        syncToken: current.SyncToken,
        syncTokenChanged: current.SyncToken !== record.syncToken,
        billed: current.BillableStatus === 'HasBeenBilled',
      });
    }
  }
  const worker = options.worker;
  result.unknownInQbo = activities.filter((a) => !known.has(a.Id) && inRange(a.TxnDate, range) && (!worker || isWorkersTime(a, worker))).sort((a, b) => (a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0));
  return result;
}

// ---- Conflict resolution ----------------------------------------------------------------------

export type ConflictRule = 'tracker' | 'quickbooks' | 'ask';

/** What the renderer changes locally; applied in the same transaction as the rows. */
export type LocalUpdate =
  /**
   * QuickBooks wins on an edit: apply `diffs` to the entries (shared/sync/adopt reads them from
   * `current`, which also has StartTime/EndTime) and store `record` as the new sync record, with the
   * entries' new versions. Aggregated keys keep their entries (see the sync repository).
   */
  | { kind: 'adoptQbo'; key: string; entryIds: string[]; diffs: FieldDiff[]; record: SyncRecord; current: QboTimeActivity }
  /**
   * QuickBooks wins on a delete: drop the sync record and mark the entries as not in QuickBooks
   * (synced → draft, not queued again). Local time is never deleted automatically; the user can
   * delete it, or approve it again to re-send it.
   */
  | { kind: 'unlinkDeleted'; key: string; entryIds: string[] }
  /** Tracker wins on a delete: the old Id is gone; drop the record before the create row runs. */
  | { kind: 'dropRecord'; key: string }
  /** The time was billed in QuickBooks: lock the entries (and keep QBO's version). */
  | { kind: 'lockBilled'; key: string; entryIds: string[]; record: SyncRecord };

interface AskItem {
  key: string;
  qboId: string;
  entryIds: string[];
  kind: 'changed' | 'deleted';
  diffs: FieldDiff[];
  /** For the conflicts screen. */
  message: string;
}

export interface Resolution {
  /** New rows, or existing never-sent rows changed in place (same id and requestId): write as they are. */
  outboxRows: OutboxRow[];
  /** Never-sent rows that no longer make sense (a delete of something QBO already deleted). */
  cancelled: string[];
  localUpdates: LocalUpdate[];
  askList: AskItem[];
}

/** A TimeActivity field as a bookkeeper names it ("CustomerRef" → "customer"). */
export const QBO_FIELD_WORDS: Readonly<Record<string, string>> = {
  TxnDate: 'date',
  CustomerRef: 'customer',
  ItemRef: 'service item',
  ClassRef: 'class',
  EmployeeRef: 'employee',
  VendorRef: 'vendor',
  NameOf: 'person type',
  BillableStatus: 'billable status',
  HourlyRate: 'hourly rate',
  Hours: 'hours',
  Minutes: 'minutes',
  Description: 'description',
};

const show = (v: unknown) => (v === undefined || v === '' ? '(empty)' : String(v));

function describe(kind: 'changed' | 'deleted', record: SyncRecord, diffs: FieldDiff[]): string {
  const what = `the time on ${record.payload.TxnDate}`;
  if (kind === 'deleted') return `In QuickBooks, ${what} was deleted. Send it again from Track Nexus, or take QuickBooks' side (the time becomes a draft here and is not sent)?`;
  const changes = diffs.map((d) => `${QBO_FIELD_WORDS[d.field] ?? d.field} ${show(d.sent)} → ${show(d.inQbo)}`).join('; ');
  return `In QuickBooks, ${what} was changed: ${changes}. Keep the Track Nexus version or the QuickBooks one?`;
}

function recordFromQbo(record: SyncRecord, current: QboTimeActivity): SyncRecord {
  const payload = payloadFromQbo(current);
  return { ...record, qboId: current.Id, syncToken: current.SyncToken, payload, payloadHash: payloadHash(payload), billableStatus: current.BillableStatus };
}

/**
 * Applies the rule to every conflict.
 * - Tracker wins, edited in QBO: our version goes back with QBO's current SyncToken. With no open
 *   row for the key, that is a new full update of our last payload. If the key already has an open
 *   row (a local edit on its way), no second row is made: a never-sent row gets QBO's SyncToken in
 *   place; a row that may have been sent will meet a 5010 and take the re-read path.
 * - Tracker wins, deleted in QBO: the record is dropped and the time is created again (new row, new
 *   requestId). An open never-sent row becomes that create (a pending delete is simply cancelled);
 *   a row that may have been sent gets a blocked create after it.
 * - QuickBooks wins: local updates adopt QBO's version (edit) or unlink the entries (delete). A
 *   local change still queued for the key is newer than either: an edit meets a 5010 and is re-read
 *   (our change goes on), and a delete is answered like tracker wins (our change is created again).
 * - Ask: nothing changes; each conflict goes on the ask-list, and the screen calls this again per
 *   item with the chosen rule.
 * Time billed in QuickBooks is never overwritten: it is locked with QBO's version whatever the rule.
 */
export function resolveConflicts(
  conflicts: { changedInQbo: readonly ChangedInQbo[]; deletedInQbo: readonly DeletedInQbo[] },
  rule: ConflictRule,
  ctx: {
    ids: IdSource;
    now: number;
    /** Current outbox rows: lets the rules coalesce with writes already on their way. */
    outbox?: readonly OutboxRow[];
    /** Current transform output for the conflicting keys: what "tracker wins" puts back. */
    drafts?: readonly TimeActivityDraft[];
  },
): Resolution {
  const out: Resolution = { outboxRows: [], cancelled: [], localUpdates: [], askList: [] };
  const rowsOf = (key: string) => (ctx.outbox ?? []).filter((r) => r.key === key);
  const chainOf = (key: string) => openChain(rowsOf(key));
  // As in planChanges (rule 7): failed rows of a key that gets a new plan are history.
  const dropFailed = (key: string) => out.cancelled.push(...rowsOf(key).filter((r) => r.state === 'failed').map((r) => r.id));
  const row = (content: SyncRecord, op: 'create' | 'update' | 'delete', qbo?: { Id: string; SyncToken: string }): OutboxRow =>
    newOutboxRow(ctx, op, draftOf(content), qbo ? { qboId: qbo.Id, syncToken: qbo.SyncToken } : undefined);

  /**
   * What Track Nexus holds for the key, which "tracker wins" puts back: the caller's current draft
   * when drafts are given (absent = the key is no longer live); otherwise the newest unfinished
   * row's content (a failed update still carries the latest edit); otherwise the record.
   */
  const wanted = (key: string, record: SyncRecord): SyncRecord | null => {
    if (ctx.drafts) {
      const d = ctx.drafts.find((x) => x.key === key);
      return d ? { ...record, payload: d.payload, payloadHash: d.payloadHash, entryIds: d.entryIds, entryVersions: d.entryVersions } : null;
    }
    const latest = rowsOf(key)
      .filter((r) => r.state !== 'done' && !r.supersededBy)
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))[0];
    if (!latest) return record;
    if (latest.op === 'delete') return null;
    return { ...record, payload: latest.payload, payloadHash: latest.payloadHash, entryIds: latest.entryIds, entryVersions: latest.entryVersions };
  };

  for (const c of conflicts.changedInQbo) {
    if (c.current.BillableStatus === 'HasBeenBilled') {
      out.localUpdates.push({ kind: 'lockBilled', key: c.key, entryIds: c.record.entryIds, record: recordFromQbo(c.record, c.current) });
      continue;
    }
    if (rule === 'tracker') {
      const { tail } = chainOf(c.key);
      const want = wanted(c.key, c.record);
      dropFailed(c.key);
      if (!tail) {
        if (want) out.outboxRows.push(row(want, 'update', c.current));
        else out.outboxRows.push(row(c.record, 'delete', c.current));
      } else if (neverSent(tail) && !tail.after && tail.op !== 'create') {
        out.outboxRows.push({ ...tail, qboId: c.current.Id, syncToken: c.current.SyncToken });
      }
      // A row that may have been sent meets a 5010 and takes the re-read path, keeping our version.
    } else if (rule === 'quickbooks') out.localUpdates.push({ kind: 'adoptQbo', key: c.key, entryIds: c.record.entryIds, diffs: c.diffs, record: recordFromQbo(c.record, c.current), current: c.current });
    else out.askList.push({ key: c.key, qboId: c.qboId, entryIds: c.record.entryIds, kind: 'changed', diffs: c.diffs, message: describe('changed', c.record, c.diffs) });
  }
  for (const d of conflicts.deletedInQbo) {
    // A change made in Track Nexus after the sync and still queued is newer than QuickBooks' delete:
    // under "QuickBooks wins" it would otherwise go to a deleted Id and fail, and its entries (no
    // longer synced) would not become drafts either. It goes out as a create, as with tracker wins.
    const localChangeQueued = rule === 'quickbooks' && chainOf(d.key).tail !== undefined;
    if (rule === 'tracker' || localChangeQueued) {
      out.localUpdates.push({ kind: 'dropRecord', key: d.key });
      const { tail } = chainOf(d.key);
      const want = wanted(d.key, d.record);
      dropFailed(d.key);
      if (!tail) {
        if (want) out.outboxRows.push(row(want, 'create'));
      } else if (neverSent(tail) && !tail.after) {
        if (tail.op === 'delete') out.cancelled.push(tail.id);
        else {
          const asCreate: OutboxRow = { ...tail, op: 'create' };
          delete asCreate.qboId;
          delete asCreate.syncToken;
          out.outboxRows.push(asCreate);
        }
      } else if (!neverSent(tail) && tail.op !== 'delete') {
        const source = { ...d.record, payload: tail.payload, payloadHash: tail.payloadHash, entryIds: tail.entryIds, entryVersions: tail.entryVersions };
        out.outboxRows.push({ ...row(source, 'create'), state: 'blocked', after: tail.id });
      }
      // A blocked follow-up already waiting on a sent row is resolved by releaseFollowUps against
      // "nothing in QBO" once that row settles (the record is dropped).
    } else if (rule === 'quickbooks') out.localUpdates.push({ kind: 'unlinkDeleted', key: d.key, entryIds: d.record.entryIds });
    else out.askList.push({ key: d.key, qboId: d.qboId, entryIds: d.record.entryIds, kind: 'deleted', diffs: [], message: describe('deleted', d.record, []) });
  }
  return out;
}

// ---- Reconciliation report ----------------------------------------------------------------------

export interface ReconciliationRow {
  /** QBO Customer Id; null for time without a customer. */
  customerId: string | null;
  date: string;
  approvedMinutes: number;
  approvedAmountMinor: number;
  qboMinutes: number;
  qboAmountMinor: number;
  /** qbo − approved: positive means QuickBooks holds more. */
  diffMinutes: number;
  diffAmountMinor: number;
  /**
   * What invoices in the home currency bill for these entries (their share of each line, summed):
   * the figure the invoices add up to, including overtime and other surcharges. 0 when none is invoiced.
   */
  invoicedAmountMinor: number;
}

export interface ReportContext {
  /** Home currency: QBO amounts are converted to its minor units. */
  currency: string;
  /** Only these dates (inclusive); QBO may hold time outside what we compare. */
  range?: ReconcileRange;
  /** Only this person's time in QBO (a company may hold other people's time too). */
  worker?: WorkerMapping | null;
  /** Each invoiced entry's amount on its invoice (home currency), by entry id. */
  invoiced?: ReadonlyMap<string, number>;
}

/**
 * Approved minutes and amounts per customer and local day beside what QuickBooks holds. Amounts are
 * computed the way QBO computes them: per rate, rate × minutes / 60 rounded once to the minor unit,
 * on both sides (so aggregated and per-entry TimeActivities give the same figure, and a correct
 * sync shows exactly zero). Non-billable time counts in minutes, not in amounts.
 */
export function reconciliationReport(approved: readonly ApprovedLine[], activities: readonly QboTimeActivity[], ctx: ReportContext): ReconciliationRow[] {
  type Bucket = { minutes: number; byRate: Map<number, number> };
  const sides = new Map<string, { customerId: string | null; date: string; approved: Bucket; qbo: Bucket; invoiced: number }>();
  const bucket = (customerId: string | null, date: string) => {
    const id = JSON.stringify([customerId, date]);
    let b = sides.get(id);
    if (!b) {
      b = { customerId, date, approved: { minutes: 0, byRate: new Map() }, qbo: { minutes: 0, byRate: new Map() }, invoiced: 0 };
      sides.set(id, b);
    }
    return b;
  };
  const add = (b: Bucket, minutes: number, rate: number | undefined) => {
    b.minutes += minutes;
    if (rate !== undefined) b.byRate.set(rate, (b.byRate.get(rate) ?? 0) + minutes);
  };
  const within = (date: string) => !ctx.range || inRange(date, ctx.range);

  for (const line of approved) {
    if (!within(line.date)) continue;
    if (line.currency !== ctx.currency) throw new RangeError(`Line ${line.entryId} is in ${line.currency}, the report in ${ctx.currency}`);
    const rate = line.billable && line.rateMinor !== null ? minorToDecimalNumber(line.rateMinor, ctx.currency) : undefined;
    const b = bucket(line.customerId, line.date);
    add(b.approved, line.minutes, rate);
    b.invoiced += ctx.invoiced?.get(line.entryId) ?? 0;
  }
  for (const ta of activities) {
    if (!within(ta.TxnDate)) continue;
    if (ctx.worker && !isWorkersTime(ta, ctx.worker)) continue;
    const minutes = (ta.Hours ?? 0) * 60 + (ta.Minutes ?? 0);
    const billable = ta.BillableStatus === 'Billable' || ta.BillableStatus === 'HasBeenBilled';
    add(bucket(ta.CustomerRef?.value ?? null, ta.TxnDate).qbo, minutes, billable && ta.HourlyRate !== undefined ? ta.HourlyRate : undefined);
  }

  const amount = (b: Bucket) => [...b.byRate].reduce((sum, [rate, minutes]) => sum + amountForMinutes(rate, minutes, ctx.currency), 0);
  return [...sides.values()]
    .map((s) => {
      const approvedAmountMinor = amount(s.approved);
      const qboAmountMinor = amount(s.qbo);
      return {
        customerId: s.customerId,
        date: s.date,
        approvedMinutes: s.approved.minutes,
        approvedAmountMinor,
        qboMinutes: s.qbo.minutes,
        qboAmountMinor,
        diffMinutes: s.qbo.minutes - s.approved.minutes,
        diffAmountMinor: qboAmountMinor - approvedAmountMinor,
        invoicedAmountMinor: s.invoiced,
      };
    })
    .sort((a, b) => ((a.customerId ?? '') < (b.customerId ?? '') ? -1 : (a.customerId ?? '') > (b.customerId ?? '') ? 1 : a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
