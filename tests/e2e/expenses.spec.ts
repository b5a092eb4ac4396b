// A consultant's week with a budget and a train ticket, end to end in Chromium against the browser
// harness and a local QuickBooks sandbox: last week's 9 hours are approved and synced; the project
// gets a 10-hour budget and the app says it has used 90%; a billable $42.50 train ticket with a photo
// of its receipt is recorded on the project and sent to QuickBooks as one Purchase paid from Visa
// (QuickBooks makes its ReimburseCharge); the Invoices screen offers the time with the expense, and
// the invoice created in QuickBooks bills both, linking the charge; the expense is then locked.
//
// Seeding: the client, project (120.00 USD/h), task and five draft entries of last week (2, 2, 2, 2
// and 1 hours) are written straight into IndexedDB, by cool-cars.ts; everything after that
// goes through the screens.
import type { Page } from '@playwright/test';
import { startSandbox, type RunningSandbox } from '../../electron/qbo-sandbox/index';
import { artifactsDir, expect, pageLocal, test } from './fixtures';
import { approveWeek, mapAndSync, openInvoicesFor, seedCoolCarsWeek } from './cool-cars';
import { connectCustomServer, sandboxState } from './qbo-helpers';

let sb: RunningSandbox;
test.beforeEach(async () => {
  sb = await startSandbox({ port: 0, controlRoutes: true, limits: { enabled: false, timeScale: 1 } });
});
test.afterEach(async () => {
  await sb.close();
});

/** The Expenses screen showing the month of `date` (it opens on this month). */
async function openExpensesAt(app: Page, date: string) {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Expenses' }).click();
  const { date: today } = await pageLocal(app, Date.now());
  if (today.slice(0, 7) !== date.slice(0, 7)) await app.getByRole('button', { name: 'Previous month' }).click();
}

/** A valid 1×1 PNG: a photo of the receipt. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

type Line = { Amount?: number; DetailType?: string; LinkedTxn?: Array<{ TxnId: string; TxnType: string }>; AccountBasedExpenseLineDetail?: Record<string, unknown> };
type Ref = { value: string };

test('a budgeted project warns at 90%, and a billable train ticket goes to QuickBooks and onto the invoice with the time', async ({ app, harness, context }) => {
  test.setTimeout(150_000);
  const { dates: days } = await seedCoolCarsWeek(app, { week: 'last', hours: [2, 2, 2, 2, 1], describe: 'Planting plan', rateMinor: 12000 });
  await approveWeek(app, 1);
  await connectCustomServer(app, harness, context, sb);
  await mapAndSync(app);

  // A 10-hour budget on a project with 9 hours: the app says it has used 90%.
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const section = app.locator('#settings-projects');
  await section.getByRole('button', { name: 'Edit Showroom Landscaping' }).click();
  const editor = app.getByRole('form', { name: 'Edit project “Showroom Landscaping”' });
  await editor.getByLabel('Watch a budget').selectOption('hours');
  await editor.getByLabel('Budget (hours)').fill('10');
  await editor.getByRole('button', { name: 'Save project' }).click();
  await expect(editor).toHaveCount(0);
  await expect(app.getByText('Showroom Landscaping has used 90% of its 10:00 h budget')).toBeVisible();
  // Back on the project's row, its bar in sight (the taller editor had scrolled the page down).
  await expect(section.getByRole('button', { name: 'Edit Showroom Landscaping' })).toBeFocused();
  const bar = section.getByTestId('project-Showroom Landscaping').getByTestId('project-budget');
  await expect(bar).toContainText('90% of 10:00 h');
  await expect(bar).toBeInViewport();
  await app.screenshot({ path: `${artifactsDir}/expenses-budget-alert.png`, fullPage: true });

  // Expenses: Travel posts to Travel, paid from Visa, billed as "Reimbursable expenses".
  const spentOn = days[3]!;
  await openExpensesAt(app, spentOn);
  const settings = app.getByRole('region', { name: 'Categories and accounts' });
  await settings.getByLabel('Travel posts to').selectOption({ label: 'Travel' });
  await settings.getByLabel('Expenses are paid from').selectOption({ label: 'Visa (Credit Card)' });
  await settings.getByLabel('Billable expenses are invoiced as').selectOption({ label: 'Reimbursable expenses' });
  await expect(settings.getByLabel('Travel posts to')).toHaveValue('39');
  await expect(settings.getByLabel('Expenses are paid from')).toHaveValue('38');
  await expect(settings.getByLabel('Billable expenses are invoiced as')).toHaveValue('44');

  // The train ticket, billable to the project, with a photo of its receipt.
  await app.getByRole('button', { name: 'Add expense', exact: true }).click();
  const form = app.getByRole('form', { name: 'New expense' });
  await form.getByLabel('Date').fill(spentOn);
  await form.getByLabel('Amount').fill('42.50');
  await form.getByLabel('Category').selectOption({ label: 'Travel' });
  await form.getByLabel('Project').selectOption({ label: 'Showroom Landscaping' });
  await expect(form.getByLabel('Billable to the customer')).toBeChecked();
  await form.getByLabel('Note').fill('Train to the client');
  await form.getByLabel(/^Receipt/).setInputFiles({ name: 'train-ticket.png', mimeType: 'image/png', buffer: PNG });
  await expect(form.getByRole('button', { name: 'Remove receipt' })).toBeVisible();
  await app.screenshot({ path: `${artifactsDir}/expenses-form.png`, fullPage: true });
  await form.getByRole('button', { name: 'Add expense' }).click();
  await expect(form).toHaveCount(0);
  const row = app.getByRole('table', { name: 'Expenses' }).getByRole('row').filter({ hasText: 'Train to the client' });
  await expect(row).toContainText(new Date(`${spentOn}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }));
  await expect(row).toContainText('Travel');
  await expect(row).toContainText('Showroom Landscaping');
  await expect(row).toContainText('$42.50');
  await expect(row).toContainText('Not in QuickBooks');
  await expect(row.getByRole('button', { name: 'Open receipt train-ticket.png' })).toBeEnabled();
  await expect(row.getByRole('button', { name: 'Open receipt train-ticket.png' }).locator('img')).toHaveAttribute('src', /^data:image\/png;base64,/);
  await app.screenshot({ path: `${artifactsDir}/expenses-listed.png`, fullPage: true });
  await row.getByRole('button', { name: 'Open receipt train-ticket.png' }).click();
  const receipt = app.getByRole('dialog', { name: 'Receipt train-ticket.png' });
  await expect(receipt.getByRole('img', { name: 'Receipt train-ticket.png' })).toHaveJSProperty('naturalWidth', 1);
  await app.keyboard.press('Escape');
  await expect(receipt).toHaveCount(0);

  await app.getByRole('button', { name: 'Send to QuickBooks' }).click();
  await expect(app.getByText('1 sent to QuickBooks.')).toBeVisible();
  await expect(row).toContainText('In QuickBooks');
  await app.screenshot({ path: `${artifactsDir}/expenses-sent.png`, fullPage: true });

  // QuickBooks: one Purchase paid from Visa, its Travel line billable to the job, and its charge.
  const sent = await sandboxState(sb);
  const job = (sent.entities['Customer'] ?? []).find((c) => c['FullyQualifiedName'] === 'Cool Cars:Showroom Landscaping');
  expect(job).toBeDefined();
  const purchases = sent.entities['Purchase'] ?? [];
  expect(purchases).toHaveLength(1);
  const purchase = purchases[0]!;
  expect((purchase['AccountRef'] as Ref).value).toBe('38');
  expect(purchase['TotalAmt']).toBe(42.5);
  const [line] = purchase['Line'] as Line[];
  expect(line!.Amount).toBe(42.5);
  expect(line!.AccountBasedExpenseLineDetail!['BillableStatus']).toBe('Billable');
  expect((line!.AccountBasedExpenseLineDetail!['AccountRef'] as Ref).value).toBe('39');
  expect((line!.AccountBasedExpenseLineDetail!['CustomerRef'] as Ref).value).toBe(job!.Id);
  const charges = sent.entities['ReimburseCharge'] ?? [];
  expect(charges).toHaveLength(1);
  expect(charges[0]!['HasBeenInvoiced']).toBe(false);

  // Invoices: Cool Cars' 9 hours ($1,080.00) with the expense; the preview bills both.
  await openInvoicesFor(app, days);
  const coolCars = app.getByRole('list', { name: 'Customers with unbilled time' }).getByRole('listitem').filter({ hasText: 'Cool Cars' });
  await expect(coolCars).toContainText('9:00 h');
  await expect(coolCars).toContainText('$1,080.00');
  await expect(coolCars).toContainText(/\+ 1 expense \((US)?\$42\.50\)/);
  await app.screenshot({ path: `${artifactsDir}/expenses-unbilled.png`, fullPage: true });
  await coolCars.getByRole('checkbox').check();
  await app.getByRole('button', { name: 'Preview invoices (1)' }).click();
  const card = app.getByRole('article', { name: /^Invoice for Cool Cars/ });
  const lines = card.getByRole('table', { name: /^Lines of the invoice for Cool Cars/ });
  await expect(lines.getByRole('row').filter({ hasText: 'Travel: Train to the client' })).toContainText('$42.50');
  await expect(lines.getByRole('rowheader', { name: 'Total' }).locator('..')).toContainText('$1,122.50');
  await lines.getByRole('rowheader', { name: 'Total' }).evaluate((th) => th.scrollIntoView({ block: 'center' }));
  await lines.screenshot({ path: `${artifactsDir}/expenses-preview-lines.png` });
  await app.getByRole('button', { name: 'Create 1 invoice in QuickBooks' }).click();
  await expect(app.getByText(/^Created 1 invoice in QuickBooks: \d+ for Cool Cars.* \((US)?\$1,122\.50\)\./)).toBeVisible();

  // QuickBooks: one invoice of $1,122.50 whose expense line links the charge, now invoiced.
  const billed = await sandboxState(sb);
  const invoices = billed.entities['Invoice'] ?? [];
  expect(invoices).toHaveLength(1);
  const invoice = invoices[0]!;
  expect(invoice['TotalAmt']).toBe(1122.5);
  const chargeLinks = (invoice['Line'] as Line[]).filter((l) => (l.LinkedTxn ?? []).some((t) => t.TxnType === 'ReimburseCharge'));
  expect(chargeLinks).toHaveLength(1);
  expect(chargeLinks[0]!.Amount).toBe(42.5);
  expect(chargeLinks[0]!.LinkedTxn!.find((t) => t.TxnType === 'ReimburseCharge')!.TxnId).toBe(charges[0]!.Id);
  expect(billed.entities['ReimburseCharge']!.find((c) => c.Id === charges[0]!.Id)!['HasBeenInvoiced']).toBe(true);

  // The expense reads "On invoice <number>", cannot be changed or deleted, and says what to do instead.
  const number = String(invoice['DocNumber']);
  await openExpensesAt(app, spentOn);
  await expect(row).toContainText(`On invoice ${number}`);
  await expect(row).toContainText(`Locked: to change it, remove its line from invoice ${number} in QuickBooks`);
  await expect(row.getByRole('button', { name: /^(Change|Delete) expense/ })).toHaveCount(0);
  await app.screenshot({ path: `${artifactsDir}/expenses-invoiced.png`, fullPage: true });
});
