// Planning: what QuickBooks must be told about entries, as outbox rows, following the order of calls
// in shared/sync/README.md. The entry commands (db/repos/entries-repo.ts) call it inside every entry
// write transaction, so an entry and its outbox rows commit together or not at all; the engine calls
// it for approved entries nobody queued yet, the trash when a hold ends, the settings screen when a
// project's aggregation changes.
import Dexie from 'dexie';
import { isLive, PUSHABLE_STATUSES } from '../../../../../shared/entries/entry';
import { bareName, companyOfName, PRIMARY_COMPANY } from '../../../../../shared/qbo/company';
import { entryKey, isAggregateKey, type TimeActivityDraft } from '../../../../../shared/qbo/transform';
import { deleteNeedsConfirmation, OPEN_STATES, planChanges, type IdSource, type OutboxRow, type Refusal, type SyncRecord } from '../../../../../shared/sync/outbox';
import { preflightDrafts, type PreflightIssue } from '../../../../../shared/sync/preflight';
import type { RepoContext } from '../../../db/context';
import { billedElsewhere, heldInQbo } from '../../../db/entry-rules';
import type { EntryRow, SyncRecordRow } from '../../../db/schema';
import type { WriteTx } from '../../../db/tx';
import type { TrackNexusDb } from '../../../db/database';
import { writeTx } from '../../../db/tx';
import { contextTables, type SyncContextReader, type SyncContexts } from './sync-context';

export interface PlanSummary {
  /** Outbox rows written (new or changed). */
  planned: number;
  cancelled: number;
  issues: PreflightIssue[];
  refused: Refusal[];
}

export const NOTHING_PLANNED: PlanSummary = { planned: 0, cancelled: 0, issues: [], refused: [] };

/**
 * The entries QuickBooks is meant to hold: live ones, and trashed ones whose hold has not ended
 * (db/repos/trash-repo.ts). Planning sees the latter as they were before the delete, so deleting
 * synced time changes nothing in QuickBooks until the hold ends, and restoring it neither.
 */
const counts = (e: EntryRow) => isLive(e) || heldInQbo(e);
const asPlanned = (e: EntryRow): EntryRow => (heldInQbo(e) ? { ...e, deletedAt: null } : e);
const pushable = (e: EntryRow) => PUSHABLE_STATUSES.has(e.status);

/** The tables planning reads and writes: every transaction that plans includes them. */
export const planningTables = (db: TrackNexusDb) => [db.entries, db.outbox, db.syncRecords, ...contextTables(db)];

/**
 * Outbox rows of these keys, one getAll per key. Not anyOf: its cursor jumps between distant keys,
 * which fake-indexeddb does by walking the index from the range's start (30 keys: 75 ms against
 * 9 ms), and settling a batch asks for 30 keys every time.
 */
export const rowsWithKeys = async (db: TrackNexusDb, keys: Iterable<string>): Promise<OutboxRow[]> =>
  (await Promise.all([...new Set(keys)].map((key) => db.outbox.where('key').equals(key).toArray()))).flat();
export const recordsOf = async (db: TrackNexusDb, keys: Iterable<string>) =>
  (await db.syncRecords.bulkGet([...new Set(keys)])).filter((r): r is SyncRecordRow => r !== undefined);
export const toRecord = (r: SyncRecordRow): SyncRecord => {
  const { updatedAt: _u, ...rest } = r;
  return rest;
};

/** Sync records and outbox rows that list any of these entries (the multi-entry entryIds indexes, v5). */
async function holding(db: TrackNexusDb, entryIds: Iterable<string>): Promise<{ records: SyncRecordRow[]; rows: OutboxRow[] }> {
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
async function keysHolding(db: TrackNexusDb, entryIds: ReadonlySet<string>): Promise<Set<string>> {
  const { records, rows } = await holding(db, entryIds);
  const live = rows.filter((r) => r.state !== 'done' && !r.supersededBy);
  return new Set([...records.map((r) => r.key), ...live.map((r) => r.key)]);
}

/** Whether deleting (or merging away) these entries would delete time in QuickBooks: ask the user first. */
export async function holdsTimeInQbo(db: TrackNexusDb, entryIds: readonly string[]): Promise<boolean> {
  const held = await holding(db, entryIds);
  const records = held.records.map(toRecord);
  const keys = new Set([...records.map((r) => r.key), ...held.rows.map((r) => r.key)]);
  return [...keys].some((k) => deleteNeedsConfirmation(k, records, held.rows));
}

/**
 * Drafts for the pushable entries among `entryIds` (aggregated projects: their whole project-days),
 * after pre-flight. Each entry goes through the pre-flight and transform of its project's company;
 * an entry without a known project through the primary company's, which says what is missing.
 */
async function draftsFor(db: TrackNexusDb, entryIds: readonly string[], contexts: SyncContexts, now: number): Promise<{ drafts: TimeActivityDraft[]; issues: PreflightIssue[]; touched: EntryRow[] }> {
  const projects = [...contexts.values()].flatMap((sc) => sc.transform.projects);
  const aggregate = new Set(projects.filter((p) => p.qbo.aggregate).map((p) => p.id));
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
  const companyOf = new Map(projects.map((p) => [p.id, p.qbo.companyId ?? PRIMARY_COMPANY]));
  const byCompany = new Map<string, EntryRow[]>();
  for (const e of touched.filter((x) => counts(x) && pushable(x)).map(asPlanned)) {
    const companyId = (e.projectId && companyOf.get(e.projectId)) || PRIMARY_COMPANY;
    const list = byCompany.get(companyId);
    if (list) list.push(e);
    else byCompany.set(companyId, [e]);
  }
  const drafts: TimeActivityDraft[] = [];
  const issues: PreflightIssue[] = [];
  for (const [companyId, entries] of byCompany) {
    const sc = contexts.get(companyId)!;
    const found = preflightDrafts(entries, sc.transform, sc.mirror, sc.prefs, { now });
    drafts.push(...found.drafts);
    issues.push(...found.issues);
  }
  return { drafts, issues, touched };
}

/** The key an entry belongs to now, in the company the key is of (null when it left that company). */
function keyInCompany(e: EntryRow, key: string, contexts: SyncContexts): string | null {
  const sc = contexts.get(companyOfName(key));
  return sc ? entryKey(e, sc.transform) : null;
}

/**
 * Drafts for these entries and every other entry that shares a key with them, until no new member
 * turns up: an edit, split or merge can move an entry to another key (another project or day of an
 * aggregated project, or its project's aggregation switched), and the old TimeActivity must then
 * hold exactly what its remaining entries say.
 */
async function draftsWithKeyMates(tx: WriteTx, entryIds: readonly string[], sc: SyncContexts, now: number) {
  let wanted = new Set(entryIds);
  for (;;) {
    const drafted = await draftsFor(tx, [...wanted], sc, now);
    const touchedIds = new Set(drafted.touched.map((e) => e.id));
    const candidateKeys = new Set([...drafted.drafts.map((d) => d.key), ...(await keysHolding(tx, touchedIds))]);
    const records = (await recordsOf(tx, candidateKeys)).map(toRecord);
    const rows = await rowsWithKeys(tx, candidateKeys);
    const draftKeys = new Set(drafted.drafts.map((d) => d.key));
    const orphaned = (r: { key: string }) => !draftKeys.has(r.key);
    // Compared with `wanted`, not `touchedIds`: an id whose entry row is gone is asked for once.
    const others = [...records.filter(orphaned), ...rows.filter((r) => orphaned(r) && OPEN_STATES.has(r.state) && !r.supersededBy)]
      .flatMap((r) => r.entryIds)
      .filter((id) => !touchedIds.has(id) && !wanted.has(id));
    if (others.length === 0) return { ...drafted, candidateKeys, records, rows };
    wanted = new Set([...wanted, ...touchedIds, ...others]);
  }
}

/**
 * Keys no draft produces any more whose TimeActivity must go. A single entry's TimeActivity keeps
 * its last approved version until the entry is approved again (or deleted); an aggregate holds only
 * its sendable members: with none left it goes, unless one is only waiting for a pre-flight fix
 * (an inactive customer is no reason to delete time from QuickBooks).
 */
function removedKeys(found: Awaited<ReturnType<typeof draftsWithKeyMates>>, sc: SyncContexts): string[] {
  const live = new Set(found.drafts.map((d) => d.key));
  const entryById = new Map(found.touched.map((e) => [e.id, e]));
  return [...found.candidateKeys].filter((key) => {
    if (live.has(key)) return false;
    const members = new Set([...found.records.filter((r) => r.key === key).flatMap((r) => r.entryIds), ...found.rows.filter((r) => r.key === key && OPEN_STATES.has(r.state)).flatMap((r) => r.entryIds)]);
    if (members.size === 0) return false;
    // Members that still map to this key but produced no draft: not approved (an edit sent them
    // back to draft) or blocked by pre-flight.
    const staying = [...members].map((id) => entryById.get(id)).filter((e): e is EntryRow => !!e && counts(e) && keyInCompany(e, key, sc) === key);
    if (staying.length === 0) return true;
    if (!isAggregateKey(key)) return false;
    return !staying.some(pushable);
  });
}

export function createPlanner(ctx: RepoContext, reader: SyncContextReader) {
  const ids: IdSource = { rowId: () => ctx.newId(), requestId: () => crypto.randomUUID() };

  /** Plans outbox rows for these entries' keys, and for every key they were recorded or queued under. */
  async function planInTx(tx: WriteTx, entryIds: readonly string[], sc: SyncContexts, opts: { skipUnchangedFailures?: boolean } = {}): Promise<PlanSummary> {
    const found = await draftsWithKeyMates(tx, entryIds, sc, ctx.now());
    let drafts = found.drafts;
    if (opts.skipUnchangedFailures) {
      // The engine's automatic planning does not resend what QuickBooks refused until something changed.
      drafts = drafts.filter((d) => !found.rows.some((r) => r.key === d.key && r.state === 'failed' && !r.supersededBy && r.payloadHash === d.payloadHash));
    }
    const outbox = [...new Map(found.rows.map((r) => [r.id, r])).values()].filter((r) => r.state !== 'done');
    const result = planChanges({ activities: drafts, removedKeys: removedKeys(found, sc), records: found.records, outbox, ids, now: ctx.now() });
    if (result.upserts.length > 0) await tx.outbox.bulkPut(result.upserts);
    if (result.cancelled.length > 0) await tx.outbox.bulkDelete(result.cancelled);
    return { planned: result.upserts.length, cancelled: result.cancelled.length, issues: found.issues, refused: result.refused };
  }

  /**
   * Plans the entries an entry command wrote, inside its transaction. A cheap look first: time
   * nobody approved and QuickBooks never held (a timer, a typed draft) needs no planning, and
   * planning reads the whole sync configuration.
   */
  async function planWrittenInTx(tx: WriteTx, entryIds: ReadonlySet<string>): Promise<PlanSummary> {
    if (entryIds.size === 0) return NOTHING_PLANNED;
    const rows = (await tx.entries.bulkGet([...entryIds])).filter((e): e is EntryRow => !!e);
    if (!rows.some(pushable) && (await keysHolding(tx, entryIds)).size === 0) return NOTHING_PLANNED;
    return planInTx(tx, [...entryIds], await reader.loadContexts());
  }

  /** Test sync: the exact payloads the entries would send now, with pre-flight issues. Writes nothing. */
  async function preview(entryIds: string[]): Promise<{ drafts: TimeActivityDraft[]; issues: PreflightIssue[]; keys: string[] }> {
    const sc = await reader.loadContexts();
    return ctx.db.transaction('r', [ctx.db.entries], async () => {
      const { drafts, issues } = await draftsFor(ctx.db, entryIds, sc, ctx.now());
      return { drafts, issues, keys: drafts.map((d) => d.key) };
    });
  }

  /** Entries of these projects QuickBooks is meant to hold (approved or synced, live): a changed aggregation re-plans them. */
  async function pushableOfProjects(tx: WriteTx, projectIds: Iterable<string>): Promise<string[]> {
    const affected: string[] = [];
    // Through the projects' own entries (the [projectId+localDate] index), not a scan of every
    // approved or synced entry in the workspace.
    for (const projectId of projectIds) {
      const rows = await tx.entries.where('[projectId+localDate]').between([projectId, Dexie.minKey], [projectId, Dexie.maxKey]).toArray();
      affected.push(...rows.filter((e) => isLive(e) && pushable(e)).map((e) => e.id));
    }
    return affected;
  }

  /** Planning alone, in its own transaction (nothing else is written). */
  const plan = (fn: (tx: WriteTx) => Promise<PlanSummary>) => writeTx(ctx.db, planningTables(ctx.db), fn);

  /** The engine's planning step: approved entries not yet queued (fixed blockers, missed plans). */
  async function planApproved(): Promise<PlanSummary> {
    const { db } = ctx;
    // Cheap look first, on keys only (no row values): entries already queued were planned when they
    // were approved; only the rest (approved elsewhere, or blocked by pre-flight then) need planning
    // now. Aggregated keys are not per entry, so those entries always replan.
    const approvedIds = (await db.entries.where('status').equals('approved').primaryKeys()) as string[];
    const queued = new Set(((await db.outbox.orderBy('key').keys()) as string[]).map(bareName));
    // Approved entries in the trash keep their status but are not sent (trash-repo).
    const trashed = new Set((await db.entries.where('trashedAt').above(0).primaryKeys()) as string[]);
    const candidates = approvedIds.filter((id) => !queued.has(`entry:${id}`) && !trashed.has(id));
    if (candidates.length === 0) return NOTHING_PLANNED;
    const context = await reader.loadContexts();
    return plan(async (tx) => {
      const todo = (await tx.entries.bulkGet(candidates)).filter((e): e is EntryRow => !!e && isLive(e) && e.status === 'approved').map((e) => e.id);
      if (todo.length === 0) return NOTHING_PLANNED;
      return planInTx(tx, todo, context, { skipUnchangedFailures: true });
    });
  }

  /** Re-queues failed keys of these entries (after the user fixed the cause in QuickBooks). */
  async function retryFailed(entryIds?: string[]): Promise<PlanSummary> {
    const sc = await reader.loadContexts();
    return plan(async (tx) => {
      const failed = await tx.outbox.where('state').equals('failed').toArray();
      const ids = new Set(failed.filter((r) => !r.supersededBy).flatMap((r) => r.entryIds).filter((id) => !entryIds || entryIds.includes(id)));
      return planInTx(tx, [...ids], sc);
    });
  }

  /**
   * Approved (or later) entries whose local date is in the range: the reconciliation report's
   * approved side. Trashed entries QuickBooks still holds count as they were, as planning sees them.
   */
  async function pushableEntries(range: { from: string; to: string }): Promise<EntryRow[]> {
    const rows = await ctx.db.entries.where('localDate').between(range.from, range.to, true, true).toArray();
    // Time billed in another product never went to QuickBooks through us: not ours to reconcile.
    return rows.filter((e) => counts(e) && e.status !== 'draft' && e.end !== null && !billedElsewhere(e)).map(asPlanned);
  }

  return { ids, planInTx, planWrittenInTx, preview, pushableOfProjects, planApproved, retryFailed, pushableEntries };
}

export type Planner = ReturnType<typeof createPlanner>;
