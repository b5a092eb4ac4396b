// Payments back from QuickBooks: what a Payment pays (per invoice, and what it leaves unapplied),
// whether an invoice is unpaid, partly paid or paid, and the sentences the screen shows. QuickBooks'
// own Balance on the invoice is the truth for what is still due (it also counts credit memos and
// discounts); the payments say when and by which payment it was paid. Only ever read: nothing here
// is written to QuickBooks.
import { currencyExponent, formatMoney, money, roundHalfUp, toSafeNumber } from '../money/money';
import { decimalToMinor, exactDecimal } from '../qbo/decimal';
import type { QboPayment } from '../qbo/types';
import { formatDate } from '../time/display';
import type { LocalDate } from '../time/local-date';

type PaidState = 'unpaid' | 'partlyPaid' | 'paid';

/** A payment as the app keeps it (the stored row's QuickBooks part). */
export interface SeenPayment {
  qboId: string;
  customerId: string;
  customerName: string;
  txnDate: LocalDate;
  currency: string;
  totalMinor: number;
  unappliedMinor: number;
  /** QuickBooks invoice Ids and the amount applied to each. */
  applied: Array<{ invoiceQboId: string; amountMinor: number }>;
  /** Deleted in QuickBooks: it pays nothing. */
  deleted: boolean;
}

/** One payment's share of one invoice. */
export interface PaymentOnInvoice {
  paymentQboId: string;
  txnDate: LocalDate;
  amountMinor: number;
}

export interface InvoicePaid {
  state: PaidState;
  totalMinor: number;
  paidMinor: number;
  balanceMinor: number;
  /** The payments applied to it, oldest first (deleted ones pay nothing and are left out). */
  payments: PaymentOnInvoice[];
  /** The date of the latest payment applied to it; null when none is known. */
  lastPaidOn: LocalDate | null;
}

/** A QuickBooks amount in minor units, rounded half away from zero if it has more digits than the currency. */
function toMinor(value: number | undefined, currency: string): number {
  if (value === undefined) return 0;
  const exact = decimalToMinor(value, currency);
  if (exact !== null) return exact;
  const { units, scale } = exactDecimal(Math.abs(value));
  const rounded = toSafeNumber(roundHalfUp(units, 10n ** BigInt(scale - currencyExponent(currency))));
  return value < 0 ? -rounded : rounded;
}

/**
 * A Payment as QuickBooks gives it, in the app's terms. `fallbackCurrency` is for a company without
 * multicurrency, whose payments may leave CurrencyRef out; `customerName` when CustomerRef has no name.
 */
export function paymentFromQbo(p: QboPayment, fallbackCurrency: string, customerName?: string): SeenPayment {
  const currency = p.CurrencyRef?.value ?? fallbackCurrency;
  const applied = (p.Line ?? []).flatMap((line) =>
    (line.LinkedTxn ?? []).filter((l) => l.TxnType === 'Invoice').map((l) => ({ invoiceQboId: l.TxnId, amountMinor: toMinor(line.Amount, currency) })),
  );
  return {
    qboId: p.Id,
    customerId: p.CustomerRef.value,
    customerName: p.CustomerRef.name ?? customerName ?? 'A customer',
    txnDate: (p.TxnDate ?? p.MetaData?.CreateTime?.slice(0, 10) ?? '') as LocalDate,
    currency,
    totalMinor: toMinor(p.TotalAmt, currency),
    unappliedMinor: toMinor(p.UnappliedAmt, currency),
    applied,
    deleted: false,
  };
}

/** The live payments' shares of one invoice, oldest first. */
function paymentsOnInvoice(invoiceQboId: string, payments: readonly SeenPayment[]): PaymentOnInvoice[] {
  return payments
    .filter((p) => !p.deleted)
    .flatMap((p) => p.applied.filter((a) => a.invoiceQboId === invoiceQboId).map((a) => ({ paymentQboId: p.qboId, txnDate: p.txnDate, amountMinor: a.amountMinor })))
    .sort((a, b) => a.txnDate.localeCompare(b.txnDate) || a.paymentQboId.localeCompare(b.paymentQboId));
}

/**
 * How far an invoice is paid, from QuickBooks' TotalAmt and Balance (in `currency`) and the payments
 * applied to it. Without a Balance, the balance is what the payments leave. An invoice of 0 is never
 * "paid" (nothing was owed), as in shared/invoice/follow's invoiceStatus.
 */
export function invoicePaid(inv: { Id: string; TotalAmt?: number; Balance?: number }, currency: string, payments: readonly SeenPayment[]): InvoicePaid {
  const on = paymentsOnInvoice(inv.Id, payments);
  const totalMinor = Math.max(toMinor(inv.TotalAmt, currency), 0);
  const applied = on.reduce((s, p) => s + p.amountMinor, 0);
  const balanceMinor = Math.min(Math.max(inv.Balance === undefined ? totalMinor - applied : toMinor(inv.Balance, currency), 0), totalMinor);
  const paidMinor = totalMinor - balanceMinor;
  const state: PaidState = paidMinor === 0 ? 'unpaid' : balanceMinor === 0 ? 'paid' : 'partlyPaid';
  return { state, totalMinor, paidMinor, balanceMinor, payments: on, lastPaidOn: on.at(-1)?.txnDate ?? null };
}

/** One customer's money QuickBooks holds but has not applied to an invoice. */
export interface UnappliedCustomer {
  customerId: string;
  customerName: string;
  currency: string;
  unappliedMinor: number;
  payments: Array<{ paymentQboId: string; txnDate: LocalDate; unappliedMinor: number }>;
}

/** Per customer (and currency), the live payments with money left unapplied, oldest first. */
export function unappliedByCustomer(payments: readonly SeenPayment[]): UnappliedCustomer[] {
  const byKey = new Map<string, UnappliedCustomer>();
  const open = payments.filter((p) => !p.deleted && p.unappliedMinor > 0).sort((a, b) => a.txnDate.localeCompare(b.txnDate));
  for (const p of open) {
    const key = `${p.customerId}\u0000${p.currency}`;
    const entry = byKey.get(key) ?? { customerId: p.customerId, customerName: p.customerName, currency: p.currency, unappliedMinor: 0, payments: [] };
    entry.unappliedMinor += p.unappliedMinor;
    entry.payments.push({ paymentQboId: p.qboId, txnDate: p.txnDate, unappliedMinor: p.unappliedMinor });
    byKey.set(key, entry);
  }
  return [...byKey.values()].sort((a, b) => a.customerName.localeCompare(b.customerName));
}

// --- Words ---

const amount = (minor: number, currency: string) => formatMoney(money(minor, currency));

/** "3 Dec" in the year of `today`, "3 Dec 2025" otherwise. */
function shortDate(date: LocalDate, today: LocalDate): string {
  const full = formatDate(date);
  return date.slice(0, 4) === today.slice(0, 4) ? full.replace(/,? \d{4}$/, '') : full;
}

/**
 * "Paid $1,200.00 on 3 Dec 2026", "Partly paid: $500.00 of $1,200.00, $700.00 due 15 Dec", or null
 * when nothing is paid.
 */
export function paidWords(paid: InvoicePaid, currency: string, dueDate: LocalDate | null, today: LocalDate): string | null {
  if (paid.state === 'paid') return `Paid ${amount(paid.totalMinor, currency)}${paid.lastPaidOn ? ` on ${formatDate(paid.lastPaidOn)}` : ''}`;
  if (paid.state === 'unpaid') return null;
  const due = `${amount(paid.balanceMinor, currency)} due${dueDate ? ` ${shortDate(dueDate, today)}` : ''}`;
  return `Partly paid: ${amount(paid.paidMinor, currency)} of ${amount(paid.totalMinor, currency)}, ${due}`;
}

/** "Acme Corp paid $300.00 on 2 Dec that is not applied to any invoice — apply it in QuickBooks". */
export function unappliedWords(customerName: string, payment: { txnDate: LocalDate; unappliedMinor: number }, currency: string, today: LocalDate): string {
  return `${customerName} paid ${amount(payment.unappliedMinor, currency)} on ${shortDate(payment.txnDate, today)} that is not applied to any invoice — apply it in QuickBooks`;
}

/** "Payment of $500.00 from Acme was deleted in QuickBooks; invoice 1042 is open again". */
export function deletedWords(p: Pick<SeenPayment, 'customerName' | 'totalMinor' | 'currency'>, reopened: readonly string[]): string {
  const head = `Payment of ${amount(p.totalMinor, p.currency)} from ${p.customerName} was deleted in QuickBooks`;
  if (reopened.length === 0) return head;
  if (reopened.length === 1) return `${head}; invoice ${reopened[0]!} is open again`;
  return `${head}; invoices ${reopened.slice(0, -1).join(', ')} and ${reopened.at(-1)!} are open again`;
}
