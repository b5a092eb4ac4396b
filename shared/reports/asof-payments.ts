// How invoices stood on a day and how each client pays: balances as of a past day (total less the
// payments applied by then), and per client the days from invoice to the payment that settled it.
import type { LocalDate } from '../time/local-date';
import { daysBetween, oneDecimal } from './asof-common';
import { sum } from './parts';
import type { ReportInvoice, ReportPayment } from './types';

/** Payments applied to one invoice, oldest first. */
type Applied = Array<{ date: LocalDate; amountMinor: number }>;

export function appliedByInvoice(payments: readonly ReportPayment[]): Map<string, Applied> {
  const byInvoice = new Map<string, Applied>();
  for (const p of payments) {
    for (const a of p.applied) {
      const list = byInvoice.get(a.invoiceId) ?? [];
      list.push({ date: p.txnDate, amountMinor: a.amountMinor });
      byInvoice.set(a.invoiceId, list);
    }
  }
  for (const list of byInvoice.values()) list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return byInvoice;
}

/** What was owed on `asOf`: QuickBooks' own balance for today, else the total less payments applied by then. */
export function balanceAsOf(invoice: ReportInvoice, applied: Applied | undefined, asOf: LocalDate, today: LocalDate): number {
  if (asOf >= today) return invoice.balanceMinor;
  return invoice.totalMinor - (applied ?? []).filter((a) => a.date <= asOf).reduce((s, a) => s + a.amountMinor, 0);
}

/** The day the payments applied by `asOf` first covered the whole invoice; null: not paid in full by then. */
function paidInFullOn(invoice: ReportInvoice, applied: Applied | undefined, asOf: LocalDate): LocalDate | null {
  let paid = 0;
  for (const a of applied ?? []) {
    if (a.date > asOf) break;
    paid += a.amountMinor;
    if (paid >= invoice.totalMinor) return a.date;
  }
  return null;
}

/** A client's (or QuickBooks customer's) invoices: clients by id, customers without a client by theirs. */
export const payerKey = (invoice: Pick<ReportInvoice, 'clientId' | 'customerId'>): string => invoice.clientId ?? `customer:${invoice.customerId}`;

export interface PayHistory {
  /** Invoices paid in full. */
  count: number;
  /** From invoice date to the payment that settled it, to one decimal. */
  averageDaysToPay: number;
  /** From due date to that payment (negative: early), to one decimal. */
  averageDaysLate: number;
  /** The days to pay added up, for an average over several payers. */
  totalDaysToPay: number;
}

/** Per payer, how its invoices paid in full by `asOf` were paid. */
export function paymentHistory(invoices: readonly ReportInvoice[], applied: Map<string, Applied>, asOf: LocalDate): Map<string, PayHistory> {
  const paid = new Map<string, { toPay: number[]; late: number[] }>();
  for (const inv of invoices) {
    if (inv.ended || inv.totalMinor <= 0 || inv.txnDate > asOf) continue;
    const on = paidInFullOn(inv, applied.get(inv.id), asOf);
    if (on === null) continue;
    const entry = paid.get(payerKey(inv)) ?? { toPay: [], late: [] };
    entry.toPay.push(daysBetween(inv.txnDate, on));
    entry.late.push(daysBetween(inv.dueDate, on));
    paid.set(payerKey(inv), entry);
  }
  const history = new Map<string, PayHistory>();
  for (const [key, { toPay, late }] of paid) {
    const count = toPay.length;
    history.set(key, { count, averageDaysToPay: oneDecimal(sum(toPay) / count), averageDaysLate: oneDecimal(sum(late) / count), totalDaysToPay: sum(toPay) });
  }
  return history;
}
