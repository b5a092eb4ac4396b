// The exact QuickBooks Invoice create body (qbo-api.md §3.5, §12). Amounts go from minor units to
// JSON numbers through exact decimal strings; Qty and UnitPrice are the lines' decimal strings.
import { minorToDecimalNumber } from '../qbo/decimal';
import type { ExchangeRateInfo, InvoiceInput, InvoiceLine } from './types';

/** A time, charge or expense line: the item sold, Qty × UnitPrice = Amount, and what it links. */
function salesLinePayload(line: InvoiceLine, currency: string): Record<string, unknown> {
  const detail: Record<string, unknown> = { ItemRef: { value: line.itemId }, Qty: Number(line.qty), UnitPrice: Number(line.unitPrice) };
  if (line.serviceDate) detail.ServiceDate = line.serviceDate;
  if (line.taxCodeId) detail.TaxCodeRef = { value: line.taxCodeId };
  if (line.classId) detail.ClassRef = { value: line.classId };
  const body: Record<string, unknown> = {
    DetailType: 'SalesItemLineDetail',
    Amount: minorToDecimalNumber(line.amountMinor, currency),
    Description: line.description,
    SalesItemLineDetail: detail,
  };
  if (line.timeActivityIds.length > 0) body.LinkedTxn = line.timeActivityIds.map((id) => ({ TxnId: id, TxnType: 'TimeActivity' }));
  if (line.reimburseChargeId) body.LinkedTxn = [{ TxnId: line.reimburseChargeId, TxnType: 'ReimburseCharge' }];
  return body;
}

function linePayload(line: InvoiceLine, currency: string): Record<string, unknown> {
  if (line.kind === 'time' || line.kind === 'charge' || line.kind === 'expense') return salesLinePayload(line, currency);
  return { DetailType: 'DescriptionOnly', Description: line.description, DescriptionLineDetail: {} };
}

export function invoicePayload(input: InvoiceInput, lines: readonly InvoiceLine[], exchangeRate: ExchangeRateInfo | null): Record<string, unknown> {
  const { header, customer } = input;
  const body: Record<string, unknown> = { CustomerRef: { value: customer.id }, TxnDate: header.txnDate };
  if (header.dueDate) body.DueDate = header.dueDate;
  if (header.termId) body.SalesTermRef = { value: header.termId };
  if (header.docNumber) body.DocNumber = header.docNumber;
  if (header.memo.trim()) body.PrivateNote = header.memo;
  if (header.message.trim()) body.CustomerMemo = { value: header.message };
  if (header.billEmail) body.BillEmail = { Address: header.billEmail };
  if (exchangeRate) {
    body.CurrencyRef = { value: customer.currency };
    body.ExchangeRate = Number(exchangeRate.rate);
  }
  body.Line = lines.map((line) => linePayload(line, customer.currency));
  if (input.estimateId) body.LinkedTxn = [{ TxnId: input.estimateId, TxnType: 'Estimate' }];
  if (input.tax.mode === 'us' && customer.taxCodeId) body.TxnTaxDetail = { TxnTaxCodeRef: { value: customer.taxCodeId } };
  if (input.tax.mode === 'codes') body.GlobalTaxCalculation = 'TaxExcluded';
  return body;
}
