// Payments received (qbo-api.md §3.6, Intuit's payment.md): CustomerRef and TotalAmt required; each
// line applies its Amount to one invoice of that customer through LinkedTxn [{TxnId, TxnType:
// "Invoice"}]; what no line applies is UnappliedAmt. Applying a payment lowers the invoice's Balance
// and links the invoice back to the payment, as the invoice Intuit's "Manage linked transactions"
// page shows (LinkedTxn TxnType Payment); changing or deleting the payment gives the balance back.
import { decimalToMinor, minorToDecimalNumber } from '../../shared/qbo/decimal';
import { faults } from './errors';
import { CURRENCIES, SAMPLE_RATES } from './seed';
import { writable, type Company, type Entity, type LinkedTxn, type Ref } from './store';
import { resolveRef, round2, txnDate } from './validate';

interface PaymentLine {
  Amount: number;
  LinkedTxn: LinkedTxn[];
}

/** Minor units per invoice id that a payment applies. */
function applications(payment: Entity | Record<string, unknown> | undefined, currency: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of (payment?.Line as PaymentLine[] | undefined) ?? []) {
    const id = line.LinkedTxn[0]?.TxnId;
    if (id) out.set(id, (out.get(id) ?? 0) + (decimalToMinor(line.Amount, currency) ?? 0));
  }
  return out;
}

const currencyOf = (e: Record<string, unknown> | undefined) => (e?.CurrencyRef as Ref | undefined)?.value ?? 'USD';

function amount(value: unknown, field: string, currency: string): number {
  const minor = typeof value === 'number' ? decimalToMinor(value, currency) : null;
  if (minor === null) throw faults.malformed(`${field} must be a number with at most the currency's decimals`, field);
  if (minor < 0) throw faults.business(`${field} cannot be negative.`, field);
  return minor;
}

/** One payment line: an amount applied to an open invoice of the payer. */
function paymentLine(co: Company, raw: unknown, customer: Entity, currency: string, before: Map<string, number>): { id: string; minor: number } {
  const line = (raw ?? {}) as { Amount?: unknown; LinkedTxn?: unknown };
  const minor = amount(line.Amount, 'Amount', currency);
  const links = line.LinkedTxn;
  if (!Array.isArray(links) || links.length !== 1) throw faults.business('Each payment line applies its amount to one invoice: LinkedTxn [{TxnId, TxnType: "Invoice"}].', 'LinkedTxn');
  const link = links[0] as LinkedTxn | null;
  if (link?.TxnType !== 'Invoice') throw faults.business(`A payment can be applied to an Invoice here, not to ${String(link?.TxnType)}.`, 'LinkedTxn');
  const id = String(link.TxnId);
  const invoice = co.get('Invoice', id);
  if (!invoice) throw faults.invalidReference('LinkedTxn');
  if (co.isVoided(id)) throw faults.business(`Invoice ${String(invoice.DocNumber)} has been voided and cannot be paid.`, 'LinkedTxn');
  if ((invoice.CustomerRef as Ref).value !== customer.Id) throw faults.business(`Invoice ${String(invoice.DocNumber)} belongs to a different customer.`, 'LinkedTxn');
  const open = (decimalToMinor(Number(invoice.Balance), currency) ?? 0) + (before.get(id) ?? 0);
  if (minor > open) throw faults.business(`The amount applied to invoice ${String(invoice.DocNumber)} is more than its balance of ${minorToDecimalNumber(open, currency)}.`, 'Amount');
  return { id, minor };
}

/** A payment as QuickBooks keeps it, checked against the invoices it pays (their balances before this write). */
export function preparePayment(co: Company, input: Record<string, unknown>, existing?: Entity): Record<string, unknown> {
  if (input.CustomerRef === undefined) throw faults.requiredMissing('CustomerRef');
  if (input.TotalAmt === undefined) throw faults.requiredMissing('TotalAmt');
  const customerRef = resolveRef(co, 'Customer', input.CustomerRef, 'CustomerRef');
  const customer = co.get('Customer', customerRef.value) as Entity;
  const currency = currencyOf(customer);
  if (existing && currencyOf(existing) !== currency) throw faults.business("A payment's customer cannot change to one in another currency.", 'CustomerRef');
  const total = amount(input.TotalAmt, 'TotalAmt', currency);
  const given = input.Line ?? [];
  if (!Array.isArray(given)) throw faults.malformed('Line must be an array', 'Line');
  const before = applications(existing, currency);
  const lines = given.map((raw) => paymentLine(co, raw, customer, currency, before));
  const applied = lines.reduce((sum, l) => sum + l.minor, 0);
  if (applied > total) throw faults.business('The amounts applied to invoices are more than the payment received (TotalAmt).', 'TotalAmt');
  const decimal = (minor: number) => minorToDecimalNumber(minor, currency);
  return {
    ...input,
    TxnDate: txnDate(co, input),
    CustomerRef: customerRef,
    CurrencyRef: CURRENCIES[currency],
    ...(co.multicurrency ? { ExchangeRate: (input.ExchangeRate as number | undefined) ?? SAMPLE_RATES[currency] ?? 1 } : {}),
    TotalAmt: decimal(total),
    UnappliedAmt: decimal(total - applied),
    Line: lines.map((l) => ({ Amount: decimal(l.minor), LinkedTxn: [{ TxnId: l.id, TxnType: 'Invoice' }] })),
    ProcessPayment: input.ProcessPayment ?? false,
  };
}

/**
 * After a payment is created, changed or deleted: each invoice it paid before or pays now gets the
 * difference back on its Balance (and HomeBalance), and its Payment link is added or removed; the
 * invoice's SyncToken and LastUpdatedTime move, so it shows in Invoice CDC.
 */
export function settleInvoices(co: Company, paymentId: string, before: Entity | undefined, after: Entity | undefined): void {
  const currency = currencyOf(after ?? before);
  const was = applications(before, currency);
  const now = applications(after, currency);
  for (const id of new Set([...was.keys(), ...now.keys()])) {
    const invoice = co.get('Invoice', id);
    if (!invoice) continue;
    const delta = (now.get(id) ?? 0) - (was.get(id) ?? 0);
    if (delta === 0 && was.has(id) === now.has(id)) continue;
    const balance = minorToDecimalNumber((decimalToMinor(Number(invoice.Balance), currency) ?? 0) - delta, currency);
    const others = ((invoice.LinkedTxn as LinkedTxn[] | undefined) ?? []).filter((t) => !(t.TxnType === 'Payment' && t.TxnId === paymentId));
    const links = now.has(id) ? [...others, { TxnId: paymentId, TxnType: 'Payment' }] : others;
    const home = co.multicurrency ? { HomeBalance: round2(balance * Number(invoice.ExchangeRate ?? 1)) } : {};
    co.update('Invoice', invoice, { ...writable(invoice), Balance: balance, ...home, LinkedTxn: links });
  }
}
