// After an invoice is in QuickBooks: its status from QuickBooks' fields, and what changed there
// compared with what we sent, in words a bookkeeper reads, plus the time QuickBooks let go of.
import { currencyExponent, formatMoney } from '../money/money';
import { decimalToMinor } from '../qbo/decimal';
import type { LocalDate } from '../time/local-date';

export type InvoiceStatus = 'voided' | 'paid' | 'partlyPaid' | 'overdue' | 'sent' | 'draft';

export interface InvoiceStatusFields {
  TotalAmt: number;
  Balance: number;
  DueDate?: LocalDate;
  EmailStatus?: string;
  PrivateNote?: string;
  voided?: boolean;
}

/** QuickBooks' invoice as invoiceStatus reads it (amounts it left out count as 0). */
export function statusFields(inv: { TotalAmt?: number; Balance?: number; DueDate?: string; EmailStatus?: string; PrivateNote?: string }): InvoiceStatusFields {
  return { ...inv, TotalAmt: inv.TotalAmt ?? 0, Balance: inv.Balance ?? 0 };
}

export function invoiceStatus(inv: InvoiceStatusFields, today: LocalDate): InvoiceStatus {
  if (inv.voided || (inv.TotalAmt === 0 && (inv.PrivateNote ?? '').startsWith('Voided'))) return 'voided';
  if (inv.Balance === 0 && inv.TotalAmt > 0) return 'paid';
  if (inv.Balance > 0 && inv.Balance < inv.TotalAmt) return 'partlyPaid';
  if (inv.Balance > 0 && inv.DueDate !== undefined && inv.DueDate < today) return 'overdue';
  if (inv.EmailStatus === 'EmailSent') return 'sent';
  return 'draft';
}

interface Ref {
  value: string;
  name?: string;
}

interface LinkedTxn {
  TxnId: string;
  TxnType: string;
}

/** A Line as sent or as QuickBooks returns it (only the fields compared). */
interface QboLine {
  DetailType: string;
  Amount?: number;
  Description?: string;
  SalesItemLineDetail?: { ItemRef?: Ref; Qty?: number; UnitPrice?: number; ServiceDate?: string };
  LinkedTxn?: LinkedTxn[];
}

/** An Invoice as sent (the builder's payload) or as QuickBooks returns it. */
export interface QboInvoiceLike {
  CustomerRef?: Ref;
  CurrencyRef?: Ref;
  Line?: QboLine[];
  LinkedTxn?: LinkedTxn[];
}

export interface InvoiceComparison {
  /** One sentence per difference, in line order. */
  differences: string[];
  /** TimeActivities linked when sent that QuickBooks no longer links anywhere: free to bill again. */
  released: string[];
}

const isSale = (l: QboLine) => l.DetailType === 'SalesItemLineDetail';

function linkedTime(links: readonly LinkedTxn[] | undefined): string[] {
  return (links ?? []).filter((l) => l.TxnType === 'TimeActivity').map((l) => l.TxnId);
}

function allLinkedTime(inv: QboInvoiceLike): Set<string> {
  return new Set([...linkedTime(inv.LinkedTxn), ...(inv.Line ?? []).flatMap((l) => linkedTime(l.LinkedTxn))]);
}

/**
 * Pairs sent lines with QuickBooks' lines: same description first, then shared linked time, then
 * the same item in order. Unpaired sent lines were removed, unpaired QuickBooks lines added.
 */
function pairLines(sent: readonly QboLine[], inQbo: readonly QboLine[]): Array<[number | null, number | null]> {
  const taken = new Set<number>();
  const match = new Map<number, number>();
  const tryPair = (same: (a: QboLine, b: QboLine) => boolean) => {
    sent.forEach((a, i) => {
      if (match.has(i)) return;
      const j = inQbo.findIndex((b, k) => !taken.has(k) && same(a, b));
      if (j < 0) return;
      match.set(i, j);
      taken.add(j);
    });
  };
  tryPair((a, b) => (a.Description ?? '') === (b.Description ?? ''));
  tryPair((a, b) => linkedTime(a.LinkedTxn).some((id) => linkedTime(b.LinkedTxn).includes(id)));
  tryPair((a, b) => a.SalesItemLineDetail?.ItemRef?.value === b.SalesItemLineDetail?.ItemRef?.value);
  const pairs: Array<[number | null, number | null]> = sent.map((_, i) => [i, match.get(i) ?? null]);
  inQbo.forEach((_, k) => {
    if (!taken.has(k)) pairs.push([null, k]);
  });
  return pairs;
}

function moneyText(value: number | undefined, currency: string): string {
  const exponent = currencyExponent(currency);
  const format = new Intl.NumberFormat('en', { style: 'currency', currency, minimumFractionDigits: exponent, maximumFractionDigits: Math.max(exponent, 10) });
  return format.format(value ?? 0);
}

function summary(line: QboLine, currency: string): string {
  const d = line.SalesItemLineDetail ?? {};
  const amount = moneyText(line.Amount, currency);
  return d.Qty === undefined ? amount : `${d.Qty} h × ${moneyText(d.UnitPrice, currency)} = ${amount}`;
}

function label(line: QboLine, position: number): string {
  const text = (line.Description ?? '').trim();
  const short = text.length > 60 ? `${text.slice(0, 59)}…` : text;
  return short ? `Line ${position} (${short})` : `Line ${position}`;
}

const refText = (ref: Ref | undefined): string => (ref ? (ref.name ? `${ref.name} (${ref.value})` : ref.value) : 'none');

/** The differences between one sent line and its QuickBooks counterpart. */
function lineDifferences(a: QboLine, b: QboLine, name: string, currency: string): string[] {
  const out: string[] = [];
  const da = a.SalesItemLineDetail ?? {};
  const db = b.SalesItemLineDetail ?? {};
  if (a.Amount !== b.Amount || da.Qty !== db.Qty || da.UnitPrice !== db.UnitPrice) {
    out.push(`${name}: ${summary(a, currency)} sent, ${summary(b, currency)} in QuickBooks`);
  }
  if (da.ItemRef?.value !== db.ItemRef?.value) out.push(`${name}: item ${refText(da.ItemRef)} sent, ${refText(db.ItemRef)} in QuickBooks`);
  const before = linkedTime(a.LinkedTxn);
  const after = linkedTime(b.LinkedTxn);
  const removed = before.filter((id) => !after.includes(id));
  const added = after.filter((id) => !before.includes(id));
  if (removed.length > 0) out.push(`${name}: QuickBooks no longer links time activity ${removed.join(', ')}`);
  if (added.length > 0) out.push(`${name}: QuickBooks links time activity ${added.join(', ')}, which was not sent on this line`);
  return out;
}

function linesDifferences(sent: QboInvoiceLike, inQbo: QboInvoiceLike, currency: string): string[] {
  const allSent = sent.Line ?? [];
  const sentSales = allSent.filter(isSale);
  const qboSales = (inQbo.Line ?? []).filter(isSale);
  const out: string[] = [];
  for (const [i, k] of pairLines(sentSales, qboSales)) {
    const a = i === null ? null : sentSales[i]!;
    const b = k === null ? null : qboSales[k]!;
    if (a && b) out.push(...lineDifferences(a, b, label(a, allSent.indexOf(a) + 1), currency));
    else if (a) out.push(`${label(a, allSent.indexOf(a) + 1)}: ${summary(a, currency)} sent, no longer in QuickBooks`);
    else if (b) out.push(`A line was added in QuickBooks: ${(b.Description ?? '').trim() || 'no description'}, ${summary(b, currency)}`);
  }
  if (out.length === 0) return out;
  const sum = (lines: QboLine[]) => lines.reduce((total, l) => total + (decimalToMinor(l.Amount ?? 0, currency) ?? 0), 0);
  const [before, after] = [sum(sentSales), sum(qboSales)];
  if (before !== after) {
    out.push(`Lines add up to ${formatMoney({ amountMinor: before, currency }, 'en')} sent, ${formatMoney({ amountMinor: after, currency }, 'en')} in QuickBooks`);
  }
  return out;
}

/**
 * What QuickBooks' copy of an invoice differs in from the body we sent (QuickBooks' own additions
 * such as Id, LineNum, the subtotal line, Balance and e-mail status are not differences), and the
 * TimeActivities it no longer links.
 */
export function compareInvoice(sent: QboInvoiceLike, inQbo: QboInvoiceLike, currency: string): InvoiceComparison {
  const differences: string[] = [];
  if (sent.CustomerRef?.value !== inQbo.CustomerRef?.value) {
    differences.push(`Customer: ${refText(sent.CustomerRef)} sent, ${refText(inQbo.CustomerRef)} in QuickBooks`);
  }
  const expected = sent.CurrencyRef?.value ?? currency;
  const actual = inQbo.CurrencyRef?.value ?? expected;
  if (expected !== actual) differences.push(`Currency: ${expected} sent, ${actual} in QuickBooks`);
  differences.push(...linesDifferences(sent, inQbo, currency));
  const stillLinked = allLinkedTime(inQbo);
  const released = [...allLinkedTime(sent)].filter((id) => !stillLinked.has(id)).sort();
  return { differences, released };
}
