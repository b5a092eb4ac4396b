// What would stop QuickBooks from taking an invoice, or make it wrong, said before anything is sent
// and in the words a bookkeeper uses: an inactive customer or item, an item that cannot be sold
// (no income account, no tax code where sales tax applies), another currency, time QuickBooks has
// billed already, a closed period.
import type { BillableTime, InvoiceInput } from '../../../../../shared/invoice/types';
import { formatDate } from '../../../../../shared/time/display';
import type { QboPort } from '../../quickbooks/engine/qbo-port';
import type { SyncContext } from '../../quickbooks/store/sync-context';
import type { InvoicePreflightIssue } from '../invoice-service';

/** All the time an invoice bills: hourly pieces and the time arrangement lines cover. */
export const timeOf = (input: InvoiceInput): BillableTime[] => [...input.time, ...(input.charges ?? []).flatMap((c) => c.covers)];

/** Every item the invoice sells: time's, arrangement lines' and the reimbursable expenses item. */
const itemsSold = (input: InvoiceInput): string[] => [...new Set([...input.time.map((t) => t.itemId), ...(input.charges ?? []).map((c) => c.itemId), ...(input.expenses ?? []).map((e) => e.itemId)])];

function itemIssues(input: InvoiceInput): InvoicePreflightIssue[] {
  const issues: InvoicePreflightIssue[] = [];
  for (const itemId of itemsSold(input)) {
    const item = input.items.get(itemId);
    const name = item ? `'${item.name}'` : `number ${itemId}`;
    if (!item || !item.active) issues.push({ code: 'item_inactive', blocking: true, message: `The service item ${name} is inactive or missing in QuickBooks. Make it active there, or link these projects to another item.` });
    else if (!item.incomeAccountId) issues.push({ code: 'item_no_income_account', blocking: true, message: `The service item ${name} has no income account in QuickBooks, so it cannot be sold. Give it an income account there.` });
    else if (input.tax.mode === 'codes' && !input.customer.taxCodeId && !item.taxCodeId) {
      issues.push({ code: 'item_no_tax_code', blocking: true, message: `Sales tax applies, but neither ${input.customer.name} nor the item ${name} has a tax code in QuickBooks. Give one of them a default tax code.` });
    }
  }
  return issues;
}

function currencyIssues(input: InvoiceInput): InvoicePreflightIssue[] {
  const { customer, homeCurrency, exchangeRate } = input;
  if (customer.currency === homeCurrency) return [];
  if (!exchangeRate) {
    return [{ code: 'no_exchange_rate', blocking: true, message: `${customer.name} is billed in ${customer.currency}, and QuickBooks did not give an exchange rate from ${customer.currency} to ${homeCurrency}. Check that multicurrency is on and QuickBooks can be reached, then preview again.` }];
  }
  return [{ code: 'currency', blocking: false, message: `${customer.name} is billed in ${customer.currency}: your ${homeCurrency} rates are converted at QuickBooks' rate of 1 ${customer.currency} = ${exchangeRate.rate} ${homeCurrency} (${formatDate(exchangeRate.asOf)}).` }];
}

function booksClosed(input: InvoiceInput, sc: SyncContext): InvoicePreflightIssue[] {
  const closed = sc.prefs.AccountingInfoPrefs?.BookCloseDate;
  if (!closed || input.header.txnDate > closed) return [];
  return [{ code: 'books_closed', blocking: true, message: `The books are closed through ${formatDate(closed)} in QuickBooks, so an invoice dated ${formatDate(input.header.txnDate)} cannot be created. Date the invoice after the closing date, or ask your accountant to reopen the period.` }];
}

/**
 * TimeActivities QuickBooks already shows as billed (someone invoiced them there) among those dated
 * in the period: one query (BillableStatus and TxnDate are filterable, qbo-api.md §3.1) for every
 * invoice of a preview, answered with the few billed ones. Null when QuickBooks could not be asked.
 */
export async function billedInQuickBooks(pieces: readonly BillableTime[], port: QboPort): Promise<Set<string> | null> {
  if (pieces.length === 0) return new Set();
  const dates = pieces.map((p) => p.localDate).sort();
  try {
    const billed = await port.queryAll('TimeActivity', `BillableStatus = 'HasBeenBilled' AND TxnDate >= '${dates[0]!}' AND TxnDate <= '${dates.at(-1)!}'`);
    return new Set(billed.map((ta) => ta.Id));
  } catch {
    return null;
  }
}

function alreadyBilled(input: InvoiceInput, billed: ReadonlySet<string> | null): InvoicePreflightIssue[] {
  if (billed === null) return [];
  const dates = [...new Set(timeOf(input).filter((t) => billed.has(t.timeActivityId)).map((t) => t.localDate))].sort();
  if (dates.length === 0) return [];
  return [{ code: 'already_billed', blocking: true, message: `QuickBooks already shows time on ${dates.map((d) => formatDate(d)).join(', ')} as billed on another invoice. Sync with QuickBooks to mark it invoiced here, then preview again.` }];
}

/** Every pre-flight issue of one invoice; blocking ones stop it from being created. */
export function preflightInvoice(input: InvoiceInput, sc: SyncContext, billed: ReadonlySet<string> | null): InvoicePreflightIssue[] {
  const issues: InvoicePreflightIssue[] = [];
  if (!input.customer.active) issues.push({ code: 'customer_inactive', blocking: true, message: `${input.customer.name} is inactive in QuickBooks. Make the customer active there before invoicing.` });
  issues.push(...itemIssues(input), ...currencyIssues(input), ...booksClosed(input, sc), ...alreadyBilled(input, billed));
  return issues;
}
