// The Today screen end to end: the real renderer in Chromium against the browser harness.
import type { Page } from '@playwright/test';
import { artifactsDir, createProjectInline, expect, pageLocal, test } from './fixtures';


async function addTime(app: Page, opts: { project?: string; start: string; end?: string; duration?: string; description?: string }) {
  await app.getByRole('button', { name: 'Add time' }).click();
  const dialog = app.getByRole('dialog', { name: 'Add time' });
  if (opts.project) {
    await dialog.getByRole('button', { name: /^Project:/ }).click();
    await app.getByRole('dialog', { name: 'Project' }).getByRole('button', { name: opts.project }).click();
  }
  if (opts.description) await dialog.getByLabel('Description').fill(opts.description);
  await dialog.getByLabel('Start time').fill(opts.start);
  if (opts.end) await dialog.getByLabel('End time').fill(opts.end);
  if (opts.duration) await dialog.getByLabel('Duration').fill(opts.duration);
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(dialog).toHaveCount(0);
}

const entry = (app: Page, text: string | RegExp) => app.getByRole('list', { name: 'Today’s entries' }).getByRole('listitem').filter({ hasText: text });

test('a new user creates a project inline, starts a timer, switches and stops', async ({ app }) => {
  await expect(app.getByRole('heading', { name: 'Nothing tracked today' })).toBeVisible();
  await createProjectInline(app, 'Website', 'Acme');
  await expect(app.getByRole('button', { name: 'Project: Acme · Website' })).toBeVisible();
  await app.getByRole('button', { name: 'Project: Acme · Website' }).click();
  await app.screenshot({ path: `${artifactsDir}/today-project-picker.png` });
  await app.keyboard.press('Escape');
  await expect(app.getByRole('dialog')).toHaveCount(0);

  await app.getByLabel('What are you working on?').fill('Landing page');
  await app.getByLabel('What are you working on?').press('Enter');
  const elapsed = app.getByRole('timer', { name: 'Elapsed time' });
  await expect(elapsed).toBeVisible();
  // A new timer counts up from zero: it shows seconds (not a start taken from elsewhere) and ticks.
  const first = await elapsed.textContent();
  expect(first).toMatch(/^0:00:\d\d$/);
  await expect(elapsed).not.toHaveText(first!);
  await expect(entry(app, 'Landing page')).toContainText('running');

  // Switch: a second project, chosen while the timer runs.
  await createProjectInline(app, 'Logo', 'Globex');
  await expect(app.getByRole('button', { name: 'Switch project: Globex · Logo' })).toBeVisible();
  await expect(app.getByRole('list', { name: 'Today’s entries' }).getByRole('listitem')).toHaveCount(2);
  await expect(entry(app, 'Landing page')).toContainText('draft');
  await expect(entry(app, 'Globex · Logo')).toContainText('running');

  await app.getByRole('button', { name: 'Stop' }).click();
  await expect(app.getByRole('button', { name: 'Start' })).toBeVisible();
  await expect(app.getByRole('timer')).toHaveCount(0);
  await expect(app.getByText('running', { exact: true })).toHaveCount(0);
});

test('editing an entry validates its times; split, duplicate, merge and delete', async ({ app }) => {
  await createProjectInline(app, 'Website', 'Acme');
  await addTime(app, { start: '09:00', end: '10:00', description: 'Wireframes' });
  await expect(entry(app, 'Wireframes')).toContainText('09:00–10:00');
  await expect(app.getByTestId('total')).toHaveText('1:00');

  // End before start.
  await entry(app, 'Wireframes').getByRole('button', { name: /^Edit/ }).click();
  const edit = app.getByRole('dialog', { name: 'Edit entry' });
  await edit.getByLabel('End time').fill('08:30');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit.getByRole('alert')).toHaveText('The end must be after the start.');
  await expect(edit.getByLabel('End time')).toHaveAttribute('aria-invalid', 'true');
  await app.screenshot({ path: `${artifactsDir}/today-edit-invalid.png` });
  await edit.getByLabel('End time').fill('10:30');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toHaveCount(0);
  await expect(entry(app, 'Wireframes')).toContainText('09:00–10:30');

  // Split at 10:00.
  await entry(app, 'Wireframes').getByRole('button', { name: /^Split/ }).click();
  const split = app.getByRole('dialog', { name: 'Split entry' });
  await split.getByLabel('Split at').fill('10:00');
  await split.getByRole('button', { name: 'Split' }).click();
  await expect(entry(app, 'Wireframes')).toHaveCount(2);
  await expect(entry(app, '09:00–10:00')).toHaveCount(1);
  await expect(entry(app, '10:00–10:30')).toHaveCount(1);

  // Merge the two adjacent halves back.
  await entry(app, '09:00–10:00').getByRole('checkbox').check();
  await entry(app, '10:00–10:30').getByRole('checkbox').check();
  await app.getByRole('region', { name: 'Selection' }).getByRole('button', { name: 'Merge' }).click();
  await expect(entry(app, 'Wireframes')).toHaveCount(1);
  await expect(entry(app, 'Wireframes')).toContainText('09:00–10:30');

  // Duplicate: the copy overlaps the original, and both say so.
  await entry(app, 'Wireframes').getByRole('button', { name: /^Duplicate/ }).click();
  await expect(entry(app, 'Wireframes')).toHaveCount(2);
  await expect(entry(app, 'Wireframes').first()).toContainText('Overlaps 09:00–10:30 Acme · Website');
  await expect(app.getByTestId('total')).toHaveText('3:00');

  // Delete one, after confirming.
  await entry(app, 'Wireframes').first().getByRole('button', { name: /^Delete/ }).click();
  await app.getByRole('dialog', { name: 'Delete this entry?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(entry(app, 'Wireframes')).toHaveCount(1);
  await expect(entry(app, 'Wireframes')).not.toContainText('Overlaps');
  await expect(app.getByTestId('total')).toHaveText('1:30');
});

test('approved entries split and merge after a question, and stay approved', async ({ app }) => {
  await createProjectInline(app, 'Website', 'Acme');
  await addTime(app, { start: '09:00', end: '11:00', description: 'Audit' });
  await entry(app, 'Audit').getByRole('button', { name: /^Approve/ }).click();
  await expect(entry(app, 'Audit')).toContainText('approved');

  await entry(app, 'Audit').getByRole('button', { name: /^Split/ }).click();
  const ask = app.getByRole('dialog', { name: 'Edit an approved entry?' });
  await expect(ask).toContainText('Both parts stay approved');
  await ask.getByRole('button', { name: 'Edit anyway' }).click();
  const split = app.getByRole('dialog', { name: 'Split entry' });
  await split.getByLabel('Split at').fill('10:00');
  await split.getByRole('button', { name: 'Split' }).click();
  await expect(entry(app, 'Audit')).toHaveCount(2);
  for (const part of ['09:00–10:00', '10:00–11:00']) await expect(entry(app, part)).toContainText('approved');

  await entry(app, '09:00–10:00').getByRole('checkbox').check();
  await entry(app, '10:00–11:00').getByRole('checkbox').check();
  await app.getByRole('region', { name: 'Selection' }).getByRole('button', { name: 'Merge' }).click();
  const merge = app.getByRole('dialog', { name: 'Merge approved entries?' });
  await expect(merge).toContainText('The next sync updates QuickBooks to match');
  await app.screenshot({ path: `${artifactsDir}/today-merge-approved.png` });
  await merge.getByRole('button', { name: 'Merge anyway' }).click();
  await expect(entry(app, 'Audit')).toHaveCount(1);
  await expect(entry(app, 'Audit')).toContainText('09:00–11:00');
  await expect(entry(app, 'Audit')).toContainText('approved');
});

test('add time by duration, and an approved entry asks before it is edited', async ({ app }) => {
  await createProjectInline(app, 'Website', 'Acme');
  await addTime(app, { start: '13:00', duration: '1.5h', description: 'Review' });
  await expect(entry(app, 'Review')).toContainText('13:00–14:30');
  await expect(entry(app, 'Review')).toContainText('1:30');

  // A typo in the duration is explained.
  await app.getByRole('button', { name: 'Add time' }).click();
  const add = app.getByRole('dialog', { name: 'Add time' });
  await add.getByLabel('Duration').fill('90x');
  await add.getByRole('button', { name: 'Add' }).click();
  await expect(add.getByRole('alert')).toContainText('Could not read "90x" as a duration');
  await add.press('Escape');
  await expect(add).toHaveCount(0);

  await entry(app, 'Review').getByRole('button', { name: /^Approve/ }).click();
  await expect(entry(app, 'Review')).toContainText('approved');
  await entry(app, 'Review').getByRole('button', { name: /^Edit/ }).click();
  const ask = app.getByRole('dialog', { name: 'Edit an approved entry?' });
  await expect(ask).toContainText('This entry is approved. Edit it anyway? It stays approved with your changes');
  await app.screenshot({ path: `${artifactsDir}/today-approved-ask.png` });
  await ask.getByRole('button', { name: 'Edit anyway' }).click();
  const edit = app.getByRole('dialog', { name: 'Edit entry' });
  await edit.getByLabel('Description').fill('Review, round 2');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(entry(app, 'Review, round 2')).toContainText('approved');
});

test('the running timer survives a reload with its start time', async ({ app }) => {
  await createProjectInline(app, 'Website', 'Acme');
  await app.getByRole('button', { name: 'Start' }).click();
  const elapsed = app.getByRole('timer', { name: 'Elapsed time' });
  const startedAt = await elapsed.getAttribute('data-started-at');
  await app.reload();
  await expect(app.getByRole('timer', { name: 'Elapsed time' })).toHaveAttribute('data-started-at', startedAt!);
  await expect(app.getByRole('button', { name: 'Switch project: Acme · Website' })).toBeVisible();
  // Still counting from the same start: seconds that keep going, not a timer restarted at 0:00:00.
  await expect(app.getByRole('timer')).toHaveText(/^0:00:\d\d$/);
  await expect(app.getByRole('timer')).not.toHaveText('0:00:00');
});

test('a forgotten start is fixed by editing the running entry', async ({ app }) => {
  await createProjectInline(app, 'Website', 'Acme');
  await app.getByRole('button', { name: 'Start' }).click();
  await entry(app, 'running').getByRole('button', { name: /^Edit/ }).click();
  const edit = app.getByRole('dialog', { name: 'Edit entry' });
  await expect(edit.getByLabel('End time')).toHaveCount(0);
  const began = await pageLocal(app, Date.now() - 15 * 60_000);
  await edit.getByLabel('Start date').fill(began.date);
  await edit.getByLabel('Start time').fill(began.time);
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toHaveCount(0);
  await expect(app.getByRole('timer')).toHaveText(/^0:1[56]:\d\d$/);
});

test('an entry crossing midnight stays on its start day until it is split there', async ({ app }) => {
  await createProjectInline(app, 'Website', 'Acme');
  await addTime(app, { start: '23:00', duration: '2h', description: 'Release night' });
  const late = entry(app, 'Release night');
  await expect(late).toContainText('23:00–01:00');
  await expect(late).toContainText('Continues past midnight');
  await expect(app.getByTestId('total')).toHaveText('2:00');
  await late.getByRole('button', { name: /^Split at midnight/ }).click();
  await expect(late).toContainText('23:00–00:00');
  await expect(late).not.toContainText('Continues past midnight');
  await expect(app.getByTestId('total')).toHaveText('1:00');
});

test.describe('daylight-saving days in New York', () => {
  test.use({ timezoneId: 'America/New_York' });
  for (const [day, span] of [['2026-03-08', '1 h'], ['2026-11-01', '3 h']] as const) {
    test(`01:30 to 03:30 on ${day} is ${span}`, async ({ app }) => {
      // (The page clock is not faked: Playwright's fake Date breaks @date-fns/tz's TZDate in a non-UTC zone.)
      await createProjectInline(app, 'Website', 'Acme');
      await app.getByRole('button', { name: 'Add time' }).click();
      const dialog = app.getByRole('dialog', { name: 'Add time' });
      await dialog.getByLabel('Start date').fill(day);
      await dialog.getByLabel('Start time').fill('01:30');
      await dialog.getByLabel('End date').fill(day);
      await dialog.getByLabel('End time').fill('03:30');
      await expect(dialog.getByText(/^Duration: /)).toHaveText(`Duration: ${span}`);
      await dialog.getByRole('button', { name: 'Add' }).click();
      await expect(dialog).toHaveCount(0);
    });
  }
});

for (const scheme of ['light', 'dark'] as const) {
  test(`Today with entries (${scheme})`, async ({ app }) => {
    await app.emulateMedia({ colorScheme: scheme });
    await createProjectInline(app, 'Website', 'Acme');
    await addTime(app, { start: '08:30', end: '10:15', description: 'Sprint planning' });
    await createProjectInline(app, 'Logo', 'Globex');
    await addTime(app, { project: 'Globex · Logo', start: '10:00', end: '10:40', description: 'Sketches' });
    await addTime(app, { project: 'Acme · Website', start: '11:00', duration: '1:20', description: 'Landing page copy' });
    await entry(app, 'Landing page copy').getByRole('button', { name: /^Approve/ }).click();
    await app.getByLabel('What are you working on?').fill('Client call');
    await app.getByRole('button', { name: 'Start' }).click();
    await expect(app.getByRole('timer')).toBeVisible();
    await expect(entry(app, 'Sketches')).toContainText('Overlaps 10:00–10:15 Acme · Website');
    await app.getByRole('heading', { level: 1, name: 'Today' }).click();
    await app.screenshot({ path: `${artifactsDir}/today-entries-${scheme}.png`, fullPage: true });
  });
}
