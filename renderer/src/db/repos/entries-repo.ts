// Time entries: the only code that writes them. Every change is one Dexie transaction holding the
// entry and its audit row (and, once the sync issue adds it, the outbox row), so a failure leaves
// neither; change events fire only after the commit.
import { validateEntry } from '../../../../shared/entries/entry';
import { duplicateEntry, mergeEntries, splitEntry } from '../../../../shared/entries/operations';
import { localDate as localDateOf } from '../../../../shared/time/zone';
import type { EntryChange, RepoContext } from '../context';
import { editPermission, statusAfterEdit } from '../entry-rules';
import {
  InvalidEntryError,
  LockedEntryError,
  NotFoundError,
  TimerAlreadyRunningError,
  VersionConflictError,
} from '../errors';
import type { AuditActor, EntryRow, EntrySource, LocalDate, TimeEntry } from '../schema';
import { auditRow } from './audit-write';

export interface NewEntry {
  projectId: string | null;
  taskId?: string | null;
  description?: string;
  start: number;
  end: number | null;
  zone: string;
  source?: EntrySource;
  /** Defaults to the project's billable flag (true without a project). */
  billable?: boolean;
  importKey?: string;
}

export type EntryPatch = Partial<Pick<TimeEntry, 'projectId' | 'taskId' | 'description' | 'start' | 'end' | 'zone' | 'billable'>>;

export interface EditOptions {
  actor?: AuditActor;
  /** Refuse the edit if the entry is no longer at this version (someone else changed it). */
  expectedVersion?: number;
  /** The user confirmed editing an approved or synced entry. */
  confirmLockedEdit?: boolean;
  /** With confirmLockedEdit: the user re-approved in the same step, so the entry stays approved. */
  keepApproved?: boolean;
}

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

export interface DeleteOptions extends EditOptions {
  /** QuickBooks holds (or may hold) the entry's time: it keeps it until this instant (see trash-repo). */
  qboHoldUntil?: number;
}

export interface ImportRow extends NewEntry {
  /** Stable key of the source row (e.g. file hash + row id): importing it again is a no-op. */
  importKey: string;
}

export interface ImportResult {
  imported: number;
  skipped: number;
  importedIds: string[];
}

export interface ApproveResult {
  approved: string[];
  skipped: { id: string; reason: string }[];
}

/** Adds the derived, indexed fields. `running` must be absent (not undefined-valued) once stopped. */
export function toEntryRow(entry: TimeEntry): EntryRow {
  const { running: _ignored, localDate: _old, ...rest } = entry as EntryRow;
  const row: EntryRow = { ...rest, localDate: localDateOf(entry.start, entry.zone) };
  if (entry.end === null) row.running = 1;
  return row;
}

const isLive = (e: EntryRow) => e.deletedAt == null;
/**
 * In the trash, with QuickBooks still holding its time because the hold has not ended: for sync, such
 * an entry still holds its key, as it did before it was deleted.
 */
export const heldInQbo = (e: EntryRow): boolean => e.deletedAt != null && e.qboHold !== undefined && e.qboHold.releasedAt === undefined;
const byStart = (a: EntryRow, b: EntryRow) => a.start - b.start || a.id.localeCompare(b.id);

export function createEntriesRepo(ctx: RepoContext) {
  const { db } = ctx;

  /**
   * The one place entry rows are written: the rows, one audit row each, then the in-transaction hook
   * (the sync outbox), all inside the caller's transaction. New rows are added (so a duplicate id or
   * import key fails), edited rows replaced.
   */
  async function persist(changes: EntryChange[]): Promise<void> {
    if (changes.length === 0) return;
    const created = changes.filter((c) => c.before === null).map((c) => c.after);
    const edited = changes.filter((c) => c.before !== null).map((c) => c.after);
    if (created.length > 0) await db.entries.bulkAdd(created);
    if (edited.length > 0) await db.entries.bulkPut(edited);
    await db.audit.bulkAdd(
      changes.map((c) =>
        auditRow(ctx, { entityType: 'entry', entityId: c.after.id, action: c.action, actor: c.actor, before: c.before, after: c.after, version: c.after.version, ...(c.note ? { note: c.note } : {}) }, c.at),
      ),
    );
    await ctx.entryWriteHook?.write(changes);
  }

  /** shared/entries' validation (zone, end after start, at most 24 h), plus: an import key is never empty. */
  function validated(entry: TimeEntry): EntryRow {
    const problems = validateEntry(entry).map((i) => i.message);
    if (entry.importKey === '') problems.push('The import key must not be empty.');
    if (problems.length > 0) throw new InvalidEntryError(problems);
    return toEntryRow(entry);
  }

  /** A project's billable flag and default task; without a project, the workspace's defaultBillable setting. */
  async function defaultsFor(projectId: string | null) {
    if (projectId === null) {
      const stored = (await db.settings.get('defaultBillable'))?.value;
      return { billable: typeof stored === 'boolean' ? stored : true, taskId: null };
    }
    const project = await db.projects.get(projectId);
    if (!project) throw new NotFoundError('project', projectId);
    return { billable: project.billable, taskId: project.defaultTaskId };
  }

  function newRow(input: NewEntry, defaults: { billable: boolean; taskId: string | null }, at: number): EntryRow {
    const entry: TimeEntry = {
      id: ctx.newId(),
      projectId: input.projectId,
      taskId: input.taskId === undefined ? defaults.taskId : input.taskId,
      description: input.description ?? '',
      start: input.start,
      end: input.end,
      zone: input.zone,
      source: input.source ?? 'manual',
      billable: input.billable ?? defaults.billable,
      status: 'draft',
      version: 1,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    };
    if (input.importKey !== undefined) entry.importKey = input.importKey;
    return validated(entry);
  }

  async function mustGet(id: string): Promise<EntryRow> {
    const row = await db.entries.get(id);
    if (!row || !isLive(row)) throw new NotFoundError('entry', id);
    return row;
  }

  function checkEditable(row: EntryRow, opts: EditOptions): void {
    if (opts.expectedVersion !== undefined && opts.expectedVersion !== row.version) {
      throw new VersionConflictError(row.id, opts.expectedVersion, row.version);
    }
    const permission = editPermission(row.status);
    if (permission === 'frozen') throw new LockedEntryError(row.id, row.status, false);
    if (permission === 'confirm' && !opts.confirmLockedEdit) throw new LockedEntryError(row.id, row.status, true);
  }

  /**
   * Writes an edited row with its bumped version and its audit row; call inside a transaction. The
   * status follows the edit rules unless `changes` sets it (a trash delete keeps it).
   */
  async function writeEdit(before: EntryRow, changes: Partial<EntryRow>, opts: EditOptions, action: 'update' | 'delete' = 'update') {
    const at = ctx.now();
    const after = validated({
      ...before,
      ...changes,
      status: changes.status ?? statusAfterEdit(before.status, opts.keepApproved ?? false),
      version: before.version + 1,
      updatedAt: at,
    });
    await persist([{ before, after, action, actor: opts.actor ?? 'user', at }]);
    return after;
  }

  async function currentRunning(): Promise<EntryRow | undefined> {
    const rows = await db.entries.where('running').equals(1).toArray();
    return rows.filter(isLive).sort(byStart).at(-1);
  }

  /**
   * Stops a running entry. A timer stopped at (or, with a clock that went backwards, before) its own
   * start measured nothing: it is deleted rather than kept as a zero-length entry. A timer left running
   * for over 24 h fails validation, so the UI must ask for its real end (update) first.
   */
  async function stopRow(row: EntryRow, at: number, actor: AuditActor): Promise<EntryRow> {
    const opts = { actor, confirmLockedEdit: true, keepApproved: true };
    if (at <= row.start) return writeEdit(row, { end: row.start + 1, deletedAt: at }, opts, 'delete');
    return writeEdit(row, { end: at }, opts);
  }

  /** Creates an entry and its audit row; call inside a transaction. */
  async function createInTx(input: NewEntry, actor: AuditActor): Promise<EntryRow> {
    const row = newRow(input, await defaultsFor(input.projectId), ctx.now());
    await persist([{ before: null, after: row, action: 'create', actor, at: row.createdAt }]);
    return row;
  }

  /** Takes an entry out of the trash as it was; call inside a transaction (see restoreInTx below). */
  async function restoreInTx(id: string): Promise<EntryRow> {
    const before = await db.entries.get(id);
    if (!before || before.trashedAt === undefined) throw new NotFoundError('entry', id);
    const { trashedAt: _t, qboHold: _h, ...rest } = before;
    const at = ctx.now();
    const after = validated({ ...rest, deletedAt: null, version: before.version + 1, updatedAt: at });
    await persist([{ before, after, action: 'restore', actor: 'user', at }]);
    return after;
  }

  const tableNames = new Set(['entries', 'audit', 'projects', 'settings', ...(ctx.entryWriteHook?.tables ?? [])]);
  const tables = [...tableNames].map((t) => db.table(t));
  const rw = <T>(fn: () => Promise<T>) => db.transaction('rw', tables, fn);

  return {
    /** The tables an entry write touches, for repositories that wrap entry writes in a larger transaction. */
    writeTables: tables,

    async get(id: string): Promise<EntryRow | undefined> {
      const row = await db.entries.get(id);
      return row && isLive(row) ? row : undefined;
    },

    async create(input: NewEntry, opts: { actor?: AuditActor } = {}): Promise<EntryRow> {
      const row = await rw(async () => {
        if (input.end === null) {
          const running = await currentRunning();
          if (running) throw new TimerAlreadyRunningError(running.id);
        }
        return createInTx(input, opts.actor ?? 'user');
      });
      ctx.onCommitted({ entityType: 'entry', ids: [row.id], action: 'create' });
      return row;
    },

    /**
     * Edits an entry, bumping its version. Approved and synced entries are locked: without
     * `confirmLockedEdit` this throws LockedEntryError (the UI asks, then retries with it); with it the
     * entry returns to draft unless `keepApproved`. Invoiced and paid entries cannot be edited.
     */
    async update(id: string, patch: EntryPatch, opts: EditOptions = {}): Promise<EntryRow> {
      const after = await rw(async () => {
        const before = await mustGet(id);
        checkEditable(before, opts);
        if (patch.end === null && before.end !== null) {
          const running = await currentRunning();
          if (running) throw new TimerAlreadyRunningError(running.id);
        }
        return writeEdit(before, patch, opts);
      });
      ctx.onCommitted({ entityType: 'entry', ids: [id], action: 'update' });
      return after;
    },

    /**
     * Several edits of finished, unlocked entries as ONE transaction (a timesheet cell edit and its
     * undo): all are written or none. Approved and later entries are refused as `update` refuses them
     * (LockedEntryError), a changed one fails with VersionConflictError, and a running timer is left
     * alone. Resolves to the rows as written, in the order of `edits`.
     */
    async applyEdits(edits: readonly EntryEdit[]): Promise<EntryRow[]> {
      const written = await rw(async () => {
        const rows: EntryRow[] = [];
        for (const edit of edits) {
          if (edit.kind === 'create') {
            rows.push(await createInTx(edit.entry, 'user'));
            continue;
          }
          if (edit.kind === 'restore') {
            rows.push(await restoreInTx(edit.id));
            continue;
          }
          const before = await mustGet(edit.id);
          checkEditable(before, {}); // Approved since the plan: say so, rather than just "changed".
          checkEditable(before, { expectedVersion: edit.expectedVersion });
          if (before.end === null) throw new InvalidEntryError(['The running timer is changed on the Today screen.']);
          const at = ctx.now();
          // A delete goes to the trash like any other, so it can be restored from there too.
          rows.push(edit.kind === 'delete' ? await writeEdit(before, { deletedAt: at, trashedAt: at, status: before.status }, {}, 'delete') : await writeEdit(before, edit.patch, {}));
        }
        return rows;
      });
      if (written.length > 0) ctx.onCommitted({ entityType: 'entry', ids: written.map((r) => r.id), action: 'update' });
      return written;
    },

    /**
     * Moves an entry to the trash: the row stays (deletedAt, trashedAt) with its status, so restoring
     * it brings it back as it was; the audit trail and sync still see it. With `qboHoldUntil`,
     * QuickBooks keeps its time until then (repos.sync.deleteEntries decides; trash-repo ends it).
     */
    async delete(id: string, opts: DeleteOptions = {}): Promise<void> {
      await rw(async () => {
        const before = await mustGet(id);
        checkEditable(before, opts);
        const at = ctx.now();
        const hold = opts.qboHoldUntil !== undefined ? { qboHold: { until: opts.qboHoldUntil } } : {};
        await writeEdit(before, { deletedAt: at, trashedAt: at, status: before.status, ...hold, ...(before.end === null ? { end: Math.max(at, before.start + 1) } : {}) }, opts, 'delete');
      });
      ctx.onCommitted({ entityType: 'entry', ids: [id], action: 'delete' });
    },

    /**
     * Trash only, inside the trash repository's transaction (it plans QuickBooks and reports the
     * change after its commit): the entry leaves the trash as it was, same id and status, with its
     * version bumped. The caller decides nothing else: a status is what the row says (see endHoldInTx).
     */
    restoreInTx,

    /**
     * Trash only, inside the trash repository's transaction: ends QuickBooks' hold on these trashed
     * entries (the caller plans their delete there in the same transaction) and, with `purge`, takes
     * them out of the trash for good (a tombstone stays). An entry whose hold ends goes back to
     * draft: QuickBooks no longer keeps its time, so restored it must be approved again.
     */
    async endHoldInTx(rows: readonly EntryRow[], opts: { purge: boolean; actor: AuditActor; note: string }): Promise<EntryRow[]> {
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
      await persist(changes);
      return changes.map((c) => c.after);
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

    /** One project's entries that start in [startMs, endMs), in start order (project detail, sync). */
    async listForProject(projectId: string, startMs: number, endMs: number): Promise<EntryRow[]> {
      const rows = await db.entries
        .where('[projectId+start]')
        .between([projectId, startMs], [projectId, endMs], true, false)
        .toArray();
      return rows.filter(isLive);
    },

    /** Entries waiting for QuickBooks (status approved), by the status index. */
    async listApproved(): Promise<EntryRow[]> {
      return (await db.entries.where('status').equals('approved').toArray()).filter(isLive);
    },

    async running(): Promise<EntryRow | undefined> {
      return currentRunning();
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
      const result = await rw(async () => {
        const running = await db.entries.where('running').equals(1).toArray();
        let stopped: EntryRow | null = null;
        for (const row of running.filter(isLive)) stopped = await stopRow(row, at, 'timer');
        const started = await createInTx(
          { projectId, taskId, start: at, end: null, zone, source: 'timer', description: opts.description, billable: opts.billable },
          'timer',
        );
        return { started, stopped };
      });
      ctx.onCommitted({ entityType: 'entry', ids: [result.started.id, ...(result.stopped ? [result.stopped.id] : [])], action: 'startTimer' });
      return result;
    },

    /** Stops the running timer at `at`; resolves to the stopped entry, or null if none was running. */
    async stopTimer(at: number): Promise<EntryRow | null> {
      const stopped = await rw(async () => {
        const running = await currentRunning();
        return running ? stopRow(running, at, 'timer') : null;
      });
      if (stopped) ctx.onCommitted({ entityType: 'entry', ids: [stopped.id], action: 'stopTimer' });
      return stopped;
    },

    /** Draft entries become approved (and locked). Running, deleted and non-draft entries are skipped. */
    async approve(ids: string[], opts: { actor?: AuditActor } = {}): Promise<ApproveResult> {
      const result = await rw(async () => {
        const result: ApproveResult = { approved: [], skipped: [] };
        const rows = await db.entries.bulkGet(ids);
        const at = ctx.now();
        for (const [i, before] of rows.entries()) {
          const id = ids[i]!;
          if (!before || !isLive(before)) result.skipped.push({ id, reason: 'not found' });
          else if (before.end === null) result.skipped.push({ id, reason: 'running' });
          else if (before.status !== 'draft') result.skipped.push({ id, reason: `already ${before.status}` });
          else {
            const after: EntryRow = { ...before, status: 'approved', version: before.version + 1, updatedAt: at };
            await persist([{ before, after, action: 'approve', actor: opts.actor ?? 'user', at }]);
            result.approved.push(id);
          }
        }
        return result;
      });
      if (result.approved.length > 0) ctx.onCommitted({ entityType: 'entry', ids: result.approved, action: 'approve' });
      return result;
    },

    /**
     * Moves approved entries along the billing path (approved → synced → invoiced → paid), as the sync
     * issue learns it from QuickBooks. Not an edit: the entry's times are unchanged.
     */
    async setStatus(ids: string[], status: 'synced' | 'invoiced' | 'paid', opts: { actor?: AuditActor } = {}): Promise<void> {
      const order = ['draft', 'approved', 'synced', 'invoiced', 'paid'];
      await rw(async () => {
        const at = ctx.now();
        for (const id of ids) {
          const before = await mustGet(id);
          if (order.indexOf(before.status) < 1 || order.indexOf(status) <= order.indexOf(before.status)) {
            throw new RangeError(`Entry ${id} cannot go from ${before.status} to ${status}`);
          }
          const after: EntryRow = { ...before, status, version: before.version + 1, updatedAt: at };
          await persist([{ before, after, action: 'status', actor: opts.actor ?? 'sync', at }]);
        }
      });
      ctx.onCommitted({ entityType: 'entry', ids, action: 'status' });
    },

    /**
     * Reconciliation only, inside the sync repository's transaction (it reports the change after
     * its commit): QuickBooks' version of SYNCED entries, when the conflict rule lets QuickBooks win.
     * Not a user edit, so the lock does not apply and the status is the caller's: 'synced' (the entry
     * now matches QuickBooks) or 'draft' (the time was deleted in QuickBooks). That synced → draft is
     * the one backward move in the billing path, and only this method makes it: users and setStatus
     * still cannot go backwards. Entries no longer synced (edited since, billed, deleted) are
     * skipped: a later local edit is newer than both versions and is on its way to QuickBooks.
     */
    async writeFromQuickBooksInTx(items: ReadonlyArray<{ id: string; patch: EntryPatch; status: 'synced' | 'draft'; note: string }>): Promise<{ written: EntryRow[]; skipped: string[] }> {
      const at = ctx.now();
      const rows = await db.entries.bulkGet(items.map((i) => i.id));
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
        const after = validated({ ...before, ...item.patch, ...release, status: item.status, version: before.version + 1, updatedAt: at });
        const action = Object.keys(item.patch).length > 0 ? 'update' : 'status';
        changes.push({ before, after, action, actor: 'sync', at, note: item.note });
      }
      await persist(changes);
      return { written: changes.map((c) => c.after), skipped };
    },

    /** Cuts an entry in two at `at` (shared/entries' splitEntry). The first part keeps the id; both are audited. */
    async split(id: string, at: number, opts: EditOptions = {}): Promise<[EntryRow, EntryRow]> {
      const parts = await rw(async () => {
        const before = await mustGet(id);
        checkEditable(before, opts);
        // Locking was decided above (with the user's confirmation); shared/entries checks the cut itself.
        const result = splitEntry({ ...before, status: 'draft' }, at, { newId: ctx.newId(), now: ctx.now() });
        if (!result.ok) throw new InvalidEntryError([result.reason]);
        const [first, second] = result.entries;
        const head = await writeEdit(before, { end: first.end }, opts);
        const tail = validated({ ...second, status: head.status });
        await persist([{ before: null, after: tail, action: 'create', actor: opts.actor ?? 'user', at: tail.createdAt }]);
        return [head, tail] as [EntryRow, EntryRow];
      });
      ctx.onCommitted({ entityType: 'entry', ids: parts.map((p) => p.id), action: 'split' });
      return parts;
    },

    /**
     * Merges entries of one project that touch or overlap into the earliest of them (shared/entries'
     * mergeEntries, folded over the selection); the others are soft-deleted in the same transaction.
     */
    async merge(ids: string[], opts: EditOptions = {}): Promise<EntryRow> {
      const merged = await rw(async () => {
        if (ids.length < 2) throw new InvalidEntryError(['Select at least two entries to merge.']);
        const rows: EntryRow[] = [];
        for (const id of ids) rows.push(await mustGet(id));
        for (const row of rows) checkEditable(row, { ...opts, expectedVersion: undefined });
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
        for (const row of rows.slice(1)) await writeEdit(row, { deletedAt: now }, opts, 'delete');
        return writeEdit(rows[0]!, { end: acc.end, description }, opts);
      });
      ctx.onCommitted({ entityType: 'entry', ids, action: 'merge' });
      return merged;
    },

    /** A new draft copy (shared/entries' duplicateEntry), at the same times or moved to start at `start`. */
    async duplicate(id: string, opts: { start?: number; actor?: AuditActor } = {}): Promise<EntryRow> {
      const copy = await rw(async () => {
        const original = await mustGet(id);
        if (original.end === null) throw new InvalidEntryError(['Stop the running timer before duplicating it.']);
        const now = ctx.now();
        const { localDate: _d, running: _r, ...entry } = original;
        const dup = duplicateEntry(entry, { newId: ctx.newId(), now });
        const shift = (opts.start ?? dup.start) - dup.start;
        const row = validated({ ...dup, start: dup.start + shift, end: dup.end! + shift });
        await persist([{ before: null, after: row, action: 'create', actor: opts.actor ?? 'user', at: now }]);
        return row;
      });
      ctx.onCommitted({ entityType: 'entry', ids: [copy.id], action: 'create' });
      return copy;
    },

    /**
     * Imports rows in one transaction, skipping any whose importKey is already stored (or repeated in
     * the batch), so importing the same file twice imports nothing the second time.
     */
    async importMany(rows: ImportRow[]): Promise<ImportResult> {
      const result = await rw(async () => {
        const keys = rows.map((r) => r.importKey);
        const existing = new Set(
          (await db.entries.where('importKey').anyOf(keys).toArray()).map((e) => e.importKey),
        );
        const at = ctx.now();
        const projectDefaults = new Map<string | null, { billable: boolean; taskId: string | null }>();
        const fresh: EntryRow[] = [];
        for (const input of rows) {
          if (existing.has(input.importKey)) continue;
          existing.add(input.importKey);
          if (input.end === null) throw new InvalidEntryError([`Imported row ${input.importKey} has no end`]);
          if (!projectDefaults.has(input.projectId)) projectDefaults.set(input.projectId, await defaultsFor(input.projectId));
          fresh.push(newRow({ ...input, source: input.source ?? 'import' }, projectDefaults.get(input.projectId)!, at));
        }
        await persist(fresh.map((row) => ({ before: null, after: row, action: 'create' as const, actor: 'import' as const, at })));
        return { imported: fresh.length, skipped: rows.length - fresh.length, importedIds: fresh.map((r) => r.id) };
      });
      if (result.imported > 0) ctx.onCommitted({ entityType: 'entry', ids: result.importedIds, action: 'import' });
      return result;
    },
  };
}

export type EntriesRepo = ReturnType<typeof createEntriesRepo>;
