// What the QuickBooks stories share: the sandbox's books as they stand, the consent page the app
// opened "in the system browser", connecting the app to a sandbox as a custom server, and the day
// both the Online and the Desktop stories push (a Showroom project, two drafts approved on Today).
import type { BrowserContext, Page } from '@playwright/test';
import type { RunningSandbox } from '../../electron/qbo-sandbox/index';
import { control, expect } from './fixtures';

export interface SandboxState {
  entities: Record<string, Array<Record<string, unknown> & { Id: string }>>;
}

export async function sandboxState(sb: RunningSandbox): Promise<SandboxState> {
  const res = await fetch(`${sb.url}/_sandbox/state`);
  return (await res.json()) as SandboxState;
}

export type Harness = Parameters<typeof control>[0];

/** The nth consent page the app opened "in the system browser" (1 = the first connect). */
export async function consentUrl(harness: Harness, nth = 1): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const { urls } = (await control(harness, 'opened')) as { urls: string[] };
    const url = urls.filter((u) => u.includes('/connect/oauth2'))[nth - 1];
    if (url) return url;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('The consent page was never opened');
}

/** Connects the sandbox as a custom server, through its consent page. */
export async function connectCustomServer(app: Page, harness: Harness, context: BrowserContext, sb: RunningSandbox) {
  await app.getByRole('link', { name: 'QuickBooks' }).click();
  await app.getByLabel('Where').selectOption('custom');
  await app.getByLabel('API base URL').fill(sb.url);
  await app.getByLabel('OAuth base URL').fill(sb.url);
  await app.getByLabel('Client ID').fill('sandbox-client');
  await app.getByLabel('Client secret').fill('sandbox-secret');
  await app.getByRole('button', { name: 'Connect', exact: true }).click();
  const consent = await context.newPage();
  await consent.goto(await consentUrl(harness));
  await consent.getByRole('button', { name: 'Approve' }).click();
  await expect(consent.getByText(/close this (tab|window)/i)).toBeVisible();
  await consent.close();
  await expect(app.getByRole('heading', { name: 'Connected to Track Nexus Demo Company' })).toBeVisible();
}

/** A client, a billable project at 120.00 USD/h with one task, and two draft entries today (09:00–10:30, 11:00–11:45). */
export async function seedShowroomDay(page: Page): Promise<{ today: string }> {
  const today = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('track-nexus');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const now = Date.now();
    const at = (h: number, m: number) => { const d = new Date(); d.setHours(h, m, 0, 0); return d.getTime(); };
    const d = new Date();
    const localDate = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const tx = db.transaction(['clients', 'projects', 'tasks', 'entries'], 'readwrite');
    tx.objectStore('clients').put({ id: 'c-cars', name: 'Cool Cars', archived: false, qboCustomerId: null, createdAt: now, updatedAt: now });
    tx.objectStore('projects').put({
      id: 'p-showroom', clientId: 'c-cars', name: 'Showroom Landscaping', color: '#2563eb', billable: true, defaultTaskId: null, rateMinor: 12000, currency: 'USD',
      rounding: null, archived: false, qboCustomerId: null, qboItemId: null, qboClassId: null, createdAt: now, updatedAt: now,
    });
    tx.objectStore('tasks').put({ id: 't-design', projectId: 'p-showroom', name: 'Design', archived: false, qboItemId: null, createdAt: now, updatedAt: now });
    const entry = (id: string, start: number, end: number, description: string) => ({
      id, projectId: 'p-showroom', taskId: 't-design', description, start, end, zone, source: 'manual', billable: true, status: 'draft',
      version: 1, createdAt: now, updatedAt: now, localDate,
    });
    tx.objectStore('entries').put(entry('e-plans', at(9, 0), at(10, 30), 'Showroom plans'));
    tx.objectStore('entries').put(entry('e-visit', at(11, 0), at(11, 45), 'Site visit'));
    await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
    db.close();
    return localDate;
  });
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  return { today };
}

const todayEntry = (app: Page, text: string) => app.getByRole('list', { name: 'Today’s entries' }).getByRole('listitem').filter({ hasText: text });
export const tab = (app: Page, name: string) => app.getByRole('tablist', { name: 'QuickBooks' }).getByRole('tab', { name: new RegExp(`^${name}`) });

/** Edits the end of an entry already sent to QuickBooks on Today, confirming the question: it stays approved and is queued. */
export async function editSentEntryEnd(app: Page, text: string, end: string) {
  await app.getByRole('link', { name: 'Today' }).click();
  await todayEntry(app, text).getByRole('button', { name: /^Edit/ }).click();
  await app.getByRole('dialog', { name: 'Edit an approved entry?' }).getByRole('button', { name: 'Edit anyway' }).click();
  const edit = app.getByRole('dialog', { name: 'Edit entry' });
  await edit.getByLabel('End time').fill(end);
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toHaveCount(0);
  // Confirming the edit re-approved it: no second click.
  await expect(todayEntry(app, text)).toContainText('approved');
}

/** Approves both entries on the Today screen. */
export async function approveBothOnToday(app: Page) {
  await app.getByRole('link', { name: 'Today' }).click();
  for (const text of ['Showroom plans', 'Site visit']) {
    await todayEntry(app, text).getByRole('button', { name: /^Approve/ }).click();
    await expect(todayEntry(app, text)).toContainText('approved');
  }
}

