// A backup file the system opened Track Nexus with (a double-click on a .tnbackup file, or "Open
// with"). Main reads the one file it was handed and keeps it until the window takes it; the renderer
// never names a path, so nothing here can read any other file. Taking it shows the restore preview,
// exactly as "Restore from a file…" does: nothing is restored until the user says so.
import { z } from 'zod';
import { MAX_BACKUP_CHARS } from './backup';

/** Exported backups end in .tnbackup (older ones, and the daily ones, in .json). */
export const BACKUP_EXTENSION = 'tnbackup';
/** Their MIME type, as the installers register it (electron-builder.yml). */
export const BACKUP_MIME_TYPE = 'application/x-track-nexus-backup';

const FileName = z.string().min(1).max(260);

/** The opened file's text, or why it was not read (missing, too big, not a backup's name). */
export const OpenedBackupFile = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), name: FileName, text: z.string().max(MAX_BACKUP_CHARS) }),
  z.object({ ok: z.literal(false), name: FileName, problem: z.string().max(500) }),
]);
export type OpenedBackupFile = z.infer<typeof OpenedBackupFile>;

export const backupFileCalls = {
  /** The file opened last and not taken yet (then forgotten: it is handed over once), or null. */
  'backup:takeOpenedFile': { request: z.undefined(), response: OpenedBackupFile.nullable() },
} as const;

export const backupFileEvents = {
  /** A file was opened: the window takes it with backup:takeOpenedFile. */
  'backup:fileOpened': z.object({ name: FileName }),
} as const;
