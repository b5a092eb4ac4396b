// The workspace backup bound to the app's database, as the repositories hand it to screens.
import type { TrackNexusDb } from '../../db/database';
import { dryRun, isEmptyWorkspace, restoreWorkspace } from './restore';
import { exportWorkspace, readBackup, type BackupDocument } from './workspace-backup';

export function createBackupStore(db: TrackNexusDb, now: () => number) {
  return {
    exportText: (files: Record<string, string>) => exportWorkspace(db, files, now),
    read: (text: string) => readBackup(text, db),
    dryRun: (backup: BackupDocument) => dryRun(db, backup),
    isEmpty: () => isEmptyWorkspace(db),
    restore: (backup: BackupDocument) => restoreWorkspace(db, backup),
  };
}

export type BackupStore = ReturnType<typeof createBackupStore>;
