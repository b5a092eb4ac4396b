// A retainer month, end to end in Chromium against the browser harness and a local QuickBooks
// sandbox: a consultant on a $2,000 monthly retainer with 20 hours included works 24 hours last
// month; the time is approved and synced; the Invoices screen shows the retainer with the month's
// invoice due (the fee plus 4 hours of overage at $150.00) and none of that time among the hourly
// time; the invoice is created once in QuickBooks, linking every TimeActivity; the client pays it in
// QuickBooks and, after a refresh, the invoice reads paid and so do the entries.
//
// Seeding: the client, the project and five draft entries on the weekdays of the last full week of
// last month are written straight into IndexedDB, as invoice.spec.ts does; everything after that,
// the retainer itself included, goes through the screens.
import type { Page } from '@playwright/test';
import { startSandbox, type RunningSandbox } from '../../electron/qbo-sandbox/index';
import { artifactsDir, expect, test } from './fixtures';
import { connectCustomServer, sandboxState } from './qbo-helpers';

let sb: RunningSandbox;
test.beforeEach(async () => {
  sb = await startSandbox({ port: 0, controlRoutes: true, limits: { enabled: false, timeScale: 1 } });
});
test.afterEach(async () => {
  await sb.close();
});

interface Seeded {
  /** Weeks back from this one to the week of the entries. */
  weeksBack: number;
  month: string;
  /** The first day of last month: the retainer's first period. */
  firstOfLast: string;
  dates: string[];
}

/**
 * The project (billed by the hour until the story sets its retainer) and five entries (4, 5, 5, 5 and 5 hours) on the Monday to Friday of last
 * month's last full week: whatever today is, that week lies wholly in a month that has ended.
 */
async function seedRetainerMonth(page: Page): Promise<Seeded> {
  const seeded = await page.evaluate(async () => {
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
    const firstOfMonth = new Date(today.getFullYear(), today.getMonth(), 1, 12);
    const firstOfLast = new Date(today.getFullYear(), today.getMonth() - 1, 1, 12);
    // The last Monday of last month whose Friday is still in last month.
    const monday = new Date(firstOfMonth);
    monday.setDate(monday.getDate() - 1);
    while (monday.getDay() !== 1 || new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 4).getMonth() !== firstOfLast.getMonth()) monday.setDate(monday.getDate() - 1);
    const thisMonday = new Date(today);
    thisMonday.setDate(today.getDate() - ((today.getDay() + 6) % 7));
    const weeksBack = Math.round((thisMonday.getTime() - monday.getTime()) / (7 * 86_400_000));
    const tx = db.transaction(['clients', 'projects', 'tasks', 'entries'], 'readwrite');
    tx.objectStore('clients').put({ id: 'c-cars', name: 'Cool Cars', archived: false, qboCustomerId: null, createdAt: now, updatedAt: now });
    tx.objectStore('projects').put({
      id: 'p-showroom', clientId: 'c-cars', name: 'Showroom Landscaping', color: '#2563eb', billable: true, defaultTaskId: null, rateMinor: 15000, currency: 'USD',
      rounding: null, archived: false, qboCustomerId: null, qboItemId: null, qboClassId: null, createdAt: now, updatedAt: now,
    });
    tx.objectStore('tasks').put({ id: 't-design', projectId: 'p-showroom', name: 'Design', archived: false, qboItemId: null, createdAt: now, updatedAt: now });
    const dates: string[] = [];
    [4, 5, 5, 5, 5].forEach((hours, i) => {
      const day = new Date(monday);
      day.setDate(monday.getDate() + i);
      const start = new Date(day);
      start.setHours(9, 0, 0, 0);
      dates.push(iso(day));
      tx.objectStore('entries').put({
        id: `e-${i}`, projectId: 'p-showroom', taskId: 't-design', description: `Showroom care ${i + 1}`, start: start.getTime(), end: start.getTime() + hours * 3_600_000,
        zone, source: 'manual', billable: true, status: 'draft', version: 1, createdAt: now, updatedAt: now, localDate: iso(day),
      });
    });
    await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
    db.close();
    return { weeksBack, month: firstOfLast.toLocaleDateString('en-US', { month: 'long', year: 'numeric' }), firstOfLast: iso(firstOfLast), dates };
  });
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  return seeded;
}

/** $2,000 a month with 20 hours included, billed in arrears from last month, set in the project editor. */
async function setRetainer(app: Page, firstOfLast: string) {
  await app.getByRole('link', { name: 'Settings' }).click();
  await app.getByRole('button', { name: 'Edit Showroom Landscaping' }).click();
  const editor = app.getByRole('form', { name: /Showroom Landscaping/ });
  await editor.getByRole('radio', { name: 'Retainer' }).check();
  await editor.getByLabel('Amount per month (USD)').fill('2,000.00');
  await editor.getByLabel('Hours included').fill('20');
  await editor.getByLabel('First period starts').fill(firstOfLast);
  await editor.getByLabel('Invoiced').selectOption('arrears');
  await app.screenshot({ path: `${artifactsDir}/retainer-editor.png`, fullPage: true });
  await editor.getByRole('button', { name: 'Save project' }).click();
  await expect(app.getByTestId('project-Showroom Landscaping').getByTestId('project-billing')).toContainText('Retainer');
}

const tab = (app: Page, name: string) => app.getByRole('tablist', { name: 'QuickBooks' }).getByRole('tab', { name: new RegExp(`^${name}`) });

async function approveThatWeek(app: Page, weeksBack: number) {
  await app.getByRole('link', { name: 'Timesheet' }).click();
  for (let i = 0; i < weeksBack; i++) await app.getByRole('button', { name: 'Previous week' }).click();
  await app.getByRole('button', { name: 'Approve week' }).click();
  const approve = app.getByRole('dialog', { name: /^Approve the week of / });
  await approve.getByRole('button', { name: 'Approve 5 entries' }).click();
  await expect(approve).toHaveCount(0);
}

async function mapAndSync(app: Page) {
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

test('a retainer month with overage is invoiced once in QuickBooks, and a payment there turns its entries paid', async ({ app, harness, context }) => {
  test.setTimeout(120_000);
  const seeded = await seedRetainerMonth(app);
  await setRetainer(app, seeded.firstOfLast);
  await approveThatWeek(app, seeded.weeksBack);
  await connectCustomServer(app, harness, context, sb);
  await mapAndSync(app);

  // The retainer, with last month's invoice due: $2,000 + 4:00 h × $150.00 = $2,600.00.
  await app.getByRole('link', { name: 'Invoices' }).click();
  const arrangements = app.getByRole('region', { name: 'Retainers, fixed fees and progress billing' });
  const due = arrangements.getByRole('list', { name: 'Invoices due for Showroom Landscaping' }).getByRole('listitem');
  await expect(due).toHaveCount(1);
  await expect(due).toContainText(seeded.month);
  await expect(due).toContainText('$2,600.00');
  // None of that time is offered again by the hour.
  await expect(app.getByRole('list', { name: 'Customers with unbilled time' })).toHaveCount(0);
  await app.screenshot({ path: `${artifactsDir}/retainer-due.png`, fullPage: true });

  await due.getByRole('checkbox').check();
  await arrangements.getByRole('button', { name: 'Preview these invoices (1)' }).click();
  const card = app.getByRole('article', { name: 'Invoice for Cool Cars' });
  const lines = card.getByRole('table', { name: 'Lines of the invoice for Cool Cars' });
  await expect(lines).toContainText('Retainer');
  await expect(lines).toContainText('Overage');
  await expect(lines.getByRole('rowheader', { name: 'Total' }).locator('..')).toContainText('$2,600.00');
  await app.screenshot({ path: `${artifactsDir}/retainer-preview.png`, fullPage: true });
  await app.getByRole('button', { name: 'Create 1 invoice in QuickBooks' }).click();
  await expect(app.getByText(/^Created 1 invoice in QuickBooks: \d+ for Cool Cars:Showroom Landscaping \((US)?\$2,600\.00\)\./)).toBeVisible();
  await expect(arrangements.getByText('Nothing is due yet.')).toBeVisible();

  // QuickBooks holds one invoice of $2,600 linking the five TimeActivities, now billed.
  const state = await sandboxState(sb);
  const invoices = state.entities['Invoice'] ?? [];
  expect(invoices).toHaveLength(1);
  const invoice = invoices[0]!;
  expect(invoice['TotalAmt']).toBe(2600);
  const linked = (invoice['Line'] as Array<{ LinkedTxn?: Array<{ TxnId: string }> }>).flatMap((l) => l.LinkedTxn ?? []).map((t) => t.TxnId).sort();
  expect(linked).toEqual(state.entities['TimeActivity']!.map((t) => t.Id).sort());

  // The client pays in QuickBooks; a refresh reads the payment: the invoice and its entries are paid.
  const paid = await fetch(`${sb.url}/_sandbox/invoices/${invoice.Id}/payment`, { method: 'POST', body: JSON.stringify({ amount: 2600 }) });
  expect(paid.status).toBe(200);
  await app.getByRole('button', { name: 'Refresh from QuickBooks' }).click();
  const number = String(invoice['DocNumber']);
  await expect(app.getByRole('table', { name: 'Invoices made from the app' }).getByRole('row', { name: new RegExp(number) })).toContainText('paid');
  await app.screenshot({ path: `${artifactsDir}/retainer-paid.png`, fullPage: true });
  await app.goto(app.url().replace(/#.*$/, `#/today/${seeded.dates[0]!}`));
  const entry = app.getByRole('list', { name: /^Entries on / }).getByRole('listitem').filter({ hasText: 'Showroom care 1' });
  await expect(entry).toContainText('paid');
});
