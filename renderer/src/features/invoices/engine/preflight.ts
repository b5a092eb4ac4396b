// What would stop QuickBooks from taking an invoice, or make it wrong, said before anything is sent
// and in the words a bookkeeper uses: an inactive customer or item, an item that cannot be sold
// (no income account, no tax code where sales tax applies), another currency, time QuickBooks has
// billed already, a closed period.
import type { InvoiceInput } from '../../../../../shared/invoice/types';
import { formatDate } from '../../../../../shared/time/display';
import type { QboPort } from '../../quickbooks/engine/qbo-port';
import type { SyncContext } from '../../quickbooks/store/sync-context';
import type { InvoicePreflightIssue } from '../invoice-service';

/** QuickBooks' query language takes `Id IN (…)`; long lists are asked in pieces. */
const IDS_PER_QUERY = 100;

function itemIssues(input: InvoiceInput): InvoicePreflightIssue[] {
  const issues: InvoicePreflightIssue[] = [];
  for (const itemId of [...new Set(input.time.map((t) => t.itemId))]) {
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

/** TimeActivities QuickBooks already shows as billed (someone invoiced them there); null when QuickBooks could not be asked. */
async function billedInQuickBooks(ids: readonly string[], port: QboPort): Promise<Set<string> | null> {
  const billed = new Set<string>();
  try {
    for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
      const chunk = ids.slice(i, i + IDS_PER_QUERY).map((id) => `'${id.replace(/[^0-9A-Za-z-]/g, '')}'`);
      for (const ta of await port.queryAll('TimeActivity', `Id IN (${chunk.join(', ')})`)) if (ta.BillableStatus === 'HasBeenBilled') billed.add(ta.Id);
    }
  } catch {
    return null;
  }
  return billed;
}

async function alreadyBilled(input: InvoiceInput, port: QboPort): Promise<InvoicePreflightIssue[]> {
  const ids = [...new Set(input.time.map((t) => t.timeActivityId))];
  const billed = await billedInQuickBooks(ids, port);
  if (billed === null) return [];
  const dates = [...new Set(input.time.filter((t) => billed.has(t.timeActivityId)).map((t) => t.localDate))].sort();
  if (dates.length === 0) return [];
  return [{ code: 'already_billed', blocking: true, message: `QuickBooks already shows time on ${dates.map((d) => formatDate(d)).join(', ')} as billed on another invoice. Sync with QuickBooks to mark it invoiced here, then preview again.` }];
}

/** Every pre-flight issue of one invoice; blocking ones stop it from being created. */
export async function preflightInvoice(input: InvoiceInput, deps: { sc: SyncContext; port: QboPort }): Promise<InvoicePreflightIssue[]> {
  const issues: InvoicePreflightIssue[] = [];
  if (!input.customer.active) issues.push({ code: 'customer_inactive', blocking: true, message: `${input.customer.name} is inactive in QuickBooks. Make the customer active there before invoicing.` });
  issues.push(...itemIssues(input), ...currencyIssues(input), ...booksClosed(input, deps.sc));
  issues.push(...(await alreadyBilled(input, deps.port)));
  return issues;
}
