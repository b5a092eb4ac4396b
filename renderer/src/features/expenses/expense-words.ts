// What the Expenses screen says about an expense and a month: its state in QuickBooks in words, and
// the month's totals per category and billable or not, per currency.
import type { ExpenseRow } from '../../db/schema';

export type ListedExpense = ExpenseRow & { invoiceNumber?: string };

/** The expense's state in QuickBooks, as the list shows it. */
export function stateWords(e: ListedExpense): string {
  switch (e.state) {
    case 'sending':
      return 'Sending…';
    case 'pushed':
      return 'In QuickBooks';
    case 'invoiced':
      return e.invoiceNumber ? `On invoice ${e.invoiceNumber}` : 'On an invoice';
    case 'paid':
      return 'Paid';
    case 'failed':
      return `Refused: ${(e.lastError ?? 'QuickBooks gave no reason').replace(/^QuickBooks refused this expense: /, '')}`;
    default:
      if (e.deletedAt) return 'Deleted here; removed from QuickBooks at the next send';
      return e.qboId ? 'Changed here, not sent yet' : 'Not in QuickBooks';
  }
}

/** Why an expense on an invoice has no Change or Delete, and what to do instead; null when it has them. */
export function lockWords(e: ListedExpense): string | null {
  if (e.state !== 'invoiced' && e.state !== 'paid') return null;
  const on = e.invoiceNumber ? `invoice ${e.invoiceNumber}` : 'its invoice';
  return `Locked: to change it, remove its line from ${on} in QuickBooks (or void the invoice); it unlocks after the next sync.`;
}

export interface MonthTotals {
  currency: string;
  byCategory: Array<{ categoryId: string; amountMinor: number }>;
  billableMinor: number;
  nonBillableMinor: number;
}

/** Totals of the month's expenses (deleted ones left out), one block per currency. */
export function monthTotals(rows: readonly ExpenseRow[]): MonthTotals[] {
  const byCurrency = new Map<string, MonthTotals>();
  for (const e of rows.filter((r) => !r.deletedAt)) {
    let t = byCurrency.get(e.currency);
    if (!t) byCurrency.set(e.currency, (t = { currency: e.currency, byCategory: [], billableMinor: 0, nonBillableMinor: 0 }));
    const category = t.byCategory.find((c) => c.categoryId === e.categoryId);
    if (category) category.amountMinor += e.amountMinor;
    else t.byCategory.push({ categoryId: e.categoryId, amountMinor: e.amountMinor });
    if (e.billable) t.billableMinor += e.amountMinor;
    else t.nonBillableMinor += e.amountMinor;
  }
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}
