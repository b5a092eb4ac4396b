// The sync engine's storage: what it picks work from, the batch plans it stores before sending, and
// QuickBooks' answers applied to the outbox, the sync records, the entries' statuses and the sync
// audit trail, each in one transaction (the order of calls in shared/sync/README.md).
import { groupBy } from '../../../../../shared/group-by';
import { companyOfName } from '../../../../../shared/qbo/company';
import { auditForOutcome, type AuditRecord } from '../../../../../shared/sync/audit';
import { applyBatchFailure, markInflight, type BatchPlan } from '../../../../../shared/sync/batch-plan';
import type { Classification, SendFailure } from '../../../../../shared/sync/classify';
import { applyOutcomes, openChain, rebaseAfterReread, recordAfter, releaseFollowUps, type IdSource, type OutboxRow, type RowOutcome, type SyncRecord } from '../../../../../shared/sync/outbox';
import type { BillableStatus } from '../../../../../shared/qbo/types';
import type { RepoContext } from '../../../db/context';
import type { EntriesRepo, EntryTx } from '../../../db/repos/entries-repo';
import { recordsOf, rowsWithKeys, toRecord } from './planner';

/** Which count of applyAnswer's result each outcome adds to. */
const COUNTED_AS = { done: 'done', flagged: 'failed', reread: 'reread', retry: 'retry', pause_auth: 'pause' } as const satisfies Record<RowOutcome['kind'], string>;

/** The sync tables a write of the engine or the reconciliation touches besides the entries'. */
export const syncTables = (ctx: RepoContext) => [ctx.db.batchPlans, ctx.db.syncAudit, ctx.db.conflicts];

/** Moves entries whose rows settled along the billing path: synced, or invoiced when QuickBooks billed it. */
export async function advanceEntries(entries: EntriesRepo, tx: EntryTx, rows: ReadonlyArray<Pick<OutboxRow, 'entryIds' | 'entryVersions'>>, target: 'synced' | 'invoiced'): Promise<void> {
  const sent = new Map<string, number | undefined>();
  for (const row of rows) row.entryIds.forEach((id, i) => sent.set(id, row.entryVersions[i]));
  await entries.advanceInTx(tx, sent, target);
}

/**
 * Rows resolved for good: update each key's record, release its followers and move entry statuses.
 * Bulk reads and writes: a batch settles up to 30 keys at once.
 */
async function settle(ctx: RepoContext, entries: EntriesRepo, tx: EntryTx, settled: ReadonlyArray<{ row: OutboxRow; billable?: BillableStatus | undefined }>): Promise<void> {
  if (settled.length === 0) return;
  const keys = [...new Set(settled.map((s) => s.row.key))];
  const previous = new Map((await recordsOf(tx.db, keys)).map((r) => [r.key, toRecord(r)]));
  const rowsByKey = groupBy(await rowsWithKeys(tx.db, keys), (r) => r.key);
  const upserts = new Map<string, OutboxRow>();
  const cancelled: string[] = [];
  const toSynced: OutboxRow[] = [];
  const toInvoiced: OutboxRow[] = [];
  for (const { row, billable } of settled) {
    const record = recordAfter(row, previous.get(row.key) ?? null, billable);
    if (record) previous.set(row.key, record);
    else previous.delete(row.key);
    const rows = (rowsByKey.get(row.key) ?? []).map((r) => upserts.get(r.id) ?? (r.id === row.id ? row : r));
    const released = releaseFollowUps(rows, row, record);
    for (const u of released.upserts) upserts.set(u.id, u);
    cancelled.push(...released.cancelled);
    if (row.state === 'done' && row.op !== 'delete') ((record?.billableStatus ?? billable) === 'HasBeenBilled' ? toInvoiced : toSynced).push(row);
  }
  const at = ctx.now();
  const puts = keys.filter((k) => previous.has(k)).map((k) => ({ ...previous.get(k)!, updatedAt: at }));
  const deletes = keys.filter((k) => !previous.has(k));
  if (puts.length) await tx.db.syncRecords.bulkPut(puts);
  if (deletes.length) await tx.db.syncRecords.bulkDelete(deletes);
  if (upserts.size) await tx.db.outbox.bulkPut([...upserts.values()]);
  if (cancelled.length) await tx.db.outbox.bulkDelete(cancelled);
  await advanceEntries(entries, tx, toSynced, 'synced');
  await advanceEntries(entries, tx, toInvoiced, 'invoiced');
}

// Long because it is the outbox's one door: each method is one transaction the engine needs, kept together.
export function createOutboxStore(ctx: RepoContext, deps: { entries: EntriesRepo; ids: IdSource }) {
  const { db } = ctx;
  const rw = <T>(fn: (tx: EntryTx) => Promise<T>) => deps.entries.transaction(syncTables(ctx), fn).then((r) => r.value);
  const audit = (partial: Omit<AuditRecord, 'id'>): AuditRecord => ({ id: ctx.newId(), ...partial });
  const scaled = (rows: OutboxRow[], now: number, scale: number) =>
    scale === 1 ? rows : rows.map((r) => (r.nextAttemptAt !== undefined ? { ...r, nextAttemptAt: now + Math.ceil((r.nextAttemptAt - now) / scale) } : r));

  /**
   * Outbox rows in these states, read per state with getAll. Never a cursor (anyOf, filter) over the
   * `state` index: its keys repeat, and fake-indexeddb (the sync benchmark's store) restarts each
   * cursor step at the first equal key, so 5,000 pending rows took 5 s instead of 50 ms.
   */
  const rowsInStates = async (states: ReadonlyArray<OutboxRow['state']>): Promise<OutboxRow[]> =>
    (await Promise.all(states.map((state) => db.outbox.where('state').equals(state).toArray()))).flat();

  return {
    /**
     * What one company's engine picks work from: its inflight rows, up to `pendingLimit` pending
     * rows (oldest first within the id order), and, when asked, the rows waiting for a re-read.
     */
    async engineView(companyId: string, opts: { pendingLimit: number; rereads: boolean }): Promise<{ inflight: OutboxRow[]; pending: OutboxRow[]; rereads: OutboxRow[] }> {
      // Separate reads, no transaction: a row seen twice is deduplicated by the engine, and a row
      // missed while it changes state is picked up on the next look. getAll on the company's
      // [companyId+state] index, with a count where bounded (never a cursor: see rowsInStates).
      const inState = (state: OutboxRow['state']) => db.outbox.where('[companyId+state]').equals([companyId, state]);
      const inflight = await inState('inflight').toArray();
      const pending = await inState('pending').limit(opts.pendingLimit).toArray();
      const rereads = opts.rereads ? (await inState('pending').toArray()).filter((r) => r.needsReread === true) : [];
      return { inflight, pending, rereads };
    },

    /** Rows with work left, of one company or (without an id) of all. */
    openRows: async (companyId?: string): Promise<OutboxRow[]> => ofCompany(await rowsInStates(['pending', 'inflight', 'blocked']), companyId),
    allRows: async (companyId?: string): Promise<OutboxRow[]> => ofCompany(await db.outbox.toArray(), companyId),
    /** Rows QuickBooks refused for good (the reminders' "a sync failed"), read by the state index. */
    failedRows: (): Promise<OutboxRow[]> => rowsInStates(['failed']),

    async plan(batchId: string): Promise<BatchPlan | undefined> {
      const row = await db.batchPlans.get(batchId);
      if (!row) return undefined;
      const { state: _s, createdAt: _c, ...plan } = row;
      return plan;
    },

    /**
     * Stores the plan and binds its rows (inflight) BEFORE the request is sent. With `expected` (the
     * rows the plan was built from, possibly read a while ago), nothing is written and false is
     * returned when any of them changed meanwhile (an edit replaced a never-sent row in place): the
     * caller re-reads and plans again, so a stale body is never sent.
     */
    async persistPlan(plan: BatchPlan, expected?: readonly OutboxRow[]): Promise<boolean> {
      return rw(async (tx) => {
        const rows = (await tx.db.outbox.bulkGet(plan.items.map((i) => i.rowId))).filter((r): r is OutboxRow => r !== undefined);
        if (expected) {
          const byId = new Map(expected.map((r) => [r.id, r]));
          const same = (a: OutboxRow, b: OutboxRow | undefined) =>
            !!b && a.state === 'pending' && !a.needsReread && a.requestId === b.requestId && a.attempts === b.attempts && a.op === b.op && a.payloadHash === b.payloadHash && a.qboId === b.qboId && a.syncToken === b.syncToken;
          if (rows.length !== plan.items.length || !rows.every((r) => same(r, byId.get(r.id)))) return false;
        }
        await tx.db.batchPlans.put({ ...plan, state: 'planned', createdAt: ctx.now() });
        await tx.db.outbox.bulkPut(markInflight(rows, plan));
        return true;
      });
    },

    /** An HTTP 200 answer: outcomes, records, followers, entry statuses and audit in one transaction. */
    async applyAnswer(plan: BatchPlan, outcomes: RowOutcome[], opts: { retryScale?: number } = {}): Promise<{ done: number; failed: number; reread: number; retry: number; pause: number }> {
      return rw(async (tx) => {
        const now = ctx.now();
        const before = (await tx.db.outbox.bulkGet(plan.items.map((i) => i.rowId))).filter((r): r is OutboxRow => r !== undefined);
        const after = scaled(applyOutcomes(before, outcomes, now), now, opts.retryScale ?? 1);
        // A done row has nothing left to do: its record (syncRecords) and audit row say what QBO holds,
        // so it leaves the outbox, which keeps the store (and its index upkeep) small as it drains.
        const finished = after.filter((r) => r.state === 'done');
        const kept = after.filter((r) => r.state !== 'done');
        if (kept.length) await tx.db.outbox.bulkPut(kept);
        if (finished.length) await tx.db.outbox.bulkDelete(finished.map((r) => r.id));
        const counts = { done: 0, failed: 0, reread: 0, retry: 0, pause: 0 };
        const audits: AuditRecord[] = [];
        const toSettle: Array<{ row: OutboxRow; billable: BillableStatus | undefined }> = [];
        for (const outcome of outcomes) {
          const row = after.find((r) => r.id === outcome.rowId);
          if (!row) continue;
          audits.push(auditForOutcome(ctx.newId(), row, outcome, now, plan.requestId));
          counts[COUNTED_AS[outcome.kind]]++;
          if (row.state === 'done' || row.state === 'failed') toSettle.push({ row, billable: outcome.kind === 'done' ? outcome.billableStatus : undefined });
        }
        await settle(ctx, deps.entries, tx, toSettle);
        await tx.db.syncAudit.bulkAdd(audits);
        await tx.db.batchPlans.delete(plan.batchId);
        return counts;
      });
    },

    /** No usable answer: the rows stay bound to the stored plan (or fail when QBO refused the request). */
    async applyFailure(plan: BatchPlan, failure: SendFailure, opts: { random?: () => number; retryScale?: number; intuitTid?: string } = {}): Promise<Classification> {
      return rw(async (tx) => {
        const now = ctx.now();
        const rows = (await tx.db.outbox.bulkGet(plan.items.map((i) => i.rowId))).filter((r): r is OutboxRow => r !== undefined);
        const { classification, rows: next } = applyBatchFailure(plan, rows, failure, now, opts.random ? { random: opts.random } : {});
        const after = scaled(isQueued(failure) ? next.map(dueNow) : next, now, opts.retryScale ?? 1);
        await tx.db.outbox.bulkPut(after);
        const definitive = classification.action === 'flag' || classification.action === 'reread_and_retry';
        const latest = await latestAuditByKey(tx, plan.requestId);
        await tx.db.syncAudit.bulkAdd(
          after.map((row) =>
            audit({
              at: now,
              op: row.op,
              entryIds: [...row.entryIds],
              entryVersions: [...row.entryVersions],
              key: row.key,
              payload: row.payload,
              payloadHash: row.payloadHash,
              ...(row.qboId ? { qboId: row.qboId } : {}),
              ...(opts.intuitTid ? { intuitTid: opts.intuitTid } : {}),
              requestId: plan.requestId,
              outcome: definitive ? 'failed' : 'retrying',
              message: classification.userMessage,
            }),
          ).filter((a) => !repeatsRetry(latest.get(a.key!), a)),
        );
        if (definitive) {
          await settle(ctx, deps.entries, tx, after.map((row) => ({ row })));
          await tx.db.batchPlans.delete(plan.batchId);
        } else await tx.db.batchPlans.update(plan.batchId, { state: 'sent' });
        return classification;
      });
    },

    /** After a stale-SyncToken answer and a fresh read (null = deleted in QuickBooks). */
    async rebase(rowId: string, current: { Id: string; SyncToken: string } | null): Promise<void> {
      await rw(async (tx) => {
        const row = await tx.db.outbox.get(rowId);
        if (!row || !row.needsReread) return;
        const followers = await tx.db.outbox.where('key').equals(row.key).toArray();
        const { superseded, replacement, relinked } = rebaseAfterReread(row, current, deps.ids, ctx.now(), followers);
        await tx.db.outbox.bulkPut([superseded, ...(replacement ? [replacement] : []), ...relinked]);
        if (!replacement) await settle(ctx, deps.entries, tx, [{ row: superseded }]);
      });
    },
    ...recordReads(ctx),
  };
}

/**
 * A QuickBooks Desktop company holds the batch for the Web Connector: no backoff, since its answer
 * comes with the next update, and the run that follows that update resends it at once (a run never
 * waits on a queued batch itself: engine.ts RunState.queued).
 */
const isQueued = (failure: SendFailure): boolean => 'kind' in failure && failure.reason === 'queued';

function dueNow(row: OutboxRow): OutboxRow {
  const { nextAttemptAt: _due, ...rest } = row;
  return rest;
}

/** Each key's latest audit row written for this request (a resend keeps the request's id). */
async function latestAuditByKey(tx: EntryTx, requestId: string): Promise<Map<string | undefined, AuditRecord>> {
  const rows = await tx.db.syncAudit.where('requestId').equals(requestId).sortBy('at');
  return new Map(rows.map((r) => [r.key, r]));
}

/**
 * Whether a new 'retrying' audit row only repeats the row's latest one (same words): a Desktop
 * company's send waits for the Web Connector, maybe all day, and that is one line in the audit.
 */
const repeatsRetry = (previous: AuditRecord | undefined, next: AuditRecord): boolean =>
  previous?.outcome === 'retrying' && next.outcome === 'retrying' && previous.message === next.message;

/** The rows of one company (the one their key names), or all of them without an id. */
export const ofCompany = <T extends { key?: string }>(rows: T[], companyId: string | undefined): T[] =>
  companyId === undefined ? rows : rows.filter((r) => companyOfName(r.key ?? '') === companyId);

/** What QuickBooks holds and what the sync did, as the history and reconciliation read it. */
function recordReads(ctx: RepoContext) {
  const { db } = ctx;
  return {
    /** What QuickBooks holds, in one company or (without an id) in all. */
    async records(companyId?: string): Promise<SyncRecord[]> {
      return ofCompany(await db.syncRecords.toArray(), companyId).map(toRecord);
    },
    async recordsByKeys(keys: string[]): Promise<SyncRecord[]> {
      return (await recordsOf(db, keys)).map(toRecord);
    },
    audit: async (companyId?: string): Promise<AuditRecord[]> => ofCompany(await db.syncAudit.orderBy('at').toArray(), companyId),
    /**
     * The keys among these with a local change still queued (an open outbox chain). Such a change
     * is newer than what QuickBooks did to the key, so it goes out whichever side a conflict takes.
     */
    async keysWithQueuedChange(keys: string[]): Promise<Set<string>> {
      const rows = await rowsWithKeys(db, keys);
      return new Set(keys.filter((key) => openChain(rows.filter((r) => r.key === key)).tail));
    },
  };
}
