// @vitest-environment jsdom
// A backup file the system opened the app with, on the renderer's side with a fake main: the file
// waiting at start and one announced later both turn the app to Settings › Backups and show the
// restore preview (restoring only on the user's click); a file main refused shows why.
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import type { OpenedBackupFile, RendererApi } from '../../../shared/ipc/contract';
import { useUi } from '../../../renderer/src/app/ui-store';
import { ReposProvider } from '../../../renderer/src/data/repos-context';
import { openDatabase } from '../../../renderer/src/db/database';
import { createRepos } from '../../../renderer/src/db/repos';
import { BackupSection } from '../../../renderer/src/features/backup/BackupSection';
import { startOpenedBackups } from '../../../renderer/src/features/backup/opened-backup';

let stop = () => {};
afterEach(() => {
  stop();
  cleanup();
});

/** Main with a file waiting (or not), whose backup:fileOpened the test fires. */
function fakeMain(waiting: OpenedBackupFile | null) {
  let pending = waiting;
  let announce: () => void = () => {};
  const restored: unknown[] = [];
  const api: RendererApi = {
    invoke: (async (channel: string, payload?: unknown) => {
      if (channel === 'backup:getStatus') return { ok: true, value: { lastBackupAt: null, folder: '/data/backups', due: false, keep: 7 } };
      if (channel === 'backup:takeOpenedFile') {
        const file = pending;
        pending = null;
        return { ok: true, value: file };
      }
      if (channel === 'backup:restoreFiles') return (restored.push(payload), { ok: true, value: { written: [] } });
      return { ok: false, error: { kind: 'unavailable', message: 'not in this test', retryable: false } };
    }) as RendererApi['invoke'],
    on: ((event: string, listener: () => void) => {
      if (event === 'backup:fileOpened') announce = listener;
      return () => {};
    }) as RendererApi['on'],
  };
  return { api, restored, open: (file: OpenedBackupFile) => ((pending = file), announce()) };
}

// The section's own calls (its status) go through window.api; the app keeps the first one it sees.
let current: RendererApi;
window.api = {
  invoke: ((...args: Parameters<RendererApi['invoke']>) => current.invoke(...args)) as RendererApi['invoke'],
  on: () => () => {},
};

async function backupOfOneClient(name: string): Promise<string> {
  const source = createRepos(await openDatabase(name));
  await source.clients.create({ name: 'Acme Corp' });
  return source.backup.exportText({});
}

it('a file opened before the window listened turns to Settings › Backups with its preview, and restores on the user’s click', async () => {
  const text = await backupOfOneClient('opened-source');
  const main = fakeMain({ ok: true, name: 'March.tnbackup', text });
  current = main.api;
  useUi.getState().go('today');
  stop = startOpenedBackups(main.api);
  await expect.poll(() => [useUi.getState().screen, useUi.getState().section]).toEqual(['settings', 'backups']);
  render(<ReposProvider dbName="opened-empty"><BackupSection /></ReposProvider>);
  const preview = await screen.findByRole('region', { name: 'Restore preview' });
  within(preview).getByText('Restoring March.tnbackup would change:');
  within(preview).getByText('clients: 1 added');
  const repos = createRepos(await openDatabase('opened-empty'));
  expect(await repos.clients.list()).toEqual([]);
  fireEvent.click(within(preview).getByRole('button', { name: 'Restore this backup' }));
  await screen.findByText(/Restored \d+ rows/);
  expect((await repos.clients.list()).map((c) => c.name)).toEqual(['Acme Corp']);
});

it('a file opened while the section is showing is previewed too, and a refused one says why', async () => {
  const text = await backupOfOneClient('opened-later-source');
  const main = fakeMain(null);
  current = main.api;
  stop = startOpenedBackups(main.api);
  render(<ReposProvider dbName="opened-later"><BackupSection /></ReposProvider>);
  await screen.findByText('None yet');
  main.open({ ok: false, name: 'huge.tnbackup', problem: 'huge.tnbackup is larger than a Track Nexus backup can be (256 MB).' });
  await screen.findByText('huge.tnbackup is larger than a Track Nexus backup can be (256 MB).');
  main.open({ ok: true, name: 'April.tnbackup', text });
  const preview = await screen.findByRole('region', { name: 'Restore preview' });
  within(preview).getByText('Restoring April.tnbackup would change:');
});
