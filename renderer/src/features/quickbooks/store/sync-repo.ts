// The QuickBooks outbox, sync records, stored batch plans, the sync audit trail and conflicts: every
// write the sync engine makes, each in one Dexie transaction, following the order of calls in
// shared/sync/README.md. Approving (or deleting) entries writes the entries AND their outbox rows
// in one transaction, so a failure leaves neither.
import Dexie from 'dexie';
import { entryKey, isAggregateKey, type TimeActivityDraft, type TransformContext, type WorkerMapping } from '../../../../../shared/qbo/transform';
import type { BillableStatus, QboMirror, QboPreferences } from '../../../../../shared/qbo/types';
import { auditCsv, auditForOutcome, type AuditRecord } from '../../../../../shared/sync/audit';
import { applyBatchFailure, markInflight, type BatchPlan } from '../../../../../shared/sync/batch-plan';
import type { Classification, SendFailure } from '../../../../../shared/sync/classify';
import {
  applyOutcomes,
  deleteNeedsConfirmation,
  openChain,
  planChanges,
  rebaseAfterReread,
  recordAfter,
  releaseFollowUps,
  type IdSource,
  type OutboxRow,
  type Refusal,
  type RowOutcome,
  type SyncRecord,
} from '../../../../../shared/sync/outbox';
import { preflightDrafts, type PreflightIssue } from '../../../../../shared/sync/preflight';
import type { ChangedInQbo, ConflictRule, DeletedInQbo, MatchedActivity, Resolution } from '../../../../../shared/sync/reconcile';
import type { RateRecord } from '../../../../../shared/rates/resolve';
import type { RepoContext } from '../../../db/context';
import type { ConflictRow, EntryRow, SyncRecordRow } from '../../../db/schema';
import { heldInQbo, type createEntriesRepo, type EntryPatch } from '../../../db/repos/entries-repo';
import { auditRow } from '../../../db/repos/audit-write';
import { createQboMirrorRepo } from './mirror-repo';
import { writeQboWins } from './reconcile-writes';
import type { createSettingsRepo } from '../../../db/repos/settings-repo';
import { QBO_HOLD_MS } from '../../../db/repos/trash-repo';

export type SyncMode = 'onApproval' | 'interval' | 'hourly' | 'daily' | 'manual';

/** Stored in qboState under 'syncSettings'. */
export interface SyncSettings {
  mode: SyncMode;
  /** For 'interval'. */
  intervalMinutes: number;
  /** For 'daily': local 'HH:mm'. */
  dailyAt: string;
  conflictRule: ConflictRule;
  /** shared/qbo/template.ts syntax; undefined = the default template. */
  descriptionTemplate?: string;
  /** Projects sent as one TimeActivity per project + task + day. */
  aggregateProjectIds: string[];
}

export const DEFAULT_SYNC_SETTINGS: SyncSettings = { mode: 'manual', intervalMinutes: 30, dailyAt: '18:00', conflictRule: 'ask', aggregateProjectIds: [] };

/** Everything planning needs, read before the write transaction opens (configuration, not data). */
export interface SyncContext {
  transform: TransformContext;
  mirror: QboMirror;
  prefs: QboPreferences;
  settings: SyncSettings;
}

export interface PlanSummary {
  /** Outbox rows written (new or changed). */
  planned: number;
  cancelled: number;
  issues: PreflightIssue[];
  refused: Refusal[];
}

export interface SyncApproveResult extends PlanSummary {
  approved: string[];
  skipped: { id: string; reason: string }[];
}

const PUSHABLE = new Set<EntryRow['status']>(['approved', 'synced']);
const OPEN = new Set<OutboxRow['state']>(['pending', 'inflight', 'blocked']);
const isLive = (e: EntryRow) => e.deletedAt == null;
/**
 * The entries QuickBooks is meant to hold: live ones, and trashed ones whose hold has not ended
 * (renderer/src/db/repos/trash-repo.ts). Planning sees the latter as they were before the delete, so
 * deleting synced time changes nothing in QuickBooks until the hold ends, and restoring it neither.
 */
const counts = (e: EntryRow) => isLive(e) || heldInQbo(e);
const asPlanned = (e: EntryRow): EntryRow => (heldInQbo(e) ? { ...e, deletedAt: null } : e);

export function createSyncRepo(
  ctx: RepoContext,
  deps: {
    entries: ReturnType<typeof createEntriesRepo>;
    settings: ReturnType<typeof createSettingsRepo>;
  },
) {
  const { db } = ctx;
  const mirrorRepo = createQboMirrorRepo(ctx);

  /** Projects' QBO mapping, tasks' items, rates and rounding, as shared/qbo/transform reads them. */
  async function loadTransformBase(): Promise<Omit<TransformContext, 'worker' | 'descriptionTemplate'>> {
    const [projects, tasks, clients, cards, rounding, currency] = await Promise.all([
      db.projects.toArray(),
      db.tasks.toArray(),
      db.clients.toArray(),
      db.rateCards.toArray(),
      deps.settings.get('rounding'),
      deps.settings.get('currency'),
    ]);
    const clientName = new Map(clients.map((c) => [c.id, c.name]));
    const rates: RateRecord[] = cards.map((c) => ({ scope: c.scope, scopeId: c.scope === 'default' ? null : c.scopeId, rateMinor: c.rateMinor, currency: c.currency, effectiveFrom: c.effectiveFrom }));
    // A project's own rate field is its rate from the beginning, unless it has effective-dated cards.
    for (const p of projects) {
      if (p.rateMinor !== null && !cards.some((c) => c.scope === 'project' && c.scopeId === p.id)) {
        rates.push({ scope: 'project', scopeId: p.id, rateMinor: p.rateMinor, currency: p.currency, effectiveFrom: '1970-01-01' });
      }
    }
    return {
      projects: projects.map((p) => ({
        id: p.id,
        name: p.name,
        clientId: p.clientId,
        clientName: p.clientId ? (clientName.get(p.clientId) ?? null) : null,
        billable: p.billable,
        rounding: p.rounding,
        qbo: { qboCustomerId: p.qboCustomerId, qboItemId: p.qboItemId, qboClassId: p.qboClassId, aggregate: false },
      })),
      tasks: tasks.map((t) => ({ id: t.id, projectId: t.projectId, name: t.name, qboItemId: t.qboItemId })),
      rates,
      workspaceRounding: rounding,
      currency,
    };
  }
  // Whatever an entry write touches (entries.writeTables), plus the sync tables.
  const writeTables = [...new Set([...deps.entries.writeTables, db.outbox, db.syncRecords, db.batchPlans, db.syncAudit, db.conflicts])];
  const rw = <T>(fn: () => Promise<T>) => db.transaction('rw', writeTables, fn);
  const ids: IdSource = { rowId: () => ctx.newId(), requestId: () => crypto.randomUUID() };

  async function settings(): Promise<SyncSettings> {
    return { ...DEFAULT_SYNC_SETTINGS, ...((await mirrorRepo.getState<Partial<SyncSettings>>('syncSettings')) ?? {}) };
  }

  async function loadContext(): Promise<SyncContext> {
    const [base, s, worker, prefs, mirror] = await Promise.all([
      loadTransformBase(),
      settings(),
      mirrorRepo.getState<WorkerMapping | null>('worker'),
      mirrorRepo.preferences(),
      mirrorRepo.mirror(),
    ]);
    const aggregate = new Set(s.aggregateProjectIds);
    const currency = prefs.CurrencyPrefs?.HomeCurrency?.value ?? base.currency;
    const transform: TransformContext = {
      ...base,
      projects: base.projects.map((p) => ({ ...p, qbo: { ...p.qbo, aggregate: aggregate.has(p.id) } })),
      worker: worker ?? null,
      currency,
      ...(s.descriptionTemplate !== undefined ? { descriptionTemplate: s.descriptionTemplate } : {}),
    };
    return { transform, mirror, prefs, settings: s };
  }

  /**
   * Outbox rows in these states, read per state with getAll. Never a cursor (anyOf, filter) over the
   * `state` index: its keys repeat, and fake-indexeddb (the sync benchmark's store) restarts each
   * cursor step at the first equal key, so 5,000 pending rows took 5 s instead of 50 ms.
   */
  const rowsInStates = async (states: ReadonlyArray<OutboxRow['state']>): Promise<OutboxRow[]> =>
    (await Promise.all(states.map((state) => db.outbox.where('state').equals(state).toArray()))).flat();
  /**
   * Outbox rows of these keys, one getAll per key. Not anyOf: its cursor jumps between distant keys,
   * which fake-indexeddb does by walking the index from the range's start (30 keys: 75 ms against
   * 9 ms), and settling a batch asks for 30 keys every time.
   */
  const rowsWithKeys = async (keys: Iterable<string>): Promise<OutboxRow[]> =>
    (await Promise.all([...new Set(keys)].map((key) => db.outbox.where('key').equals(key).toArray()))).flat();
  const recordsOf = async (keys: Iterable<string>) => (await db.syncRecords.bulkGet([...new Set(keys)])).filter((r): r is SyncRecordRow => r !== undefined);
  const toRecord = (r: SyncRecordRow): SyncRecord => {
    const { updatedAt: _u, ...rest } = r;
    return rest;
  };

  /**
   * Drafts for the pushable entries among `entryIds` (aggregated projects: their whole project-days),
   * after pre-flight. Call inside a transaction.
   */
  async function draftsFor(entryIds: readonly string[], sc: SyncContext): Promise<{ drafts: TimeActivityDraft[]; issues: PreflightIssue[]; touched: EntryRow[] }> {
    const aggregate = new Set(sc.transform.projects.filter((p) => p.qbo.aggregate).map((p) => p.id));
    const byId = new Map<string, EntryRow>();
    for (const e of await db.entries.bulkGet([...entryIds])) if (e) byId.set(e.id, e);
    const groups = new Set<string>();
    for (const e of [...byId.values()]) {
      if (!e.projectId || !aggregate.has(e.projectId)) continue;
      const g = JSON.stringify([e.projectId, e.localDate]);
      if (groups.has(g)) continue;
      groups.add(g);
      for (const m of await db.entries.where('[projectId+localDate]').equals([e.projectId, e.localDate]).toArray()) byId.set(m.id, m);
    }
    const touched = [...byId.values()];
    const pushable = touched.filter((e) => counts(e) && PUSHABLE.has(e.status)).map(asPlanned);
    return { ...preflightDrafts(pushable, sc.transform, sc.mirror, sc.prefs, { now: ctx.now() }), touched };
  }

  /** Sync records and outbox rows that list any of these entries (the multi-entry entryIds indexes, v5). */
  async function holding(entryIds: Iterable<string>): Promise<{ records: SyncRecordRow[]; rows: OutboxRow[] }> {
    const ids = [...new Set(entryIds)];
    const [records, rows] = await Promise.all([
      Promise.all(ids.map((id) => db.syncRecords.where('entryIds').equals(id).toArray())),
      Promise.all(ids.map((id) => db.outbox.where('entryIds').equals(id).toArray())),
    ]);
    const unique = <T>(list: T[][], id: (x: T) => string) => [...new Map(list.flat().map((x) => [id(x), x])).values()];
    return { records: unique(records, (r) => r.key), rows: unique(rows, (r) => r.id) };
  }

  /**
   * The keys QuickBooks holds, or may hold or was asked to hold, for these entries: their records
   * and their outbox rows (open, or failed and not superseded).
   */
  async function keysHolding(entryIds: ReadonlySet<string>): Promise<Set<string>> {
    const { records, rows } = await holding(entryIds);
    const live = rows.filter((r) => r.state !== 'done' && !r.supersededBy);
    return new Set([...records.map((r) => r.key), ...live.map((r) => r.key)]);
  }

  /**
   * Plans outbox rows for these entries' keys; inside a transaction.
   *
   * Besides the keys the entries produce now, it re-plans every key they were recorded or queued
   * under: an edit, split or merge can move an entry to another key (another project or day of an
   * aggregated project, or its project's aggregation switched), and the old TimeActivity must then
   * hold exactly what its remaining entries say. The remaining members of those keys are drafted too
   * (for aggregates with their whole project-day), until no new member turns up, so an old key gets
   * the draft its remaining entries produce, or is deleted when no entry belongs to it any more.
   */
  async function planInTx(entryIds: readonly string[], sc: SyncContext, opts: { skipUnchangedFailures?: boolean } = {}): Promise<PlanSummary> {
    let wanted = new Set(entryIds);
    let drafted: Awaited<ReturnType<typeof draftsFor>>;
    let candidateKeys: Set<string>;
    let records: SyncRecord[];
    let rowsAll: OutboxRow[];
    for (;;) {
      drafted = await draftsFor([...wanted], sc);
      const touchedIds = new Set(drafted.touched.map((e) => e.id));
      candidateKeys = new Set([...drafted.drafts.map((d) => d.key), ...(await keysHolding(touchedIds))]);
      records = (await recordsOf(candidateKeys)).map(toRecord);
      rowsAll = await rowsWithKeys(candidateKeys);
      const draftKeys = new Set(drafted.drafts.map((d) => d.key));
      const orphaned = (r: { key: string }) => !draftKeys.has(r.key);
      // Compared with `wanted`, not `touchedIds`: an id whose entry row is gone is asked for once.
      const others = [...records.filter(orphaned), ...rowsAll.filter((r) => orphaned(r) && OPEN.has(r.state) && !r.supersededBy)]
        .flatMap((r) => r.entryIds)
        .filter((id) => !touchedIds.has(id) && !wanted.has(id));
      if (others.length === 0) break;
      wanted = new Set([...wanted, ...touchedIds, ...others]);
    }
    const { drafts: all, issues, touched } = drafted;
    let drafts = all;
    if (opts.skipUnchangedFailures) {
      // The engine's automatic planning does not resend what QuickBooks refused until something changed.
      drafts = all.filter((d) => !rowsAll.some((r) => r.key === d.key && r.state === 'failed' && !r.supersededBy && r.payloadHash === d.payloadHash));
    }
    const live = new Set(all.map((d) => d.key));
    const entryById = new Map(touched.map((e) => [e.id, e]));
    const removedKeys = [...candidateKeys].filter((key) => {
      if (live.has(key)) return false;
      const members = new Set([...records.filter((r) => r.key === key).flatMap((r) => r.entryIds), ...rowsAll.filter((r) => r.key === key && OPEN.has(r.state)).flatMap((r) => r.entryIds)]);
      if (members.size === 0) return false;
      // Members that still map to this key but produced no draft: not approved (an edit sent them
      // back to draft) or blocked by pre-flight.
      const staying = [...members].map((id) => entryById.get(id)).filter((e): e is EntryRow => !!e && counts(e) && entryKey(e, sc.transform) === key);
      if (staying.length === 0) return true;
      // A single entry's TimeActivity keeps its last approved version until the entry is approved
      // again (or deleted). An aggregate holds only its sendable members, as when it is re-planned
      // with some: with none left it goes, unless one is only waiting for a pre-flight fix (an
      // inactive customer is no reason to delete time from QuickBooks).
      if (!isAggregateKey(key)) return false;
      return !staying.some((e) => PUSHABLE.has(e.status));
    });
    const outbox = [...new Map(rowsAll.map((r) => [r.id, r])).values()].filter((r) => r.state !== 'done');
    const result = planChanges({ activities: drafts, removedKeys, records, outbox, ids, now: ctx.now() });
    if (result.upserts.length > 0) await db.outbox.bulkPut(result.upserts);
    if (result.cancelled.length > 0) await db.outbox.bulkDelete(result.cancelled);
    return { planned: result.upserts.length, cancelled: result.cancelled.length, issues, refused: result.refused };
  }

  /**
   * Rows resolved for good (done, or failed for good): update each key's record, release its
   * followers and move entry statuses (synced, or invoiced when QuickBooks billed it). Bulk reads and
   * writes: a batch settles up to 30 keys at once.
   */
  async function settle(settled: ReadonlyArray<{ row: OutboxRow; billable?: BillableStatus | undefined }>, sink: string[]): Promise<void> {
    if (settled.length === 0) return;
    const keys = [...new Set(settled.map((s) => s.row.key))];
    const previous = new Map((await recordsOf(keys)).map((r) => [r.key, toRecord(r)]));
    const rowsByKey = new Map<string, OutboxRow[]>();
    for (const r of await rowsWithKeys(keys)) rowsByKey.set(r.key, [...(rowsByKey.get(r.key) ?? []), r]);
    const at = ctx.now();
    const upserts = new Map<string, OutboxRow>();
    const cancelled: string[] = [];
    const toSynced: Array<{ row: OutboxRow }> = [];
    const toInvoiced: Array<{ row: OutboxRow }> = [];
    for (const { row, billable } of settled) {
      const prev = previous.get(row.key) ?? null;
      const record = recordAfter(row, prev, billable);
      if (record) previous.set(row.key, record);
      else previous.delete(row.key);
      const rows = (rowsByKey.get(row.key) ?? []).map((r) => upserts.get(r.id) ?? (r.id === row.id ? row : r));
      const released = releaseFollowUps(rows, row, record);
      for (const u of released.upserts) upserts.set(u.id, u);
      cancelled.push(...released.cancelled);
      if (row.state === 'done' && row.op !== 'delete') ((record?.billableStatus ?? billable) === 'HasBeenBilled' ? toInvoiced : toSynced).push({ row });
    }
    const puts = keys.filter((k) => previous.has(k)).map((k) => ({ ...previous.get(k)!, updatedAt: at }));
    const deletes = keys.filter((k) => !previous.has(k));
    if (puts.length) await db.syncRecords.bulkPut(puts);
    if (deletes.length) await db.syncRecords.bulkDelete(deletes);
    if (upserts.size) await db.outbox.bulkPut([...upserts.values()]);
    if (cancelled.length) await db.outbox.bulkDelete(cancelled);
    await markEntries(toSynced, 'synced', sink);
    await markEntries(toInvoiced, 'invoiced', sink);
  }

  /** Only the version that was sent becomes synced; a later edit waits for its own push. */
  async function markEntries(rows: ReadonlyArray<{ row: OutboxRow }>, target: 'synced' | 'invoiced', sink: string[]): Promise<void> {
    if (rows.length === 0) return;
    const order = ['draft', 'approved', 'synced', 'invoiced', 'paid'];
    const sent = new Map<string, number | undefined>();
    for (const { row } of rows) row.entryIds.forEach((id, i) => sent.set(id, row.entryVersions[i]));
    const current = await db.entries.bulkGet([...sent.keys()]);
    const move = current.filter((e): e is EntryRow => {
      if (!e || !counts(e)) return false;
      const v = sent.get(e.id);
      return (v === undefined || e.version === v) && order.indexOf(e.status) >= 1 && order.indexOf(e.status) < order.indexOf(target);
    });
    if (move.length === 0) return;
    // What entries.setStatus does (row + audit row + write hook, same transaction), in bulk: a batch
    // settles up to 30 entries, and one-by-one writes cost two thirds of the engine's time.
    const at = ctx.now();
    const changes = move.map((before) => ({ before, after: { ...before, status: target, version: before.version + 1, updatedAt: at } as EntryRow, action: 'status' as const, actor: 'sync' as const, at }));
    await db.entries.bulkPut(changes.map((c) => c.after));
    await db.audit.bulkAdd(changes.map((c) => auditRow(ctx, { entityType: 'entry', entityId: c.after.id, action: 'status', actor: 'sync', before: c.before, after: c.after, version: c.after.version }, at)));
    if (ctx.entryWriteHook) await ctx.entryWriteHook.write(changes);
    sink.push(...move.map((e) => e.id));
  }

  /** Runs `fn` in the write transaction; entries whose status it changed are reported after the commit. */
  async function withEntryEvents<T>(fn: (sink: string[]) => Promise<T>): Promise<T> {
    const sink: string[] = [];
    // An async scope function: Dexie keeps its zone across native awaits only for those.
    const result = await rw(async () => await fn(sink));
    if (sink.length > 0) ctx.onCommitted({ entityType: 'entry', ids: sink, action: 'status' });
    return result;
  }

  function audit(partial: Omit<AuditRecord, 'id'>): AuditRecord {
    return { id: ctx.newId(), ...partial };
  }

  return {
    settings,
    /**
     * Saves the sync settings. A change to the aggregated projects re-plans those projects' approved
     * and synced entries in the same transaction: their time moves between per-entry and per-day
     * TimeActivities, so the old ones are deleted (or updated) and the new ones created.
     */
    async saveSettings(patch: Partial<SyncSettings>): Promise<SyncSettings> {
      const previous = await settings();
      const next = { ...previous, ...patch };
      const before = new Set(previous.aggregateProjectIds);
      const after = new Set(next.aggregateProjectIds);
      const toggled = new Set([...before, ...after].filter((id) => before.has(id) !== after.has(id)));
      if (toggled.size === 0) {
        await mirrorRepo.setState('syncSettings', next);
        return next;
      }
      // Planned with the settings being saved (aggregation and, if it changes too, the template).
      const base = await loadContext();
      const { descriptionTemplate: _old, ...transform } = base.transform;
      const sc: SyncContext = {
        ...base,
        settings: next,
        transform: {
          ...transform,
          ...(next.descriptionTemplate !== undefined ? { descriptionTemplate: next.descriptionTemplate } : {}),
          projects: base.transform.projects.map((p) => ({ ...p, qbo: { ...p.qbo, aggregate: after.has(p.id) } })),
        },
      };
      await db.transaction('rw', [...writeTables, db.qboState], async () => {
        await db.qboState.put({ key: 'syncSettings', value: next, updatedAt: ctx.now() });
        // Through the projects' own entries (the [projectId+localDate] index), not a scan of every
        // approved or synced entry in the workspace.
        const affected: string[] = [];
        for (const projectId of toggled) {
          const rows = await db.entries.where('[projectId+localDate]').between([projectId, Dexie.minKey], [projectId, Dexie.maxKey]).toArray();
          affected.push(...rows.filter((e) => isLive(e) && PUSHABLE.has(e.status)).map((e) => e.id));
        }
        await planInTx(affected, sc);
      });
      ctx.onCommitted({ entityType: 'setting', ids: ['syncSettings'], action: 'qboState' });
      return next;
    },
    loadContext,

    /**
     * Approves draft entries and queues their QuickBooks writes in ONE transaction. Already approved
     * or synced entries in `ids` are (re-)planned too: after an edit with keepApproved, this is what
     * sends the full update with the current SyncToken.
     */
    async approve(entryIds: string[], opts: { actor?: 'user' | 'sync' } = {}): Promise<SyncApproveResult> {
      const sc = await loadContext();
      return rw(async () => {
        const approved = await deps.entries.approve(entryIds, opts.actor ? { actor: opts.actor } : {});
        const summary = await planInTx(entryIds, sc);
        return { ...approved, ...summary };
      });
    },

    /** Whether deleting these entries would delete time in QuickBooks (ask the user first). */
    async deleteNeedsConfirmation(entryIds: string[]): Promise<boolean> {
      const held = await holding(entryIds);
      const records = held.records.map(toRecord);
      const rows = held.rows;
      const keys = new Set([...records.map((r) => r.key), ...rows.map((r) => r.key)]);
      return [...keys].some((k) => deleteNeedsConfirmation(k, records, rows));
    },

    /**
     * Moves entries to the trash and plans QuickBooks, in one transaction. Time QuickBooks holds (or
     * may hold) stays there, untouched, until `qboHoldUntil` (QBO_HOLD_MS from now), the trash being
     * emptied or the entry deleted forever (trash-repo): restoring it before then costs nothing. What
     * never reached QuickBooks is cancelled at once (a queued create). Refuses (returns
     * needsConfirmation) when QuickBooks holds the time and the user has not confirmed.
     */
    async deleteEntries(entryIds: string[], opts: { confirmed?: boolean } = {}): Promise<PlanSummary & { needsConfirmation: boolean; qboHoldUntil: number | null }> {
      if (!opts.confirmed && (await this.deleteNeedsConfirmation(entryIds))) return { planned: 0, cancelled: 0, issues: [], refused: [], needsConfirmation: true, qboHoldUntil: null };
      const sc = await loadContext();
      return rw(async () => {
        const until = ctx.now() + QBO_HOLD_MS;
        let held = false;
        for (const id of entryIds) {
          const hold = await this.deleteNeedsConfirmation([id]);
          held ||= hold;
          await deps.entries.delete(id, { confirmLockedEdit: true, ...(hold ? { qboHoldUntil: until } : {}) });
        }
        return { ...(await planInTx(entryIds, sc)), needsConfirmation: false, qboHoldUntil: held ? until : null };
      });
    },

    /**
     * Edits an entry (entries.update) and, when it was approved or synced, keeps it approved and
     * re-plans its QuickBooks write in the same transaction: confirming the edit of approved time
     * re-approves the new numbers, so a synced entry's TimeActivity gets a full update with the
     * current SyncToken, and a never-sent row is replaced in place (a stale body is never sent).
     * Draft entries are edited as they are.
     */
    async updateEntry(id: string, patch: EntryPatch, opts: { expectedVersion?: number; confirmed?: boolean } = {}): Promise<PlanSummary & { entry: EntryRow }> {
      const sc = await loadContext();
      return rw(async () => {
        const before = await db.entries.get(id);
        const keepApproved = !!before && PUSHABLE.has(before.status);
        const entry = await deps.entries.update(id, patch, { confirmLockedEdit: opts.confirmed ?? false, keepApproved, ...(opts.expectedVersion !== undefined ? { expectedVersion: opts.expectedVersion } : {}) });
        const summary = keepApproved ? await planInTx([id], sc) : { planned: 0, cancelled: 0, issues: [], refused: [] };
        return { ...summary, entry };
      });
    },

    /**
     * Splits an entry (entries.split) and queues what QuickBooks needs, in one transaction, as
     * approving does. Confirming the split of an approved or synced entry re-approves both parts:
     * the first keeps the entry's key, so its TimeActivity is updated to the first part, and the
     * second is created (for an aggregated project, the day's TimeActivities are recomputed).
     */
    async split(id: string, at: number, opts: { confirmed?: boolean } = {}): Promise<PlanSummary & { parts: [EntryRow, EntryRow] }> {
      const sc = await loadContext();
      return rw(async () => {
        const parts = await deps.entries.split(id, at, { confirmLockedEdit: opts.confirmed ?? false, keepApproved: true });
        return { ...(await planInTx(parts.map((p) => p.id), sc)), parts };
      });
    },

    /**
     * Merges entries (entries.merge) and queues what QuickBooks needs, in one transaction: the kept
     * entry's TimeActivity is updated to the merged time and the merged-away entries' are deleted.
     * The merged entry stays approved only when every part was approved or synced; otherwise it
     * holds time nobody approved, so it goes back to draft (QuickBooks keeps its last approved
     * version until it is approved again). Like deleteEntries, it asks first (needsConfirmation)
     * when QuickBooks holds any of the time and the user has not confirmed.
     */
    async merge(entryIds: string[], opts: { confirmed?: boolean } = {}): Promise<PlanSummary & { merged: EntryRow | null; needsConfirmation: boolean }> {
      if (!opts.confirmed && (await this.deleteNeedsConfirmation(entryIds))) return { planned: 0, cancelled: 0, issues: [], refused: [], merged: null, needsConfirmation: true };
      const sc = await loadContext();
      return rw(async () => {
        const rows = await db.entries.bulkGet(entryIds);
        const keepApproved = rows.every((e) => !!e && PUSHABLE.has(e.status));
        const merged = await deps.entries.merge(entryIds, { confirmLockedEdit: opts.confirmed ?? false, keepApproved });
        return { ...(await planInTx(entryIds, sc)), merged, needsConfirmation: false };
      });
    },

    /** The engine's planning step: approved entries not yet queued (fixed blockers, missed plans). */
    async planApproved(sc?: SyncContext): Promise<PlanSummary> {
      // Cheap look first, on keys only (no row values): entries already queued were planned when they
      // were approved (sync.approve); only the rest (approved elsewhere, or blocked by pre-flight
      // then) need planning now. Aggregated keys are not per entry, so those entries always replan.
      const approvedIds = (await db.entries.where('status').equals('approved').primaryKeys()) as string[];
      const queued = new Set((await db.outbox.orderBy('key').keys()) as string[]);
      // Approved entries in the trash keep their status but are not sent (trash-repo).
      const trashed = new Set((await db.entries.where('trashedAt').above(0).primaryKeys()) as string[]);
      const candidates = approvedIds.filter((id) => !queued.has(`entry:${id}`) && !trashed.has(id));
      if (candidates.length === 0) return { planned: 0, cancelled: 0, issues: [], refused: [] };
      const context = sc ?? (await loadContext());
      return rw(async () => {
        const todo = (await db.entries.bulkGet(candidates)).filter((e): e is EntryRow => !!e && isLive(e) && e.status === 'approved').map((e) => e.id);
        if (todo.length === 0) return { planned: 0, cancelled: 0, issues: [], refused: [] };
        return planInTx(todo, context, { skipUnchangedFailures: true });
      });
    },

    /** Re-queues failed keys of these entries (after the user fixed the cause in QuickBooks). */
    async retryFailed(entryIds?: string[]): Promise<PlanSummary> {
      const sc = await loadContext();
      return rw(async () => {
        const failed = await db.outbox.where('state').equals('failed').toArray();
        const ids = new Set(failed.filter((r) => !r.supersededBy).flatMap((r) => r.entryIds).filter((id) => !entryIds || entryIds.includes(id)));
        return planInTx([...ids], sc);
      });
    },

    /** Test sync: the exact payloads the entries would send now, with pre-flight issues. Writes nothing. */
    async preview(entryIds: string[]): Promise<{ drafts: TimeActivityDraft[]; issues: PreflightIssue[]; keys: string[] }> {
      const sc = await loadContext();
      return db.transaction('r', [db.entries], async () => {
        const { drafts, issues } = await draftsFor(entryIds, sc);
        return { drafts, issues, keys: drafts.map((d) => d.key) };
      });
    },

    // ---- Engine storage ------------------------------------------------------------------------

    /**
     * What the engine picks work from, cheaply: every inflight row, up to `pendingLimit` pending rows
     * (oldest first within the id order), and, when asked, the rows waiting for a re-read.
     */
    async engineView(opts: { pendingLimit: number; rereads: boolean }): Promise<{ inflight: OutboxRow[]; pending: OutboxRow[]; rereads: OutboxRow[] }> {
      // Separate reads, no transaction: a row seen twice is deduplicated by the engine, and a row
      // missed while it changes state is picked up on the next look.
      const inflight = await db.outbox.where('state').equals('inflight').toArray();
      const pending = await db.outbox.where('state').equals('pending').limit(opts.pendingLimit).toArray();
      const rereads = opts.rereads ? (await rowsInStates(['pending'])).filter((r) => r.needsReread === true) : [];
      return { inflight, pending, rereads };
    },

    async openRows(): Promise<OutboxRow[]> {
      return rowsInStates(['pending', 'inflight', 'blocked']);
    },
    async allRows(): Promise<OutboxRow[]> {
      return db.outbox.toArray();
    },
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
      return rw(async () => {
        const rows = (await db.outbox.bulkGet(plan.items.map((i) => i.rowId))).filter((r): r is OutboxRow => r !== undefined);
        if (expected) {
          const byId = new Map(expected.map((r) => [r.id, r]));
          const same = (a: OutboxRow, b: OutboxRow | undefined) =>
            !!b && a.state === 'pending' && !a.needsReread && a.requestId === b.requestId && a.attempts === b.attempts && a.op === b.op && a.payloadHash === b.payloadHash && a.qboId === b.qboId && a.syncToken === b.syncToken;
          if (rows.length !== plan.items.length || !rows.every((r) => same(r, byId.get(r.id)))) return false;
        }
        await db.batchPlans.put({ ...plan, state: 'planned', createdAt: ctx.now() });
        await db.outbox.bulkPut(markInflight(rows, plan));
        return true;
      });
    },

    async markSent(batchId: string): Promise<void> {
      await db.batchPlans.update(batchId, { state: 'sent' });
    },

    /** An HTTP 200 answer: outcomes, records, followers, entry statuses and audit in one transaction. */
    async applyAnswer(plan: BatchPlan, outcomes: RowOutcome[], opts: { retryScale?: number } = {}): Promise<{ done: number; failed: number; reread: number; retry: number; pause: number }> {
      return withEntryEvents(async (sink) => {
        const now = ctx.now();
        const before = (await db.outbox.bulkGet(plan.items.map((i) => i.rowId))).filter((r): r is OutboxRow => r !== undefined);
        let after = applyOutcomes(before, outcomes, now);
        const scale = opts.retryScale ?? 1;
        if (scale !== 1) after = after.map((r) => (r.nextAttemptAt !== undefined ? { ...r, nextAttemptAt: now + Math.ceil((r.nextAttemptAt - now) / scale) } : r));
        // A done row has nothing left to do: its record (syncRecords) and audit row say what QBO holds,
        // so it leaves the outbox, which keeps the store (and its index upkeep) small as it drains.
        const finished = after.filter((r) => r.state === 'done');
        const kept = after.filter((r) => r.state !== 'done');
        if (kept.length) await db.outbox.bulkPut(kept);
        if (finished.length) await db.outbox.bulkDelete(finished.map((r) => r.id));
        const counts = { done: 0, failed: 0, reread: 0, retry: 0, pause: 0 };
        const audits: AuditRecord[] = [];
        const toSettle: Array<{ row: OutboxRow; billable: BillableStatus | undefined }> = [];
        for (const outcome of outcomes) {
          const row = after.find((r) => r.id === outcome.rowId);
          if (!row) continue;
          audits.push(auditForOutcome(ctx.newId(), row, outcome, now, plan.requestId));
          if (outcome.kind === 'done') counts.done++;
          else if (outcome.kind === 'flagged') counts.failed++;
          else if (outcome.kind === 'reread') counts.reread++;
          else if (outcome.kind === 'retry') counts.retry++;
          else counts.pause++;
          if (row.state === 'done' || row.state === 'failed') toSettle.push({ row, billable: outcome.kind === 'done' ? outcome.billableStatus : undefined });
        }
        await settle(toSettle, sink);
        await db.syncAudit.bulkAdd(audits);
        await db.batchPlans.delete(plan.batchId);
        return counts;
      });
    },

    /** No usable answer: the rows stay bound to the stored plan (or fail when QBO refused the request). */
    async applyFailure(plan: BatchPlan, failure: SendFailure, opts: { random?: () => number; retryScale?: number; intuitTid?: string } = {}): Promise<Classification> {
      return withEntryEvents(async (sink) => {
        const now = ctx.now();
        const rows = (await db.outbox.bulkGet(plan.items.map((i) => i.rowId))).filter((r): r is OutboxRow => r !== undefined);
        const { classification, rows: next } = applyBatchFailure(plan, rows, failure, now, opts.random ? { random: opts.random } : {});
        const scale = opts.retryScale ?? 1;
        const scaled = scale === 1 ? next : next.map((r) => (r.nextAttemptAt !== undefined ? { ...r, nextAttemptAt: now + Math.ceil((r.nextAttemptAt - now) / scale) } : r));
        await db.outbox.bulkPut(scaled);
        const definitive = classification.action === 'flag' || classification.action === 'reread_and_retry';
        await db.syncAudit.bulkAdd(
          scaled.map((row) =>
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
          ),
        );
        if (definitive) {
          await settle(scaled.map((row) => ({ row })), sink);
          await db.batchPlans.delete(plan.batchId);
        } else await db.batchPlans.update(plan.batchId, { state: 'sent' });
        return classification;
      });
    },

    /** After a stale-SyncToken answer and a fresh read (null = deleted in QuickBooks). */
    async rebase(rowId: string, current: { Id: string; SyncToken: string } | null): Promise<void> {
      await withEntryEvents(async (sink) => {
        const row = await db.outbox.get(rowId);
        if (!row || !row.needsReread) return;
        const followers = await db.outbox.where('key').equals(row.key).toArray();
        const { superseded, replacement, relinked } = rebaseAfterReread(row, current, ids, ctx.now(), followers);
        await db.outbox.bulkPut([superseded, ...(replacement ? [replacement] : []), ...relinked]);
        if (!replacement) await settle([{ row: superseded }], sink);
      });
    },

    // ---- Records, audit, conflicts -------------------------------------------------------------

    async records(): Promise<SyncRecord[]> {
      return (await db.syncRecords.toArray()).map(toRecord);
    },
    async recordsByKeys(keys: string[]): Promise<SyncRecord[]> {
      return (await recordsOf(keys)).map(toRecord);
    },
    async audit(): Promise<AuditRecord[]> {
      return db.syncAudit.orderBy('at').toArray();
    },
    async auditCsv(): Promise<string> {
      return auditCsv(await db.syncAudit.orderBy('at').toArray());
    },
    async conflicts(status: ConflictRow['status'] = 'open'): Promise<ConflictRow[]> {
      return db.conflicts.where('status').equals(status).toArray();
    },
    /**
     * The keys among these with a local change still queued (an open outbox chain). Such a change
     * is newer than what QuickBooks did to the key, so it goes out whichever side a conflict takes.
     */
    async keysWithQueuedChange(keys: string[]): Promise<Set<string>> {
      const rows = await rowsWithKeys(keys);
      return new Set(keys.filter((key) => openChain(rows.filter((r) => r.key === key)).tail));
    },

    /**
     * The reconciliation pass's writes, in one transaction: fresher SyncTokens and billed locks for
     * matched keys, the rule's resolution (outbox rows, local updates), ask-list items as open
     * conflicts (replacing an older open one of the same key), and an audit row per conflict.
     */
    async applyReconciliation(input: {
      matched: readonly MatchedActivity[];
      resolution: Resolution;
      conflicts: ReadonlyArray<{ kind: 'changedInQbo'; item: ChangedInQbo } | { kind: 'deletedInQbo'; item: DeletedInQbo }>;
      /** Set when this resolves one conflict row from the ask-list screen. */
      resolvedConflictId?: string;
      resolvedAs?: 'tracker' | 'quickbooks';
    }): Promise<void> {
      // Adopting QuickBooks' edit maps customers/items back to projects/tasks and re-reads the
      // description template: configuration, read before the write transaction opens.
      const adoptCtx = input.resolution.localUpdates.some((u) => u.kind === 'adoptQbo') ? (await loadContext()).transform : null;
      await withEntryEvents(async (sink) => {
        const now = ctx.now();
        const { matched, resolution } = input;
        // QuickBooks wins: the entries first (edited → its version, deleted → drafts), then the records.
        const qboWins = await writeQboWins(deps.entries, resolution.localUpdates, adoptCtx, now);
        sink.push(...qboWins.changed);
        const keys = [...new Set([...matched.map((m) => m.key), ...resolution.localUpdates.map((u) => u.key)])];
        const records = new Map((await recordsOf(keys)).map((r) => [r.key, r]));
        const puts: SyncRecordRow[] = [];
        const deletes: string[] = [];
        const billed: OutboxRow[] = [];
        for (const m of matched) {
          const r = records.get(m.key);
          if (!r) continue;
          if (m.syncTokenChanged || m.billed) puts.push({ ...r, syncToken: m.syncToken, ...(m.billed ? { billableStatus: 'HasBeenBilled' as const } : {}), updatedAt: now });
          if (m.billed) billed.push({ key: r.key, entryIds: r.entryIds, entryVersions: r.entryVersions, op: 'update', state: 'done' } as OutboxRow);
        }
        for (const u of resolution.localUpdates) {
          if (u.kind === 'adoptQbo' || u.kind === 'lockBilled') puts.push({ ...(qboWins.records.get(u.key) ?? u.record), updatedAt: now });
          else deletes.push(u.key);
          if (u.kind === 'lockBilled') billed.push({ key: u.key, entryIds: u.entryIds, entryVersions: [], op: 'update', state: 'done' } as unknown as OutboxRow);
        }
        if (puts.length) await db.syncRecords.bulkPut(puts);
        if (deletes.length) await db.syncRecords.bulkDelete(deletes);
        if (resolution.outboxRows.length) await db.outbox.bulkPut(resolution.outboxRows);
        if (resolution.cancelled.length) await db.outbox.bulkDelete(resolution.cancelled);
        await markEntries(billed.map((row) => ({ row: { ...row, entryVersions: [] } })), 'invoiced', sink);
        if (resolution.askList.length) {
          const askKeys = resolution.askList.map((a) => a.key);
          const older = (await db.conflicts.where('key').anyOf(askKeys).toArray()).filter((c) => c.status === 'open').map((c) => c.id);
          if (older.length) await db.conflicts.bulkDelete(older);
          await db.conflicts.bulkAdd(
            resolution.askList.map((a) => {
              const source = input.conflicts.find((c) => c.item.key === a.key);
              return { id: ctx.newId(), key: a.key, kind: a.kind === 'changed' ? 'changedInQbo' : 'deletedInQbo', detail: { ask: a, conflict: source?.item ?? null }, status: 'open', createdAt: now } satisfies ConflictRow;
            }),
          );
        }
        if (input.resolvedConflictId) await db.conflicts.update(input.resolvedConflictId, { status: 'resolved', ...(input.resolvedAs ? { resolution: input.resolvedAs } : {}) });
        await db.syncAudit.bulkAdd(
          input.conflicts.map(({ kind, item }) =>
            audit({
              at: now,
              op: 'reconcile',
              entryIds: [...item.record.entryIds],
              entryVersions: [...item.record.entryVersions],
              key: item.key,
              payload: item.record.payload,
              payloadHash: item.record.payloadHash,
              qboId: item.qboId,
              ...(kind === 'changedInQbo' ? { syncToken: item.current.SyncToken } : {}),
              requestId: '',
              outcome: 'conflict',
              message: kind === 'changedInQbo' ? `Changed in QuickBooks: ${item.diffs.map((d) => d.field).join(', ')}` : 'Deleted in QuickBooks',
            }),
          ),
        );
        // After what was found: what "QuickBooks wins" did to the entries.
        if (qboWins.audits.length) await db.syncAudit.bulkAdd(qboWins.audits.map(audit));
      });
    },

    /**
     * Approved (or later) entries whose local date is in the range: the report's approved side. Trashed
     * entries QuickBooks still holds count as they were, as planning sees them.
     */
    async pushableEntries(range: { from: string; to: string }): Promise<EntryRow[]> {
      const rows = await db.entries.where('localDate').between(range.from, range.to, true, true).toArray();
      return rows.filter((e) => counts(e) && e.status !== 'draft' && e.end !== null).map(asPlanned);
    },

    /** Internal to the reconciliation pass: runs `fn` in the sync write transaction. */
    transaction: withEntryEvents,
    /** Internal: settle a row inside `transaction`. */
    settleInTx: settle,
    /** Internal: plan inside `transaction`. */
    planInTx,
    newId: () => ctx.newId(),
    ids,
  };
}

export type SyncRepo = ReturnType<typeof createSyncRepo>;
