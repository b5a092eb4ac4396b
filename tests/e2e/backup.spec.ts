// Backups end to end in the browser harness: Settings › Backups says where backups are kept and
// makes one on request, into that folder (the daily one waits a few minutes after start).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';

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
