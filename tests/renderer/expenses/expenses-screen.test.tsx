// @vitest-environment jsdom
// The Expenses screen: an expense typed as "12.50" with a receipt, billable by its project's flag,
// the month's totals, Send to QuickBooks (against the QuickBooks fake), states in words, receipts
// checked by their content, delete asking first, and choosing the account expenses are paid from.
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeCompany } from './fake-port';

const qbo = fakeCompany();

vi.mock('../../../renderer/src/platform/api', () => ({
  api: {
    invoke: vi.fn(async () => ({ ok: true, value: { companies: [{ companyId: 'primary', state: 'connected', environment: 'custom', realmId: '1', companyName: 'Nexus Consulting', message: null, connectedAt: 1, awaitingBrowser: false }] } })),
    on: () => () => {},
  },
}));

// The push goes to the QuickBooks fake instead of main, through the real engine.
vi.mock('../../../renderer/src/features/expenses/ExpensePushProvider', async () => {
  const { useRepos } = await import('../../../renderer/src/data/repos-context');
  const { pushExpenses } = await import('../../../renderer/src/features/expenses/engine/push');
  let n = 0;
  return {
    useExpensePush: () => {
      const repos = useRepos();
      return (_companyId: string, options: { retryRefused?: boolean } = {}) => pushExpenses({ repos, port: qbo.port, newId: () => `req-${++n}`, sleep: async () => {}, ...options });
    },
  };
});

const { openDatabase } = await import('../../../renderer/src/db/database');
const { createRepos } = await import('../../../renderer/src/db/repos');
const { ReposProvider } = await import('../../../renderer/src/data/repos-context');
const { ExpensesScreen } = await import('../../../renderer/src/features/expenses/ExpensesScreen');

afterEach(() => cleanup());

let dbs = 0;
/** A workspace with Travel mapped, a card to pay from unless `unpaid`, and a billable project linked to a customer. */
async function open(options: { unpaid?: boolean } = {}) {
  const name = `expenses-screen-${++dbs}`;
  const repos = createRepos(await openDatabase(name));
  const mirror = repos.mirrorOf('primary');
  await mirror.setState('accounts', [
    { id: '7', name: 'Travel', fullyQualifiedName: 'Travel', type: 'Expense', active: true, currency: null },
    { id: '41', name: 'Visa', fullyQualifiedName: 'Visa', type: 'Credit Card', active: true, currency: null },
  ]);
  await mirror.setState('preferences', { CurrencyPrefs: { HomeCurrency: { value: 'USD' } } });
  await mirror.putEntities([{ kind: 'customer', id: 'c1', name: 'Acme', active: true }]);
  await repos.settings.update('expenseCategories', (cats) => cats.map((c) => (c.id === 'travel' ? { ...c, accounts: { primary: '7' } } : c)));
  if (!options.unpaid) await repos.settings.set('expensePaymentAccount', { primary: '41' });
  await repos.settings.set('currency', 'USD');
  const project = await repos.projects.create({ name: 'Website', qboCustomerId: 'c1', billable: true, currency: 'USD' });
  render(<ReposProvider dbName={name}><ExpensesScreen todayDate="2026-11-20" /></ReposProvider>);
  await screen.findByRole('heading', { level: 1, name: 'Expenses' });
  return { repos, project };
}

function pngFile(name: string) {
  return new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])], name, { type: 'image/png' });
}

async function addExpense(amount: string, options: { project?: string; file?: File } = {}) {
  fireEvent.click(screen.getByRole('button', { name: 'Add expense' }));
  const form = await screen.findByRole('form', { name: 'New expense' });
  fireEvent.change(within(form).getByLabelText('Amount'), { target: { value: amount } });
  fireEvent.change(within(form).getByLabelText('Note'), { target: { value: 'Train to the client' } });
  if (options.project) fireEvent.change(within(form).getByLabelText('Project'), { target: { value: options.project } });
  if (options.file) fireEvent.change(within(form).getByLabelText(/^Receipt/), { target: { files: [options.file] } });
  return form;
}

describe('Expenses screen', () => {
  it('adds an expense billable by its project, totals the month, and sends it to QuickBooks once', async () => {
    const { project } = await open();
    const form = await addExpense('12.50', { project: project.id });
    expect((within(form).getByLabelText('Billable to the customer') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(form).getByRole('button', { name: 'Add expense' }));
    const table = await screen.findByRole('table', { name: 'Expenses' });
    const row = await within(table).findByRole('row', { name: /Train to the client/ });
    expect(row.textContent).toContain('Not in QuickBooks');
    expect(row.textContent).toContain('US$12.50');
    const totals = screen.getByLabelText('Totals in USD');
    expect(totals.textContent).toContain('TravelUS$12.50');
    expect(totals.textContent).toContain('BillableUS$12.50');
    expect(totals.textContent).toContain('Not billableUS$0.00');
    fireEvent.click(screen.getByRole('button', { name: 'Send to QuickBooks' }));
    await screen.findByText('1 sent to QuickBooks.');
    await waitFor(() => expect(within(table).getByRole('row', { name: /Train to the client/ }).textContent).toContain('In QuickBooks'));
    expect(qbo.created).toBe(1);
  });

  it('refuses a file that is not a photo or a PDF, whatever its name says', async () => {
    await open();
    const form = await addExpense('3');
    fireEvent.change(within(form).getByLabelText(/^Receipt/), { target: { files: [new File(['hello'], 'receipt.pdf', { type: 'application/pdf' })] } });
    expect((await within(form).findByRole('alert')).textContent).toContain('This file is not a photo (JPEG, PNG, GIF, WebP) or a PDF');
  });

  it('keeps a receipt with the expense, and says why it cannot be sent yet', async () => {
    const { repos } = await open({ unpaid: true });
    const form = await addExpense('3', { file: pngFile('taxi.png') });
    await within(form).findByRole('button', { name: 'Remove receipt' });
    fireEvent.click(within(form).getByRole('button', { name: 'Add expense' }));
    const table = await screen.findByRole('table', { name: 'Expenses' });
    expect(await within(table).findByRole('button', { name: 'Open receipt taxi.png' })).toBeTruthy();
    const [receipt] = await repos.expenses.month('2026-11').then((rows) => Promise.all(rows.map((r) => repos.expenses.receipt(r.receiptId!))));
    expect(receipt).toMatchObject({ name: 'taxi.png', type: 'image/png' });
    fireEvent.click(screen.getByRole('button', { name: 'Send to QuickBooks' }));
    expect(await within(table).findByText(/Choose the bank or credit card account your expenses are paid from/)).toBeTruthy();
  });

  it('asks before deleting, and keeps the expense when told to', async () => {
    await open();
    fireEvent.click((await addExpense('4')).querySelector('button[type="submit"]')!);
    const table = await screen.findByRole('table', { name: 'Expenses' });
    fireEvent.click(await within(table).findByRole('button', { name: /^Delete expense of 2026-11-20/ }));
    fireEvent.click(await screen.findByRole('button', { name: 'Keep it' }));
    expect(within(table).getByRole('row', { name: /Train to the client/ })).toBeTruthy();
    fireEvent.click(within(table).getByRole('button', { name: /^Delete expense of 2026-11-20/ }));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete expense' }));
    await screen.findByText('No expenses this month');
  });

  it('shows a refusal and an invoiced expense in words, the invoiced one without Change', async () => {
    const { repos } = await open();
    const a = await repos.expenses.save({ localDate: '2026-11-03', amountMinor: 500, currency: 'USD', categoryId: 'travel', projectId: null, note: 'Parking', billable: false });
    const b = await repos.expenses.save({ localDate: '2026-11-04', amountMinor: 700, currency: 'USD', categoryId: 'travel', projectId: null, note: 'Taxi', billable: false });
    await repos.expenses.noteAttempt(a.id, { failed: true, message: 'QuickBooks refused this expense: The account period has closed.' });
    const db = await openDatabase(`expenses-screen-${dbs}`);
    await db.invoices.put({ id: 'inv1', qbo: { Id: '9', DocNumber: '1042' } } as never);
    await db.expenses.update(b.id, { state: 'invoiced', invoiceId: 'inv1' });
    fireEvent.click(screen.getByRole('button', { name: 'Next month' }));
    fireEvent.click(screen.getByRole('button', { name: 'Previous month' }));
    const table = await screen.findByRole('table', { name: 'Expenses' });
    expect((await within(table).findByRole('row', { name: /Parking/ })).textContent).toContain('Refused: The account period has closed.');
    await waitFor(() => expect(within(table).getByRole('row', { name: /Taxi/ }).textContent).toContain('On invoice 1042'));
    const taxi = within(table).getByRole('row', { name: /Taxi/ });
    expect(within(taxi).queryByRole('button', { name: /Change/ })).toBeNull();
  });

  it('chooses the account expenses are paid from among the bank and card accounts', async () => {
    const { repos } = await open({ unpaid: true });
    const select = await screen.findByLabelText(/Expenses are paid from/);
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['Choose a bank or credit card account', 'Visa (Credit Card)']);
    fireEvent.change(select, { target: { value: '41' } });
    await waitFor(async () => expect(await repos.settings.get('expensePaymentAccount')).toEqual({ primary: '41' }));
  });
});
