// QBO speaks decimals (HourlyRate: 123.45); we keep integer minor units. The conversions here go
// through decimal strings and BigInt, never through float multiplication, so 12345 minor USD is
// exactly 123.45 and QBO's rate × time becomes the same cents QBO shows.
import { currencyExponent, minorToDecimalString, roundHalfUp } from '../money/money';

export { minorToDecimalString };

/**
 * The JSON number for a minor amount. `Number("123.45")` is the double nearest to 123.45, and
 * JSON.stringify prints the shortest decimal that reads back as that double, i.e. "123.45" again:
 * the wire carries exactly the currency's digits (trailing zeros are dropped: 123.5, not 123.50).
 */
export function minorToDecimalNumber(amountMinor: number, currency: string): number {
  return Number(minorToDecimalString(amountMinor, currency));
}

/** An exact decimal: value = units / 10^scale. */
export interface ExactDecimal {
  units: bigint;
  scale: number;
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i;

/** The exact decimal a JSON number was written as (its shortest round-trip form). */
export function exactDecimal(value: number): ExactDecimal {
  if (!Number.isFinite(value)) throw new RangeError('Not a finite number');
  const m = DECIMAL.exec(String(value));
  if (!m) throw new RangeError(`Cannot read ${value} as a decimal`);
  const fraction = m[3] ?? '';
  let units = BigInt(`${m[2]}${fraction}`);
  let scale = fraction.length - Number(m[4] ?? 0);
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units: m[1] ? -units : units, scale };
}

/** Minor units of a decimal amount when it has no more digits than the currency allows; else null. */
export function decimalToMinor(value: number, currency: string): number | null {
  const exponent = currencyExponent(currency);
  const { units, scale } = exactDecimal(value);
  if (scale > exponent) {
    const divisor = 10n ** BigInt(scale - exponent);
    if (units % divisor !== 0n) return null;
    return Number(units / divisor);
  }
  return Number(units * 10n ** BigInt(exponent - scale));
}

/**
 * rate × minutes / 60 in minor units, rounded once half away from zero, computed exactly from the
 * rate's decimal digits. This is the amount QBO shows for a TimeActivity (Hours + Minutes/60 at
 * HourlyRate), even when someone typed a rate with more digits than the currency has.
 */
export function amountForMinutes(hourlyRate: number, minutes: number, currency: string): number {
  if (!Number.isSafeInteger(minutes) || minutes < 0) throw new RangeError('Minutes must be a non-negative integer');
  const exponent = currencyExponent(currency);
  const { units, scale } = exactDecimal(hourlyRate);
  const numerator = units * BigInt(minutes) * 10n ** BigInt(exponent);
  const denominator = 60n * 10n ** BigInt(scale);
  const quotient = roundHalfUp(numerator < 0n ? -numerator : numerator, denominator);
  return Number(numerator < 0n ? -quotient : quotient);
}
