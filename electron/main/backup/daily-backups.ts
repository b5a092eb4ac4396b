// The automatic local backups: <dataDir>/backups/track-nexus-YYYY-MM-DD.json, one a day (the day in
// the machine's time zone, from the injected clock), written atomically, the last `keep` kept. The
// renderer makes the backup's text (it holds the workspace) and hands it over; main only keeps files.
import { existsSync, readdirSync, statSync, unlinkSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupStatus } from '../../../shared/ipc/contract';
import type { IpcRouter } from '../ipc/router';
import type { Clock } from '../ports';
import { writePrivateText } from '../qbo/settings-store';
import { readWorkspaceFiles, writeWorkspaceFiles } from './workspace-files';

const NAME = /^track-nexus-(\d{4}-\d{2}-\d{2})\.json$/;

export interface DailyBackupDeps {
  dataDir: string;
  clock: Clock;
  /** How many daily backups to keep (7). */
  keep?: number;
  /** The running app's version, written into each backup. */
  appVersion: string;
}

function localDate(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

function createDailyBackups({ dataDir, clock, keep = 7 }: DailyBackupDeps) {
  const folder = join(dataDir, 'backups');
  /** Backup file names, newest first (the date in the name sorts). */
  const list = () => (existsSync(folder) ? readdirSync(folder).filter((n) => NAME.test(n)).sort().reverse() : []);
  const today = () => localDate(clock.now(), clock.timeZone());

  function status(): BackupStatus {
    const newest = list()[0];
    return {
      lastBackupAt: newest ? statSync(join(folder, newest)).mtimeMs : null,
      folder,
      due: newest === undefined || NAME.exec(newest)![1]! < today(),
      keep,
    };
  }

  async function save(text: string): Promise<BackupStatus> {
    const file = join(folder, `track-nexus-${today()}.json`);
    await writePrivateText(file, text);
    // The file's time is the clock's, so "last backup" reads the same as the app's own clock.
    const at = clock.now() / 1000;
    utimesSync(file, at, at);
    for (const old of list().slice(keep)) unlinkSync(join(folder, old));
    return status();
  }

  return { status, save, folder };
}

/** The backup:* calls. */
export function registerBackupHandlers(router: IpcRouter, deps: DailyBackupDeps): void {
  const backups = createDailyBackups(deps);
  router.handle('backup:getStatus', () => backups.status());
  router.handle('backup:saveToday', ({ text }) => backups.save(text));
  router.handle('backup:readFiles', () => ({ files: readWorkspaceFiles(deps.dataDir), appVersion: deps.appVersion }));
  router.handle('backup:restoreFiles', async ({ files }) => ({ written: await writeWorkspaceFiles(deps.dataDir, files) }));
}
