// The tray menu in step with the timer: the harness records the tray model main renders and lets
// the test click its items, as a person would.
import type { RunningHarnessApp } from '../../electron/harness/harness';
import { formatClockTime } from '../../shared/time/display';
import { control, createProjectInline, expect, test } from './fixtures';

interface TrayModel {
  tooltip: string;
  items: { type: string; id?: string; label?: string }[];
}

const tray = async (harness: RunningHarnessApp) => (await control(harness, 'tray')) as TrayModel;
const labels = (m: TrayModel) => m.items.filter((i) => i.label).map((i) => i.label);


test('the tray shows what runs and since when, and its Stop stops the timer in the window', async ({ app, harness }) => {
  await expect.poll(async () => (await tray(harness)).tooltip).toBe('Track Nexus: no timer running');
  await createProjectInline(app, 'Website', 'Acme');
  await app.getByRole('button', { name: 'Start' }).click();
  await expect(app.getByRole('timer')).toBeVisible();

  await expect.poll(async () => labels(await tray(harness))[0]).toBe('▶ Acme · Website — 0:00');
  // Main (the harness runs in this process) says since when in its own locale and zone, in the one
  // format every screen uses: "21:13", or "9:13 PM" where the clock has 12 hours.
  const startedAt = Number(await app.getByRole('timer').getAttribute('data-started-at'));
  const since = formatClockTime(startedAt, Intl.DateTimeFormat().resolvedOptions().timeZone);
  expect((await tray(harness)).tooltip).toBe(`Track Nexus: Acme · Website, 0:00 since ${since}`);

  await control(harness, 'tray/click', { id: 'stop' });
  await expect(app.getByRole('button', { name: 'Start' })).toBeVisible();
  await expect(app.getByRole('timer')).toHaveCount(0);
  await expect.poll(async () => labels(await tray(harness))[0]).toBe('No timer running');
});

test('recent projects in the tray start and switch the timer', async ({ app, harness }) => {
  await createProjectInline(app, 'Website', 'Acme');
  await app.getByRole('button', { name: 'Start' }).click();
  await createProjectInline(app, 'Logo', 'Globex'); // switches while running
  await expect(app.getByRole('button', { name: 'Switch project: Globex · Logo' })).toBeVisible();

  // Running Globex: the tray offers Acme to switch to.
  await expect.poll(async () => labels(await tray(harness))).toEqual(
    expect.arrayContaining(['▶ Globex · Logo — 0:00', 'Switch to', 'Acme · Website', 'Open Track Nexus', 'Quit']),
  );
  const acme = (await tray(harness)).items.find((i) => i.label === 'Acme · Website')!;
  await control(harness, 'tray/click', { id: acme.id });
  await expect(app.getByRole('button', { name: 'Switch project: Acme · Website' })).toBeVisible();
  await expect(app.getByRole('list', { name: 'Today’s entries' }).getByRole('listitem')).toHaveCount(3);

  // Stop: the tray's Start names the project it starts (the one just stopped, which the timer bar
  // shows too), and offers the other recent project beside it.
  await control(harness, 'tray/click', { id: 'stop' });
  await expect(app.getByRole('button', { name: 'Start' })).toBeVisible();
  await expect(app.getByRole('button', { name: 'Project: Acme · Website' })).toBeVisible();
  await expect.poll(async () => labels(await tray(harness))).toEqual(
    expect.arrayContaining(['No timer running', 'Start Acme · Website', 'Or start', 'Globex · Logo']),
  );
  await control(harness, 'tray/click', { id: 'start' });
  await expect(app.getByRole('button', { name: 'Switch project: Acme · Website' })).toBeVisible();
  await expect(app.getByRole('timer')).toBeVisible();
});

test('after a reload the tray still reports the running timer with its true start', async ({ app, harness }) => {
  await createProjectInline(app, 'Website', 'Acme');
  await app.getByRole('button', { name: 'Start' }).click();
  await expect.poll(async () => labels(await tray(harness))[0]).toBe('▶ Acme · Website — 0:00');
  const before = (await tray(harness)).tooltip;
  await app.reload();
  await expect(app.getByRole('timer')).toBeVisible();
  await expect.poll(async () => (await tray(harness)).tooltip).toBe(before);
});
