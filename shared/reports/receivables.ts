// Receivables: what clients owed on a day (the period's last day, or today), by how long past due,
// the invoices overdue, and how many days each client takes to pay. Looking at an earlier period
// shows the receivables as they stood then: payments made after its last day count as not yet made.
import { PAST_DUE_BUCKETS, pastDueBucket } from './aging';
import { asOfWords, clientFilter, daysBetween, names, oneDecimal } from './asof-common';
import { sum } from './parts';
import { appliedByInvoice, balanceAsOf, payerKey, paymentHistory, type PayHistory } from './asof-payments';
import type { ChartSpec, ReportData, ReportFigure, ReportInvoice, ReportScope, ReportTable, ReportView } from './types';
import { emptyView } from './view';

interface OpenInvoice {
  invoice: ReportInvoice;
  client: string;
  balanceMinor: number;
  daysPastDue: number;
  bucket: number;
}

interface Payer {
  client: string;
  byBucket: number[];
  totalMinor: number;
}

const BUCKET_KEYS = PAST_DUE_BUCKETS.map((_, i) => `age${i}`);

export function receivablesReport(data: ReportData, scope: ReportScope): ReportView {
  const asOf = scope.to < data.today ? scope.to : data.today;
  const keep = clientFilter(data, scope);
  const invoices = data.invoices.filter((inv) => !inv.ended && inv.txnDate <= asOf && keep(inv.clientId));
  const applied = appliedByInvoice(data.payments);
  const named = names(data);
  const clientName = (inv: ReportInvoice) => named.client(inv.clientId, inv.customerName);
  const open: OpenInvoice[] = invoices
    .map((invoice) => ({ invoice, balanceMinor: balanceAsOf(invoice, applied.get(invoice.id), asOf, data.today) }))
    .filter((o) => o.balanceMinor > 0)
    .map((o) => {
      const daysPastDue = daysBetween(o.invoice.dueDate, asOf);
      return { ...o, client: clientName(o.invoice), daysPastDue, bucket: pastDueBucket(daysPastDue) };
    });
  const payers = byPayer(open);
  const history = paymentHistory(invoices, applied, asOf);
  const payerNames = new Map(invoices.map((inv) => [payerKey(inv), clientName(inv)]));
  const paidBy = [...history].map(([key, h]) => ({ client: payerNames.get(key)!, ...h }));
  paidBy.sort((a, b) => a.client.localeCompare(b.client));
  const view = emptyView('receivables', 'Receivables', asOfWords(asOf), data.currency);
  view.figures = figures(open, paidBy);
  view.charts = charts(open, payers, paidBy);
  view.tables = [agingTable(payers), overdueTable(open), daysToPayTable(paidBy)];
  if (paidBy.length === 0) view.notes.push('No invoice has been paid in full yet, so there is no average time to payment.');
  return view;
}

/** Each client's balances by bucket, the largest total first. */
function byPayer(open: readonly OpenInvoice[]): Payer[] {
  const payers = new Map<string, Payer>();
  for (const o of open) {
    const key = payerKey(o.invoice);
    const payer = payers.get(key) ?? { client: o.client, byBucket: PAST_DUE_BUCKETS.map(() => 0), totalMinor: 0 };
    payer.byBucket[o.bucket]! += o.balanceMinor;
    payer.totalMinor += o.balanceMinor;
    payers.set(key, payer);
  }
  return [...payers.values()].sort((a, b) => b.totalMinor - a.totalMinor || a.client.localeCompare(b.client));
}

const bucketTotals = (open: readonly OpenInvoice[]): number[] => PAST_DUE_BUCKETS.map((_, i) => sum(open.filter((o) => o.bucket === i).map((o) => o.balanceMinor)));

type PaidBy = PayHistory & { client: string };

function figures(open: readonly OpenInvoice[], paidBy: readonly PaidBy[]): ReportFigure[] {
  const buckets = bucketTotals(open);
  const list: ReportFigure[] = [
    { label: 'Owed', kind: 'money', value: sum(buckets), good: 'down' },
    { label: 'Overdue', kind: 'money', value: sum(buckets.slice(1)), good: 'down' },
    { label: 'Over 90 days', kind: 'money', value: buckets[buckets.length - 1]!, good: 'down' },
  ];
  const paidCount = sum(paidBy.map((p) => p.count));
  if (paidCount > 0) list.push({ label: 'Average days to payment', kind: 'days', value: oneDecimal(sum(paidBy.map((p) => p.totalDaysToPay)) / paidCount), good: 'down' });
  return list;
}

function charts(open: readonly OpenInvoice[], payers: readonly Payer[], paidBy: readonly PaidBy[]): ChartSpec[] {
  const categories = [...PAST_DUE_BUCKETS];
  return [
    { id: 'owed-by-age', title: 'Owed by age', kind: 'bar', categories, unit: 'money', comparable: true, series: [{ label: 'Owed', values: bucketTotals(open) }] },
    {
      id: 'owed-by-client',
      title: 'Owed by client and age',
      kind: 'stackedBar',
      categories: payers.map((p) => p.client),
      unit: 'money',
      series: PAST_DUE_BUCKETS.map((label, i) => ({ label, values: payers.map((p) => p.byBucket[i]!) })),
    },
    {
      id: 'days-to-payment',
      title: 'Average days to payment by client',
      kind: 'bar',
      categories: paidBy.map((p) => p.client),
      unit: 'days',
      comparable: true,
      series: [{ label: 'Average days to payment', values: paidBy.map((p) => p.averageDaysToPay) }],
    },
  ];
}

function agingTable(payers: readonly Payer[]): ReportTable {
  const bucketCells = (values: readonly number[]) => Object.fromEntries(BUCKET_KEYS.map((k, i) => [k, values[i]!]));
  const totals = PAST_DUE_BUCKETS.map((_, i) => sum(payers.map((p) => p.byBucket[i]!)));
  return {
    id: 'aging',
    title: 'Owed by client and age',
    columns: [
      { key: 'client', label: 'Client', kind: 'text' },
      ...PAST_DUE_BUCKETS.map((label, i) => ({ key: BUCKET_KEYS[i]!, label, kind: 'money' as const })),
      { key: 'total', label: 'Total', kind: 'money' },
    ],
    rows: payers.map((p) => ({ cells: { client: p.client, ...bucketCells(p.byBucket), total: p.totalMinor } })),
    total: { client: 'Total', ...bucketCells(totals), total: sum(totals) },
  };
}

function overdueTable(open: readonly OpenInvoice[]): ReportTable {
  const overdue = open.filter((o) => o.daysPastDue > 0).sort((a, b) => b.daysPastDue - a.daysPastDue || a.invoice.number.localeCompare(b.invoice.number));
  return {
    id: 'overdue',
    title: 'Overdue invoices',
    columns: [
      { key: 'number', label: 'Invoice', kind: 'text' },
      { key: 'client', label: 'Client', kind: 'text' },
      { key: 'date', label: 'Date', kind: 'date' },
      { key: 'due', label: 'Due', kind: 'date' },
      { key: 'daysOverdue', label: 'Days overdue', kind: 'days' },
      { key: 'balance', label: 'Owed', kind: 'money' },
    ],
    rows: overdue.map((o) => ({
      cells: { number: o.invoice.number, client: o.client, date: o.invoice.txnDate, due: o.invoice.dueDate, daysOverdue: o.daysPastDue, balance: o.balanceMinor },
      link: { screen: 'invoices', label: 'Open invoices' },
    })),
    total: { number: 'Total', client: null, date: null, due: null, daysOverdue: null, balance: sum(overdue.map((o) => o.balanceMinor)) },
  };
}

function daysToPayTable(paidBy: readonly PaidBy[]): ReportTable {
  return {
    id: 'days-to-payment',
    title: 'Days to payment by client',
    columns: [
      { key: 'client', label: 'Client', kind: 'text' },
      { key: 'paid', label: 'Invoices paid', kind: 'count' },
      { key: 'days', label: 'Average days to payment', kind: 'days' },
      { key: 'late', label: 'Average days late', kind: 'days' },
    ],
    rows: paidBy.map((p) => ({ cells: { client: p.client, paid: p.count, days: p.averageDaysToPay, late: p.averageDaysLate } })),
  };
}
