// Work while hidden: with the window closed to the tray the page is hidden, and the scheduled sync and
// the reminders must still fire at their times. The real scheduler and reminder runner are bundled
// into a page whose document says it is hidden; Chromium runs here with background timer throttling
// off (Playwright's --disable-background-timer-throttling, which is what the app window's
// backgroundThrottling: false does in Electron). A fake clock moves time, so no test waits for it.
import { build } from 'esbuild';
import { expect, test } from './fixtures';

const ENTRY = `
import { createScheduler } from './renderer/src/features/quickbooks/engine/scheduler';
import { createReminderRunner } from './renderer/src/features/reminders/runner';
window.hiddenWork = { createScheduler, createReminderRunner };
`;

async function bundle(): Promise<string> {
  const out = await build({ stdin: { contents: ENTRY, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, write: false, format: 'iife', platform: 'browser', logLevel: 'silent' });
  return out.outputFiles[0]!.text;
}

const T0 = Date.UTC(2026, 11, 4, 17, 58, 30);
const MIN = 60_000;

test.beforeEach(async ({ page }) => {
  // Time stands still at T0 and moves only when the test says so.
  await page.clock.install({ time: T0 - 1000 });
  await page.clock.pauseAt(T0);
  // The page of a window closed to the tray, as the renderer sees it.
  await page.addInitScript(() => {
    Object.defineProperty(Document.prototype, 'visibilityState', { get: () => 'hidden' });
    Object.defineProperty(Document.prototype, 'hidden', { get: () => true });
  });
  await page.goto('data:text/html,<title>hidden</title>');
  await page.addScriptTag({ content: await bundle() });
});

test('a scheduled sync fires at its due times while the page is hidden', async ({ page }) => {
  await page.evaluate(async () => {
    const w = window as unknown as { hiddenWork: { createScheduler: (deps: unknown) => { reschedule(): Promise<unknown> } }; runs: Array<{ at: number; visibility: string }> };
    w.runs = [];
    const settings = { mode: 'interval', intervalMinutes: 15, dailyAt: '18:00', conflictRule: 'ask', aggregateProjectIds: [] };
    const scheduler = w.hiddenWork.createScheduler({
      settings: async () => settings,
      run: async () => w.runs.push({ at: Date.now(), visibility: document.visibilityState }),
      now: () => Date.now(),
      zone: () => 'UTC',
    });
    await scheduler.reschedule();
  });
  const runs = () => page.evaluate(() => (window as unknown as { runs: unknown[] }).runs);
  await page.clock.runFor(1000);
  await expect.poll(runs).toEqual([{ at: T0, visibility: 'hidden' }]);
  await page.clock.runFor(15 * MIN - 1000 - 1);
  expect(await runs()).toHaveLength(1);
  await page.clock.runFor(1);
  await expect.poll(runs).toEqual([{ at: T0, visibility: 'hidden' }, { at: T0 + 15 * MIN, visibility: 'hidden' }]);
});

test('a reminder due at 18:00 is shown at 18:00 while the page is hidden, and once', async ({ page }) => {
  await page.evaluate(() => {
    const w = window as unknown as { hiddenWork: { createReminderRunner: (deps: unknown) => { start(): void } }; shown: Array<{ at: number; id: string }> };
    w.shown = [];
    const settings = {
      noTimer: false, workStart: '09:00', workEnd: '17:00', workDays: [1, 2, 3, 4, 5], dayNotReviewed: true, reviewBy: '18:00',
      approvedWaiting: false, approvedWaitingHours: 24, syncProblem: false, budgetReached: false, quietHours: { on: false, start: '20:00', end: '08:00' },
    };
    w.hiddenWork.createReminderRunner({
      settings: async () => settings,
      snapshot: async () => ({ timerRunning: false, lastTimerEnd: null, unreviewedDays: ['2026-12-04'], oldestApprovedAt: null, syncProblems: [] }),
      notify: async (r: { id: string }) => w.shown.push({ at: Date.now(), id: r.id }),
      memory: { load: async () => [], save: async () => {} },
      now: () => Date.now(),
      zone: () => 'UTC',
    }).start();
  });
  const shown = () => page.evaluate(() => (window as unknown as { shown: unknown[] }).shown);
  await page.clock.runFor(89_999);
  expect(await shown()).toEqual([]);
  await page.clock.runFor(1);
  await expect.poll(shown).toEqual([{ at: T0 + 90_000, id: 'review:2026-12-04' }]);
  await page.clock.runFor(5 * MIN);
  expect(await shown()).toHaveLength(1);
});
