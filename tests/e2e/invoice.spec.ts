// The month-end story of a solo consultant, end to end in Chromium against the browser harness and a
// local QuickBooks sandbox: a week of time is approved in the Timesheet and synced; the Invoices
// screen lists it unbilled, previews one invoice for the client and creates it; QuickBooks holds one
// invoice linking every TimeActivity (now billed) and the entries are locked, saying why; the
// invoice's PDF from QuickBooks is drawn in the app and saved; it is e-mailed through QuickBooks only
// on Send; then the bookkeeper voids it in QuickBooks and, after a refresh, the time is unbilled again.
//
// Seeding: the client, project (120.00 USD/h), task and five draft entries of last week are written
// straight into IndexedDB, by cool-cars.ts; everything after that goes through the screens.
import { startSandbox, type RunningSandbox } from '../../electron/qbo-sandbox/index';
import { artifactsDir, expect, test } from './fixtures';
import { approveWeek, mapAndSync, openInvoicesFor, seedCoolCarsWeek } from './cool-cars';
import { connectCustomServer, sandboxState } from './qbo-helpers';

let sb: RunningSandbox;
test.beforeEach(async () => {
  sb = await startSandbox({ port: 0, controlRoutes: true, limits: { enabled: false, timeScale: 1 } });
});
test.afterEach(async () => {
  await sb.close();
});

test('a week of approved time becomes one QuickBooks invoice, is e-mailed from QuickBooks, and comes back unbilled when voided there', async ({ app, harness, context }) => {
  test.setTimeout(120_000);
  const { dates: days } = await seedCoolCarsWeek(app, { week: 'last', hours: [2, 2, 2, 2, 2], describe: 'Planting plan', rateMinor: 12000 });
  await approveWeek(app, 1);
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
