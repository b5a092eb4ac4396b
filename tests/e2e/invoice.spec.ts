// The month-end story of a solo consultant, end to end in Chromium against the browser harness and a
// local QuickBooks sandbox: a week of time is approved in the Timesheet and synced; the Invoices
// screen lists it unbilled, previews one invoice for the client and creates it; QuickBooks holds one
// invoice linking every TimeActivity (now billed) and the entries are locked, saying why; the
// invoice's PDF from QuickBooks is drawn in the app and saved; it is e-mailed through QuickBooks only
// on Send; then the bookkeeper voids it in QuickBooks and, after a refresh, the time is unbilled again.
//
// Seeding: the client, project (120.00 USD/h), task and five draft entries of last week are written
// straight into IndexedDB, as qbo-sync.spec.ts does; everything after that goes through the screens.
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

/** Last week's Monday to Friday (local dates) with a 2-hour entry each day from 09:00; the dates. */
async function seedLastWeek(page: Page): Promise<string[]> {
  const days = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('track-nexus');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const now = Date.now();
    const monday = new Date();
    monday.setHours(12, 0, 0, 0);
    monday.setDate(monday.getDate() - ((monday.getDay() + 6) % 7) - 7);
    const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const tx = db.transaction(['clients', 'projects', 'tasks', 'entries'], 'readwrite');
    tx.objectStore('clients').put({ id: 'c-cars', name: 'Cool Cars', archived: false, qboCustomerId: null, createdAt: now, updatedAt: now });
    tx.objectStore('projects').put({
      id: 'p-showroom', clientId: 'c-cars', name: 'Showroom Landscaping', color: '#2563eb', billable: true, defaultTaskId: null, rateMinor: 12000, currency: 'USD',
      rounding: null, archived: false, qboCustomerId: null, qboItemId: null, qboClassId: null, createdAt: now, updatedAt: now,
    });
    tx.objectStore('tasks').put({ id: 't-design', projectId: 'p-showroom', name: 'Design', archived: false, qboItemId: null, createdAt: now, updatedAt: now });
    const dates: string[] = [];
    for (let i = 0; i < 5; i++) {
      const day = new Date(monday);
      day.setDate(monday.getDate() + i);
      const start = new Date(day);
      start.setHours(9, 0, 0, 0);
      const localDate = iso(day);
      dates.push(localDate);
      tx.objectStore('entries').put({
        id: `e-${i}`, projectId: 'p-showroom', taskId: 't-design', description: `Planting plan ${i + 1}`, start: start.getTime(), end: start.getTime() + 2 * 3_600_000,
        zone, source: 'manual', billable: true, status: 'draft', version: 1, createdAt: now, updatedAt: now, localDate,
      });
    }
    await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
    db.close();
    return dates;
  });
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  return days;
}

const tab = (app: Page, name: string) => app.getByRole('tablist', { name: 'QuickBooks' }).getByRole('tab', { name: new RegExp(`^${name}`) });

/** Approves last week in the Timesheet, as a freelancer does on Monday morning. */
async function approveLastWeek(app: Page) {
  await app.getByRole('link', { name: 'Timesheet' }).click();
  await app.getByRole('button', { name: 'Previous week' }).click();
  await app.getByRole('button', { name: 'Approve week' }).click();
  const approve = app.getByRole('dialog', { name: /^Approve the week of / });
  await approve.getByRole('button', { name: 'Approve 5 entries' }).click();
  await expect(approve).toHaveCount(0);
}

/** Imports the company, maps the project, task, class and you, and syncs the five entries. */
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

/** The Invoices screen over last week. */
async function openInvoicesFor(app: Page, days: string[]) {
  await app.getByRole('link', { name: 'Invoices' }).click();
  const period = app.getByRole('group', { name: 'Period to bill' });
  await period.getByLabel('Period').selectOption('custom');
  await period.getByLabel('From').fill(days[0]!);
  await period.getByLabel('To', { exact: true }).fill(days[4]!);
}

test('a week of approved time becomes one QuickBooks invoice, is e-mailed from QuickBooks, and comes back unbilled when voided there', async ({ app, harness, context }) => {
  test.setTimeout(120_000);
  const days = await seedLastWeek(app);
  await approveLastWeek(app);
  await connectCustomServer(app, harness, context, sb);
  await mapAndSync(app);

  // Unbilled: 10 hours for Cool Cars at $120.00.
  await openInvoicesFor(app, days);
  const customers = app.getByRole('list', { name: 'Customers with unbilled time' });
  const coolCars = customers.getByRole('listitem').filter({ hasText: 'Cool Cars' });
  await expect(coolCars).toContainText('10:00 h');
  await expect(coolCars).toContainText('$1,200.00');
  await app.screenshot({ path: `${artifactsDir}/invoices-unbilled.png`, fullPage: true });

  // Preview: one invoice, a line per task per day, $1,200.00; nothing blocks it.
  await coolCars.getByRole('checkbox').check();
  await app.getByRole('button', { name: 'Preview invoices (1)' }).click();
  const card = app.getByRole('article', { name: 'Invoice for Cool Cars' });
  const lines = card.getByRole('table', { name: 'Lines of the invoice for Cool Cars' });
  await expect(lines.getByRole('rowheader', { name: 'Total' }).locator('..')).toContainText('$1,200.00');
  await expect(card.getByRole('button', { name: 'Create this invoice' })).toBeEnabled();
  await app.screenshot({ path: `${artifactsDir}/invoices-preview.png`, fullPage: true });
  await app.getByRole('button', { name: 'Create 1 invoice in QuickBooks' }).click();
  await expect(app.getByText(/^Created 1 invoice in QuickBooks: \d+ for Cool Cars \((US)?\$1,200\.00\)\./)).toBeVisible();

  // QuickBooks: one invoice for $1,200, linking all five TimeActivities, each now billed.
  const state = await sandboxState(sb);
  const invoices = state.entities['Invoice'] ?? [];
  expect(invoices).toHaveLength(1);
  const invoice = invoices[0]!;
  expect(invoice['TotalAmt']).toBe(1200);
  const linked = (invoice['Line'] as Array<{ LinkedTxn?: Array<{ TxnId: string }> }>).flatMap((l) => l.LinkedTxn ?? []).map((t) => t.TxnId).sort();
  expect(linked).toEqual(state.entities['TimeActivity']!.map((t) => t.Id).sort());
  expect(state.entities['TimeActivity']!.every((t) => t['BillableStatus'] === 'HasBeenBilled')).toBe(true);

  // The invoice in the app: its PDF from QuickBooks drawn on a canvas, saved as a file.
  const number = String(invoice['DocNumber']);
  await app.getByRole('table', { name: 'Invoices made from the app' }).getByRole('button', { name: number }).click();
  const detail = app.getByRole('region', { name: `Invoice ${number} for Cool Cars` });
  await detail.getByRole('button', { name: 'View PDF' }).click();
  const page1 = detail.getByLabel(`Invoice ${number} for Cool Cars, page 1 of 1`);
  await expect(page1).toBeVisible();
  expect(await page1.evaluate((c) => (c as HTMLCanvasElement).width)).toBeGreaterThan(100);
  await app.screenshot({ path: `${artifactsDir}/invoices-pdf.png`, fullPage: true });
  const [download] = await Promise.all([app.waitForEvent('download'), detail.getByRole('button', { name: 'Save PDF' }).click()]);
  expect(download.suggestedFilename()).toBe(`Invoice-${number}.pdf`);

  // E-mail through QuickBooks: nothing leaves until Send.
  await detail.getByRole('button', { name: 'Send by e-mail…' }).click();
  const dialog = app.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'To' }).fill('ap@coolcars.example');
  expect(((await (await fetch(`${sb.url}/_sandbox/mail`)).json()) as { mail: unknown[] }).mail).toHaveLength(0);
  await dialog.getByRole('button', { name: 'Send' }).click();
  await expect(detail).toContainText('Sent to ap@coolcars.example');
  const mail = ((await (await fetch(`${sb.url}/_sandbox/mail`)).json()) as { mail: Array<{ to: string }> }).mail;
  expect(mail.map((m) => m.to)).toEqual(['ap@coolcars.example']);

  // The entries are locked, and say what to do instead.
  await app.goto(app.url().replace(/#.*$/, `#/today/${days[0]!}`));
  const entry = app.getByRole('list', { name: /^Entries on / }).getByRole('listitem').filter({ hasText: 'Planting plan 1' });
  await expect(entry).toContainText('invoiced');
  await entry.getByRole('button', { name: /^Edit/ }).click();
  const locked = app.getByRole('dialog', { name: 'This entry is on an invoice' });
  await expect(locked).toContainText(`invoice ${number} for Cool Cars`);
  await expect(locked).toContainText('Void the invoice');
  await app.screenshot({ path: `${artifactsDir}/invoices-locked-entry.png`, fullPage: true });
  await locked.getByRole('button', { name: 'OK' }).click();

  // The bookkeeper voids it in QuickBooks; a refresh brings the time back as unbilled.
  const voided = await fetch(`${sb.url}/_sandbox/invoices/${invoice.Id}/void`, { method: 'POST', body: '{}' });
  expect(voided.status).toBe(200);
  await openInvoicesFor(app, days);
  await app.getByRole('button', { name: 'Refresh from QuickBooks' }).click();
  await expect(app.getByRole('table', { name: 'Invoices made from the app' }).getByRole('row', { name: new RegExp(number) })).toContainText('voided');
  await expect(app.getByRole('list', { name: 'Customers with unbilled time' }).getByRole('listitem').filter({ hasText: 'Cool Cars' })).toContainText('10:00 h');
  await app.screenshot({ path: `${artifactsDir}/invoices-voided.png`, fullPage: true });
});
