// Sales tax on an invoice, the two ways QuickBooks Online companies keep it:
// - US ('us'): each line says TAX or NON; the invoice's TxnTaxDetail.TxnTaxCodeRef (else the
//   customer's DefaultTaxCodeRef) names a tax code whose rates apply to the TAX lines.
// - Elsewhere ('codes'): each line names a real tax code; each code's rates apply to its lines.
// Either way the tax of one rate is (sum of the taxed line amounts) × RateValue / 100, rounded once
// to the cent, half away from zero, computed exactly from the decimal digits (BigInt, no float).
import { decimalToMinor, exactDecimal, minorToDecimalNumber } from '../../shared/qbo/decimal';
import { faults } from './errors';
import type { Company, Entity, Ref } from './store';

/** Recorded for Canadian companies (activepieces/activepieces#8539, qbo-api.md §7.2). */
const MISSING_CODE = 'Make sure all your transactions have a GST/HST rate before you save.';

interface RateDetail {
  TaxRateRef: Ref;
}

/** The tax code a sales line carries: checked against the company's tax model, defaulted from the item. */
export function lineTaxCode(co: Company, given: Ref | undefined, item: Entity, customer: Entity): Ref {
  if (co.taxModel === 'us') {
    if (given === undefined) return { value: item.Taxable === true && customer.Taxable === true ? 'TAX' : 'NON' };
    if (given.value !== 'TAX' && given.value !== 'NON') throw faults.business('A line of a US invoice is either taxable (TAX) or not (NON); name the tax rate on the invoice (TxnTaxDetail.TxnTaxCodeRef).', 'TaxCodeRef');
    return { value: given.value };
  }
  const ref = given ?? (item.SalesTaxCodeRef as Ref | undefined);
  if (ref === undefined) throw faults.business(MISSING_CODE, 'TaxCodeRef');
  const code = co.get('TaxCode', ref.value);
  if (!code) throw faults.invalidReference('TaxCodeRef');
  if (code.Active === false) throw faults.objectNotFound('');
  return co.ref('TaxCode', code.Id);
}

/** Half away from zero, once: minor × rate / 100, exact. */
function percentOf(minor: bigint, rate: number): bigint {
  const { units, scale } = exactDecimal(rate);
  const numerator = minor * units;
  const denominator = 100n * 10n ** BigInt(scale);
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  let quotient = abs / denominator;
  if ((abs % denominator) * 2n >= denominator) quotient += 1n;
  return negative ? -quotient : quotient;
}

const toMinor = (amount: number, currency: string): bigint => BigInt(decimalToMinor(amount, currency) ?? Math.round(amount * 100));

function ratesOf(co: Company, codeId: string | undefined): Entity[] {
  const code = codeId === undefined ? undefined : co.get('TaxCode', codeId);
  const details = ((code?.SalesTaxRateList as { TaxRateDetail?: RateDetail[] } | undefined)?.TaxRateDetail ?? []);
  return details.map((d) => co.get('TaxRate', d.TaxRateRef.value)).filter((r): r is Entity => r !== undefined && r.Active !== false);
}

interface InvoiceTax {
  detail: Record<string, unknown>;
  totalMinor: bigint;
}

type SalesLine = { Amount: number; SalesItemLineDetail: { TaxCodeRef: Ref } };

/** The taxable base of each rate, in rate order, in minor units. */
function basesByRate(co: Company, lines: SalesLine[], usCode: string | undefined, currency: string): Map<Entity, bigint> {
  const bases = new Map<Entity, bigint>();
  const add = (rate: Entity, minor: bigint) => bases.set(rate, (bases.get(rate) ?? 0n) + minor);
  if (co.taxModel === 'us') {
    const rates = ratesOf(co, usCode);
    const taxed = lines.filter((l) => l.SalesItemLineDetail.TaxCodeRef.value === 'TAX').reduce((sum, l) => sum + toMinor(l.Amount, currency), 0n);
    for (const rate of rates) add(rate, taxed);
    return bases;
  }
  for (const line of lines) for (const rate of ratesOf(co, line.SalesItemLineDetail.TaxCodeRef.value)) add(rate, toMinor(line.Amount, currency));
  return bases;
}

function usTaxCode(co: Company, input: Record<string, unknown>, customer: Entity): Ref | undefined {
  const given = (input.TxnTaxDetail as { TxnTaxCodeRef?: unknown } | undefined)?.TxnTaxCodeRef;
  if (given === undefined || given === null) return customer.DefaultTaxCodeRef as Ref | undefined;
  const id = (given as { value?: unknown }).value;
  if (typeof id !== 'string' && typeof id !== 'number') throw faults.malformed('TxnTaxCodeRef must be {"value": "<Id>"}', 'TxnTaxCodeRef');
  if (!co.get('TaxCode', String(id))) throw faults.invalidReference('TxnTaxCodeRef');
  return co.ref('TaxCode', String(id));
}

function usingSalesTax(co: Company): boolean {
  return (co.get('Preferences', '1')?.TaxPrefs as { UsingSalesTax?: boolean } | undefined)?.UsingSalesTax === true;
}

/** TxnTaxDetail and the total tax of an invoice's sales lines. */
export function invoiceTax(co: Company, input: Record<string, unknown>, customer: Entity, lines: SalesLine[], currency: string): InvoiceTax {
  if (co.taxModel === 'codes') {
    const mode = input.GlobalTaxCalculation ?? 'TaxExcluded';
    if (mode !== 'TaxExcluded' && mode !== 'NotApplicable') throw faults.business(`GlobalTaxCalculation ${String(mode)} is not modelled by the sandbox; send TaxExcluded.`, 'GlobalTaxCalculation');
    if (mode === 'NotApplicable') return { detail: { TotalTax: 0 }, totalMinor: 0n };
  }
  if (!usingSalesTax(co)) return { detail: { TotalTax: 0 }, totalMinor: 0n };
  const codeRef = co.taxModel === 'us' ? usTaxCode(co, input, customer) : undefined;
  let totalMinor = 0n;
  const taxLines = [...basesByRate(co, lines, codeRef?.value, currency)].map(([rate, base]) => {
    const amount = percentOf(base, rate.RateValue as number);
    totalMinor += amount;
    return {
      Amount: minorToDecimalNumber(Number(amount), currency),
      DetailType: 'TaxLineDetail',
      TaxLineDetail: { TaxRateRef: co.ref('TaxRate', rate.Id), PercentBased: true, TaxPercent: rate.RateValue, NetAmountTaxable: minorToDecimalNumber(Number(base), currency) },
    };
  });
  const detail = { ...(codeRef ? { TxnTaxCodeRef: codeRef } : {}), TotalTax: minorToDecimalNumber(Number(totalMinor), currency), TaxLine: taxLines };
  return { detail, totalMinor };
}
