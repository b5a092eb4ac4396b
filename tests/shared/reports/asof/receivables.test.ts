// Receivables as a bookkeeper reads them: the aging buckets at their exact edges, a partial
// payment, the picture as it stood on an earlier day, and how long each client takes to pay.
import { describe, expect, it } from 'vitest';
import { receivablesReport } from '../../../../shared/reports/receivables';
import { addLocalDays } from '../../../../shared/time/local-date';
import { ALL, chart, figure, invoice, paidInvoice, payment, table, TODAY, workspace } from './data';

describe('receivables aging', () => {
  it('puts an invoice exactly 30, 60 or 90 days past due in the younger bucket and a day more in the next', () => {
    const pastDue = [0, 30, 31, 60, 61, 90, 91, -5];
    const invoices = pastDue.map((days, i) => invoice({ number: `N${days}`, dueDate: addLocalDays(TODAY, -days), txnDate: '2026-01-01', totalMinor: 100 * 2 ** i }));
    const view = receivablesReport(workspace({ invoices }), ALL);
    // 0 → Current (100) and -5 → Current (12800); 30 → 200; 31, 60 → 400 + 800; 61, 90 → 1600 + 3200; 91 → 6400.
    expect(chart(view, 'owed-by-age').series[0]!.values).toEqual([12_900, 200, 1_200, 4_800, 6_400]);
    expect(figure(view, 'Owed')).toBe(25_500);
    expect(figure(view, 'Overdue')).toBe(12_600);
    expect(figure(view, 'Over 90 days')).toBe(6_400);
    expect(view.period).toBe('As of 4 Dec 2026');
  });

  it('lists overdue invoices most overdue first, with their days and a link to the invoices', () => {
    const invoices = [invoice({ number: 'A', dueDate: '2026-11-20' }), invoice({ number: 'B', dueDate: '2026-08-01' }), invoice({ number: 'C', dueDate: '2026-12-10' })];
    const overdue = table(receivablesReport(workspace({ invoices }), ALL), 'overdue');
    expect(overdue.rows.map((r) => [r.cells['number'], r.cells['daysOverdue']])).toEqual([['B', 125], ['A', 14]]);
    expect(overdue.rows[0]!.link).toEqual({ screen: 'invoices', label: 'Open invoices' });
  });

  it('counts only what is still owed on a partly paid invoice', () => {
    const inv = invoice({ totalMinor: 1_000_00, balanceMinor: 600_00 });
    const view = receivablesReport(workspace({ invoices: [inv], payments: [payment(inv, '2026-11-20', 400_00)] }), ALL);
    expect(figure(view, 'Owed')).toBe(600_00);
    expect(table(view, 'aging').total).toMatchObject({ client: 'Total', age1: 600_00, total: 600_00 });
    expect(table(view, 'days-to-payment').rows).toEqual([]);
    expect(view.notes).toContain('No invoice has been paid in full yet, so there is no average time to payment.');
  });

  it('shows an earlier period as it stood then: a payment made after its last day still owed', () => {
    const { invoice: inv, payment: paid } = paidInvoice('2026-11-01', '2026-11-15', '2026-12-02', { totalMinor: 1_000_00 });
    const later = invoice({ txnDate: '2026-12-01', dueDate: '2026-12-31' });
    const data = workspace({ invoices: [inv, later], payments: [paid] });
    const november = receivablesReport(data, { ...ALL, from: '2026-11-01', to: '2026-11-30' });
    expect(november.period).toBe('As of 30 Nov 2026');
    expect(figure(november, 'Owed')).toBe(1_000_00);
    expect(table(november, 'overdue').rows[0]!.cells).toMatchObject({ daysOverdue: 15, balance: 1_000_00 });
    expect(figure(november, 'Average days to payment')).toBeUndefined();
    const now = receivablesReport(data, ALL);
    expect(figure(now, 'Owed')).toBe(later.balanceMinor);
    expect(table(now, 'days-to-payment').rows[0]!.cells).toEqual({ client: 'Acme Corp', paid: 1, days: 31, late: 17 });
  });

  it('averages days to payment per client to one decimal, and names a customer without a client by its QuickBooks name', () => {
    const a = paidInvoice('2026-10-01', '2026-10-31', '2026-10-21');
    const b = paidInvoice('2026-10-01', '2026-10-31', '2026-11-01');
    const c = paidInvoice('2026-10-01', '2026-10-15', '2026-10-11', { clientId: null, customerId: 'qb-x', customerName: 'Xeno Inc' });
    const view = receivablesReport(workspace({ invoices: [a.invoice, b.invoice, c.invoice], payments: [a.payment, b.payment, c.payment] }), ALL);
    expect(table(view, 'days-to-payment').rows.map((r) => r.cells)).toEqual([
      { client: 'Acme Corp', paid: 2, days: 25.5, late: -4.5 },
      { client: 'Xeno Inc', paid: 1, days: 10, late: -4 },
    ]);
    expect(figure(view, 'Average days to payment')).toBe(20.3);
    expect(chart(view, 'days-to-payment').series[0]!.values).toEqual([25.5, 10]);
  });

  it('leaves out voided invoices and other clients when filtered to one client', () => {
    const invoices = [invoice({ totalMinor: 500 }), invoice({ totalMinor: 700, ended: true }), invoice({ clientId: 'bolt', customerId: 'qb-bolt', totalMinor: 900 })];
    expect(figure(receivablesReport(workspace({ invoices }), ALL), 'Owed')).toBe(1_400);
    expect(figure(receivablesReport(workspace({ invoices }), { ...ALL, clientIds: ['bolt'] }), 'Owed')).toBe(900);
    expect(figure(receivablesReport(workspace({ invoices }), { ...ALL, projectIds: ['web'] }), 'Owed')).toBe(500);
  });
});
