// Time × hourly rate. All intermediate maths is BigInt, so a 7-hour entry at 123.45/h is exact.
import { currencyExponent, money, roundHalfUp, toSafeNumber, type Money } from './money';

const MS_PER_HOUR = 3_600_000n;

/**
 * rate × duration × percent/100, rounded once, half-up on the minor unit (0.5 cent → 1 cent).
 * `percent` is an integer (150 = time and a half) so multipliers stay exact too.
 * Rates and durations are never negative, so "half-up" and "half away from zero" agree.
 */
export function multiplyRate(rateMinorPerHour: number, durationMs: number, currency: string, percent = 100): Money {
  currencyExponent(currency);
  for (const [name, value] of [['rate', rateMinorPerHour], ['duration', durationMs], ['percent', percent]] as const) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`The ${name} must be a non-negative integer`);
  }
  const numerator = BigInt(rateMinorPerHour) * BigInt(durationMs) * BigInt(percent);
  return money(toSafeNumber(roundHalfUp(numerator, MS_PER_HOUR * 100n)), currency);
}
