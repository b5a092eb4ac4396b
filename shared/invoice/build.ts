// The invoice builder: billable time, arrangement charges and expenses → lines, tax, totals and the
// exact QuickBooks Invoice body.
// Pure and deterministic: the same input always gives the same draft and payload.
import { allocateInteger } from '../money/allocate';
import { convertRate, neededExchangeRate } from './currency';
import { buildLines, expenseLine } from './lines';
import { invoicePayload } from './payload';
import { splitByMultiplier } from './portions';
import { applyTax, chargesTax } from './tax';
import type { InvoiceDraft, InvoiceInput, InvoiceLine } from './types';

/** QuickBooks refuses a taxable invoice with more lines than this (qbo-api.md §3.5). */
const MAX_TAXABLE_LINES = 750;

/** Each TimeActivity stays linked only on the first line holding any of its time. */
function link(lines: readonly InvoiceLine[]): void {
  const linked = new Set<string>();
  for (const line of lines) {
    line.timeActivityIds = line.timeActivityIds.filter((id) => !linked.has(id));
    for (const id of line.timeActivityIds) linked.add(id);
  }
}

/** Each time and charge line's amount split over its parts by time, summed per entry (sorted by entry). */
function entryAmounts(lines: readonly InvoiceLine[]): InvoiceDraft['entryAmounts'] {
  const totals = new Map<string, number>();
  for (const line of lines) {
    if ((line.kind !== 'time' && line.kind !== 'charge') || line.parts.length === 0) continue;
    const shares = allocateInteger(line.amountMinor, line.parts.map((p) => p.ms));
    line.parts.forEach((p, i) => totals.set(p.entryId, (totals.get(p.entryId) ?? 0) + shares[i]!));
  }
  return [...totals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([entryId, amountMinor]) => ({ entryId, amountMinor }));
}

const BILLED_KINDS: ReadonlySet<InvoiceLine['kind']> = new Set(['time', 'charge', 'expense']);

/** Expense lines by date (then expense), each expense's amount as billed. */
function expenseLines(input: InvoiceInput, rateOf: (home: number) => number): InvoiceLine[] {
  const order = (e: { localDate: string; expenseId: string }) => `${e.localDate} ${e.expenseId}`;
  const expenses = [...(input.expenses ?? [])].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  return expenses.map((e) => expenseLine(e, rateOf, input.customer.currency));
}

export function buildInvoice(input: InvoiceInput): InvoiceDraft {
  const currency = input.customer.currency;
  const exchangeRate = neededExchangeRate(input);
  const rateOf = (home: number) => (exchangeRate ? convertRate(home, input.homeCurrency, exchangeRate) : home);
  const segments = splitByMultiplier(input.time, input.alreadyBilled ?? [], input.multipliers, rateOf);
  const built = buildLines(segments, input.charges ?? [], { layout: input.layout, rules: input.multipliers, currency, rateOf });
  const expenses = expenseLines(input, rateOf);
  const lines = [...built.lines, ...expenses];
  link(lines);
  const tax = applyTax(input, lines);
  if (lines.length > MAX_TAXABLE_LINES && chargesTax(input, lines)) {
    throw new RangeError(`QuickBooks takes at most ${MAX_TAXABLE_LINES} lines on a taxed invoice; this one has ${lines.length}. Choose a layout with fewer lines or invoice a shorter period.`);
  }
  const subtotalMinor = lines.reduce((sum, l) => sum + (BILLED_KINDS.has(l.kind) ? l.amountMinor : 0), 0);
  const taxMinor = tax.reduce((sum, t) => sum + t.taxMinor, 0);
  return {
    customerId: input.customer.id,
    currency,
    exchangeRate,
    lines,
    subtotalMinor,
    tax,
    taxMinor,
    totalMinor: subtotalMinor + taxMinor,
    entryAmounts: entryAmounts(lines),
    ...(expenses.length > 0 ? { expenseAmounts: expenses.map((l) => ({ expenseId: l.expenseId!, amountMinor: l.amountMinor })) } : {}),
    payload: invoicePayload(input, lines, exchangeRate),
    notes: built.inexact.map((l) => `Line ${lines.indexOf(l) + 1} (${l.description}): QuickBooks needs hours × rate to equal the amount, and no number of hours with 6 decimals does at this rate; the hours are sent as ${l.qty} for ${l.minutes} minutes.`),
  };
}
