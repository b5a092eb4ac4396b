// Expenses (Purchase) and the billable charges (ReimburseCharge) QuickBooks makes of their billable
// lines. A Purchase is paid from a Bank account (Cash, Check) or a Credit Card account (CreditCard);
// its AccountBasedExpenseLineDetail lines name an expense account and, when Billable, the customer.
// Each billable line gets a ReimburseCharge; the line's and the purchase's LinkedTxn name it (as in
// the vendor credit Intuit's Project use case records). The charge itself links only the invoice that
// bills it (as Intuit's ReimburseCharge sample shows), which makes it HasBeenInvoiced and the expense
// line HasBeenBilled; see README "Payments, expenses, estimates and recurring invoices".
import { decimalToMinor, minorToDecimalNumber } from '../../shared/qbo/decimal';
import { faults } from './errors';
import { CURRENCIES } from './seed';
import { writable, type Company, type Entity, type LinkedTxn, type Ref } from './store';
import { resolveRef, txnDate } from './validate';

const PAYMENT_TYPES: Record<string, string> = { Cash: 'Bank', Check: 'Bank', CreditCard: 'Credit Card' };
const EXPENSE_ACCOUNT_TYPES = ['Expense', 'Other Expense', 'Cost of Goods Sold'];
const LINE_STATUSES = ['Billable', 'NotBillable', 'HasBeenBilled'];

type Line = Record<string, unknown> & { Id: string; Amount: number; AccountBasedExpenseLineDetail: Record<string, unknown>; LinkedTxn?: LinkedTxn[] };

/** The charge a purchase line made, if any. */
function chargeOf(line: Record<string, unknown> | undefined): string | undefined {
  return ((line?.LinkedTxn as LinkedTxn[] | undefined) ?? []).find((t) => t.TxnType === 'ReimburseCharge')?.TxnId;
}

function detailOf(co: Company, raw: unknown, wasInvoiced: boolean): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null) throw faults.requiredMissing('AccountBasedExpenseLineDetail');
  const d = raw as Record<string, unknown>;
  if (d.AccountRef === undefined) throw faults.requiredMissing('AccountRef');
  const account = resolveRef(co, 'Account', d.AccountRef, 'AccountRef');
  if (!EXPENSE_ACCOUNT_TYPES.includes(String(co.get('Account', account.value)?.AccountType))) {
    throw faults.business(`An expense line must use an expense account; ${String(account.name)} is not one.`, 'AccountRef');
  }
  const status = (d.BillableStatus as string | undefined) ?? 'NotBillable';
  if (!LINE_STATUSES.includes(status)) throw faults.malformed(`BillableStatus ${status} is not one of ${LINE_STATUSES.join(', ')}`, 'BillableStatus');
  if (status === 'HasBeenBilled' && !wasInvoiced) throw faults.business('BillableStatus cannot be set to HasBeenBilled; link the expense on an invoice instead.', 'BillableStatus');
  if (status !== 'NotBillable' && d.CustomerRef === undefined) throw faults.requiredMissing('CustomerRef');
  const ref = (type: 'Customer' | 'Class' | 'TaxCode', key: string) => (d[key] === undefined ? undefined : resolveRef(co, type, d[key], key));
  return {
    AccountRef: account,
    BillableStatus: wasInvoiced && status !== 'NotBillable' ? 'HasBeenBilled' : status,
    CustomerRef: ref('Customer', 'CustomerRef'),
    ClassRef: ref('Class', 'ClassRef'),
    TaxCodeRef: ref('TaxCode', 'TaxCodeRef') ?? (co.taxModel === 'us' ? { value: 'NON' } : undefined),
  };
}

/**
 * A line whose charge is on an invoice keeps its amount and customer and stays billable (QuickBooks
 * shows it billed); anything else must wait until the charge is taken off the invoice.
 */
function checkInvoicedLine(co: Company, previous: Record<string, unknown> | undefined, amount: number, detail: Record<string, unknown>): void {
  const chargeId = chargeOf(previous);
  const charge = chargeId ? co.get('ReimburseCharge', chargeId) : undefined;
  if (charge?.HasBeenInvoiced !== true) return;
  const sameCustomer = (detail.CustomerRef as Ref | undefined)?.value === (charge.CustomerRef as Ref).value;
  if (!sameCustomer || detail.BillableStatus !== 'HasBeenBilled' || amount !== charge.Amount) {
    throw faults.business('This expense line has been billed to the customer on an invoice; remove it from the invoice before changing its amount, customer or billable status.', 'Line');
  }
}

function expenseLines(co: Company, given: unknown, existing?: Entity): Line[] {
  if (!Array.isArray(given) || given.length === 0) throw faults.requiredMissing('Line');
  const previous = new Map(((existing?.Line as Array<Record<string, unknown>> | undefined) ?? []).map((l) => [String(l.Id), l]));
  let nextId = Math.max(0, ...[...previous.keys()].map(Number).filter(Number.isFinite)) + 1;
  const lines = given.map((raw, i) => {
    const line = (raw ?? {}) as Record<string, unknown>;
    if (line.DetailType === undefined) throw faults.requiredMissing('DetailType');
    if (line.DetailType !== 'AccountBasedExpenseLineDetail') throw faults.unsupported(`DetailType ${String(line.DetailType)} is not supported by the sandbox on a Purchase; use AccountBasedExpenseLineDetail.`);
    const id = line.Id !== undefined && previous.has(String(line.Id)) ? String(line.Id) : String(nextId++);
    if (typeof line.Amount !== 'number' || decimalToMinor(line.Amount, 'USD') === null) throw faults.malformed('Amount must be a number', 'Amount');
    if (line.Amount < 0) throw faults.business('Amount cannot be negative.', 'Amount');
    const before = previous.get(id);
    const invoiced = co.get('ReimburseCharge', chargeOf(before) ?? '')?.HasBeenInvoiced === true;
    const detail = detailOf(co, line.AccountBasedExpenseLineDetail, invoiced);
    checkInvoicedLine(co, before, line.Amount, detail);
    const links = before?.LinkedTxn ? { LinkedTxn: before.LinkedTxn } : {};
    return { Id: id, LineNum: i + 1, Description: line.Description, Amount: line.Amount, ...links, DetailType: 'AccountBasedExpenseLineDetail', AccountBasedExpenseLineDetail: detail } as Line;
  });
  for (const [id, line] of previous) {
    if (!lines.some((l) => l.Id === id)) checkInvoicedLine(co, line, -1, {});
  }
  return lines;
}

/** A Purchase as QuickBooks keeps it: the paying account fits the payment type; TotalAmt is the sum of the lines. */
export function preparePurchase(co: Company, input: Record<string, unknown>, existing?: Entity): Record<string, unknown> {
  if (input.PaymentType === undefined) throw faults.requiredMissing('PaymentType');
  const accountType = PAYMENT_TYPES[String(input.PaymentType)];
  if (!accountType) throw faults.malformed(`PaymentType ${String(input.PaymentType)} is not one of Cash, Check, CreditCard`, 'PaymentType');
  if (input.AccountRef === undefined) throw faults.requiredMissing('AccountRef');
  const account = resolveRef(co, 'Account', input.AccountRef, 'AccountRef');
  if (co.get('Account', account.value)?.AccountType !== accountType) {
    throw faults.business(`A ${String(input.PaymentType)} expense is paid from a ${accountType} account; ${String(account.name)} is not one.`, 'AccountRef');
  }
  const lines = expenseLines(co, input.Line, existing);
  const currency = ((co.get('Account', account.value)?.CurrencyRef as Ref | undefined)?.value) ?? 'USD';
  const totalMinor = lines.reduce((sum, l) => sum + (decimalToMinor(l.Amount, currency) ?? 0), 0);
  return {
    ...input,
    TxnDate: txnDate(co, input),
    PaymentType: input.PaymentType,
    AccountRef: account,
    EntityRef: entityRef(co, input.EntityRef),
    Line: lines,
    LinkedTxn: existing?.LinkedTxn ?? [],
    TotalAmt: minorToDecimalNumber(totalMinor, currency),
    CurrencyRef: CURRENCIES[currency],
    Credit: input.Credit ?? false,
  };
}

/** The payee: a vendor, customer or employee, with its type as QuickBooks answers it. */
function entityRef(co: Company, raw: unknown): Record<string, unknown> | undefined {
  if (raw === undefined) return undefined;
  const id = (raw as Ref).value;
  for (const type of ['Vendor', 'Customer', 'Employee'] as const) {
    if (co.get(type, id)) return { ...resolveRef(co, type, raw, 'EntityRef'), type };
  }
  throw faults.invalidReference('EntityRef');
}

/** The income account billed expenses are sold into, as Intuit's sample charge names it (ItemAccountRef). */
function billableIncome(co: Company): Ref | undefined {
  const account = co.each('Account').find((a) => a.Name === 'Billable Expense Income');
  return account ? co.ref('Account', account.Id) : undefined;
}

/** A charge as Intuit's ReimburseCharge sample shows it: one ReimburseLineDetail line, LinkedTxn to its invoice. */
function chargeFields(co: Company, purchase: Entity, line: Line, invoiceLinks: LinkedTxn[]): Record<string, unknown> {
  const detail = line.AccountBasedExpenseLineDetail;
  const links = invoiceLinks.length ? { LinkedTxn: invoiceLinks } : {};
  return {
    TxnDate: purchase.TxnDate,
    CustomerRef: co.ref('Customer', (detail.CustomerRef as Ref).value),
    Amount: line.Amount,
    HasBeenInvoiced: invoiceLinks.length > 0,
    CurrencyRef: purchase.CurrencyRef,
    ...(typeof line.Description === 'string' ? { PrivateNote: line.Description } : {}),
    LinkedTxn: invoiceLinks,
    Line: [{ Id: '1', LineNum: 1, Amount: line.Amount, ...links, DetailType: 'ReimburseLineDetail', ReimburseLineDetail: { ItemAccountRef: billableIncome(co), Qty: 1, UnitPrice: line.Amount, TaxCodeRef: detail.TaxCodeRef } }],
  };
}

/**
 * After a purchase is written: each billable line with a customer has its charge (made, or brought
 * up to date), the others have none; the links are set on the stored purchase as part of the same write.
 */
export function syncCharges(co: Company, purchase: Entity, before: Entity | undefined): void {
  const kept = new Set<string>();
  for (const line of purchase.Line as Line[]) {
    const detail = line.AccountBasedExpenseLineDetail;
    const chargeId = chargeOf(line);
    const charge = chargeId ? co.get('ReimburseCharge', chargeId) : undefined;
    delete line.LinkedTxn;
    if (detail.BillableStatus === 'NotBillable' || !detail.CustomerRef) continue;
    const fields = chargeFields(co, purchase, line, (charge?.LinkedTxn as LinkedTxn[] | undefined) ?? []);
    const changed = charge && JSON.stringify(writable(charge)) !== JSON.stringify(fields);
    const current = !charge ? co.insert('ReimburseCharge', fields) : changed ? co.update('ReimburseCharge', charge, fields) : charge;
    line.LinkedTxn = [{ TxnId: current.Id, TxnType: 'ReimburseCharge' }];
    kept.add(current.Id);
  }
  for (const line of (before?.Line as Line[] | undefined) ?? []) {
    const id = chargeOf(line);
    if (id && !kept.has(id) && co.get('ReimburseCharge', id)) co.remove('ReimburseCharge', id);
  }
  purchase.LinkedTxn = [...kept].map((TxnId) => ({ TxnId, TxnType: 'ReimburseCharge' }));
}

/** Deleting a purchase deletes its charges; one already on an invoice stops it. */
export function removeCharges(co: Company, purchase: Entity): void {
  const ids = (purchase.Line as Line[]).map(chargeOf).filter((id): id is string => id !== undefined);
  if (ids.some((id) => co.get('ReimburseCharge', id)?.HasBeenInvoiced === true)) {
    throw faults.business('This expense has been billed to a customer on an invoice; remove it from the invoice before deleting the expense.');
  }
  for (const id of ids) if (co.get('ReimburseCharge', id)) co.remove('ReimburseCharge', id);
}

/**
 * An invoice took the charge (`invoiceId`) or gave it back (undefined): the charge links the invoice and
 * is HasBeenInvoiced, or neither; its expense line is HasBeenBilled or Billable again.
 */
export function markCharge(co: Company, chargeId: string, invoiceId: string | undefined): void {
  const charge = co.get('ReimburseCharge', chargeId);
  if (!charge || charge.HasBeenInvoiced === (invoiceId !== undefined)) return;
  const links = invoiceId ? [{ TxnId: invoiceId, TxnType: 'Invoice' }] : [];
  const lines = (charge.Line as Array<Record<string, unknown>>).map(({ LinkedTxn: _old, ...l }) => (invoiceId ? { ...l, LinkedTxn: links } : l));
  co.update('ReimburseCharge', charge, { ...writable(charge), HasBeenInvoiced: invoiceId !== undefined, LinkedTxn: links, Line: lines });
  const purchase = co.each('Purchase').find((p) => (p.Line as Line[]).some((l) => chargeOf(l) === chargeId));
  if (!purchase) return;
  const status = invoiceId ? 'HasBeenBilled' : 'Billable';
  const expenseLines = (purchase.Line as Line[]).map((l) => (chargeOf(l) === chargeId ? { ...l, AccountBasedExpenseLineDetail: { ...l.AccountBasedExpenseLineDetail, BillableStatus: status } } : l));
  co.update('Purchase', purchase, { ...writable(purchase), Line: expenseLines });
}
