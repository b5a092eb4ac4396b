// Test data for the "as of a day" reports: a small workspace on Friday 4 Dec 2026 with two clients,
// and builders for entries, segments, invoices and payments with everything but the point defaulted.
import type { BillingArrangement } from '../../../../shared/billing/types';
import { reportData } from '../data';
import type { ReportData, ReportEntry, ReportInvoice, ReportPayment, ReportProject, ReportScope, ReportSegment, ReportTable, ReportView } from '../../../../shared/reports/types';

export const TODAY = '2026-12-04';
export const HOUR = 3_600_000;

export const ALL: ReportScope = { from: '2026-12-01', to: '2026-12-31', clientIds: [], projectIds: [] };

export function project(id: string, clientId: string | null, arrangement: BillingArrangement | null = null): ReportProject {
  return { id, name: `Project ${id}`, clientId, arrangement };
}

export function workspace(over: Partial<ReportData> = {}): ReportData {
  return reportData({
    today: TODAY,
    clients: [
      { id: 'acme', name: 'Acme Corp' },
      { id: 'bolt', name: 'Bolt Ltd' },
    ],
    projects: [project('web', 'acme'), project('app', 'bolt')],
    ...over,
  });
}

let seq = 0;
const nextId = (prefix: string) => `${prefix}${++seq}`;

export function entry(over: Partial<ReportEntry> = {}): ReportEntry {
  return {
    id: nextId('e'),
    localDate: TODAY,
    personId: 'me',
    clientId: 'acme',
    projectId: 'web',
    taskId: null,
    status: 'synced',
    billable: true,
    rawMs: HOUR,
    billedMs: HOUR,
    rateMinor: 10_000,
    valueMinor: 10_000,
    rawValueMinor: 10_000,
    invoiceId: null,
    invoicedMinor: null,
    ...over,
  };
}

export function segment(over: Partial<ReportSegment> = {}): ReportSegment {
  return { id: nextId('s'), localDate: TODAY, ms: HOUR, projectId: 'web', valueMinor: 10_000, ...over };
}

export function invoice(over: Partial<ReportInvoice> = {}): ReportInvoice {
  const totalMinor = over.totalMinor ?? 100_00;
  return {
    id: nextId('i'),
    number: String(1000 + seq),
    clientId: 'acme',
    customerId: 'qb-acme',
    customerName: 'Acme Corp (QuickBooks)',
    txnDate: '2026-11-01',
    dueDate: '2026-12-01',
    totalMinor,
    balanceMinor: totalMinor,
    serviceMinor: totalMinor,
    unattributed: [],
    ended: false,
    ...over,
  };
}

/** A payment of `amountMinor` on `date`, all applied to `inv`. */
export function payment(inv: ReportInvoice, date: string, amountMinor: number): ReportPayment {
  return { id: nextId('p'), customerId: inv.customerId, clientId: inv.clientId, txnDate: date, totalMinor: amountMinor, applied: [{ invoiceId: inv.id, amountMinor }] };
}

/** An invoice paid in full on `paidOn` (balance 0 today). */
export function paidInvoice(txnDate: string, dueDate: string, paidOn: string, over: Partial<ReportInvoice> = {}): { invoice: ReportInvoice; payment: ReportPayment } {
  const inv = invoice({ txnDate, dueDate, ...over, balanceMinor: 0 });
  return { invoice: inv, payment: payment(inv, paidOn, inv.totalMinor) };
}

export function table(view: ReportView, id: string): ReportTable {
  const t = view.tables.find((x) => x.id === id);
  if (!t) throw new Error(`no table ${id}`);
  return t;
}

export function figure(view: ReportView, label: string): number | undefined {
  return view.figures.find((f) => f.label === label)?.value;
}

export function chart(view: ReportView, id: string) {
  const c = view.charts.find((x) => x.id === id);
  if (!c) throw new Error(`no chart ${id}`);
  return c;
}

/** A series' values added up (nulls as 0). */
export const seriesSum = (values: ReadonlyArray<number | null>): number => values.reduce<number>((a, v) => a + (v ?? 0), 0);
