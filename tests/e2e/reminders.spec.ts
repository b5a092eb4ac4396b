// A reminder end to end: captured activity left unreviewed past the review time becomes one
// notification through main's notifier (recorded by the harness), and clicking it opens the review
// at that day. The page's clock is Playwright's, so the runner's next minute comes at once.
import { control, expect, pageLocal, test } from './fixtures';

type Shown = { shown: Array<{ title: string; body: string }> };

test('an unreviewed day reminds once, and the click opens the review at that day', async ({ page, harness }) => {
  await page.clock.install();
  await page.goto(harness.appUrl);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Reminders' }).click();
  // Saved, then shown from the database: the box changes once the save is through.
  const quiet = page.getByRole('checkbox', { name: 'Quiet hours (no reminders)' });
  await quiet.click();
  await expect(quiet).not.toBeChecked();
  await page.getByLabel('Review by').fill('00:00');
  await expect(page.getByLabel('Review by')).toHaveValue('00:00');

  const now = await page.evaluate(() => Date.now());
  const start = now - 60 * 60_000;
  await control(harness, 'capture/segments', { segments: [{ id: 'r1', start, end: start + 30 * 60_000, app: 'Code', title: 'notes.md — Visual Studio Code', url: null, kind: 'active' }] });
  const { date } = await pageLocal(page, start);

  await expect.poll(async () => {
    await page.clock.runFor(60_000);
    return ((await control(harness, 'reminders')) as Shown).shown;
  }).toEqual([{ title: 'A day is waiting for review', body: `Captured activity on ${date} is not reviewed yet.` }]);
  await page.clock.runFor(5 * 60_000);
  expect(((await control(harness, 'reminders')) as Shown).shown).toHaveLength(1);

  await control(harness, 'reminders/click', { index: 0 });
  await expect(page).toHaveURL(new RegExp(`#/review/${date}$`));
});
