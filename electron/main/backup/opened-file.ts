// A backup file the system opened Track Nexus with: macOS says so with the open-file event (often
// before the app is ready), Windows and Linux put the path on the command line, of the first launch
// or of a second one (handed over in second-instance). index.ts only collects the paths; this reads
// the one file (a regular file named .tnbackup or .json, no bigger than a backup can be), keeps it
// until the window takes it (once), and tells the window it is there.
import { stat, readFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BACKUP_EXTENSION, MAX_BACKUP_CHARS, type OpenedBackupFile } from '../../../shared/ipc/contract';
import type { Emit } from '../ipc/events';
import type { IpcRouter } from '../ipc/router';

const EXTENSIONS = [`.${BACKUP_EXTENSION}`, '.json'];
const MAX_MB = Math.round(MAX_BACKUP_CHARS / (1024 * 1024));

function isBackupName(path: string): boolean {
  return EXTENSIONS.includes(extname(path).toLowerCase());
}

/** A path, or a file:// URL as a Linux desktop passes one for %U, as a path; null for other URLs. */
function asPath(arg: string, cwd: string): string | null {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) return resolve(cwd, arg);
  try {
    return fileURLToPath(arg);
  } catch {
    return null;
  }
}

/**
 * The backup files named on a command line: arguments after the executable that are not switches
 * (--hidden, Chromium's --flag=value) and end in .tnbackup or .json, resolved against the folder
 * the command ran in. Anything else there (the app's own folder in development) is not a file to open.
 */
export function backupPathsIn(argv: readonly string[], cwd: string): string[] {
  const paths = argv.slice(1).filter((arg) => !arg.startsWith('-')).map((arg) => asPath(arg, cwd));
  return paths.filter((path): path is string => path !== null && isBackupName(path));
}

/** Reads the file, or says in plain words why it is not a backup Track Nexus can open. */
export async function readOpenedFile(path: string): Promise<OpenedBackupFile> {
  const name = basename(path).slice(0, 260) || 'The file';
  const refuse = (problem: string): OpenedBackupFile => ({ ok: false, name, problem });
  if (!isBackupName(path)) return refuse(`${name} is not a Track Nexus backup: backups end in .${BACKUP_EXTENSION} (or .json, from older versions).`);
  const info = await stat(path).catch(() => null);
  if (!info) return refuse(`Track Nexus could not find ${name}. It may have been moved or deleted.`);
  if (!info.isFile()) return refuse(`${name} is not a file, so it cannot be a backup.`);
  // A character takes at least one byte, so a file within the limit in bytes is within it in characters.
  if (info.size > MAX_BACKUP_CHARS) return refuse(`${name} is larger than a Track Nexus backup can be (${MAX_MB} MB).`);
  try {
    return { ok: true, name, text: await readFile(path, 'utf8') };
  } catch {
    return refuse(`Track Nexus could not read ${name}. Check that you may open it.`);
  }
}

/** Keeps the file opened last until the window takes it, and announces each one. */
function createOpenedBackupFiles(emit: Emit) {
  let pending: OpenedBackupFile | null = null;
  /** Each open reads its file; a later open replaces one not taken yet. */
  let reading: Promise<void> = Promise.resolve();

  function open(path: string): Promise<void> {
    const read = reading.then(async () => {
      pending = await readOpenedFile(path);
      emit('backup:fileOpened', { name: pending.name });
    });
    // One open that fails (no window to tell) does not stop the next.
    reading = read.catch(() => {});
    return read;
  }

  return {
    open,
    /** The files named on a command line (the first launch's, or a second one's). */
    openFromArgv: (argv: readonly string[], cwd: string) => Promise.all(backupPathsIn(argv, cwd).map(open)).then(() => {}),
    take(): OpenedBackupFile | null {
      const file = pending;
      pending = null;
      return file;
    },
  };
}

type OpenedBackupFiles = ReturnType<typeof createOpenedBackupFiles>;

/** backup:takeOpenedFile, and the service for the shell to hand paths to. */
export function registerOpenedFileHandlers(router: IpcRouter, emit: Emit): OpenedBackupFiles {
  const files = createOpenedBackupFiles(emit);
  router.handle('backup:takeOpenedFile', () => files.take());
  return files;
}
