// Sales tax on the invoice's time, charge and expense lines. 'us': each line is TAX or NON and the
// invoice carries the customer's one rate (expenses are passed on at cost: NON); 'codes': each line
// carries a real code (the customer's, else the item's).
// Tax per code = round-half-up(taxable amount × percent / 100), exact.
import { roundHalfUp, toSafeNumber } from '../money/money';
import { parseDecimal, pow10 } from './exact';
import type { InvoiceInput, InvoiceItem, InvoiceLine, TaxCodeInfo, TaxLine } from './types';

function itemOf(input: InvoiceInput, id: string): InvoiceItem {
  const item = input.items.get(id);
  if (!item) throw new Error(`The service item ${id} is not among QuickBooks' items; refresh the lists from QuickBooks`);
  return item;
}

function codeOf(input: InvoiceInput, id: string): TaxCodeInfo {
  const code = input.tax.codes.find((c) => c.id === id);
  if (!code) throw new Error(`The tax code ${id} is not among QuickBooks' tax codes; refresh the lists from QuickBooks`);
  return code;
}

/** The code a time, charge or expense line carries, or undefined without sales tax. */
function lineCode(input: InvoiceInput, line: InvoiceLine): string | undefined {
  const { mode } = input.tax;
  if (mode === 'none') return undefined;
  if (mode === 'us' && line.kind === 'expense') return 'NON';
  const item = itemOf(input, line.itemId!);
  if (mode === 'us') return item.taxable && input.customer.taxable ? 'TAX' : 'NON';
  const code = input.customer.taxCodeId ?? item.taxCodeId;
  if (!code) throw new Error(`Neither ${input.customer.name} nor the item ${item.name} has a tax code`);
  return code;
}

function taxLine(code: TaxCodeInfo, taxableMinor: number): TaxLine {
  const { units, scale } = parseDecimal(code.percent, `percent of tax code ${code.name}`);
  const taxMinor = toSafeNumber(roundHalfUp(BigInt(taxableMinor) * units, 100n * pow10(scale)));
  return { taxCodeId: code.id, name: code.name, percent: code.percent, taxableMinor, taxMinor };
}

const TAXED_KINDS: ReadonlySet<InvoiceLine['kind']> = new Set(['time', 'charge', 'expense']);

/** Sets each time, charge and expense line's taxCodeId and returns the tax per code (in order of first use). */
export function applyTax(input: InvoiceInput, lines: InvoiceLine[]): TaxLine[] {
  const taxable = new Map<string, number>();
  for (const line of lines) {
    if (!TAXED_KINDS.has(line.kind)) continue;
    const code = lineCode(input, line);
    if (code === undefined) continue;
    line.taxCodeId = code;
    const charged = input.tax.mode === 'us' ? (code === 'TAX' ? input.customer.taxCodeId : null) : code;
    if (charged) taxable.set(charged, (taxable.get(charged) ?? 0) + line.amountMinor);
  }
  return [...taxable].map(([id, amount]) => taxLine(codeOf(input, id), amount));
}

/** Whether QuickBooks' 750-line limit for taxable invoices applies. */
export function chargesTax(input: InvoiceInput, lines: readonly InvoiceLine[]): boolean {
  if (input.tax.mode === 'us') return lines.some((l) => l.taxCodeId === 'TAX');
  if (input.tax.mode === 'none') return false;
  return lines.some((l) => l.taxCodeId !== undefined && parseDecimal(codeOf(input, l.taxCodeId).percent, 'tax percent').units > 0n);
}
