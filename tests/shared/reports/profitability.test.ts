import { describe, expect, it } from 'vitest';
import { profitabilityReport } from '../../../shared/reports/profitability';
import type { ProfitabilityBy, ReportData, ReportInvoice, ReportView } from '../../../shared/reports/types';
import { HOUR, MINUTE, entry, reportData, scope } from './data';

function invoice(id: string, txnDate: string, unattributed: ReportInvoice['unattributed'], ended = false): ReportInvoice {
  return { id, number: id, clientId: 'acme', customerId: 'q-acme', customerName: 'Acme', txnDate, dueDate: txnDate, totalMinor: 0, balanceMinor: 0, serviceMinor: 0, unattributed, ended };
}

// December 2026. Ann's cost rate rises on 15 Dec; Bo is a contractor. Acme's website is a fixed fee:
// its invoice gives Ann's 2 h a 300.00 share (200.00 at rate) and bills a 50.00 retainer no entry covers.
// Beta's app is hourly; Ann's 50 minutes round up to an hour.
const data: ReportData = reportData({
  clients: [{ id: 'acme', name: 'Acme' }, { id: 'beta', name: 'Beta' }],
  projects: [
    { id: 'web', name: 'Website', clientId: 'acme', arrangement: null },
    { id: 'app', name: 'App', clientId: 'beta', arrangement: null },
  ],
  tasks: [{ id: 'design', projectId: 'web', name: 'Design' }, { id: 'build', projectId: 'app', name: 'Build' }],
  people: [
    { id: 'ann', name: 'Ann', kind: 'employee', capacityMinutesPerWeek: 2400, costRates: [{ effectiveFrom: '2026-01-01', rateMinor: 4000 }, { effectiveFrom: '2026-12-15', rateMinor: 5000 }] },
    { id: 'bo', name: 'Bo', kind: 'contractor', capacityMinutesPerWeek: 1200, costRates: [{ effectiveFrom: '2026-01-01', rateMinor: 6000 }] },
  ],
  entries: [
    entry({ id: 'e1', localDate: '2026-12-03', personId: 'ann', clientId: 'acme', projectId: 'web', taskId: 'design', rawMs: 2 * HOUR, rateMinor: 10_000, invoiceId: 'inv1', invoicedMinor: 30_000 }),
    entry({ id: 'e2', localDate: '2026-12-16', personId: 'ann', clientId: 'beta', projectId: 'app', taskId: 'build', rawMs: 50 * MINUTE, billedMs: HOUR, rateMinor: 12_000 }),
    entry({ id: 'e3', localDate: '2026-12-10', personId: 'bo', clientId: 'beta', projectId: 'app', taskId: 'build', rawMs: 3 * HOUR, rateMinor: 12_000 }),
    entry({ id: 'e4', localDate: '2026-12-11', personId: 'bo', clientId: 'acme', projectId: 'web', taskId: 'design', rawMs: HOUR, billable: false }),
    entry({ id: 'e5', localDate: '2026-11-30', personId: 'ann', clientId: 'beta', projectId: 'app', rawMs: HOUR, rateMinor: 12_000 }),
  ],
  invoices: [
    invoice('inv1', '2026-12-05', [{ projectId: 'web', amountMinor: 5_000 }]),
    invoice('voided', '2026-12-06', [{ projectId: 'web', amountMinor: 99_999 }], true),
    invoice('november', '2026-11-20', [{ projectId: 'web', amountMinor: 7_000 }]),
  ],
});
const december = scope('2026-12-01', '2026-12-31');

const figure = (view: ReportView, label: string) => view.figures.find((f) => f.label === label)?.value;

describe('profitabilityReport', () => {
  const view = profitabilityReport(data, december);

  it('counts revenue, cost, margin and the write-ups a bookkeeper can check by hand', () => {
    // 300.00 invoiced + 120.00 + 360.00 not yet invoiced + the 50.00 retainer.
    expect(figure(view, 'Revenue')).toBe(83_000);
    // Ann 2 h × 40.00 + 50 min × 50.00 (41.666… → 41.67); Bo 4 h × 60.00.
    expect(figure(view, 'Cost')).toBe(36_167);
    expect(figure(view, 'Margin')).toBe(46_833);
    expect(figure(view, 'Margin %')).toBe(56.4);
    // 830.00 over 6 h 50 min = 121.463… an hour.
    expect(figure(view, 'Effective hourly rate')).toBe(12_146);
    expect(figure(view, 'Hours')).toBe(6 * HOUR + 50 * MINUTE);
    expect(figure(view, 'Rounding write-up')).toBe(2_000);
    expect(figure(view, 'Fixed fees, retainers and surcharges')).toBe(15_000);
  });

  it('shows each client with its own numbers, the larger revenue first', () => {
    const [beta, acme] = view.tables[0]!.rows.map((r) => r.cells);
    expect(beta).toMatchObject({ name: 'Beta', revenue: 48_000, unbilled: 48_000, cost: 22_167, rounding: 2_000, arrangements: 0, billed: 4 * HOUR });
    expect(acme).toMatchObject({ name: 'Acme', revenue: 35_000, unbilled: 0, cost: 14_000, rounding: 0, arrangements: 15_000, billed: 2 * HOUR, hours: 3 * HOUR });
  });

  it('puts the retainer no entry covers on a row of its own when grouping by task or person', () => {
    for (const by of ['task', 'person'] as const) {
      const rows = profitabilityReport(data, december, { by }).tables[0]!.rows;
      expect(rows.find((r) => r.cells['name'] === 'Not tied to time')?.cells).toMatchObject({ revenue: 5_000, hours: 0, rate: null, marginPercent: 100 });
    }
  });

  it('gives the same totals whichever way it is grouped', () => {
    const totals = (['client', 'project', 'task', 'person'] as ProfitabilityBy[]).map((by) => profitabilityReport(data, december, { by }).tables[0]!.total);
    for (const total of totals) expect(total).toEqual(totals[0]);
  });

  it('keeps only the filtered client, with its retainer', () => {
    const acme = profitabilityReport(data, scope('2026-12-01', '2026-12-31', { clientIds: ['acme'] }));
    expect(figure(acme, 'Revenue')).toBe(35_000);
  });

  it('says whose time has no cost rate and which entries are in another currency', () => {
    const noRates = { ...data, people: data.people.map((p) => ({ ...p, costRates: [] })), otherCurrencyEntries: 2 };
    const notes = profitabilityReport(noRates, december).notes;
    expect(notes).toContain('2 entries with rates in another currency are not in these amounts.');
    expect(notes).toContain('Ann and Bo have no cost rate for some of this time, so that time counts as costing nothing.');
    expect(view.notes).toEqual([]);
  });

  it('draws cost and margin adding up to each client’s revenue, and revenue by week', () => {
    const [stack, rate, weekly] = view.charts;
    expect(stack!.categories).toEqual(['Beta', 'Acme']);
    expect(stack!.series.map((s) => s.values)).toEqual([[22_167, 14_000], [25_833, 21_000]]);
    // Beta 480.00 over 3 h 50 min; Acme 350.00 over 3 h.
    expect(rate!.series[0]!.values).toEqual([12_522, 11_667]);
    expect(weekly!.categories).toEqual(['30 Nov', '7 Dec', '14 Dec', '21 Dec', '28 Dec']);
    expect(weekly!.series[0]!.values).toEqual([35_000, 36_000, 12_000, 0, 0]);
  });
});
