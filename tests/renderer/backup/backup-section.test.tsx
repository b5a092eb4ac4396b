// @vitest-environment jsdom
// Settings › Backups with a fake main: the last backup and its folder, "Back up now", the restore
// dry-run with its refusal over existing work, a restore into an empty workspace, a backup from an
// older version upgraded first (a newer one refused), and the daily check that backs up only when
// main says today's is due.
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import type { BackupStatus, RendererApi } from '../../../shared/ipc/contract';
import { ReposProvider } from '../../../renderer/src/data/repos-context';
import { openDatabase } from '../../../renderer/src/db/database';
import { createRepos } from '../../../renderer/src/db/repos';
import { BackupSection } from '../../../renderer/src/features/backup/BackupSection';
import { startDailyBackups } from '../../../renderer/src/features/backup/daily-backup';
import { exportWorkspace } from '../../../renderer/src/features/backup/workspace-backup';
import { latestVersion } from '../../../renderer/src/db/versions';

afterEach(cleanup);

// The app's api keeps the first window.api it sees, so that one hands each call to this test's fake.
let current: RendererApi;
window.api = {
  invoke: ((...args: Parameters<RendererApi['invoke']>) => current.invoke(...args)) as RendererApi['invoke'],
  on: () => () => {},
};

function fakeMain(due = false) {
  const saved: string[] = [];
  const restoredFiles: Record<string, string>[] = [];
  let status: BackupStatus = { lastBackupAt: null, folder: '/data/backups', due, keep: 7 };
  const api: RendererApi = {
    invoke: (async (channel: string, payload?: { text?: string; files?: Record<string, string> }) => {
      if (channel === 'backup:getStatus') return { ok: true, value: status };
      if (channel === 'backup:readFiles') return { ok: true, value: { files: { 'qbo-companies.json': '{"companies":[]}' }, appVersion: '1.0.0' } };
      if (channel === 'backup:restoreFiles') return (restoredFiles.push(payload!.files!), { ok: true, value: { written: Object.keys(payload!.files!) } });
      if (channel === 'backup:saveToday') {
        saved.push(payload!.text!);
        status = { ...status, lastBackupAt: Date.UTC(2026, 0, 15, 14, 0), due: false };
        return { ok: true, value: status };
      }
      return { ok: false, error: { kind: 'unavailable', message: 'not in this test', retryable: false } };
    }) as RendererApi['invoke'],
    on: () => () => {},
  };
  return { api, saved, restoredFiles };
}

async function backupOfOneClient(name: string): Promise<string> {
  const source = createRepos(await openDatabase(name));
  await source.clients.create({ name: 'Acme Corp' });
  return source.backup.exportText({ 'qbo-companies.json': '{"companies":[{"id":"c1"}]}' });
}

function chooseFile(text: string) {
  const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
  // jsdom's File has no text(); the section reads only the name and the text.
  const file = Object.assign(new File([text], 'track-nexus-2026-01-15.json', { type: 'application/json' }), { text: async () => text });
  fireEvent.change(input, { target: { files: [file] } });
}

it('shows where backups are kept and backs up now on request', async () => {
  const main = fakeMain();
  current = main.api;
  render(<ReposProvider dbName="backup-now"><BackupSection /></ReposProvider>);
  await screen.findByText('None yet');
  screen.getByText('/data/backups');
  fireEvent.click(screen.getByRole('button', { name: 'Back up now' }));
  await screen.findByText('Backed up.');
  expect(screen.queryByText('None yet')).toBeNull();
  expect(JSON.parse(main.saved[0]!)).toMatchObject({ format: 'track-nexus-backup', files: { 'qbo-companies.json': '{"companies":[]}' } });
});

it('shows the dry-run and refuses to restore over existing work', async () => {
  const text = await backupOfOneClient('source-busy');
  const repos = createRepos(await openDatabase('backup-busy'));
  await repos.clients.create({ name: 'Already here' });
  current = fakeMain().api;
  render(<ReposProvider dbName="backup-busy"><BackupSection /></ReposProvider>);
  await screen.findByText('None yet');
  chooseFile(text);
  const preview = await screen.findByRole('region', { name: 'Restore preview' });
  within(preview).getByText('clients: 1 added, 1 removed');
  within(preview).getByText(/already holds work, so the backup cannot be restored/);
  expect(within(preview).queryByRole('button', { name: 'Restore this backup' })).toBeNull();
});

it('restores into an empty workspace, main’s files included, and refuses a file that is no backup', async () => {
  const text = await backupOfOneClient('source-empty');
  const main = fakeMain();
  current = main.api;
  render(<ReposProvider dbName="backup-empty"><BackupSection /></ReposProvider>);
  await screen.findByText('None yet');
  chooseFile('{"hello":1}');
  await screen.findByText(/not a Track Nexus backup/);
  chooseFile(text);
  const preview = await screen.findByRole('region', { name: 'Restore preview' });
  within(preview).getByText('clients: 1 added');
  fireEvent.click(within(preview).getByRole('button', { name: 'Restore this backup' }));
  await screen.findByText(/Restored \d+ rows/);
  const restored = createRepos(await openDatabase('backup-empty'));
  expect((await restored.clients.list()).map((c) => c.name)).toEqual(['Acme Corp']);
  expect(main.restoredFiles).toEqual([{ 'qbo-companies.json': '{"companies":[{"id":"c1"}]}' }]);
});

it('upgrades a backup from an older Track Nexus before the dry-run, says so, restores it, and refuses a newer one', async () => {
  const old = await openDatabase('source-old', { upToVersion: 2 });
  await old.table('clients').add({ id: 'c1', name: 'Acme Corp', archived: false, qboCustomerId: null, createdAt: 1, updatedAt: 1 });
  const text = await exportWorkspace(old, {});
  current = fakeMain().api;
  render(<ReposProvider dbName="backup-old"><BackupSection /></ReposProvider>);
  await screen.findByText('None yet');
  chooseFile(JSON.stringify({ ...JSON.parse(text), schemaVersion: latestVersion + 1 }));
  await screen.findByText(/made by a newer Track Nexus .* Update the app, then restore it/);
  chooseFile(text);
  const preview = await screen.findByRole('region', { name: 'Restore preview' });
  within(preview).getByText(/older Track Nexus \(its data is version 2; .*\)\. It will be upgraded as it is restored/);
  within(preview).getByText('clients: 1 added');
  fireEvent.click(within(preview).getByRole('button', { name: 'Restore this backup' }));
  await screen.findByText(/Restored 1 rows/);
  const restored = createRepos(await openDatabase('backup-old'));
  expect((await restored.clients.list()).map((c) => c.name)).toEqual(['Acme Corp']);
});

it('the daily check backs up at start when due, then only when main says so again', async () => {
  const main = fakeMain(true);
  const repos = createRepos(await openDatabase('backup-daily'));
  const armed: Array<{ fn: () => void; ms: number }> = [];
  const stop = startDailyBackups(main.api, repos.backup, { setTimeout: (fn, ms) => armed.push({ fn, ms }), clearTimeout: () => {} });
  expect(main.saved.length).toBe(0); // nothing in the first minutes of use
  expect(armed.map((a) => a.ms)).toEqual([3 * 60_000]);
  armed[0]!.fn();
  await expect.poll(() => main.saved.length).toBe(1);
  expect(armed.map((a) => a.ms)).toEqual([3 * 60_000, 60 * 60_000]); // then every hour
  armed[1]!.fn();
  await new Promise((r) => setTimeout(r, 0));
  expect(main.saved.length).toBe(1);
  stop();
});
