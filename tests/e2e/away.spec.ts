// Away time while a timer runs, driven the way main reports it: the harness's idle source says the
// machine has been idle for a while, then that the user is back; main emits capture:away twice.
// The timer is started, then its start is moved back the way a user fixes a forgotten start.
import type { Locator, Page } from '@playwright/test';
import { artifactsDir, control, createProjectInline, expect, pageLocal, test } from './fixtures';

const MIN = 60_000;

/** Starts a timer on Acme · Website and moves its start `minutesAgo` minutes back. */
async function timerStartedAgo(app: Page, minutesAgo: number) {
  await createProjectInline(app, 'Website', 'Acme');
  await app.getByLabel('What are you working on?').fill('Landing page');
  await app.getByRole('button', { name: 'Start' }).click();
  await expect(app.getByRole('timer')).toBeVisible();
  await entries(app).filter({ hasText: 'running' }).getByRole('button', { name: /^Edit/ }).click();
  const edit = app.getByRole('dialog', { name: 'Edit entry' });
  const began = await pageLocal(app, Date.now() - minutesAgo * MIN);
  await edit.getByLabel('Start date').fill(began.date);
  await edit.getByLabel('Start time').fill(began.time);
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toHaveCount(0);
}

/**
 * The idle source reports `seconds` of idleness until main has read it, then that the user is back
 * (each control answers once main's idle monitor has read the value).
 */
async function awayFor(harness: Parameters<typeof control>[0], seconds: number) {
  await control(harness, 'idle', { seconds });
  await control(harness, 'idle', { seconds: 0 });
}

/** The question's sentence ("You were away from 14:02 to 14:22 (20 min, idle).") in a prompt. */
async function question(prompt: Locator): Promise<string> {
  const sentence = /You were away from \d\d:\d\d to \d\d:\d\d \(\d+ min, idle\)\./.exec((await prompt.textContent()) ?? '');
  expect(sentence).not.toBeNull();
  return sentence![0];
}

const entries = (app: Page) => app.getByRole('list', { name: 'Today’s entries' }).getByRole('listitem');

test.describe('away prompt', () => {
  test('discarding away time stops the timer when the user left and restarts it when they came back', async ({ app, harness }) => {
    await timerStartedAgo(app, 30);
    await awayFor(harness, 400);
    const prompt = app.getByRole('dialog', { name: 'You were away' });
    await expect(prompt).toBeVisible({ timeout: 15_000 });
    await app.screenshot({ path: `${artifactsDir}/away-prompt.png` });
    await expect(prompt).toContainText(/You were away from \d\d:\d\d to \d\d:\d\d \(\d+ min, idle\)\. What should happen with this time\?/);
    await prompt.getByRole('button', { name: 'Discard' }).click();
    await expect(prompt).toHaveCount(0);
    await expect(entries(app)).toHaveCount(2);
    await expect(entries(app).nth(0)).toContainText('draft');
    await expect(entries(app).nth(1)).toContainText('running');
    await expect(entries(app).nth(1)).toContainText('Landing page');
  });

  test('an unanswered prompt is asked again after a reload, and once answered it stays answered', async ({ app, harness }) => {
    test.slow(); // two absences: four reads of the idle monitor, which polls every 10 s while the user is present
    await timerStartedAgo(app, 30);
    await awayFor(harness, 20 * 60);
    const prompt = app.getByRole('dialog', { name: 'You were away' });
    await expect(prompt).toBeVisible({ timeout: 15_000 });
    const first = await question(prompt);
    // A second, shorter absence while the first question waits.
    await awayFor(harness, 400);
    await expect(prompt).toContainText('1 more away period to go.', { timeout: 15_000 });
    await app.reload();
    await expect(prompt).toContainText(first);
    await expect(prompt).toContainText('1 more away period to go.');
    await prompt.getByRole('button', { name: 'Keep' }).click();
    await expect(prompt).not.toContainText(first);
    const second = await question(prompt);
    // After a reload the start-up check asks again only what is still undecided: the second
    // absence, and not the first, which was answered.
    await app.reload();
    await expect(prompt).toContainText(second);
    await expect(prompt).not.toContainText('more away');
    await prompt.getByRole('button', { name: 'Keep' }).click();
    await expect(prompt).toHaveCount(0);
  });

  test('away time given to another project becomes its own entry', async ({ app, harness }) => {
    await timerStartedAgo(app, 30);
    await createProjectInline(app, 'Logo', 'Globex'); // switches: Globex runs now
    await awayFor(harness, 400);
    const prompt = app.getByRole('dialog', { name: 'You were away' });
    await expect(prompt).toBeVisible({ timeout: 15_000 });
    await prompt.getByRole('button', { name: 'Give it to another project…' }).click();
    await prompt.getByRole('button', { name: /^Give the away time to:/ }).click();
    await app.getByRole('dialog', { name: 'Give the away time to' }).getByRole('button', { name: 'Acme · Website' }).click();
    await prompt.getByRole('button', { name: 'Give to Acme · Website' }).click();
    await expect(prompt).toHaveCount(0);
    const labels = await entries(app).allTextContents();
    expect(labels.filter((l) => l.includes('running'))).toHaveLength(1);
    expect(labels.filter((l) => l.includes('Acme · Website'))).toHaveLength(2);
  });

  test('a timer left running overnight is stopped when the user left, after one prompt', async ({ app, harness }) => {
    await timerStartedAgo(app, 10 * 60);
    await awayFor(harness, 9 * 3600);
    const prompt = app.getByRole('dialog', { name: 'Your timer ran overnight' });
    await expect(prompt).toBeVisible({ timeout: 15_000 });
    await app.screenshot({ path: `${artifactsDir}/away-overnight.png` });
    await prompt.getByRole('button', { name: /^Stop at \d\d:\d\d \(when you left\)$/ }).click();
    await expect(prompt).toHaveCount(0);
    await expect(app.getByRole('button', { name: 'Start' })).toBeVisible();
  });
});

test('a timer found running for over 12 hours at start is asked about once', async ({ app }) => {
  await timerStartedAgo(app, 13 * 60);
  await app.reload();
  const prompt = app.getByRole('dialog', { name: 'Your timer ran overnight' });
  await expect(prompt).toBeVisible();
  await expect(prompt).toContainText(/has been running since .* \(13 h( \d\d min)?\)/);
  // Stopped working an hour after starting, typed as the page's own local date and time.
  const { date, time } = await pageLocal(app, Date.now() - 12 * 60 * MIN);
  await prompt.getByLabel('Stopped working on').fill(date);
  await prompt.getByLabel('Stopped working at').fill(time);
  const stop = prompt.getByRole('button', { name: `Stop at ${time}` });
  await expect(stop).toBeVisible();
  await stop.click();
  await expect(prompt).toHaveCount(0);
  await expect(app.getByRole('button', { name: 'Start' })).toBeVisible();
});
