// Restoring a backup: the dry-run (what would change, table by table, in words) and the restore
// itself, which is allowed only into an empty workspace and writes every table in one transaction.
import Dexie, { type Table } from 'dexie';
import type { TrackNexusDb } from '../../db/database';
import type { BackupDocument } from './workspace-backup';
import { decodeRow } from './workspace-backup';

/** Tables holding the user's own work: a workspace with a row in any of them is not empty. */
const WORK_TABLES = ['clients', 'projects', 'tasks', 'rateCards', 'entries', 'segments', 'awayPeriods', 'rules', 'invoices', 'expenses', 'receipts', 'payments'];

export interface TableChange {
  table: string;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
}

type Row = Record<string, unknown>;

function keyOf(table: Table, row: Row): string {
  const path = table.schema.primKey.keyPath;
  const key = Array.isArray(path) ? path.map((p) => Dexie.getByKeyPath(row, p)) : Dexie.getByKeyPath(row, path ?? '');
  return JSON.stringify(key);
}

/** A row's content for comparison; a receipt's image counts by its type and size. */
function signature(row: Row): string {
  return JSON.stringify(row, (_key, value: unknown) => {
    if (value instanceof Blob) return `blob:${value.type}:${value.size}`;
    if (typeof value === 'object' && value !== null && '$blob' in value) {
      const { type, base64 } = (value as { $blob: { type: string; base64: string } }).$blob;
      return `blob:${type}:${atob(base64).length}`;
    }
    return value;
  });
}

/** What restoring `backup` would do to the workspace, per table (tables with nothing on either side left out). */
export async function dryRun(db: TrackNexusDb, backup: BackupDocument): Promise<TableChange[]> {
  const changes: TableChange[] = [];
  for (const table of db.tables) {
    const incoming = new Map<string, string>();
    for (const row of backup.tables[table.name] ?? []) incoming.set(keyOf(table, row), signature(row));
    const change: TableChange = { table: table.name, added: 0, changed: 0, removed: 0, unchanged: 0 };
    await table.each((row: Row) => {
      const theirs = incoming.get(keyOf(table, row));
      if (theirs === undefined) change.removed++;
      else if (theirs === signature(row)) change.unchanged++;
      else change.changed++;
    });
    change.added = incoming.size - change.changed - change.unchanged;
    if (change.added + change.changed + change.removed + change.unchanged > 0) changes.push(change);
  }
  return changes;
}

/** One line per table, e.g. "entries: 120 added, 3 changed, 1 removed, 40 unchanged". */
export function describeChanges(changes: readonly TableChange[]): string[] {
  if (changes.length === 0) return ['Nothing would change: the backup and this workspace are both empty.'];
  return changes.map((c) => {
    const words = (['added', 'changed', 'removed', 'unchanged'] as const).filter((k) => c[k] > 0).map((k) => `${c[k]} ${k}`);
    return `${c.table}: ${words.join(', ')}`;
  });
}

/** True when the workspace holds no work of its own yet (settings and bookkeeping rows do not count). */
export async function isEmptyWorkspace(db: TrackNexusDb): Promise<boolean> {
  for (const name of WORK_TABLES) if ((await db.table(name).count()) > 0) return false;
  return true;
}

export type RestoreResult = { ok: true; rows: number } | { ok: false; reason: string };

/**
 * Replaces every table with the backup's rows in one transaction, into an empty workspace only. The
 * backup is in the workspace's shape (an older one was upgraded when it was opened: upgrade-backup).
 */
export async function restoreWorkspace(db: TrackNexusDb, backup: BackupDocument): Promise<RestoreResult> {
  if (backup.schemaVersion !== db.verno) {
    return { ok: false, reason: `This backup's data is version ${backup.schemaVersion} and this workspace's is ${db.verno}: open the file again to upgrade it. Nothing was changed.` };
  }
  if (!(await isEmptyWorkspace(db))) {
    return { ok: false, reason: 'This workspace already holds work, so a backup is not restored over it (nothing was changed). Run the dry-run to see what differs, or restore on a fresh install.' };
  }
  let rows = 0;
  try {
    await db.transaction('rw', db.tables, async () => {
      for (const table of db.tables) {
        await table.clear();
        const incoming = (backup.tables[table.name] ?? []).map(decodeRow);
        if (incoming.length > 0) await table.bulkAdd(incoming);
        rows += incoming.length;
      }
    });
  } catch (error) {
    const why = (error instanceof Error ? error.message : String(error)).slice(0, 200);
    return { ok: false, reason: `The backup could not be restored, so nothing was changed (${why}).` };
  }
  return { ok: true, rows };
}
