// The data folder holds window titles (capture's journal), the QuickBooks settings, the demo
// company with its grants and the secrets file: only the user who owns it may read it. It is
// created 0700, and at every start its mode and those of the files and folders directly in it are
// set to 0700 (folders) and 0600 (files), since older versions left them 755 and 644. Symbolic
// links are left alone (Chromium's SingletonLock points elsewhere). Windows has no such modes.
import fs from 'node:fs';
import path from 'node:path';

export function secureDataFolder(dataDir: string, warn: (message: string) => void = console.warn): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return;
  restrict(dataDir, 0o700, warn);
  for (const entry of fs.readdirSync(dataDir, { withFileTypes: true })) {
    if (entry.isDirectory()) restrict(path.join(dataDir, entry.name), 0o700, warn);
    else if (entry.isFile()) restrict(path.join(dataDir, entry.name), 0o600, warn);
  }
}

function restrict(target: string, mode: number, warn: (message: string) => void): void {
  try {
    if ((fs.lstatSync(target).mode & 0o777) !== mode) fs.chmodSync(target, mode);
  } catch (error) {
    // Not ours to change (another owner) or gone meanwhile: the app still starts.
    warn(`data folder: could not make ${path.basename(target)} private (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}
