// Backups end to end in the browser harness: Settings › Backups says where backups are kept and
// makes one on request, into that folder (the daily one waits a few minutes after start); a backup
// from an older version is upgraded, previewed and restored.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { artifactsDir, expect, test } from './fixtures';

test('Settings shows where the backups are kept and backs the workspace up on request', async ({ app, harness }) => {
  const folder = join(harness.dataDir, 'backups');
  const made = () => (existsSync(folder) ? readdirSync(folder).filter((n) => n.startsWith('track-nexus-')).length : 0);
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await app.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Backups' }).click();
  const section = app.getByRole('region', { name: 'Backups' });
  await expect(section.getByText(folder)).toBeVisible();
  await expect(section.getByText('None yet')).toBeVisible();
  expect(made()).toBe(0);
  await section.getByRole('button', { name: 'Back up now' }).click();
  await expect(section.getByText('Backed up.')).toBeVisible();
  expect(made()).toBe(1);
  await expect(section.getByText('None yet')).toHaveCount(0);
  await expect(section.getByRole('button', { name: 'Restore from a file…' })).toHaveCount(0);
  await expect(section.getByText('Restore from a file…')).toBeVisible();
});

/**
 * A backup file as Track Nexus wrote it at schema version 1 (before entries had a local date, a
 * trash or a waiting flag): an hour and a half today, and an entry deleted before the trash existed.
 */
function versionOneBackup(today: { start: number; zone: string }): string {
  const entry = (id: string, description: string, start: number, minutes: number, deletedAt: number | null) => ({
    id, projectId: 'p1', taskId: null, description, start, end: start + minutes * 60_000, zone: today.zone,
    source: 'manual', billable: true, status: 'draft', version: 1, createdAt: start, updatedAt: start, deletedAt,
  });
  return JSON.stringify({
    format: 'track-nexus-backup', version: 1, schemaVersion: 1, createdAt: new Date(today.start).toISOString(),
    tables: {
      clients: [{ id: 'c1', name: 'Acme', archived: false, qboCustomerId: null, createdAt: 1, updatedAt: 1 }],
      projects: [{ id: 'p1', clientId: 'c1', name: 'Website', color: '#3b82f6', billable: true, defaultTaskId: null, rateMinor: null, currency: 'USD', rounding: null, archived: false, qboCustomerId: null, qboItemId: null, qboClassId: null, createdAt: 1, updatedAt: 1 }],
      entries: [entry('e1', 'Wireframes', today.start, 90, null), entry('e2', 'Old draft', today.start + 2 * 3_600_000, 30, today.start + 3 * 3_600_000)],
      settings: [], audit: [], tasks: [], rateCards: [], segments: [], awayPeriods: [],
    },
    files: {},
  });
}

test('a backup from an older Track Nexus is upgraded, previewed and restored in Chromium', async ({ app }) => {
  const today = await app.evaluate(() => {
    const d = new Date();
    d.setHours(9, 0, 0, 0);
    return { start: d.getTime(), zone: Intl.DateTimeFormat().resolvedOptions().timeZone };
  });
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await app.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Backups' }).click();
  const section = app.getByRole('region', { name: 'Backups' });
  await section.locator('input[type=file]').setInputFiles({ name: 'last-month.json', mimeType: 'application/json', buffer: Buffer.from(versionOneBackup(today)) });
  const preview = section.getByRole('region', { name: 'Restore preview' });
  await expect(preview).toContainText('This backup was made by an older Track Nexus (its data is version 1;');
  await expect(preview).toContainText('It will be upgraded as it is restored');
  await expect(preview.getByText('entries: 2 added')).toBeVisible();
  await app.screenshot({ path: `${artifactsDir}/backup-older-preview.png` });
  await preview.getByRole('button', { name: 'Restore this backup' }).click();
  await expect(section.getByText(/^Restored \d+ rows/)).toBeVisible();
  // The scratch copy the upgrade ran in is gone.
  expect(await app.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.endsWith('-restoring')))).toEqual([]);

  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
  await expect(app.getByRole('list', { name: 'Today’s entries' }).getByRole('listitem').filter({ hasText: 'Wireframes' })).toContainText('09:00–10:30');
  await expect(app.getByTestId('total')).toHaveText('1:30');
  await expect(app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Trash/ })).toHaveAccessibleName('Trash 1 deleted entry');
});
