// The day view on any day: moving between days (buttons, the date picker, the keyboard, the URL),
// adding and approving time on a past day, and being told where time went when it was saved on a
// day other than the one shown.
import type { Page } from '@playwright/test';
import { artifactsDir, createProjectInline, expect, pageLocal, test } from './fixtures';

const title = (app: Page) => app.getByRole('heading', { level: 1 });
const list = (app: Page, name: string | RegExp) => app.getByRole('list', { name });

/** The page's own today and the days around it, as 'YYYY-MM-DD'. */
async function days(app: Page) {
  const day = 24 * 60 * 60_000;
  const now = Date.now();
  // Mid-afternoon in the page's zone, so ±1 day never crosses a DST change by more than an hour.
  return { today: (await pageLocal(app, now)).date, yesterday: (await pageLocal(app, now - day)).date, before: (await pageLocal(app, now - 2 * day)).date };
}

test('a past day is opened, given time and approved, and the keyboard and the URL move between days', async ({ app }) => {
  const { today, yesterday, before } = await days(app);
  await createProjectInline(app, 'Website', 'Acme');
  await expect(title(app)).toHaveText('Today');

  await app.getByRole('button', { name: 'Previous day' }).click();
  await expect(title(app)).toHaveText('Yesterday');
  await expect(app.getByLabel('Day', { exact: true })).toHaveValue(yesterday);
  await expect(app.getByRole('heading', { name: /^Nothing tracked on / })).toBeVisible();

  // Add time opens on the day shown, at 09:00.
  await app.getByRole('button', { name: 'Add time to this day' }).click();
  const add = app.getByRole('dialog', { name: 'Add time' });
  await expect(add.getByLabel('Start date')).toHaveValue(yesterday);
  await expect(add.getByLabel('Start time')).toHaveValue('09:00');
  await add.getByLabel('Description').fill('Audit of last sprint');
  await add.getByLabel('End time').fill('10:30');
  await add.getByRole('button', { name: 'Add' }).click();
  await expect(add).toHaveCount(0);
  const audit = list(app, /^Entries on /).getByRole('listitem').filter({ hasText: 'Audit of last sprint' });
  await expect(audit).toContainText('09:00–10:30');
  await expect(app.getByTestId('total')).toHaveText('1:30');

  // Approve it on its own day, so it can reach QuickBooks.
  await audit.getByRole('button', { name: /^Approve/ }).click();
  await expect(audit).toContainText('approved');
  await app.screenshot({ path: `${artifactsDir}/day-past-approved.png`, fullPage: true });

  // The URL holds the day: a reload stays on it.
  await expect(app).toHaveURL(new RegExp(`#/today/${yesterday}$`));
  await app.reload();
  await expect(title(app)).toHaveText('Yesterday');
  await expect(audit).toContainText('approved');

  // Keyboard: Alt+→ the next day, Alt+← back, Alt+Home today; not while typing.
  await title(app).click();
  await app.keyboard.press('Alt+ArrowRight');
  await expect(title(app)).toHaveText('Today');
  await app.keyboard.press('Alt+ArrowLeft');
  await app.keyboard.press('Alt+ArrowLeft');
  await expect(app.getByLabel('Day', { exact: true })).toHaveValue(before);
  await app.getByLabel('What are you working on?').focus();
  await app.keyboard.press('Alt+Home');
  await expect(app.getByLabel('Day', { exact: true })).toHaveValue(before);
  await title(app).click();
  await app.keyboard.press('Alt+Home');
  await expect(title(app)).toHaveText('Today');

  // The date picker, then "Back to today".
  await app.getByLabel('Day', { exact: true }).fill(yesterday);
  await expect(title(app)).toHaveText('Yesterday');
  await app.getByRole('button', { name: 'Back to today' }).click();
  await expect(title(app)).toHaveText('Today');
  await expect(app.getByLabel('Day', { exact: true })).toHaveValue(today);
  await expect(app.getByRole('button', { name: 'Back to today' })).toHaveCount(0);
});

test('time saved on another day than the one shown says where it went, with a way there', async ({ app }) => {
  const { before } = await days(app);
  await createProjectInline(app, 'Website', 'Acme');
  await app.getByRole('button', { name: 'Add time' }).click();
  const add = app.getByRole('dialog', { name: 'Add time' });
  await add.getByLabel('Description').fill('Forgotten workshop');
  await add.getByLabel('Start date').fill(before);
  await add.getByLabel('Start time').fill('14:00');
  await add.getByLabel('End date').fill(before);
  await add.getByLabel('End time').fill('16:00');
  await add.getByRole('button', { name: 'Add' }).click();

  const notice = app.getByRole('status').filter({ hasText: 'not on the day shown' });
  await expect(notice).toContainText(/^Saved on \w+ \d+ \w+, not on the day shown\./);
  await expect(app.getByRole('heading', { name: 'Nothing tracked today' })).toBeVisible();
  await app.screenshot({ path: `${artifactsDir}/day-saved-elsewhere.png` });
  await notice.getByRole('button', { name: /^Show / }).click();
  await expect(app.getByLabel('Day', { exact: true })).toHaveValue(before);
  await expect(list(app, /^Entries on /).getByRole('listitem').filter({ hasText: 'Forgotten workshop' })).toContainText('14:00–16:00');
  await expect(notice).toHaveCount(0);
});

test.describe('a 12-hour clock', () => {
  test.use({ locale: 'en-US' });
  test('times and dates read in the locale’s own format', async ({ app }) => {
    await createProjectInline(app, 'Website', 'Acme');
    await app.getByRole('button', { name: 'Add time' }).click();
    const add = app.getByRole('dialog', { name: 'Add time' });
    await add.getByLabel('Description').fill('Standup');
    await add.getByLabel('Start time').fill('09:00');
    await add.getByLabel('End time').fill('09:15');
    await add.getByRole('button', { name: 'Add' }).click();
    await expect(list(app, 'Today’s entries').getByRole('listitem').filter({ hasText: 'Standup' })).toContainText(/9:00\sAM–9:15\sAM/);
    await expect(app.locator('.subtitle')).toHaveText(/^\w+day, \w+ \d+$/);
  });
});
