// A backup file the system opens the app with: which command-line arguments are files to open, the
// words for one that is missing, too big or not a backup, and a file opened before the window
// listened handed to it exactly once, through the real router.
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { backupPathsIn, readOpenedFile } from '../../../electron/main/backup/opened-file';
import { composeTestMain } from '../compose-test-main';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tn-opened-'));
  folders.push(dir);
  return dir;
}

describe('backup files on a command line', () => {
  it('takes backup files after the executable and skips switches, our --hidden and Chromium’s alike', () => {
    const argv = ['/opt/Track Nexus/track-nexus', '--hidden', '--original-process-start-time=13370000', '--user-data-dir=/tmp/x.json', '/home/ann/March.tnbackup'];
    expect(backupPathsIn(argv, '/home/ann')).toEqual(['/home/ann/March.tnbackup']);
  });

  it('resolves a relative path against the folder the command ran in, and accepts older .json backups', () => {
    expect(backupPathsIn(['track-nexus', 'backups/old.JSON'], '/home/ann')).toEqual(['/home/ann/backups/old.JSON']);
  });

  it('reads a file:// URL (a Linux desktop’s %U) as its path', () => {
    const url = pathToFileURL('/home/ann/My backups/March.tnbackup').href;
    expect(backupPathsIn(['track-nexus', url], '/')).toEqual(['/home/ann/My backups/March.tnbackup']);
  });

  it('ignores the app’s own folder in development, other files and other URLs', () => {
    expect(backupPathsIn(['electron', '.', 'out/main/index.js', 'notes.txt', 'https://example.com/a.json'], '/repo')).toEqual([]);
  });
});

describe('reading an opened file', () => {
  it('reads a backup file’s text under its name', async () => {
    const path = join(folder(), 'March.tnbackup');
    writeFileSync(path, '{"format":"track-nexus-backup"}');
    expect(await readOpenedFile(path)).toEqual({ ok: true, name: 'March.tnbackup', text: '{"format":"track-nexus-backup"}' });
  });

  it('says a missing file could not be found', async () => {
    expect(await readOpenedFile(join(folder(), 'gone.tnbackup'))).toEqual({
      ok: false, name: 'gone.tnbackup', problem: 'Track Nexus could not find gone.tnbackup. It may have been moved or deleted.',
    });
  });

  it('refuses a file that is not named as a backup, without reading it', async () => {
    const path = join(folder(), 'passwords.txt');
    writeFileSync(path, 'secret');
    const read = await readOpenedFile(path);
    expect(read).toMatchObject({ ok: false, problem: expect.stringContaining('passwords.txt is not a Track Nexus backup') });
    expect(JSON.stringify(read)).not.toContain('secret');
  });

  it('refuses an empty path in words', async () => {
    expect(await readOpenedFile('')).toMatchObject({ ok: false, name: 'The file', problem: expect.stringContaining('The file is not a Track Nexus backup') });
  });

  it('refuses a folder named like a backup', async () => {
    const path = join(folder(), 'odd.tnbackup');
    mkdirSync(path);
    expect(await readOpenedFile(path)).toMatchObject({ ok: false, problem: 'odd.tnbackup is not a file, so it cannot be a backup.' });
  });

  it('refuses a file larger than a backup can be, without reading it', async () => {
    const path = join(folder(), 'huge.tnbackup');
    writeFileSync(path, '');
    // A sparse file: 256 MB and one byte on paper, nothing on disk.
    truncateSync(path, 256 * 1024 * 1024 + 1);
    expect(await readOpenedFile(path)).toMatchObject({ ok: false, problem: 'huge.tnbackup is larger than a Track Nexus backup can be (256 MB).' });
  });
});

describe('handing an opened file to the window', () => {
  it('keeps a file opened before the window listened and hands it over once', async () => {
    const t = composeTestMain();
    const announced: unknown[] = [];
    t.main.events.addSink((event, payload) => {
      if (event === 'backup:fileOpened') announced.push(payload);
    });
    try {
      const dir = folder();
      writeFileSync(join(dir, 'March.tnbackup'), '{"backup":1}');
      await t.main.openedBackups.openFromArgv(['track-nexus', '--hidden', 'March.tnbackup'], dir);
      expect(announced).toEqual([{ name: 'March.tnbackup' }]);
      const first = await t.main.router.dispatch('backup:takeOpenedFile', undefined);
      expect(first).toEqual({ ok: true, value: { ok: true, name: 'March.tnbackup', text: '{"backup":1}' } });
      expect(await t.main.router.dispatch('backup:takeOpenedFile', undefined)).toEqual({ ok: true, value: null });
    } finally {
      await t.close();
    }
  });

  it('hands over the refusal for a file it could not read, and the later of two opened files', async () => {
    const t = composeTestMain();
    try {
      const dir = folder();
      writeFileSync(join(dir, 'April.tnbackup'), '{"backup":2}');
      await t.main.openedBackups.open(join(dir, 'missing.tnbackup'));
      expect(await t.main.router.dispatch('backup:takeOpenedFile', undefined)).toMatchObject({ ok: true, value: { ok: false, name: 'missing.tnbackup' } });
      await t.main.openedBackups.open(join(dir, 'missing.tnbackup'));
      await t.main.openedBackups.open(join(dir, 'April.tnbackup'));
      expect(await t.main.router.dispatch('backup:takeOpenedFile', undefined)).toMatchObject({ ok: true, value: { ok: true, name: 'April.tnbackup' } });
    } finally {
      await t.close();
    }
  });
});
