// Work while hidden: with the window closed to the tray the page is hidden, and the scheduled sync and
// the reminders must still fire at their times. The real scheduler and reminder runner are bundled
// into a page in a minimized Chromium window, hidden for real (tests/e2e/hidden-chromium.ts says why
// Playwright's own pages cannot be). The first two tests show that it matters: with Chromium's
// background throttling on (a browser tab) the hidden page's sync runs late, and with it off (what the
// app window's backgroundThrottling: false does in Electron) it runs on time. The last two move a fake
// clock through a day's due times, so they wait for nothing.
import { test as base, expect, type Page } from '@playwright/test';
import { build } from 'esbuild';
import { startChromium, type HiddenChromium } from './hidden-chromium';

const ENTRY = `
import { createScheduler } from './renderer/src/features/quickbooks/engine/scheduler';
import { createReminderRunner } from './renderer/src/features/reminders/runner';
window.hiddenWork = { createScheduler, createReminderRunner };
`;

async function bundle(): Promise<string> {
  const out = await build({ stdin: { contents: ENTRY, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, write: false, format: 'iife', platform: 'browser', logLevel: 'silent' });
  return out.outputFiles[0]!.text;
}

const test = base.extend<{ throttled: HiddenChromium; unthrottled: HiddenChromium }>({
  throttled: async ({}, use) => {
    const chromium = await startChromium({ throttling: true });
    await use(chromium);
    await chromium.close();
  },
  unthrottled: async ({}, use) => {
    const chromium = await startChromium({ throttling: false });
    await use(chromium);
    await chromium.close();
  },
});

/** Loads the scheduler and reminder runner into the page, then hides its window. */
async function loadHidden({ page, hide }: HiddenChromium): Promise<void> {
  await page.goto('data:text/html,<title>hidden</title>');
  await page.addScriptTag({ content: await bundle() });
  await hide();
  await expect.poll(() => page.evaluate(() => document.visibilityState)).toBe('hidden');
}

const T0 = Date.UTC(2026, 11, 4, 17, 58, 30);
const MIN = 60_000;

// Real time, briefly: Chromium's throttling acts on real timers, so these two run the scheduler on
// the page's real setTimeout for 3 s. Its clock runs 9,000 times fast, so a sync every 15 minutes is
// due every 100 ms: about 30 runs in 3 s when on time. Throttled, a hidden page wakes its timers at
// most once a second, so at most about 3 + 2. The bounds sit far apart and lean the way load pushes
// (a busy machine makes runs fewer, never more): the throttled case must stay at or under one run a
// second plus 2, which only throttling explains; the unthrottled one must reach 4 a second, four
// times what throttling allows, with room for load to cost it more than half its runs.
const SPEED = 9000;
const WINDOW_MS = 3000;

/** Runs the scheduler every 15 (fast) minutes for WINDOW_MS of real time; what ran, and when. */
async function scheduledRuns(page: Page): Promise<{ runs: Array<{ at: number; visibility: string }>; seconds: number }> {
  await page.evaluate(async ({ speed, t0 }) => {
    type Scheduler = { reschedule(): Promise<unknown>; stop(): void };
    const w = window as unknown as { hiddenWork: { createScheduler: (deps: unknown) => Scheduler }; real: { start: number; runs: unknown[]; scheduler: Scheduler } };
    const start = performance.now();
    const settings = { mode: 'interval', intervalMinutes: 15, dailyAt: '18:00', conflictRule: 'ask', aggregateProjectIds: [] };
    const runs: unknown[] = [];
    const scheduler = w.hiddenWork.createScheduler({
      settings: async () => settings,
      run: async () => runs.push({ at: Math.round(performance.now() - start), visibility: document.visibilityState }),
      now: () => t0 + (performance.now() - start) * speed,
      zone: () => 'UTC',
      // The page's real timers; only the scheduler's sense of time is sped up.
      timers: { setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms / speed), clearTimeout: (h: number) => clearTimeout(h) },
    });
    w.real = { start, runs, scheduler };
    await scheduler.reschedule();
  }, { speed: SPEED, t0: T0 });
  await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
  const result = await page.evaluate(() => {
    const { start, runs, scheduler } = (window as unknown as { real: { start: number; runs: Array<{ at: number; visibility: string }>; scheduler: { stop(): void } } }).real;
    scheduler.stop();
    return { runs, seconds: (performance.now() - start) / 1000 };
  });
  test.info().annotations.push({ type: 'measured', description: `${result.runs.length} runs in ${result.seconds.toFixed(2)} s, at ms ${result.runs.map((r) => r.at).join(' ')}` });
  return result;
}

test('control: with background throttling on, a hidden page runs its scheduled sync late', async ({ throttled }) => {
  await loadHidden(throttled);
  const { runs, seconds } = await scheduledRuns(throttled.page);
  expect(runs.length).toBeGreaterThanOrEqual(1);
  expect(runs.every((r) => r.visibility === 'hidden')).toBe(true);
  expect(runs.length).toBeLessThanOrEqual(Math.floor(seconds) + 2);
});

test('with background throttling off, as in the app window, a hidden page runs its scheduled sync on time', async ({ unthrottled }) => {
  await loadHidden(unthrottled);
  const { runs, seconds } = await scheduledRuns(unthrottled.page);
  expect(runs.every((r) => r.visibility === 'hidden')).toBe(true);
  expect(runs.length).toBeGreaterThanOrEqual(4 * seconds);
});

test.describe('due times, on a fake clock', () => {
  test.beforeEach(async ({ unthrottled }) => {
    // Time stands still at T0 and moves only when the test says so.
    await unthrottled.page.clock.install({ time: T0 - 1000 });
    await unthrottled.page.clock.pauseAt(T0);
    await loadHidden(unthrottled);
  });

  test('a scheduled sync fires at its due times while the page is hidden', async ({ unthrottled: { page } }) => {
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

  test('a reminder due at 18:00 is shown at 18:00 while the page is hidden, and once', async ({ unthrottled: { page } }) => {
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
});
