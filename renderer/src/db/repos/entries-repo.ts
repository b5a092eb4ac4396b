// Time entries, and the one door every change to them goes through, from any screen, import, prompt
// or repository: each command is one transaction holding the entries, their audit rows and the
// QuickBooks outbox rows their change needs (features/quickbooks/store/planner.ts), so a failure
// leaves none of them. Other repositories that write entries inside their own transaction open it
// here (`transaction`) and call the `…InTx` commands with the `EntryTx` it gives them.
import type { Table } from 'dexie';
import { isLive, PUSHABLE_STATUSES, statusRank } from '../../../../shared/entries/entry';
import { duplicateEntry, mergeEntries, splitEntry } from '../../../../shared/entries/operations';
import type { EntryChange, RepoContext } from '../context';
import { heldInQbo, statusAfterEdit } from '../entry-rules';
import { InvalidEntryError, NotFoundError, TimerAlreadyRunningError } from '../errors';
import type { AuditActor, EntryRow, LocalDate, TimeEntry } from '../schema';
import { writeTx } from '../tx';
import { holdsTimeInQbo, NOTHING_PLANNED, planningTables, type Planner, type PlanSummary } from '../../features/quickbooks/store/planner';
import { byStart, createEntryWriter, entryTables, newEntryTx, toEntryRow, type EditOptions, type EntryPatch, type EntryTx, type EntryWriter, type NewEntry } from './entry-writes';
import { QBO_HOLD_MS } from './trash-repo';

export { toEntryRow, type EditOptions, type EntryPatch, type EntryTx, type NewEntry } from './entry-writes';

/**
 * One step of applyEdits. Updates and deletes name the version they were planned from, so an entry
 * changed meanwhile (by another window, the timer or a sync) fails the batch instead of being overwritten.
 */
export type EntryEdit =
  | { kind: 'create'; entry: NewEntry & { end: number } }
  | { kind: 'update'; id: string; patch: Omit<EntryPatch, 'end'> & { end?: number }; expectedVersion: number }
  | { kind: 'delete'; id: string; expectedVersion: number }
  /** Back from the trash as it was (undoing a delete of a draft, which QuickBooks never held). */
  | { kind: 'restore'; id: string };

export interface ImportRow extends NewEntry {
  /** Stable key of the source row (e.g. file hash + row id): importing it again is a no-op. */
  importKey: string;
  /** Labels from the file; left out when it has none. */
  tags?: string[];
  /** What the row said beyond our fields (person, money, its status there). */
  imported?: NonNullable<TimeEntry['imported']>;
  /**
   * 'invoiced': billed in the source, so imported as invoiced, which QuickBooks is never sent
   * (not a PUSHABLE_STATUS, and invoiced entries cannot be edited or approved). Default: draft.
   */
  status?: 'draft' | 'invoiced';
}

export interface ImportResult {
  imported: number;
  skipped: number;
  /** Of the imported, how many came in as invoiced. */
  invoiced: number;
  importedIds: string[];
}

/** Rows written per step of an import: each step is awaited IndexedDB work, and reports progress. */
const IMPORT_CHUNK = 1000;

export interface ApproveResult extends PlanSummary {
  approved: string[];
  skipped: { id: string; reason: string }[];
}

export interface DeleteResult extends PlanSummary {
  /** QuickBooks holds some of this time and the user has not confirmed: nothing was deleted. */
  needsConfirmation: boolean;
  /** When QuickBooks' copy of the deleted time goes, unless restored first (null: it held none). */
  qboHoldUntil: number | null;
}

type Door = <T>(extra: readonly Table[], fn: (tx: EntryTx) => Promise<T>) => Promise<{ value: T; plan: PlanSummary }>;

export function createEntriesRepo(ctx: RepoContext, planner: Planner) {
  const writer = createEntryWriter(ctx);
  const tables = [...new Set([...entryTables(ctx), ...planningTables(ctx.db)])];
  /**
   * The door: one write transaction over the entry and planning tables (plus `extra`) in which `fn`
   * writes entries; before it commits, what was written is planned for QuickBooks.
   */
  const transaction: Door = (extra, fn) =>
    writeTx(ctx.db, [...new Set([...tables, ...extra])], async (db) => {
      const tx = newEntryTx(db);
      const value = await fn(tx);
      return { value, plan: await planner.planWrittenInTx(db, tx.toPlan) };
    });
  const run = <T>(fn: (tx: EntryTx) => Promise<T>) => transaction([], fn);

  return {
    transaction,
    ...entryQueries(ctx),
    ...timerCommands(ctx, writer, run),
    ...editCommands(ctx, writer, run),
    ...lifecycleCommands(ctx, writer, run),
    ...inTxCommands(ctx, writer),
  };
}

export type EntriesRepo = ReturnType<typeof createEntriesRepo>;
type Run = <T>(fn: (tx: EntryTx) => Promise<T>) => Promise<{ value: T; plan: PlanSummary }>;

function entryQueries(ctx: RepoContext) {
  const { db } = ctx;
  return {
    async get(id: string): Promise<EntryRow | undefined> {
      const row = await db.entries.get(id);
      return row && isLive(row) ? row : undefined;
    },

    async listDay(date: LocalDate): Promise<EntryRow[]> {
      const rows = await db.entries.where('localDate').equals(date).toArray();
      return rows.filter(isLive).sort(byStart);
    },

    /** Entries that start in [startMs, endMs). */
    async listRange(startMs: number, endMs: number): Promise<EntryRow[]> {
      const rows = await db.entries.where('start').between(startMs, endMs, true, false).toArray();
      return rows.filter(isLive);
    },

    /** Entries waiting for QuickBooks (status approved), by the status index. */
    async listApproved(): Promise<EntryRow[]> {
      return (await db.entries.where('status').equals('approved').toArray()).filter(isLive);
    },

    async running(): Promise<EntryRow | undefined> {
      const rows = await db.entries.where('running').equals(1).toArray();
      return rows.filter(isLive).sort(byStart).at(-1);
    },

    /** Whether deleting (or merging away) these entries would delete time in QuickBooks (ask the user first). */
    deleteNeedsConfirmation(entryIds: string[]): Promise<boolean> {
      return holdsTimeInQbo(db, entryIds);
    },
  };
}

export interface TimerStart {
  projectId: string | null;
  taskId: string | null | undefined;
  at: number;
  zone: string;
  description?: string | undefined;
  billable?: boolean | undefined;
}

/** The timer and typed time: a new entry, starting and stopping. */
function timerCommands(ctx: RepoContext, writer: EntryWriter, run: Run) {
  /**
   * Stops a running entry. A timer stopped at (or, with a clock that went backwards, before) its own
   * start measured nothing: it is deleted rather than kept as a zero-length entry. A timer left running
   * for over 24 h fails validation, so the UI must ask for its real end (update) first.
   */
  async function stopRow(tx: EntryTx, row: EntryRow, at: number, actor: AuditActor): Promise<EntryRow> {
    const opts = { actor, confirmed: true };
    if (at <= row.start) return writer.writeEdit(tx, row, { end: row.start + 1, deletedAt: at }, opts, 'delete');
    return writer.writeEdit(tx, row, { end: at }, opts);
  }

  async function startTimerInTx(tx: EntryTx, start: TimerStart): Promise<{ started: EntryRow; stopped: EntryRow | null }> {
    const running = await tx.db.entries.where('running').equals(1).toArray();
    let stopped: EntryRow | null = null;
    for (const row of running.filter(isLive)) stopped = await stopRow(tx, row, start.at, 'timer');
    const { projectId, taskId, at, zone, description, billable } = start;
    const started = await writer.createInTx(tx, { projectId, taskId, start: at, end: null, zone, source: 'timer', description, billable }, 'timer');
    return { started, stopped };
  }

  async function stopTimerInTx(tx: EntryTx, at: number): Promise<EntryRow | null> {
    const running = await writer.currentRunning();
    return running ? stopRow(tx, running, at, 'timer') : null;
  }

  return {
    startTimerInTx,
    stopTimerInTx,

    async create(input: NewEntry, opts: { actor?: AuditActor } = {}): Promise<EntryRow> {
      const { value } = await run(async (tx) => {
        if (input.end === null) {
          const running = await writer.currentRunning();
          if (running) throw new TimerAlreadyRunningError(running.id);
        }
        return writer.createInTx(tx, input, opts.actor ?? 'user');
      });
      return value;
    },

    /**
     * Starts a timer at `at`. A timer that is already running is stopped at the same instant in the
     * same transaction, so there is never more than one and never a gap or overlap between them.
     */
    async startTimer(
      projectId: string | null,
      taskId: string | null | undefined,
      at: number,
      zone: string,
      opts: { description?: string; billable?: boolean } = {},
    ): Promise<{ started: EntryRow; stopped: EntryRow | null }> {
      const { value } = await run((tx) => startTimerInTx(tx, { projectId, taskId, at, zone, ...opts }));
      return value;
    },

    /** Stops the running timer at `at`; resolves to the stopped entry, or null if none was running. */
    async stopTimer(at: number): Promise<EntryRow | null> {
      const { value } = await run((tx) => stopTimerInTx(tx, at));
      return value;
    },
  };
}

/** Changing entries: edit, split, merge, duplicate, and a timesheet's batch of edits. */
function editCommands(ctx: RepoContext, writer: EntryWriter, run: Run) {
  return {
    /**
     * Edits an entry, bumping its version. Approved and synced entries are locked: without
     * `confirmed` this throws LockedEntryError (the UI asks, then retries with it); a confirmed edit
     * keeps them approved (unless `keepApproved` is false) and QuickBooks gets the new numbers: a
     * synced entry's TimeActivity a full update with the current SyncToken, a never-sent row is
     * replaced in place. Invoiced and paid entries cannot be edited.
     */
    async update(id: string, patch: EntryPatch, opts: EditOptions = {}): Promise<PlanSummary & { entry: EntryRow }> {
      const { value: entry, plan } = await run((tx) => updateInTx(writer, tx, id, patch, opts));
      return { ...plan, entry };
    },

    /**
     * Several edits of finished entries as ONE transaction (a timesheet cell edit and its undo): all
     * are written or none. Approved and synced entries need `confirmed` (the timesheet's question)
     * and stay approved; a changed one fails with VersionConflictError; a running timer is left alone.
     * Resolves to the rows as written, in the order of `edits`.
     */
    async applyEdits(edits: readonly EntryEdit[], opts: { confirmed?: boolean } = {}): Promise<EntryRow[]> {
      const { value } = await run(async (tx) => {
        const rows: EntryRow[] = [];
        for (const edit of edits) {
          if (edit.kind === 'create') rows.push(await writer.createInTx(tx, edit.entry, 'user'));
          else if (edit.kind === 'restore') rows.push(await restoreInTx(ctx, writer, tx, edit.id));
          else rows.push(await applyEdit(ctx, writer, tx, edit, opts.confirmed ?? false));
        }
        return rows;
      });
      return value;
    },

    /**
     * Cuts an entry in two at `at` (shared/entries' splitEntry). The first part keeps the id and the
     * entry's key, so QuickBooks' TimeActivity is updated to it, and the second is created; a
     * confirmed split of approved time keeps both parts approved.
     */
    async split(id: string, at: number, opts: EditOptions = {}): Promise<PlanSummary & { parts: [EntryRow, EntryRow] }> {
      const { value: parts, plan } = await run(async (tx) => {
        const before = await writer.mustGet(id);
        writer.checkEditable(before, opts);
        // Locking was decided above (with the user's confirmation); shared/entries checks the cut itself.
        const result = splitEntry({ ...before, status: 'draft' }, at, { newId: ctx.newId(), now: ctx.now() });
        if (!result.ok) throw new InvalidEntryError([result.reason]);
        const [first, second] = result.entries;
        const head = await writer.writeEdit(tx, before, { end: first.end }, opts);
        const tail = writer.validated({ ...second, status: head.status });
        await writer.persist(tx, [{ before: null, after: tail, action: 'create', actor: opts.actor ?? 'user', at: tail.createdAt }]);
        return [head, tail] as [EntryRow, EntryRow];
      });
      return { ...plan, parts };
    },

    /**
     * Merges entries of one project that touch or overlap into the earliest of them (shared/entries'
     * mergeEntries, folded over the selection); the others are deleted in the same transaction, and
     * so are their TimeActivities. The merged entry stays approved only when every part was approved
     * or synced; otherwise it holds time nobody approved and goes back to draft. Asks first
     * (needsConfirmation) when QuickBooks holds any of the time and the user has not confirmed.
     */
    async merge(ids: string[], opts: { confirmed?: boolean } = {}): Promise<PlanSummary & { merged: EntryRow | null; needsConfirmation: boolean }> {
      if (!opts.confirmed && (await holdsTimeInQbo(ctx.db, ids))) return { ...NOTHING_PLANNED, merged: null, needsConfirmation: true };
      const { value: merged, plan } = await run((tx) => mergeInTx(ctx, writer, tx, ids, opts.confirmed ?? false));
      return { ...plan, merged, needsConfirmation: false };
    },

    /** A new draft copy (shared/entries' duplicateEntry), at the same times or moved to start at `start`. */
    async duplicate(id: string, opts: { start?: number; actor?: AuditActor } = {}): Promise<EntryRow> {
      const { value } = await run(async (tx) => {
        const original = await writer.mustGet(id);
        if (original.end === null) throw new InvalidEntryError(['Stop the running timer before duplicating it.']);
        const now = ctx.now();
        const { localDate: _d, running: _r, ...entry } = original;
        const dup = duplicateEntry(entry, { newId: ctx.newId(), now });
        const shift = (opts.start ?? dup.start) - dup.start;
        const row = writer.validated({ ...dup, start: dup.start + shift, end: dup.end! + shift });
        await writer.persist(tx, [{ before: null, after: row, action: 'create', actor: opts.actor ?? 'user', at: now }]);
        return row;
      });
      return value;
    },
  };
}

async function updateInTx(writer: EntryWriter, tx: EntryTx, id: string, patch: EntryPatch, opts: EditOptions): Promise<EntryRow> {
  const before = await writer.mustGet(id);
  writer.checkEditable(before, opts);
  if (patch.end === null && before.end !== null) {
    const running = await writer.currentRunning();
    if (running) throw new TimerAlreadyRunningError(running.id);
  }
  return writer.writeEdit(tx, before, patch, opts);
}

/** One update or delete of applyEdits. */
async function applyEdit(ctx: RepoContext, writer: EntryWriter, tx: EntryTx, edit: Extract<EntryEdit, { kind: 'update' | 'delete' }>, confirmed: boolean): Promise<EntryRow> {
  const before = await writer.mustGet(edit.id);
  const change = edit.kind === 'delete' ? 'delete' : 'edit';
  writer.checkEditable(before, { confirmed }, change); // Approved since the plan: say so, rather than just "changed".
  writer.checkEditable(before, { confirmed, expectedVersion: edit.expectedVersion }, change);
  if (before.end === null) throw new InvalidEntryError(['The running timer is changed on the Today screen.']);
  if (edit.kind === 'update') return writer.writeEdit(tx, before, edit.patch, { confirmed });
  // A delete goes to the trash like any other, so it can be restored from there too.
  return trashInTx(ctx, writer, tx, before, { confirmed });
}

async function mergeInTx(ctx: RepoContext, writer: EntryWriter, tx: EntryTx, ids: string[], confirmed: boolean): Promise<EntryRow> {
  if (ids.length < 2) throw new InvalidEntryError(['Select at least two entries to merge.']);
  const rows: EntryRow[] = [];
  for (const id of ids) rows.push(await writer.mustGet(id));
  for (const row of rows) writer.checkEditable(row, { confirmed });
  const keepApproved = rows.every((e) => PUSHABLE_STATUSES.has(e.status));
  rows.sort((a, b) => a.start - b.start);
  const now = ctx.now();
  let acc: TimeEntry = { ...rows[0]!, status: 'draft' };
  for (const next of rows.slice(1)) {
    const result = mergeEntries(acc, { ...next, status: 'draft' }, now);
    if (!result.ok) throw new InvalidEntryError([result.reason]);
    acc = result.entry;
  }
  // mergeEntries joins two descriptions once each; over a whole selection the same holds.
  const description = [...new Set(rows.map((r) => r.description.trim()).filter((d) => d !== ''))].join('; ');
  const opts = { confirmed, keepApproved };
  for (const row of rows.slice(1)) await writer.writeEdit(tx, row, { deletedAt: now }, opts, 'delete');
  return writer.writeEdit(tx, rows[0]!, { end: acc.end, description }, opts);
}

/**
 * Moves an entry to the trash: the row stays (deletedAt, trashedAt) with its status, so restoring it
 * brings it back as it was. Time QuickBooks holds (or may hold) stays there, untouched, until
 * `qboHold.until` (QBO_HOLD_MS from now), the trash being emptied or the entry deleted forever
 * (trash-repo): restoring it before then costs nothing. A queued create is cancelled at once.
 */
async function trashInTx(ctx: RepoContext, writer: EntryWriter, tx: EntryTx, before: EntryRow, opts: EditOptions): Promise<EntryRow> {
  writer.checkEditable(before, opts, 'delete');
  const at = ctx.now();
  const held = await holdsTimeInQbo(tx.db, [before.id]);
  const hold = held ? { qboHold: { until: at + QBO_HOLD_MS } } : {};
  return writer.writeEdit(tx, before, { deletedAt: at, trashedAt: at, status: before.status, ...hold, ...(before.end === null ? { end: Math.max(at, before.start + 1) } : {}) }, opts, 'delete');
}

/** Moves these entries to the trash, in order (see trashInTx). */
async function trashAllInTx(ctx: RepoContext, writer: EntryWriter, tx: EntryTx, ids: readonly string[], confirmed: boolean): Promise<EntryRow[]> {
  const rows: EntryRow[] = [];
  for (const id of ids) rows.push(await trashInTx(ctx, writer, tx, await writer.mustGet(id), { confirmed }));
  return rows;
}

/** Takes an entry out of the trash as it was, same id and status, with its version bumped. */
async function restoreInTx(ctx: RepoContext, writer: EntryWriter, tx: EntryTx, id: string): Promise<EntryRow> {
  const before = await tx.db.entries.get(id);
  if (!before || before.trashedAt === undefined) throw new NotFoundError('entry', id);
  const { trashedAt: _t, qboHold: _h, ...rest } = before;
  const at = ctx.now();
  const after = writer.validated({ ...rest, deletedAt: null, version: before.version + 1, updatedAt: at });
  await writer.persist(tx, [{ before, after, action: 'restore', actor: 'user', at }]);
  return after;
}

/** Approving, deleting and importing. */
function lifecycleCommands(ctx: RepoContext, writer: EntryWriter, run: Run) {
  return {
    /**
     * Draft entries become approved (and locked), and their QuickBooks writes are queued in the same
     * transaction. Already approved or synced entries among `ids` are planned again: after an edit
     * that kept them approved, this is what sends the full update with the current SyncToken.
     */
    async approve(ids: string[], opts: { actor?: AuditActor } = {}): Promise<ApproveResult> {
      const { value, plan } = await run((tx) => approveInTx(ctx, writer, tx, ids, opts.actor ?? 'user'));
      return { ...value, ...plan };
    },

    /**
     * Moves entries to the trash and plans QuickBooks, in one transaction (see trashInTx). Refuses
     * (needsConfirmation) when QuickBooks holds the time and the user has not confirmed; approved
     * time without confirmation is refused as an edit is (LockedEntryError).
     */
    async delete(ids: string[], opts: { confirmed?: boolean } = {}): Promise<DeleteResult> {
      if (!opts.confirmed && (await holdsTimeInQbo(ctx.db, ids))) return { ...NOTHING_PLANNED, needsConfirmation: true, qboHoldUntil: null };
      const { value: trashed, plan } = await run(async (tx) => {
        return trashAllInTx(ctx, writer, tx, ids, opts.confirmed ?? false);
      });
      const until = trashed.map((e) => e.qboHold?.until).find((u) => u !== undefined);
      return { ...plan, needsConfirmation: false, qboHoldUntil: until ?? null };
    },

    /**
     * Imports rows in one transaction, skipping what is here already (see importInTx), so importing
     * the same file twice imports nothing the second time.
     */
    async importMany(rows: readonly ImportRow[]): Promise<ImportResult> {
      const { value } = await run((tx) => importInTx(ctx, writer, tx, rows));
      return value;
    },
  };
}

const collapse = (text: string) => text.trim().replace(/\s+/g, ' ');
const contentKey = (e: { start: number; end: number | null; projectId: string | null; description?: string | undefined }) =>
  JSON.stringify([e.start, e.end, e.projectId, collapse(e.description ?? '')]);

/**
 * Which rows are here already, in order: a row whose importKey is stored (on any entry, trashed
 * too) or repeated earlier in the batch, and a row with the same start, end, project and
 * description (trimmed, spaces collapsed) as a live entry. Content is counted as a multiset: two
 * identical rows against one entry skip one. An entry found by its key is used up by it first, so
 * it does not also stand in for a new identical row.
 */
async function alreadyHere(tx: EntryTx, rows: readonly ImportRow[]): Promise<boolean[]> {
  // Every stored key, read from the index alone: an anyOf over a whole file's keys walks the index
  // once per key in fake-indexeddb (20,000 rows: minutes instead of a second).
  const stored = new Set((await tx.db.entries.orderBy('importKey').keys()) as string[]);
  // Not Math.min(...starts): a 100,000-row file is more arguments than a call takes.
  const first = rows.reduce((m, r) => Math.min(m, r.start), Infinity);
  const last = rows.reduce((m, r) => Math.max(m, r.start), -Infinity);
  const nearby = rows.length === 0 ? [] : await tx.db.entries.where('start').between(first, last, true, true).toArray();
  const counts = new Map<string, number>();
  const contentOfKey = new Map<string, string>();
  for (const e of nearby.filter((x) => isLive(x) && x.end !== null)) {
    const key = contentKey(e);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (e.importKey !== undefined) contentOfKey.set(e.importKey, key);
  }
  const take = (key: string | undefined) => {
    const n = key === undefined ? 0 : (counts.get(key) ?? 0);
    if (n > 0) counts.set(key!, n - 1);
    return n > 0;
  };
  const seen = new Set<string>();
  const skip = rows.map((r) => {
    const byKey = stored.has(r.importKey) || seen.has(r.importKey);
    if (stored.has(r.importKey) && !seen.has(r.importKey)) take(contentOfKey.get(r.importKey));
    seen.add(r.importKey);
    return byKey;
  });
  return rows.map((r, i) => skip[i] || take(contentKey(r)));
}

/**
 * The import itself, inside the caller's transaction: new entries in steps of IMPORT_CHUNK rows,
 * each written (with its audit rows, actor 'import') before `onStep` hears how far it got. `onStep`
 * may throw (a cancel): the caller's transaction then aborts and nothing of the import stays.
 */
async function importInTx(ctx: RepoContext, writer: EntryWriter, tx: EntryTx, rows: readonly ImportRow[], onStep?: (done: number, total: number) => void): Promise<ImportResult> {
  const skip = await alreadyHere(tx, rows);
  const at = ctx.now();
  const defaults = new Map<string | null, { billable: boolean; taskId: string | null }>();
  const written: EntryRow[] = [];
  for (let from = 0; from < rows.length; from += IMPORT_CHUNK) {
    const fresh: EntryRow[] = [];
    for (const [i, input] of rows.slice(from, from + IMPORT_CHUNK).entries()) {
      if (skip[from + i]) continue;
      if (input.end === null) throw new InvalidEntryError([`Imported row ${input.importKey} has no end`]);
      if (!defaults.has(input.projectId)) defaults.set(input.projectId, await writer.defaultsFor(input.projectId));
      const { tags, imported, status, ...entry } = input;
      const fromFile = { ...(tags && tags.length > 0 ? { tags } : {}), ...(imported ? { imported } : {}), ...(status ? { status } : {}) };
      fresh.push(writer.newRow({ ...entry, source: entry.source ?? 'import' }, defaults.get(input.projectId)!, at, fromFile));
    }
    await writer.persist(tx, fresh.map((row) => ({ before: null, after: row, action: 'create' as const, actor: 'import' as const, at })));
    written.push(...fresh);
    onStep?.(Math.min(from + IMPORT_CHUNK, rows.length), rows.length);
  }
  const invoiced = written.filter((r) => r.status === 'invoiced').length;
  return { imported: written.length, skipped: rows.length - written.length, invoiced, importedIds: written.map((r) => r.id) };
}

/**
 * Why an imported zero-length entry is not approved: it would reach QuickBooks as 0 hours 0 minutes,
 * which records no time (and, billable, a 0-hour line on the customer's invoice); QuickBooks' own
 * answer to it is not documented. It stays a draft the user can give a duration or delete.
 */
const ZERO_LENGTH_NOT_APPROVED = 'it lasts 0:00, so QuickBooks would get no time; give it a duration first, or delete it';

async function approveInTx(ctx: RepoContext, writer: EntryWriter, tx: EntryTx, ids: string[], actor: AuditActor): Promise<Omit<ApproveResult, keyof PlanSummary>> {
  const result: Omit<ApproveResult, keyof PlanSummary> = { approved: [], skipped: [] };
  const rows = await tx.db.entries.bulkGet(ids);
  const at = ctx.now();
  for (const [i, before] of rows.entries()) {
    const id = ids[i]!;
    tx.toPlan.add(id);
    if (!before || !isLive(before)) result.skipped.push({ id, reason: 'not found' });
    else if (before.end === null) result.skipped.push({ id, reason: 'running' });
    else if (before.status !== 'draft') result.skipped.push({ id, reason: `already ${before.status}` });
    else if (before.end === before.start) result.skipped.push({ id, reason: ZERO_LENGTH_NOT_APPROVED });
    else {
      const after: EntryRow = { ...before, status: 'approved', version: before.version + 1, updatedAt: at };
      await writer.persist(tx, [{ before, after, action: 'approve', actor, at }]);
      result.approved.push(id);
    }
  }
  return result;
}

/** Commands other repositories run inside a transaction they opened through `entries.transaction`. */
function inTxCommands(ctx: RepoContext, writer: EntryWriter) {
  return {
    /**
     * Imports rows as importMany does (an import that creates clients and projects in the same
     * transaction); `onStep` hears after every written step and may throw to cancel it all.
     */
    importInTx: (tx: EntryTx, rows: readonly ImportRow[], onStep?: (done: number, total: number) => void) => importInTx(ctx, writer, tx, rows, onStep),

    /** Creates an entry (a Review decision's, an away answer's). */
    createInTx: (tx: EntryTx, input: NewEntry, actor: AuditActor = 'user') => writer.createInTx(tx, input, actor),

    /** Edits an entry as `update` does (an away answer's). */
    updateInTx: (tx: EntryTx, id: string, patch: EntryPatch, opts: EditOptions = {}) => updateInTx(writer, tx, id, patch, opts),

    /** Moves entries to the trash (a Review decision undone, an away answer), as `delete` confirmed does. */
    trashInTx: (tx: EntryTx, ids: readonly string[]): Promise<EntryRow[]> => trashAllInTx(ctx, writer, tx, ids, true),

    /** Trash only: the entry leaves the trash as it was (see restoreInTx). */
    restoreInTx: (tx: EntryTx, id: string) => restoreInTx(ctx, writer, tx, id),

    /**
     * Trash only: ends QuickBooks' hold on these trashed entries (their delete is planned before the
     * commit) and, with `purge`, takes them out of the trash for good (a tombstone stays). An entry
     * whose hold ends goes back to draft: QuickBooks no longer keeps its time, so restored it must be
     * approved again.
     */
    async endHoldInTx(tx: EntryTx, rows: readonly EntryRow[], opts: { purge: boolean; actor: AuditActor; note: string }): Promise<EntryRow[]> {
      const at = ctx.now();
      const changes: EntryChange[] = rows.map((before) => {
        const held = heldInQbo(before);
        const { trashedAt, ...rest } = before;
        const after: EntryRow = {
          ...(opts.purge ? rest : { ...rest, ...(trashedAt !== undefined ? { trashedAt } : {}) }),
          ...(held ? { qboHold: { until: before.qboHold!.until, releasedAt: at }, status: statusAfterEdit(before.status, false) } : {}),
          version: before.version + 1,
          updatedAt: at,
        };
        return { before, after: toEntryRow(after), action: opts.purge ? 'purge' : 'status', actor: opts.actor, at, note: opts.note };
      });
      await writer.persist(tx, changes);
      return changes.map((c) => c.after);
    },

    ...syncInTxCommands(ctx, writer),
  };
}

/**
 * What the sync engine and the reconciliation learn from QuickBooks, written through the same door
 * but not planned again: these writes record what QuickBooks already holds. Long because it is a
 * table of such commands, each read on its own.
 */
function syncInTxCommands(ctx: RepoContext, writer: EntryWriter) {
  return {
    /**
     * Moves entries along the billing path once QuickBooks has their time (synced, or invoiced when
     * it billed it). Only the version that was sent moves (`version` undefined: any); a later edit
     * waits for its own push. Resolves to the ids moved.
     */
    async advanceInTx(tx: EntryTx, sent: ReadonlyMap<string, number | undefined>, target: 'synced' | 'invoiced'): Promise<string[]> {
      if (sent.size === 0) return [];
      const current = await tx.db.entries.bulkGet([...sent.keys()]);
      const move = current.filter((e): e is EntryRow => {
        if (!e || !(isLive(e) || heldInQbo(e))) return false;
        const v = sent.get(e.id);
        return (v === undefined || e.version === v) && statusRank(e.status) >= 1 && statusRank(e.status) < statusRank(target);
      });
      // In bulk: a batch settles up to 30 entries, and one-by-one writes cost two thirds of the engine's time.
      const at = ctx.now();
      await writer.persist(tx, move.map((before) => ({ before, after: { ...before, status: target, version: before.version + 1, updatedAt: at }, action: 'status' as const, actor: 'sync' as const, at })), { plan: false });
      return move.map((e) => e.id);
    },

    /**
     * Invoicing only: the invoice that billed these entries was voided or deleted in QuickBooks (or
     * their time was taken off it there), so QuickBooks holds their time as unbilled again and they
     * go back from invoiced to synced, ready for the next invoice. Nothing is planned: the time in
     * QuickBooks did not change. Entries no longer invoiced (paid, deleted) are left alone.
     */
    async releaseInvoicedInTx(tx: EntryTx, ids: readonly string[], note: string): Promise<string[]> {
      const at = ctx.now();
      const rows = (await tx.db.entries.bulkGet([...ids])).filter((e): e is EntryRow => !!e && (isLive(e) || heldInQbo(e)) && e.status === 'invoiced');
      await writer.persist(tx, rows.map((before) => ({ before, after: { ...before, status: 'synced' as const, version: before.version + 1, updatedAt: at }, action: 'status' as const, actor: 'sync' as const, at, note })), { plan: false });
      return rows.map((e) => e.id);
    },

    /**
     * Payments only: the invoice that billed these entries is paid in full in QuickBooks (`paid`:
     * invoiced → paid), or a payment was deleted or changed there so it is open again (paid →
     * invoiced). Nothing is planned: the time in QuickBooks did not change. Entries in any other
     * status (released, deleted) are left alone. Resolves to the ids moved.
     */
    async setPaidInTx(tx: EntryTx, ids: readonly string[], paid: boolean, note: string): Promise<string[]> {
      const [from, to] = paid ? (['invoiced', 'paid'] as const) : (['paid', 'invoiced'] as const);
      const at = ctx.now();
      const rows = (await tx.db.entries.bulkGet([...ids])).filter((e): e is EntryRow => !!e && (isLive(e) || heldInQbo(e)) && e.status === from);
      if (rows.length === 0) return [];
      await writer.persist(tx, rows.map((before) => ({ before, after: { ...before, status: to, version: before.version + 1, updatedAt: at }, action: 'status' as const, actor: 'sync' as const, at, note })), { plan: false });
      return rows.map((e) => e.id);
    },

    /**
     * Their project now goes to another QuickBooks company: synced entries go back to approved, so
     * they are sent again, to the new company, once their project is linked there; the door plans
     * every one of them, which deletes their time from the old company (or cancels its queued
     * create). The other backward move in the billing path besides QuickBooks deleting the time.
     */
    async resendElsewhereInTx(tx: EntryTx, ids: readonly string[], note: string): Promise<void> {
      const at = ctx.now();
      const rows = (await tx.db.entries.bulkGet([...ids])).filter((e): e is EntryRow => !!e && isLive(e) && e.status === 'synced');
      await writer.persist(tx, rows.map((before) => ({ before, after: { ...before, status: 'approved' as const, version: before.version + 1, updatedAt: at }, action: 'status' as const, actor: 'user' as const, at, note })));
      for (const id of ids) tx.toPlan.add(id);
    },

    /**
     * Reconciliation only: QuickBooks' version of SYNCED entries, when the conflict rule lets
     * QuickBooks win. Not a user edit, so the lock does not apply and the status is the caller's:
     * 'synced' (the entry now matches QuickBooks) or 'draft' (the time was deleted in QuickBooks).
     * That synced → draft is the one backward move in the billing path, and only this makes it.
     * Entries no longer synced (edited since, billed, deleted) are skipped: a later local edit is newer
     * than both versions and is on its way to QuickBooks.
     */
    async writeFromQuickBooksInTx(tx: EntryTx, items: ReadonlyArray<{ id: string; patch: EntryPatch; status: 'synced' | 'draft'; note: string }>): Promise<{ written: EntryRow[]; skipped: string[] }> {
      const at = ctx.now();
      const rows = await tx.db.entries.bulkGet(items.map((i) => i.id));
      const changes: EntryChange[] = [];
      const skipped: string[] = [];
      for (const [i, item] of items.entries()) {
        const before = rows[i];
        // A trashed entry QuickBooks still holds follows QuickBooks too: restored, it is what QuickBooks
        // has. Deleted there, its hold is over (there is nothing left to delete).
        const held = !!before && heldInQbo(before);
        if (!before || !(isLive(before) || held) || before.status !== 'synced') {
          skipped.push(item.id);
          continue;
        }
        const release = held && item.status === 'draft' ? { qboHold: { ...before.qboHold!, releasedAt: at } } : {};
        const after = writer.validated({ ...before, ...item.patch, ...release, status: item.status, version: before.version + 1, updatedAt: at });
        changes.push({ before, after, action: Object.keys(item.patch).length > 0 ? 'update' : 'status', actor: 'sync', at, note: item.note });
      }
      await writer.persist(tx, changes, { plan: false });
      return { written: changes.map((c) => c.after), skipped };
    },
  };
}
