// The invoice's currency. TimeActivity rates are in the home currency; a customer in another
// currency is invoiced at the rate converted with QuickBooks' exchange rate (home units per one
// foreign unit), rounded once to the foreign currency's minor unit; reports turn invoice amounts back
// into the home currency the same way.
import { currencyExponent, roundHalfUp, toSafeNumber } from '../money/money';
import { parseDecimal, pow10 } from './exact';
import type { ExchangeRateInfo, InvoiceDraft, InvoiceInput } from './types';

/** The exchange rate the invoice needs, or null in the home currency; throws when it is missing. */
export function neededExchangeRate(input: InvoiceInput): ExchangeRateInfo | null {
  const foreign = input.customer.currency;
  if (foreign === input.homeCurrency) return null;
  const rate = input.exchangeRate;
  if (!rate) throw new Error(`${input.customer.name} is invoiced in ${foreign}: an exchange rate from ${foreign} to ${input.homeCurrency} is needed`);
  if (rate.sourceCurrency !== foreign || rate.targetCurrency !== input.homeCurrency) {
    throw new Error(`The exchange rate is for ${rate.sourceCurrency} to ${rate.targetCurrency}, but the invoice needs ${foreign} to ${input.homeCurrency}`);
  }
  if (parseDecimal(rate.rate, 'exchange rate').units === 0n) throw new Error('The exchange rate is zero');
  return rate;
}

/** round-half-up(homeRateMinor / rate) in the foreign currency's minor units, exact. */
export function convertRate(homeRateMinor: number, home: string, rate: ExchangeRateInfo): number {
  const { units, scale } = parseDecimal(rate.rate, 'exchange rate');
  const numerator = BigInt(homeRateMinor) * pow10(currencyExponent(rate.sourceCurrency) + scale);
  return toSafeNumber(roundHalfUp(numerator, units * pow10(currencyExponent(home))));
}

/**
 * An amount of the invoice's currency in the home currency: × the draft's exchange rate (home units
 * per one foreign unit), rounded once, half away from zero. As is when the invoice is in the home currency.
 */
export function toHomeMinor(amountMinor: number, draft: Pick<InvoiceDraft, 'currency' | 'exchangeRate'>, home: string): number {
  const rate = draft.exchangeRate;
  if (draft.currency === home || !rate) return amountMinor;
  const { units, scale } = parseDecimal(rate.rate, 'exchange rate');
  const numerator = BigInt(Math.abs(amountMinor)) * units * pow10(currencyExponent(home));
  const converted = toSafeNumber(roundHalfUp(numerator, pow10(scale + currencyExponent(draft.currency))));
  return amountMinor < 0 ? -converted : converted;
}
