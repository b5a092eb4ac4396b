// Opening a backup file with the app (a double-click on a .tnbackup file), played through the
// harness's backup/open control since a browser has no such thing: an exported workspace is a
// .tnbackup file; opened on another machine's first start, before its window listens, it turns the
// app to Settings › Backups with the restore preview, and restores on the user's click. A file that
// is no backup is refused in words, and an older .json backup opened while the app runs is previewed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startHarness } from '../../electron/harness/harness';
import { artifactsDir, control, createProjectInline, expect, test } from './fixtures';

async function openBackups(app: Page) {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await app.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Backups' }).click();
  return app.getByRole('region', { name: 'Backups' });
}

let folder = '';
test.beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'tn-opened-e2e-'));
});
test.afterEach(() => rmSync(folder, { recursive: true, force: true }));

test('an exported .tnbackup opened at the first start of a new machine shows its preview and restores', async ({ app }) => {
  await createProjectInline(app, 'Website redesign', 'Acme');
  const section = await openBackups(app);
  const download = app.waitForEvent('download');
  await section.getByRole('button', { name: 'Export workspace…' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^track-nexus-workspace-\d{4}-\d{2}-\d{2}\.tnbackup$/);
  const path = join(folder, file.suggestedFilename());
  await file.saveAs(path);

  // The new machine: opened with the file before its window has loaded.
  const fresh = await startHarness({ testControls: true });
  try {
    await control(fresh, 'backup/open', { path });
    await app.goto(fresh.appUrl);
    const preview = app.getByRole('region', { name: 'Backups' }).getByRole('region', { name: 'Restore preview' });
    await expect(preview).toContainText(`Restoring ${file.suggestedFilename()} would change:`);
    await expect(preview.getByText('projects: 1 added')).toBeVisible();
    await app.screenshot({ path: `${artifactsDir}/backup-opened-preview.png` });
    await preview.getByRole('button', { name: 'Restore this backup' }).click();
    await expect(app.getByRole('region', { name: 'Backups' }).getByText(/^Restored \d+ rows/)).toBeVisible();
    await app.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Projects & clients' }).click();
    await expect(app.getByRole('region', { name: 'Projects & clients' }).getByText('Website redesign')).toBeVisible();
  } finally {
    await fresh.close();
  }
});

test('a file that is no backup is refused in words; an older .json backup opened while the app runs is previewed', async ({ app, harness }) => {
  const notes = join(folder, 'notes.txt');
  writeFileSync(notes, 'not a backup');
  await control(harness, 'backup/open', { path: notes });
  const section = app.getByRole('region', { name: 'Backups' });
  await expect(section.getByRole('alert')).toHaveText('notes.txt is not a Track Nexus backup: backups end in .tnbackup (or .json, from older versions).');

  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
  const old = join(folder, 'track-nexus-2026-01-15.json');
  writeFileSync(old, JSON.stringify({
    format: 'track-nexus-backup', version: 1, schemaVersion: 1, createdAt: '2026-01-15T14:00:00.000Z',
    tables: { clients: [{ id: 'c1', name: 'Acme', archived: false, qboCustomerId: null, createdAt: 1, updatedAt: 1 }], projects: [], entries: [], settings: [], audit: [], tasks: [], rateCards: [], segments: [], awayPeriods: [] },
    files: {},
  }));
  await control(harness, 'backup/open', { path: old });
  const preview = section.getByRole('region', { name: 'Restore preview' });
  await expect(preview).toContainText('Restoring track-nexus-2026-01-15.json would change:');
  await expect(preview).toContainText('This backup was made by an older Track Nexus');
  await expect(preview.getByText('clients: 1 added')).toBeVisible();
});
