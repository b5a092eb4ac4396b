// Money is an integer count of the currency's minor unit (cents, yen, fils) plus an ISO 4217 code.
// Floats never hold an amount: 0.1 + 0.2 drift would show up as a one-cent mismatch with QuickBooks.

export interface Money {
  /** A safe integer number of minor units (e.g. 1050 = USD 10.50, JPY 1050, KWD 1.050). */
  amountMinor: number;
  currency: string;
}

const CURRENCY = /^[A-Z]{3}$/;
const exponents = new Map<string, number>();

/** Digits after the decimal point for the currency, from Intl's ISO 4217 data: JPY 0, USD 2, KWD 3. */
export function currencyExponent(currency: string): number {
  let exponent = exponents.get(currency);
  if (exponent === undefined) {
    if (!CURRENCY.test(currency)) throw new RangeError(`"${currency}" is not an ISO 4217 currency code`);
    exponent = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    exponents.set(currency, exponent);
  }
  return exponent;
}

export function money(amountMinor: number, currency: string): Money {
  assertMinor(amountMinor);
  currencyExponent(currency);
  return { amountMinor, currency };
}

export function assertMinor(amountMinor: number): void {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`${amountMinor} is not a safe integer amount of minor units`);
}

/** n / d rounded half-up (0.5 away from zero for n ≥ 0); n ≥ 0, d > 0. The one rounding of money maths. */
export function roundHalfUp(n: bigint, d: bigint): bigint {
  const quotient = n / d;
  return (n % d) * 2n >= d ? quotient + 1n : quotient;
}

/** Back from BigInt, refusing results too large to be exact as a number. */
export function toSafeNumber(value: bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError('Amount is too large to represent exactly');
  return n;
}

/** Sum of amounts in one currency; mixing currencies is a programming error, not a conversion. */
export function sumMoney(items: readonly Money[], currency: string): Money {
  let total = 0n;
  for (const item of items) {
    if (item.currency !== currency) throw new RangeError(`Cannot add ${item.currency} to ${currency}`);
    total += BigInt(item.amountMinor);
  }
  return money(toSafeNumber(total), currency);
}

/** The exact decimal for an amount: "123.45" for 12345 minor USD, "1235" for JPY, "1.050" for KWD. */
export function minorToDecimalString(amountMinor: number, currency: string): string {
  assertMinor(amountMinor);
  const exponent = currencyExponent(currency);
  const digits = Math.abs(amountMinor).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return `${amountMinor < 0 ? '-' : ''}${whole}${exponent > 0 ? `.${fraction}` : ''}`;
}

/**
 * Localised display ("$1,234.50", "1.234,50 €", "¥1,235"). The amount is handed to Intl as an
 * exact decimal string so large amounts are not rounded through a float.
 */
export function formatMoney(value: Money, locale?: string): string {
  const exponent = currencyExponent(value.currency);
  const decimal = minorToDecimalString(value.amountMinor, value.currency) as `${number}`;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: value.currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(decimal);
}
