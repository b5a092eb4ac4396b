// The cash forecast: when each amount should arrive and why, for a client that pays late, retainers
// billed in advance and in arrears, a fixed fee due on completion at the recent pace, and hourly work.
import { describe, expect, it } from 'vitest';
import type { FixedFeeArrangement, RetainerArrangement } from '../../../../shared/billing/types';
import { forecastReport } from '../../../../shared/reports/forecast';
import { addLocalDays } from '../../../../shared/time/local-date';
import { ALL, chart, entry, figure, HOUR, invoice, paidInvoice, project, table, TODAY, workspace } from './data';

const items = (view: ReturnType<typeof forecastReport>) => table(view, 'items').rows.map((r) => r.cells);

describe('cash forecast from open invoices', () => {
  it('expects an invoice its due date plus the days the client pays late on average, and one past due today', () => {
    const history = paidInvoice('2026-10-01', '2026-10-31', '2026-11-06');
    const open = invoice({ number: '2001', txnDate: '2026-11-15', dueDate: '2026-12-15', totalMinor: 500_00 });
    const bolt = invoice({ number: '2002', clientId: 'bolt', customerId: 'qb-bolt', dueDate: '2026-11-20', totalMinor: 300_00 });
    const view = forecastReport(workspace({ invoices: [history.invoice, open, bolt], payments: [history.payment] }), ALL);
    expect(items(view)).toEqual([
      { source: 'Open invoices', client: 'Bolt Ltd', item: '2002', date: TODAY, amount: 300_00, basis: 'Due 20 Nov; no payment history' },
      { source: 'Open invoices', client: 'Acme Corp', item: '2001', date: '2026-12-21', amount: 500_00, basis: 'Due 15 Dec; Acme Corp pays 6 days late on average' },
    ]);
    expect(figure(view, 'Expected in 30 days')).toBe(800_00);
    expect(figure(view, 'From open invoices')).toBe(800_00);
    expect(view.period).toBe('As of 4 Dec 2026');
  });
});

const retainer = (billedInAdvance: boolean): RetainerArrangement => ({
  kind: 'retainer', period: 'monthly', startDate: '2026-01-01', endDate: null, feeMinor: 2_000_00, allowanceMinutes: 1200,
  overageRateMinor: null, rollover: null, billedInAdvance, autoCreate: false,
});

describe('cash forecast from arrangements', () => {
  it('expects a monthly retainer billed in advance from each month’s first day, and in arrears from its last', () => {
    const advance = forecastReport(workspace({ projects: [project('web', 'acme', retainer(true))] }), ALL);
    // Invoiced 1 Jan, 1 Feb, 1 Mar (1 Dec is past); paid 30 days later; 31 Mar is beyond 90 days.
    expect(items(advance).map((c) => [c.date, c.amount])).toEqual([['2027-01-31', 2_000_00], ['2027-03-03', 2_000_00], ['2027-03-31', 2_000_00]]);
    expect(items(advance)[0]!['basis']).toBe('January 2027 retainer fee, invoiced 1 Jan in advance; paid in 30 days (no payment history)');
    expect(chart(advance, 'cash-by-month').series[1]!.values).toEqual([0, 2_000_00, 2_000_00]);
    expect(advance.notes).toEqual(['$2,000.00 (1 item) is expected later than 90 days and left out of the buckets.']);
    const arrears = forecastReport(workspace({ projects: [project('web', 'acme', retainer(false))] }), ALL);
    // Invoiced 31 Dec, 31 Jan, 28 Feb (31 Mar is beyond the horizon).
    expect(items(arrears).map((c) => c.date)).toEqual(['2027-01-30', '2027-03-02', '2027-03-30']);
    expect(items(arrears)[0]!['basis']).toBe('December 2026 retainer fee, invoiced 31 Dec at the period\'s end; paid in 30 days (no payment history)');
  });

  it('leaves time on a retainer to its fee and says so', () => {
    const view = forecastReport(workspace({ projects: [project('web', 'acme', { ...retainer(true), endDate: '2026-12-31' })], entries: [entry({ status: 'approved' })] }), ALL);
    expect(items(view)).toEqual([]);
    expect(view.notes).toEqual(['Time on retainer and fixed-fee projects ($100.00 at rate) is covered by their fees; any overage is left out.']);
  });

  const fixedFee: FixedFeeArrangement = { kind: 'fixedFee', feeMinor: 10_000_00, estimateMinutes: 40 * 60, overageRateMinor: null, feeBilled: 'onCompletion', completedOn: null };

  it('expects a fixed fee on completion when the estimate left is worked at the last 28 days’ pace', () => {
    // 28 hours in the last 28 days (1 h a day), 12 h of the 40 h estimate left: done 16 Dec, paid 15 Jan.
    const entries = Array.from({ length: 14 }, (_, i) => entry({ localDate: addLocalDays(TODAY, -2 * i), billedMs: 2 * HOUR, status: 'invoiced', invoiceId: 'old', invoicedMinor: 0 }));
    const view = forecastReport(workspace({ projects: [project('web', 'acme', fixedFee)], entries }), ALL);
    expect(items(view)).toEqual([{
      source: 'Unbilled work', client: 'Acme Corp', item: 'Project web', date: '2027-01-15', amount: 10_000_00,
      basis: 'Fixed fee on completion: 12:00 h of the estimate left at 1:00 h a day, done about 16 Dec; paid in 30 days (no payment history)',
    }]);
    expect(figure(view, 'From unbilled work')).toBe(10_000_00);
  });

  it('does not forecast a fixed fee nobody has worked on lately, and forecasts only what is left to invoice', () => {
    const idle = forecastReport(workspace({ projects: [project('web', 'acme', fixedFee)], entries: [entry({ localDate: '2026-10-01', status: 'invoiced', invoiceId: 'x', invoicedMinor: 0 })] }), ALL);
    expect(items(idle)).toEqual([]);
    expect(idle.notes).toEqual(['Project web: the fixed fee is not forecast, as no time was recorded on it in the last 28 days.']);
    const partlyBilled = invoice({ totalMinor: 4_000_00, balanceMinor: 0, unattributed: [{ projectId: 'web', amountMinor: 4_000_00 }] });
    const done = forecastReport(workspace({ projects: [project('web', 'acme', { ...fixedFee, completedOn: '2026-12-01' })], invoices: [partlyBilled] }), ALL);
    expect(items(done).map((c) => [c.date, c.amount])).toEqual([['2027-01-03', 6_000_00]]);
  });

  it('expects hourly work at month end plus 30 days, caps progress billing at the budget left, and leaves drafts out with a note', () => {
    const progress = project('app', 'bolt', { kind: 'progress', budget: { kind: 'amount', amountMinor: 500_00 }, estimate: null, mode: 'percent', milestones: [], completeBasisPoints: 0, completedOn: null });
    const entries = [
      entry({ status: 'approved', valueMinor: 150_00 }),
      entry({ status: 'synced', valueMinor: 50_00, localDate: '2026-11-02' }),
      entry({ status: 'draft', valueMinor: 75_00 }),
      entry({ projectId: 'app', clientId: 'bolt', valueMinor: 400_00 }),
      entry({ projectId: 'app', clientId: 'bolt', valueMinor: 300_00, invoiceId: 'p1', invoicedMinor: 300_00, status: 'invoiced' }),
    ];
    const view = forecastReport(workspace({ projects: [project('web', 'acme'), progress], entries }), ALL);
    expect(items(view)).toEqual([
      { source: 'Unbilled work', client: 'Acme Corp', item: 'Project web', date: '2027-01-30', amount: 200_00, basis: 'Invoiced 31 Dec at month end; paid in 30 days (no payment history)' },
      { source: 'Unbilled work', client: 'Bolt Ltd', item: 'Project app', date: '2027-01-30', amount: 200_00, basis: 'Invoiced 31 Dec at month end, up to the $200.00 left in the budget; paid in 30 days (no payment history)' },
    ]);
    expect(view.notes).toEqual(['Draft time worth $75.00 is left out until it is approved.']);
    expect(table(view, 'by-client').total).toEqual({ client: 'Total', next30: 0, days60: 400_00, days90: 0, later: 0, total: 400_00 });
  });
});
