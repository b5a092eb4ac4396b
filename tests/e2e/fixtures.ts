// Each test gets its own harness (fresh data folder, fresh secret) and a page already inside the
// app. The harness is the real main-process services in Node; the page is the real renderer.
import { test as base, expect, type Page } from '@playwright/test';
import { startHarness, type RunningHarnessApp } from '../../electron/harness/harness';

export const artifactsDir = 'test-artifacts/screens';

export const test = base.extend<{ harness: RunningHarnessApp; app: Page }>({
  harness: async ({}, use) => {
    const harness = await startHarness({ testControls: true });
    await use(harness);
    await harness.close();
  },
  app: async ({ page, harness }, use) => {
    await page.goto(harness.appUrl);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await use(page);
  },
});

/** Calls one of the harness's test controls (idle, tray, opened links) with the run's secret. */
export async function control(harness: RunningHarnessApp, name: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${harness.url}/_harness/${name}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'x-track-nexus-token': harness.token, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`control ${name} answered ${res.status}`);
  return res.json();
}

/** Creates a project (and its client) through the timer's project picker, as a new user does. */
export async function createProjectInline(app: Page, name: string, client: string) {
  await app.getByRole('button', { name: /^(Project|Switch project):/ }).first().click();
  const dialog = app.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeVisible();
  if (!(await dialog.getByLabel('Project name').isVisible())) await dialog.getByRole('button', { name: 'Create project…' }).click();
  await dialog.getByLabel('Project name').fill(name);
  await dialog.getByLabel(/Client/).fill(client);
  await dialog.getByRole('button', { name: 'Create and choose' }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
}

/** An instant as the page's own local date ('YYYY-MM-DD') and time ('HH:MM'), read in the page's zone. */
export function pageLocal(app: Page, ms: number): Promise<{ date: string; time: string }> {
  return app.evaluate((at) => {
    const d = new Date(at);
    const two = (n: number) => String(n).padStart(2, '0');
    return { date: `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`, time: `${two(d.getHours())}:${two(d.getMinutes())}` };
  }, ms);
}

export { expect };
