// Two people's week, end to end in Chromium against the browser harness:
// - a consultant reviews yesterday's captured activity, accepts it, and approves the whole week from
//   the Timesheet, then finds the approved entries on their day;
// - a freelancer fixes a past day's timesheet cell, opens that day, deletes an entry by mistake and
//   restores it from the trash.
// Days are the page's own (yesterday and the week around it, whatever hour the run starts).
import type { Page } from '@playwright/test';
import { formatDayShort } from '../../shared/time/display';
import { addLocalDays, startOfLocalWeek } from '../../shared/time/local-date';
import { artifactsDir, control, createProjectInline, expect, pageLocal, test } from './fixtures';

const main = (app: Page) => app.getByRole('navigation', { name: 'Main' });
const dayList = (app: Page) => app.getByRole('list', { name: /^(Entries on |Today’s entries)/ });

/** The page's today and yesterday; on a Monday, yesterday is in the previous week. */
async function days(app: Page) {
  const today = (await pageLocal(app, Date.now())).date;
  const yesterday = addLocalDays(today, -1);
  return { today, yesterday, inLastWeek: yesterday < startOfLocalWeek(today, 1) };
}

async function openTimesheetOn(app: Page, day: string, inLastWeek: boolean) {
  await main(app).getByRole('link', { name: 'Timesheet' }).click();
  if (inLastWeek) await app.getByRole('button', { name: 'Previous week' }).click();
  await expect(app.getByRole('button', { name: formatDayShort(day, 'en-GB'), exact: true })).toBeVisible();
}

test('a consultant reviews yesterday, accepts it, approves the week and finds it approved on its day', async ({ app, harness }) => {
  const { yesterday, inLastWeek } = await days(app);
  await createProjectInline(app, 'Customer portal', 'Acme Corp');
  await createProjectInline(app, 'Security audit', 'Acme Corp');
  const base = await app.evaluate(() => { const d = new Date(); d.setDate(d.getDate() - 1); d.setHours(9, 0, 0, 0); return d.getTime(); });
  const seg = (id: string, from: number, to: number, appName: string, title: string) =>
    ({ id, start: base + from * 60_000, end: base + to * 60_000, app: appName, title, url: null, kind: 'active' });
  await main(app).getByRole('link', { name: 'Review' }).click();
  await control(harness, 'capture/segments', {
    segments: [
      seg('w1', 0, 50, 'Code', 'login.ts — Customer portal — Visual Studio Code'),
      seg('w2', 50, 95, 'Word', 'Security audit findings.docx'),
    ],
  });

  // Review yesterday: the suggestions name each project; the second one gets a description.
  await app.getByRole('button', { name: 'Previous day' }).click();
  await expect(app.getByLabel('Day', { exact: true })).toHaveValue(yesterday);
  const audit = app.getByRole('article', { name: /Proposed entry 09:50–10:35/ });
  await expect(audit.getByRole('combobox', { name: 'Project' })).toHaveText(/Acme Corp · Security audit/);
  await audit.getByRole('textbox', { name: 'Description' }).fill('Findings write-up');
  await app.getByRole('button', { name: 'Accept all' }).click();
  await expect(app.getByRole('status').filter({ hasText: /^Accepted 2 proposals/ })).toBeVisible();

  // Approve the week from the Timesheet: the question counts the entries and their time.
  await openTimesheetOn(app, yesterday, inLastWeek);
  await app.getByRole('button', { name: 'Approve week' }).click();
  const approve = app.getByRole('dialog', { name: /^Approve the week of / });
  await expect(approve.getByTestId('approve-total')).toHaveText('2 entries, 1:35');
  await approve.getByRole('button', { name: 'Approve 2 entries' }).click();
  await expect(app.getByText('Approved 2 entries (1:35).')).toBeVisible();

  // The day, opened from its column: both entries approved, the description kept.
  await app.getByRole('button', { name: formatDayShort(yesterday, 'en-GB'), exact: true }).click();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Yesterday');
  const findings = dayList(app).getByRole('listitem').filter({ hasText: 'Findings write-up' });
  await expect(findings).toContainText('Acme Corp · Security audit');
  await expect(findings).toContainText('approved');
  await expect(dayList(app).getByRole('listitem').filter({ hasText: 'Acme Corp · Customer portal' })).toContainText('approved');
  await app.screenshot({ path: `${artifactsDir}/week-consultant-approved.png`, fullPage: true });
});

test('a freelancer fixes a past day’s timesheet cell, deletes an entry by mistake and restores it', async ({ app }) => {
  const { yesterday, inLastWeek } = await days(app);
  await createProjectInline(app, 'Website', 'Acme');

  // Two entries yesterday, added on the day itself.
  await app.getByRole('button', { name: 'Previous day' }).click();
  for (const [start, end, text] of [['09:00', '10:30', 'Wireframes'], ['13:00', '14:00', '']] as const) {
    await app.getByRole('button', { name: /^Add time/ }).first().click();
    const add = app.getByRole('dialog', { name: 'Add time' });
    await expect(add.getByLabel('Start date')).toHaveValue(yesterday);
    if (text) await add.getByLabel('Description').fill(text);
    await add.getByLabel('Start time').fill(start);
    await add.getByLabel('End time').fill(end);
    await add.getByRole('button', { name: 'Add' }).click();
    await expect(add).toHaveCount(0);
  }
  await expect(app.getByTestId('total')).toHaveText('2:30');

  // The timesheet cell says 2:30; it should have been 2:00. Lowering asks and names what changes.
  await openTimesheetOn(app, yesterday, inLastWeek);
  const cell = app.getByLabel(`Acme · Website, ${formatDayShort(yesterday, 'en-GB')}`, { exact: true });
  await expect(cell).toHaveValue('2:30');
  await cell.fill('2:00');
  await cell.press('Enter');
  const lower = app.getByRole('dialog', { name: /^Lower Acme · Website on .* to 2:00\?$/ });
  await expect(lower.getByRole('list', { name: 'Entries that change' }).getByRole('listitem')).toHaveCount(1);
  await expect(lower).toContainText('ends at 13:30 instead of 14:00');
  await lower.getByRole('button', { name: 'Lower to 2:00' }).click();
  await expect(cell).toHaveValue('2:00');

  // On the day, Wireframes is deleted by mistake, and comes back from the trash as it was.
  await app.getByRole('button', { name: formatDayShort(yesterday, 'en-GB'), exact: true }).click();
  const wireframes = dayList(app).getByRole('listitem').filter({ hasText: 'Wireframes' });
  await wireframes.getByRole('button', { name: /^Delete/ }).click();
  await app.getByRole('dialog', { name: 'Delete this entry?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(wireframes).toHaveCount(0);
  await expect(app.getByTestId('total')).toHaveText('0:30');
  await main(app).getByRole('link', { name: /^Trash/ }).click();
  const row = app.getByRole('list', { name: 'Deleted entries' }).getByRole('listitem').filter({ hasText: 'Wireframes' });
  await row.getByRole('button', { name: /^Restore/ }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Restored' })).toContainText('Restored 09:00–10:30 Acme · Website');

  await openTimesheetOn(app, yesterday, inLastWeek);
  await expect(cell).toHaveValue('2:00');
  await app.getByRole('button', { name: formatDayShort(yesterday, 'en-GB'), exact: true }).click();
  await expect(wireframes).toContainText('09:00–10:30');
  await expect(app.getByTestId('total')).toHaveText('2:00');
  await app.screenshot({ path: `${artifactsDir}/week-freelancer-restored.png`, fullPage: true });
});
