// The workspace backup bound to the app's database, as the repositories hand it to screens.
import type { TrackNexusDb } from '../../db/database';
import { dryRun, isEmptyWorkspace, restoreWorkspace } from './restore';
import { upgradeBackup } from './upgrade-backup';
import { exportWorkspace, readBackup, type BackupDocument } from './workspace-backup';

/** A backup ready to compare and restore, in this version's shape; `upgradedFrom` is its own version when it was older. */
export type OpenResult = { ok: true; backup: BackupDocument; upgradedFrom: number | null } | { ok: false; reason: string };

async function openBackup(db: TrackNexusDb, text: string): Promise<OpenResult> {
  const read = readBackup(text, db);
  if (!read.ok) return read;
  const upgraded = await upgradeBackup(db, read.backup);
  if (!upgraded.ok) return upgraded;
  const from = read.backup.schemaVersion;
  return { ok: true, backup: upgraded.backup, upgradedFrom: from === upgraded.backup.schemaVersion ? null : from };
}

export function createBackupStore(db: TrackNexusDb, now: () => number) {
  return {
    exportText: (files: Record<string, string>, appVersion?: string) => exportWorkspace(db, files, now, appVersion),
    open: (text: string) => openBackup(db, text),
    dryRun: (backup: BackupDocument) => dryRun(db, backup),
    isEmpty: () => isEmptyWorkspace(db),
    restore: (backup: BackupDocument) => restoreWorkspace(db, backup),
  };
}

export type BackupStore = ReturnType<typeof createBackupStore>;
