// Qty and UnitPrice for a time line. QuickBooks refuses a line whose Amount is not Qty × UnitPrice
// (rounded to the currency), while our Amount is rate × exact time rounded once. So Qty is the
// hours written with as few decimals as keep that product equal to the Amount.
//
// When it always works: at 6 decimals Qty is within 10⁻⁶ h of the exact hours on the side we pick
// (the rounding below, or the other neighbour), so Qty × UnitPrice stays on the Amount's side of the
// rounding boundary whenever UnitPrice ≤ 500,000 minor units an hour (e.g. $5,000.00/h, ¥500,000/h).
// Above that the line keeps its Amount and a 6-decimal Qty, and the builder adds a note.
import { currencyExponent, roundHalfUp } from '../money/money';
import { decimalString, pow10 } from './exact';

const MAX_DECIMALS = 6;

/** rate × percent / 100 in currency units, exact ("172.5" for 11500 minor USD at 150 %). */
export function unitPriceString(rateMinor: number, percent: number, currency: string): string {
  return decimalString(BigInt(rateMinor) * BigInt(percent), currencyExponent(currency) + 2);
}

/**
 * Hours for `minutes` with the fewest decimals (at least hundredths unless fewer are exact, at
 * most 6) such that round-half-up(Qty × UnitPrice) equals `amountMinor`. `exact` is false when no
 * such Qty exists (see the note above).
 */
export function quantityFor(minutes: number, rateMinor: number, percent: number, amountMinor: number): { qty: string; exact: boolean } {
  const price = BigInt(rateMinor) * BigInt(percent);
  const amount = BigInt(amountMinor);
  for (let d = leastDecimals(minutes); d <= MAX_DECIMALS; d++) {
    const scale = pow10(d);
    const hours = BigInt(minutes) * scale;
    const nearest = roundHalfUp(hours, 60n);
    const floor = hours / 60n;
    for (const units of nearest === floor ? [floor, floor + 1n] : [nearest, floor]) {
      if (roundHalfUp(units * price, scale * 100n) === amount) return { qty: decimalString(units, d), exact: true };
    }
  }
  return { qty: decimalString(roundHalfUp(BigInt(minutes) * pow10(MAX_DECIMALS), 60n), MAX_DECIMALS), exact: false };
}

/** 0 for whole hours, 1 for 90 minutes (1.5), else 2: a Qty never reads "0" for 20 minutes. */
function leastDecimals(minutes: number): number {
  if (minutes % 60 === 0) return 0;
  return minutes % 6 === 0 ? 1 : 2;
}
