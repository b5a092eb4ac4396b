// For any invoices, payments and unbilled time: the receivables buckets add up to what is owed,
// computed here from scratch; the forecast's buckets and "later" add up to all its items; and every
// chart shows the same numbers as its table's total and the figures above it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forecastReport } from '../../../../shared/reports/forecast';
import { leakageReport } from '../../../../shared/reports/leakage';
import { receivablesReport } from '../../../../shared/reports/receivables';
import type { ReportData, ReportEntry, ReportInvoice, ReportPayment } from '../../../../shared/reports/types';
import { addLocalDays } from '../../../../shared/time/local-date';
import { ALL, chart, entry, figure, HOUR, project, seriesSum, table, TODAY, workspace } from './data';

const CLIENTS = ['acme', 'bolt', null] as const;

const invoiceArb = fc.record({
  txnAgo: fc.integer({ min: 0, max: 200 }),
  terms: fc.integer({ min: 0, max: 60 }),
  totalMinor: fc.integer({ min: 1, max: 1_000_000 }),
  client: fc.constantFrom(...CLIENTS),
  ended: fc.boolean(),
  // Payments: a share of the total in per mille, days after the invoice.
  payments: fc.array(fc.record({ perMille: fc.integer({ min: 1, max: 1000 }), after: fc.integer({ min: 0, max: 150 }) }), { maxLength: 3 }),
});

type InvoiceSpec = typeof invoiceArb extends fc.Arbitrary<infer T> ? T : never;

/** Invoices and the payments applied to them, never more than the total; balances as QuickBooks keeps them today. */
function build(specs: readonly InvoiceSpec[]): { invoices: ReportInvoice[]; payments: ReportPayment[] } {
  const invoices: ReportInvoice[] = [];
  const payments: ReportPayment[] = [];
  specs.forEach((s, i) => {
    const txnDate = addLocalDays(TODAY, -s.txnAgo);
    const id = `inv${i}`;
    let paid = 0;
    s.payments.forEach((p, j) => {
      const date = addLocalDays(txnDate, p.after);
      const amountMinor = Math.min(s.totalMinor - paid, Math.ceil((s.totalMinor * p.perMille) / 1000));
      if (date > TODAY || amountMinor <= 0) return;
      paid += amountMinor;
      payments.push({ id: `${id}p${j}`, customerId: `qb-${s.client}`, clientId: s.client, txnDate: date, totalMinor: amountMinor, applied: [{ invoiceId: id, amountMinor }] });
    });
    invoices.push({
      id, number: String(i), clientId: s.client, customerId: `qb-${s.client}`, customerName: `Customer ${s.client}`, txnDate, dueDate: addLocalDays(txnDate, s.terms),
      totalMinor: s.totalMinor, balanceMinor: s.totalMinor - paid, serviceMinor: s.totalMinor, unattributed: [], ended: s.ended,
    });
  });
  return { invoices, payments };
}

/** What was owed on `asOf`, by the rule in words: total less the payments made by then, for invoices made by then. */
function owedFromScratch(data: ReportData, asOf: string): number {
  let owed = 0;
  for (const inv of data.invoices) {
    if (inv.ended || inv.txnDate > asOf) continue;
    const paid = data.payments.filter((p) => p.txnDate <= asOf).flatMap((p) => p.applied).filter((a) => a.invoiceId === inv.id).reduce((s, a) => s + a.amountMinor, 0);
    owed += Math.max(0, inv.totalMinor - paid);
  }
  return owed;
}

const entryArb = fc.record({
  ago: fc.integer({ min: 0, max: 120 }),
  status: fc.constantFrom('draft', 'approved', 'synced', 'invoiced') as fc.Arbitrary<ReportEntry['status']>,
  billable: fc.boolean(),
  hours: fc.integer({ min: 1, max: 8 }),
  project: fc.constantFrom('web', 'app', 'ret'),
});

function entries(specs: ReadonlyArray<typeof entryArb extends fc.Arbitrary<infer T> ? T : never>): ReportEntry[] {
  return specs.map((s, i) => entry({
    id: `e${i}`, localDate: addLocalDays(TODAY, -s.ago), status: s.status, billable: s.billable, projectId: s.project, clientId: s.project === 'app' ? 'bolt' : 'acme',
    rawMs: s.hours * HOUR, billedMs: s.hours * HOUR, valueMinor: s.billable ? s.hours * 10_000 : 0,
    invoiceId: s.status === 'invoiced' ? 'old' : null, invoicedMinor: s.status === 'invoiced' && s.billable ? s.hours * 10_000 : null,
  }));
}

const projects = [
  project('web', 'acme'),
  project('app', 'bolt'),
  project('ret', 'acme', { kind: 'retainer', period: 'monthly', startDate: '2026-06-01', endDate: null, feeMinor: 50_000, allowanceMinutes: 600, overageRateMinor: null, rollover: null, billedInAdvance: false, autoCreate: false }),
];

describe('the same numbers everywhere', () => {
  it('receivables: the buckets add up to what is owed, in the charts, the tables and the figures', () => {
    fc.assert(
      fc.property(fc.array(invoiceArb, { maxLength: 12 }), fc.integer({ min: -120, max: 30 }), (specs, shift) => {
        const data = workspace(build(specs));
        const asOf = addLocalDays(TODAY, Math.min(0, shift));
        const view = receivablesReport(data, { ...ALL, to: addLocalDays(TODAY, shift) });
        const owed = owedFromScratch(data, asOf);
        const aging = table(view, 'aging');
        expect(seriesSum(chart(view, 'owed-by-age').series[0]!.values)).toBe(owed);
        expect(figure(view, 'Owed')).toBe(owed);
        expect(aging.total!['total']).toBe(owed);
        expect(chart(view, 'owed-by-client').series.map((s) => seriesSum(s.values))).toEqual(['age0', 'age1', 'age2', 'age3', 'age4'].map((k) => aging.total![k]));
        expect(table(view, 'overdue').total!['balance']).toBe(figure(view, 'Overdue'));
        expect(chart(view, 'owed-by-age').series[0]!.values[4]).toBe(figure(view, 'Over 90 days'));
      }),
    );
  });

  it('forecast: the buckets and "later" add up to every item, and the charts match the figures', () => {
    fc.assert(
      fc.property(fc.array(invoiceArb, { maxLength: 8 }), fc.array(entryArb, { maxLength: 20 }), (specs, work) => {
        const view = forecastReport(workspace({ ...build(specs), projects, entries: entries(work) }), ALL);
        const all = table(view, 'items').rows.reduce((s, r) => s + (r.cells['amount'] as number), 0);
        const byClient = table(view, 'by-client').total!;
        const byMonth = chart(view, 'cash-by-month').series;
        const within = byMonth.reduce((s, series) => s + seriesSum(series.values), 0);
        expect(table(view, 'items').total!['amount']).toBe(all);
        expect(within + (byClient['later'] as number)).toBe(all);
        expect(byClient['total']).toBe(all);
        expect(figure(view, 'Expected in 90 days')).toBe(within);
        expect((figure(view, 'From open invoices') ?? 0) + (figure(view, 'From unbilled work') ?? 0)).toBe(within);
        expect(seriesSum(byMonth[0]!.values)).toBe(figure(view, 'From open invoices'));
        expect(chart(view, 'cumulative').series[0]!.values.at(-1)).toBe(within);
      }),
    );
  });

  it('unbilled work: the charts add up to the stages table and the figures', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 30 }), (work) => {
        const view = leakageReport(workspace({ projects, entries: entries(work) }), ALL);
        const total = table(view, 'stages').total!;
        expect(seriesSum(chart(view, 'amount-by-stage').series[0]!.values)).toBe(total['amount']);
        expect(figure(view, 'Total at rate')).toBe(total['amount']);
        expect(chart(view, 'hours-by-age').series.reduce((s, series) => s + seriesSum(series.values), 0)).toBe(total['hours']);
        const stageHours = view.figures.filter((f) => f.kind === 'ms').reduce((s, f) => s + f.value, 0);
        expect(stageHours).toBe(total['hours']);
      }),
    );
  });
});
