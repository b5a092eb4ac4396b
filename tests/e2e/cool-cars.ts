// What the invoicing stories share: the sandbox's customer Cool Cars as the app's client, with its
// Showroom Landscaping project (task Design) and five draft entries on one week's weekdays from
// 09:00, written straight into IndexedDB; and the steps every story takes through the screens to
// get that time approved, mapped and synced, and to open the Invoices screen over it.
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export interface WeekToSeed {
  /** Last week, or the last Monday-to-Friday that lies wholly in last month (a month that has ended). */
  week: 'last' | 'lastMonth';
  /** Hours of the Monday … Friday entries. */
  hours: readonly number[];
  /** Entry descriptions: this, then the day's number ("Planting plan 1"). */
  describe: string;
  rateMinor: number;
}

export interface SeededWeek {
  /** The entries' local dates, Monday first. */
  dates: string[];
  /** Weeks back from this one to the week of the entries. */
  weeksBack: number;
  /** Last month in words ("November 2026") and its first day. */
  lastMonth: string;
  firstOfLastMonth: string;
}

// Long because it runs in the page as one piece (nothing from outside reaches page.evaluate): the
// week's dates in the page's own zone, then the four tables' rows in one transaction.
async function seedInPage(page: Page, opts: WeekToSeed): Promise<SeededWeek> {
  return page.evaluate(async ({ week, hours, describe, rateMinor }) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('track-nexus');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const now = Date.now();
    const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const today = new Date();
    today.setHours(12, 0, 0, 0);
    const thisMonday = new Date(today);
    thisMonday.setDate(today.getDate() - ((today.getDay() + 6) % 7));
    const firstOfLast = new Date(today.getFullYear(), today.getMonth() - 1, 1, 12);
    const monday = new Date(thisMonday);
    if (week === 'last') monday.setDate(monday.getDate() - 7);
    else {
      monday.setTime(new Date(today.getFullYear(), today.getMonth(), 0, 12).getTime());
      while (monday.getDay() !== 1 || new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 4).getMonth() !== firstOfLast.getMonth()) monday.setDate(monday.getDate() - 1);
    }
    const weeksBack = Math.round((thisMonday.getTime() - monday.getTime()) / (7 * 86_400_000));
    const tx = db.transaction(['clients', 'projects', 'tasks', 'entries'], 'readwrite');
    tx.objectStore('clients').put({ id: 'c-cars', name: 'Cool Cars', archived: false, qboCustomerId: null, createdAt: now, updatedAt: now });
    tx.objectStore('projects').put({
      id: 'p-showroom', clientId: 'c-cars', name: 'Showroom Landscaping', color: '#2563eb', billable: true, defaultTaskId: null, rateMinor, currency: 'USD',
      rounding: null, archived: false, qboCustomerId: null, qboItemId: null, qboClassId: null, createdAt: now, updatedAt: now,
    });
    tx.objectStore('tasks').put({ id: 't-design', projectId: 'p-showroom', name: 'Design', archived: false, qboItemId: null, createdAt: now, updatedAt: now });
    const dates: string[] = [];
    hours.forEach((h, i) => {
      const day = new Date(monday);
      day.setDate(monday.getDate() + i);
      const start = new Date(day);
      start.setHours(9, 0, 0, 0);
      const localDate = iso(day);
      dates.push(localDate);
      tx.objectStore('entries').put({
        id: `e-${i}`, projectId: 'p-showroom', taskId: 't-design', description: `${describe} ${i + 1}`, start: start.getTime(), end: start.getTime() + h * 3_600_000,
        zone, source: 'manual', billable: true, status: 'draft', version: 1, createdAt: now, updatedAt: now, localDate,
      });
    });
    await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
    db.close();
    return { dates, weeksBack, lastMonth: firstOfLast.toLocaleDateString('en-US', { month: 'long', year: 'numeric' }), firstOfLastMonth: iso(firstOfLast) };
  }, opts);
}

/** Seeds the week, then reloads so the app reads it. */
export async function seedCoolCarsWeek(page: Page, opts: WeekToSeed): Promise<SeededWeek> {
  const seeded = await seedInPage(page, opts);
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  return seeded;
}

const tab = (app: Page, name: string) => app.getByRole('tablist', { name: 'QuickBooks' }).getByRole('tab', { name: new RegExp(`^${name}`) });

/** Approves the seeded week in the Timesheet, `weeksBack` weeks before this one. */
export async function approveWeek(app: Page, weeksBack: number) {
  await app.getByRole('link', { name: 'Timesheet' }).click();
  for (let i = 0; i < weeksBack; i++) await app.getByRole('button', { name: 'Previous week' }).click();
  await app.getByRole('button', { name: 'Approve week' }).click();
  const approve = app.getByRole('dialog', { name: /^Approve the week of / });
  await approve.getByRole('button', { name: 'Approve 5 entries' }).click();
  await expect(approve).toHaveCount(0);
}

/** Imports the company, maps the project, task, class and you, and syncs the five entries. */
export async function mapAndSync(app: Page) {
  await app.getByRole('button', { name: 'Import from QuickBooks' }).click();
  await expect(app.getByRole('status')).toContainText('Imported');
  await tab(app, 'Mapping').click();
  await app.getByLabel('Your name in QuickBooks (for suggestions)').fill('Emily Platt');
  await app.getByRole('button', { name: 'Apply suggestions above 90%' }).click();
  await app.getByLabel('Class for Cool Cars · Showroom Landscaping', { exact: true }).selectOption({ label: 'Residential' });
  await expect(app.getByText('Everything linked')).toBeVisible();
  await tab(app, 'Sync').click();
  await app.getByRole('button', { name: 'Sync now' }).click();
  await expect(app.getByText('Sent 5: 5 in QuickBooks, 0 failed.')).toBeVisible();
}

/** The Invoices screen over the seeded week. */
export async function openInvoicesFor(app: Page, dates: readonly string[]) {
  await app.getByRole('link', { name: 'Invoices' }).click();
  const period = app.getByRole('group', { name: 'Period to bill' });
  await period.getByLabel('Period').selectOption('custom');
  await period.getByLabel('From').fill(dates[0]!);
  await period.getByLabel('To', { exact: true }).fill(dates.at(-1)!);
}
