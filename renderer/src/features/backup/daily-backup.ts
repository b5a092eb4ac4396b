// Backing up through main: the renderer makes the text (it holds the workspace), main keeps the
// file. The daily backup checks a few minutes after the app starts and then every hour whether today's is made.
import type { BackupStatus, RendererApi } from '../../../../shared/ipc/contract';
import type { IpcResult } from '../../../../shared/ipc/errors';
import { realTimers, type Timers } from '../quickbooks/engine/scheduler';
import type { BackupStore } from './backup-store';

const HOUR = 60 * 60 * 1000;

/** The whole workspace with main's workspace files, as the backup file's text. */
export async function backupText(api: RendererApi, store: BackupStore): Promise<IpcResult<string>> {
  const files = await api.invoke('backup:readFiles');
  if (!files.ok) return files;
  return { ok: true, value: await store.exportText(files.value.files, files.value.appVersion) };
}

/** "Back up now": today's backup, kept by main with the others. */
export async function backUpNow(api: RendererApi, store: BackupStore): Promise<IpcResult<BackupStatus>> {
  const text = await backupText(api, store);
  if (!text.ok) return text;
  return api.invoke('backup:saveToday', { text: text.value });
}

async function backUpIfDue(api: RendererApi, store: BackupStore): Promise<void> {
  const status = await api.invoke('backup:getStatus');
  if (status.ok && status.value.due) await backUpNow(api, store);
}

/**
 * The first check waits this long after the app opens: a year of entries takes seconds to write
 * out, which must not land on the first minutes of use (opening screens, starting a timer).
 */
const FIRST_CHECK_MS = 3 * 60 * 1000;

/** Checks 3 minutes after start, then every hour; a failed backup is tried again at the next check. Returns a stop function. */
export function startDailyBackups(api: RendererApi, store: BackupStore, timers: Timers = realTimers): () => void {
  let running = false;
  let handle: unknown = null;
  const check = () => {
    // The next check is armed at once, so a long backup does not push the hourly checks later.
    handle = timers.setTimeout(check, HOUR);
    if (running) return;
    running = true;
    void backUpIfDue(api, store)
      .catch(() => undefined)
      .finally(() => {
        running = false;
      });
  };
  handle = timers.setTimeout(check, FIRST_CHECK_MS);
  return () => timers.clearTimeout(handle);
}
