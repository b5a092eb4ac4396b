// Calls of the workspace backup: main keeps the daily backup files and hands over (or takes back)
// the few workspace files of its own data folder. Secrets never cross: main reads only an allow-list
// of files (electron/main/backup/workspace-files.ts), and the SecretStore is not among them.
import { z } from 'zod';

const none = z.undefined();

/** A backup file's text: the renderer's whole workspace as JSON. Big, but bounded. */
export const MAX_BACKUP_CHARS = 256 * 1024 * 1024;
const MAX_FILE_CHARS = 64 * 1024 * 1024;

/** A data-folder file by its name relative to the folder, e.g. "qbo-companies.json" or "qbd/abc.json". */
const WorkspaceFileName = z.string().min(1).max(120).regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9_-]+\.json)?$/, 'That is not a workspace file name.');

export const WorkspaceFiles = z.record(WorkspaceFileName, z.string().max(MAX_FILE_CHARS));
export type WorkspaceFiles = z.infer<typeof WorkspaceFiles>;

export const BackupStatus = z.object({
  /** When the newest backup in the folder was made (UTC ms), or null when there is none. */
  lastBackupAt: z.number().nullable(),
  /** Where the daily backups are kept, for Settings to show. */
  folder: z.string(),
  /** No backup made today yet (in the machine's time zone). */
  due: z.boolean(),
  /** How many daily backups are kept. */
  keep: z.number().int().positive(),
});
export type BackupStatus = z.infer<typeof BackupStatus>;

export const backupCalls = {
  'backup:getStatus': { request: none, response: BackupStatus },
  /**
   * Main's non-secret workspace files, for an export, and the app's version, written into the
   * backup so that an app too old to read it can say which version made it.
   */
  'backup:readFiles': { request: none, response: z.object({ files: WorkspaceFiles, appVersion: z.string().max(64) }) },
  /** Writes main's workspace files back from a restored backup (allow-listed names only). */
  'backup:restoreFiles': { request: z.object({ files: WorkspaceFiles }), response: z.object({ written: z.array(z.string()) }) },
  /** Keeps today's backup in the backups folder (replacing today's earlier one) and prunes to the last `keep`. */
  'backup:saveToday': { request: z.object({ text: z.string().min(2).max(MAX_BACKUP_CHARS) }), response: BackupStatus },
} as const;
