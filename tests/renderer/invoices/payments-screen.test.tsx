// @vitest-environment jsdom
// Payments on the Invoices screen: paid and partly paid invoices in words in the list and their
// detail with the payments applied, money not applied to any invoice per customer, and a deleted
// payment told once until dismissed.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connected, renderScreen } from './render-screen';
import { fakeService, summary } from './fake-service';

vi.mock('../../../renderer/src/platform/api', () => ({
  api: { invoke: vi.fn(async () => ({ ok: true, value: { companies: [connected('primary', 'Nexus Consulting')] } })), on: () => () => {} },
}));

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const invoices = [
  summary('1', { status: 'paid', totalMinor: 120_000, balanceMinor: 0, paid: { words: 'Paid $1,200.00 on 3 Dec 2026', payments: [{ paymentQboId: '90', txnDate: '2026-12-03', amountMinor: 120_000 }] } }),
  summary('2', {
    status: 'partlyPaid', totalMinor: 120_000, balanceMinor: 70_000,
    paid: { words: 'Partly paid: $500.00 of $1,200.00, $700.00 due 15 Dec', payments: [{ paymentQboId: '91', txnDate: '2026-12-01', amountMinor: 20_000 }, { paymentQboId: '92', txnDate: '2026-12-02', amountMinor: 30_000 }] },
  }),
  summary('3', { status: 'sent', paid: { words: null, payments: [] } }),
];

describe('payments on the Invoices screen', () => {
  it('the list says which invoices are paid or partly paid, with amounts and dates', async () => {
    renderScreen(fakeService({ invoices }));
    const table = await screen.findByRole('table', { name: 'Invoices made from the app' });
    const status = within(table).getAllByRole('row').slice(1).map((r) => r.lastElementChild!.textContent);
    expect(status).toEqual(['paidPaid $1,200.00 on 3 Dec 2026', 'partly paidPartly paid: $500.00 of $1,200.00, $700.00 due 15 Dec', 'sent']);
  });

  it("an invoice's detail shows what is paid and each payment applied to it", async () => {
    renderScreen(fakeService({ invoices }));
    const table = await screen.findByRole('table', { name: 'Invoices made from the app' });
    fireEvent.click(within(table).getByRole('button', { name: '102' }));
    const detail = await screen.findByRole('region', { name: /^Invoice 102 for/ });
    expect(detail.textContent).toContain('Partly paid: $500.00 of $1,200.00, $700.00 due 15 Dec');
    const payments = within(detail).getByRole('group', { name: 'Payments' });
    expect(within(payments).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['US$200.00 on 1 Dec 2026', 'US$300.00 on 2 Dec 2026']);
  });

  it('an unpaid invoice shows no payments', async () => {
    renderScreen(fakeService({ invoices }));
    const table = await screen.findByRole('table', { name: 'Invoices made from the app' });
    fireEvent.click(within(table).getByRole('button', { name: '103' }));
    const detail = await screen.findByRole('region', { name: /^Invoice 103 for/ });
    expect(within(detail).queryByRole('group', { name: 'Payments' })).toBeNull();
    expect(detail.textContent).not.toContain('Paid');
  });

  it('lists money not applied to any invoice per customer, in words', async () => {
    const sentence = 'Acme Corp paid $300.00 on 2 Dec that is not applied to any invoice — apply it in QuickBooks';
    renderScreen(fakeService({ invoices, payments: { unapplied: [{ customerId: '7', customerName: 'Acme Corp', currency: 'USD', unappliedMinor: 30_000, sentences: [sentence] }], notices: [] } }));
    const panel = await screen.findByRole('region', { name: 'Payments from QuickBooks' });
    expect(within(panel).getByRole('heading', { name: 'Payments not applied to an invoice' })).toBeTruthy();
    const acme = within(panel).getByRole('group', { name: 'Acme Corp' });
    expect(acme.textContent).toContain('US$300.00 not applied');
    expect(within(acme).getByRole('listitem').textContent).toBe(sentence);
  });

  it('tells a deleted payment once: dismissed, it is gone', async () => {
    const message = 'Payment of $500.00 from Acme was deleted in QuickBooks; invoice 1042 is open again';
    const service = fakeService({ invoices, payments: { unapplied: [], notices: [{ id: 'primary:91', message }] } });
    renderScreen(service);
    const notices = await screen.findByRole('list', { name: 'Payments deleted in QuickBooks' });
    expect(notices.textContent).toContain(message);
    fireEvent.click(within(notices).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(service.dismissPaymentNotice).toHaveBeenCalledWith('primary:91'));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Payments from QuickBooks' })).toBeNull());
  });
});
