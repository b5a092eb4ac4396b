// Backups end to end in the browser harness: the daily backup is made when the app starts, and
// Settings › Backups says when and where, and backs up again on request.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';

test('the app backs up its workspace at start and Settings shows where the backups are kept', async ({ app, harness }) => {
  const folder = join(harness.dataDir, 'backups');
  await expect.poll(() => (existsSync(folder) ? readdirSync(folder).filter((n) => n.startsWith('track-nexus-')).length : 0)).toBe(1);
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await app.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Backups' }).click();
  const section = app.getByRole('region', { name: 'Backups' });
  await expect(section.getByText(folder)).toBeVisible();
  await expect(section.getByText('None yet')).toHaveCount(0);
  await section.getByRole('button', { name: 'Back up now' }).click();
  await expect(section.getByText('Backed up.')).toBeVisible();
  await expect(section.getByRole('button', { name: 'Restore from a file…' })).toHaveCount(0);
  await expect(section.getByText('Restore from a file…')).toBeVisible();
});
