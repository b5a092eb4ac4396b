// A retainer month, end to end in Chromium against the browser harness and a local QuickBooks
// sandbox: a consultant on a $2,000 monthly retainer with 20 hours included works 24 hours last
// month; the time is approved and synced; the Invoices screen shows the retainer with the month's
// invoice due (the fee plus 4 hours of overage at $150.00) and none of that time among the hourly
// time; the invoice is created once in QuickBooks, linking every TimeActivity; the client pays it in
// QuickBooks and, after a refresh, the invoice reads paid and so do the entries.
//
// Seeding: the client, the project and five draft entries on the weekdays of the last full week of
// last month are written straight into IndexedDB, by cool-cars.ts; everything after that,
// the retainer itself included, goes through the screens.
import type { Page } from '@playwright/test';
import { startSandbox, type RunningSandbox } from '../../electron/qbo-sandbox/index';
import { artifactsDir, expect, test } from './fixtures';
import { approveWeek, mapAndSync, seedCoolCarsWeek } from './cool-cars';
import { connectCustomServer, sandboxState } from './qbo-helpers';

let sb: RunningSandbox;
test.beforeEach(async () => {
  sb = await startSandbox({ port: 0, controlRoutes: true, limits: { enabled: false, timeScale: 1 } });
});
test.afterEach(async () => {
  await sb.close();
});

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

test('a retainer month with overage is invoiced once in QuickBooks, and a payment there turns its entries paid', async ({ app, harness, context }) => {
  test.setTimeout(120_000);
  // The project, billed by the hour until the story sets its retainer, and 24 hours (4, 5, 5, 5, 5)
  // on the last Monday-to-Friday of last month: whatever today is, a month that has ended.
  const seeded = await seedCoolCarsWeek(app, { week: 'lastMonth', hours: [4, 5, 5, 5, 5], describe: 'Showroom care', rateMinor: 15000 });
  await setRetainer(app, seeded.firstOfLastMonth);
  await approveWeek(app, seeded.weeksBack);
  await connectCustomServer(app, harness, context, sb);
  await mapAndSync(app);

  // The retainer, with last month's invoice due: $2,000 + 4:00 h × $150.00 = $2,600.00.
  await app.getByRole('link', { name: 'Invoices' }).click();
  const arrangements = app.getByRole('region', { name: 'Retainers, fixed fees and progress billing' });
  const due = arrangements.getByRole('list', { name: 'Invoices due for Showroom Landscaping' }).getByRole('listitem');
  await expect(due).toHaveCount(1);
  await expect(due).toContainText(seeded.lastMonth);
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
