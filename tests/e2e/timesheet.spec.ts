// The Timesheet end to end: a freelancer fixes yesterday's cell (relative to the page's today, so
// it may lie in the previous week): lowering it asks with the entries listed, is confirmed, then
// undone; a project row is split by task and a task gets time; the week is approved after a
// question with the count and the raw and billed totals. Rounding is visible beneath the cells.
import type { Page } from '@playwright/test';
import { formatDayLong, formatDayShort } from '../../shared/time/display';
import { addLocalDays, startOfLocalWeek } from '../../shared/time/local-date';
import { artifactsDir, createProjectInline, expect, pageLocal, test } from './fixtures';

const LONG_PROJECT = 'Quarterly retainer for the marketing website redesign and ongoing maintenance';

async function addTime(app: Page, opts: { project: string; date: string; start: string; end: string; description?: string }) {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
  await app.getByRole('button', { name: 'Add time' }).click();
  const dialog = app.getByRole('dialog', { name: 'Add time' });
  await dialog.getByRole('button', { name: /^Project:/ }).click();
  await app.getByRole('dialog', { name: 'Project' }).getByRole('button', { name: opts.project }).click();
  if (opts.description) await dialog.getByLabel('Description').fill(opts.description);
  await dialog.getByLabel('Start date').fill(opts.date);
  await dialog.getByLabel('Start time').fill(opts.start);
  await dialog.getByLabel('End date').fill(opts.date);
  await dialog.getByLabel('End time').fill(opts.end);
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(dialog).toHaveCount(0);
}

async function setUp(app: Page) {
  await createProjectInline(app, 'Website', 'Acme');
  await createProjectInline(app, 'Logo', 'Globex');
  await createProjectInline(app, LONG_PROJECT, 'Northwind Traders International');
  const nav = app.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Settings' }).click();
  // Workspace rounding: 15 minutes up, per entry.
  await app.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Rates & rounding' }).click();
  const rates = app.locator('#settings-rates');
  await rates.getByLabel('Increment').selectOption('15');
  await rates.getByLabel('Direction').selectOption('up');
  await expect(rates.getByText('Default rounding: 15 min up, per entry')).toBeVisible();
  // Tasks of Website.
  await app.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Projects & clients' }).click();
  await app.getByTestId('project-Website').getByRole('button', { name: 'Tasks and rates of Website' }).click();
  for (const task of ['Design', 'Build']) {
    await app.getByRole('form', { name: 'Add a task to Website' }).getByLabel('New task').fill(task);
    await app.getByRole('button', { name: 'Add task' }).click();
    await expect(app.getByRole('list', { name: 'Tasks of Website' })).toContainText(task);
  }
}

test('a freelancer fixes yesterday’s timesheet: lowers a cell, confirms, undoes; splits a row by task; approves the week, then shortens approved time', async ({ app }) => {
  await setUp(app);
  const today = (await pageLocal(app, Date.now())).date;
  const day = addLocalDays(today, -1);
  await addTime(app, { project: 'Acme · Website', date: day, start: '09:00', end: '10:07', description: 'Wireframes for the home page' });
  await addTime(app, { project: 'Acme · Website', date: day, start: '14:00', end: '15:00' });
  await addTime(app, { project: 'Globex · Logo', date: day, start: '11:00', end: '12:30', description: 'Logo sketches' });
  await addTime(app, { project: `Northwind Traders International · ${LONG_PROJECT}`, date: day, start: '12:30', end: '13:10' });

  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Timesheet' }).click();
  if (day < startOfLocalWeek(today, 1)) await app.getByRole('button', { name: 'Previous week' }).click();
  const dayShort = formatDayShort(day, 'en-GB');
  const cell = app.getByLabel(`Acme · Website, ${dayShort}`, { exact: true });
  await expect(cell).toHaveValue('2:07');
  // Raw time in the cell, billed time beneath it: 1:07 bills 1:15 at 15 minutes up.
  await expect(app.getByTestId('row-total-Acme · Website-billed')).toHaveText('billed 2:15');
  await expect(app.getByTestId('week-total')).toHaveText('4:17');
  await expect(app.getByTestId('week-total-billed')).toHaveText('billed 4:30');
  await app.screenshot({ path: `${artifactsDir}/timesheet-rounding.png`, fullPage: true });

  // Lowering asks first, with the entries that change.
  await cell.fill('0:30');
  await cell.press('Enter');
  const question = app.getByRole('dialog', { name: `Lower Acme · Website on ${dayShort} to 0:30?` });
  const changes = question.getByRole('list', { name: 'Entries that change' }).getByRole('listitem');
  await expect(changes).toHaveCount(2);
  await expect(changes.nth(0)).toContainText('14:00–15:00');
  await expect(changes.nth(0)).toContainText('No description');
  await expect(changes.nth(0)).toContainText('deleted');
  await expect(changes.nth(1)).toContainText('09:00–10:07');
  await expect(changes.nth(1)).toContainText('Wireframes for the home page');
  await expect(changes.nth(1)).toContainText('ends at 09:30 instead of 10:07');
  await app.screenshot({ path: `${artifactsDir}/timesheet-lower-question.png`, fullPage: true });
  await question.getByRole('button', { name: 'Lower to 0:30' }).click();
  await expect(question).toHaveCount(0);
  await expect(app.getByText(`Acme · Website on ${dayShort}: 2:07 → 0:30.`)).toBeVisible();
  await expect(cell).toHaveValue('0:30');

  // Undo puts both entries back.
  await app.getByRole('button', { name: 'Undo' }).click();
  await expect(app.getByText(`Undone: Acme · Website on ${dayShort} is back to 2:07.`)).toBeVisible();
  await expect(cell).toHaveValue('2:07');

  // Split the row by task; typing into Design gives that task time.
  await app.getByRole('button', { name: 'Split Acme · Website by task' }).click();
  await expect(app.getByLabel(`Acme · Website · No task, ${dayShort}`, { exact: true })).toHaveValue('2:07');
  const design = app.getByLabel(`Acme · Website · Design, ${dayShort}`, { exact: true });
  await design.fill('1:00');
  await design.press('Tab');
  await expect(app.getByText(`Acme · Website · Design on ${dayShort}: 0:00 → 1:00.`)).toBeVisible();
  await expect(app.getByTestId('row-total-Acme · Website')).toHaveText('3:07');
  await expect(app.getByTestId('row-total-Acme · Website · Design')).toHaveText('1:00');
  await app.screenshot({ path: `${artifactsDir}/timesheet-tasks.png`, fullPage: true });

  // Approve the week: the question shows the count and the raw and billed totals.
  await app.getByRole('button', { name: 'Approve week' }).click();
  const approve = app.getByRole('dialog', { name: /^Approve the week of / });
  await expect(approve.getByTestId('approve-total')).toHaveText('5 entries, 5:17, billed 5:30');
  await expect(approve.getByRole('row', { name: /Acme · Website/ })).toContainText('3:073:15');
  await app.screenshot({ path: `${artifactsDir}/timesheet-approve-question.png`, fullPage: true });
  await approve.getByRole('button', { name: 'Approve 5 entries' }).click();
  await expect(approve).toHaveCount(0);
  await expect(app.getByText('Approved 5 entries (5:17, billed 5:30).')).toBeVisible();
  await expect(app.getByRole('button', { name: `Approve ${formatDayLong(day, 'en-GB')}` })).toHaveCount(0);
  await expect(app.getByRole('button', { name: 'Approve week' })).toHaveCount(0);
  await app.screenshot({ path: `${artifactsDir}/timesheet-approved.png`, fullPage: true });
  await app.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot({ path: `${artifactsDir}/timesheet-approved-dark.png`, fullPage: true });
  await app.emulateMedia({ colorScheme: 'light' });

  // Approved time that was too long: lowering the cell shortens it (never deletes it), marks it in
  // the question, says QuickBooks gets the change, and keeps it approved.
  const noTask = app.getByLabel(`Acme · Website · No task, ${dayShort}`, { exact: true });
  await noTask.fill('2:00');
  await noTask.press('Enter');
  const fix = app.getByRole('dialog', { name: /^Lower Acme · Website.* to 2:00\?$/ });
  const fixed = fix.getByRole('list', { name: 'Entries that change' }).getByRole('listitem');
  await expect(fixed).toHaveCount(1);
  await expect(fixed.nth(0)).toContainText('14:00–15:00');
  await expect(fixed.nth(0)).toContainText('approved');
  await expect(fixed.nth(0)).toContainText('ends at 14:53 instead of 15:00');
  await expect(fix.getByText(/QuickBooks gets the change at the next sync/)).toBeVisible();
  await app.screenshot({ path: `${artifactsDir}/timesheet-lower-approved.png`, fullPage: true });
  await fix.getByRole('button', { name: 'Lower to 2:00' }).click();
  await expect(fix).toHaveCount(0);
  await expect(noTask).toHaveValue('2:00');

  // A day's header opens that day, where each entry can be opened on its own.
  await app.getByRole('button', { name: dayShort, exact: true }).click();
  await expect(app.getByLabel('Day', { exact: true })).toHaveValue(day);
  await expect(app.getByRole('list', { name: /^Entries on / }).getByRole('listitem').filter({ hasText: 'Wireframes for the home page' })).toContainText('approved');
});
