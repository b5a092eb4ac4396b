// How entry rows are written: validation, defaults, the edit lock, and `persist`, the one place rows
// reach the entries table (each with its audit row). Only the entry commands (entries-repo.ts) use
// it, and only inside an `EntryTx`, the transaction that plans QuickBooks for what was written
// before it commits.
import type { Table } from 'dexie';
import { isLive, PUSHABLE_STATUSES, validateEntry } from '../../../../shared/entries/entry';
import { localDate as localDateOf } from '../../../../shared/time/zone';
import type { EntryChange, RepoContext } from '../context';
import { billedElsewhere, editPermission, isWaiting, statusAfterEdit } from '../entry-rules';
import { InvalidEntryError, LockedEntryError, NotFoundError, VersionConflictError } from '../errors';
import type { AuditActor, EntryRow, EntrySource, TimeEntry } from '../schema';
import type { WriteTx } from '../tx';
import { auditRow } from './audit-write';

declare const fromTheDoor: unique symbol;

/**
 * A write transaction opened by the entry commands (`entries.transaction`). Entries written in it
 * are planned for QuickBooks before it commits; only the commands make one, so no entry is written
 * outside that door.
 */
export interface EntryTx {
  readonly db: WriteTx;
  /** Entries to plan for QuickBooks before the commit. */
  readonly toPlan: Set<string>;
  readonly [fromTheDoor]: true;
}

export const newEntryTx = (db: WriteTx): EntryTx => ({ db, toPlan: new Set<string>() }) as unknown as EntryTx;

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

/** What only an import sets on a new entry: the status it had in the source file, its tags and the rest of the row. */
type ImportedFields = Partial<Pick<TimeEntry, 'status' | 'tags' | 'imported'>>;

export type EntryPatch = Partial<Pick<TimeEntry, 'projectId' | 'taskId' | 'description' | 'start' | 'end' | 'zone' | 'billable'>>;

export interface EditOptions {
  actor?: AuditActor;
  /** Refuse the edit if the entry is no longer at this version (someone else changed it). */
  expectedVersion?: number;
  /** The user confirmed changing approved or synced time. */
  confirmed?: boolean;
  /**
   * With `confirmed`: the user approved the new numbers in the same step, so the entry stays approved
   * and QuickBooks gets them (the default). False sends it back to draft; QuickBooks then keeps the
   * last approved version until it is approved again.
   */
  keepApproved?: boolean;
}

/** Adds the derived, indexed fields. `running` and `waiting` must be absent (not undefined-valued) when not so. */
export function toEntryRow(entry: TimeEntry): EntryRow {
  const { running: _ignored, localDate: _old, waiting: _waiting, ...rest } = entry as EntryRow;
  const row: EntryRow = { ...rest, localDate: localDateOf(entry.start, entry.zone) };
  if (entry.end === null) row.running = 1;
  if (isWaiting(row)) row.waiting = 1;
  return row;
}

export const byStart = (a: EntryRow, b: EntryRow) => a.start - b.start || a.id.localeCompare(b.id);

/** The tables an entry write touches besides planning's. */
export const entryTables = (ctx: RepoContext): Table[] => [ctx.db.entries, ctx.db.audit, ctx.db.projects, ctx.db.settings];

export function createEntryWriter(ctx: RepoContext) {
  const { db } = ctx;

  /**
   * Writes the rows, one audit row each. New rows are added (so a duplicate id or import key fails),
   * edited rows replaced. Unless `plan` is false (writes that record what QuickBooks already holds),
   * what QuickBooks may need to hear of is planned before the transaction commits.
   */
  async function persist(tx: EntryTx, changes: readonly EntryChange[], opts: { plan?: boolean } = {}): Promise<void> {
    if (changes.length === 0) return;
    // Through toEntryRow: a status change (sync, invoices, payments) moves the derived fields too.
    const created = changes.filter((c) => c.before === null).map((c) => toEntryRow(c.after));
    const edited = changes.filter((c) => c.before !== null).map((c) => toEntryRow(c.after));
    if (created.length > 0) await tx.db.entries.bulkAdd(created);
    if (edited.length > 0) await tx.db.entries.bulkPut(edited);
    await tx.db.audit.bulkAdd(
      changes.map((c) =>
        auditRow(ctx, { entityType: 'entry', entityId: c.after.id, action: c.action, actor: c.actor, before: c.before, after: c.after, version: c.after.version, ...(c.note ? { note: c.note } : {}) }, c.at),
      ),
    );
    if (opts.plan === false) return;
    // A new draft is not in QuickBooks and not on its way there: nothing to plan (an import of
    // thousands of rows costs no lookups).
    for (const c of changes) if (c.before !== null || PUSHABLE_STATUSES.has(c.after.status)) tx.toPlan.add(c.after.id);
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

  /** A new draft from `input`; an import also sets what the source file said (`fromFile`). */
  function newRow(input: NewEntry, defaults: { billable: boolean; taskId: string | null }, at: number, fromFile: ImportedFields = {}): EntryRow {
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
    return validated({ ...entry, ...fromFile });
  }

  async function mustGet(id: string): Promise<EntryRow> {
    const row = await db.entries.get(id);
    if (!row || !isLive(row)) throw new NotFoundError('entry', id);
    return row;
  }

  /** Refuses a stale or locked change; `'delete'` lets time billed elsewhere go (billedElsewhere). */
  function checkEditable(row: EntryRow, opts: EditOptions, change: 'edit' | 'delete' = 'edit'): void {
    if (opts.expectedVersion !== undefined && opts.expectedVersion !== row.version) {
      throw new VersionConflictError(row.id, opts.expectedVersion, row.version);
    }
    if (change === 'delete' && billedElsewhere(row)) return;
    const permission = editPermission(row.status);
    if (permission === 'frozen') throw new LockedEntryError(row.id, row.status, false);
    if (permission === 'confirm' && !opts.confirmed) throw new LockedEntryError(row.id, row.status, true);
  }

  /**
   * Writes an edited row with its bumped version and its audit row. The status follows the edit
   * rules (a confirmed edit keeps approved time approved unless `keepApproved` is false) unless
   * `changes` sets it (a trash delete keeps it).
   */
  async function writeEdit(tx: EntryTx, before: EntryRow, changes: Partial<EntryRow>, opts: EditOptions, action: 'update' | 'delete' = 'update') {
    const at = ctx.now();
    const after = validated({
      ...before,
      ...changes,
      status: changes.status ?? statusAfterEdit(before.status, opts.keepApproved ?? true),
      version: before.version + 1,
      updatedAt: at,
    });
    await persist(tx, [{ before, after, action, actor: opts.actor ?? 'user', at }]);
    return after;
  }

  async function currentRunning(): Promise<EntryRow | undefined> {
    const rows = await db.entries.where('running').equals(1).toArray();
    return rows.filter(isLive).sort(byStart).at(-1);
  }

  /** Creates an entry and its audit row. */
  async function createInTx(tx: EntryTx, input: NewEntry, actor: AuditActor): Promise<EntryRow> {
    const row = newRow(input, await defaultsFor(input.projectId), ctx.now());
    await persist(tx, [{ before: null, after: row, action: 'create', actor, at: row.createdAt }]);
    return row;
  }

  return { persist, validated, defaultsFor, newRow, mustGet, checkEditable, writeEdit, currentRunning, createInTx };
}

export type EntryWriter = ReturnType<typeof createEntryWriter>;
