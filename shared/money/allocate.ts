// Splitting a total into parts that add up to it exactly (largest-remainder method). Used for
// invoice lines and for handing a rounded project-day total back to the entries that made it.
import { assertMinor, money, toSafeNumber, type Money } from './money';

/**
 * Splits an integer `total` in proportion to non-negative integer `weights`. Each part gets the
 * floor of its exact share; the units left over go one each to the largest fractional remainders,
 * ties to the earlier part, so the result is deterministic and sums to `total` exactly.
 * If every weight is zero the total is shared equally (nothing else is fairer or more predictable).
 * A negative total (a credit) is split like its absolute value and negated.
 */
export function allocateInteger(total: number, weights: readonly number[]): number[] {
  assertMinor(total);
  if (weights.length === 0) throw new RangeError('Cannot allocate over no parts');
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0) throw new RangeError('Weights must be non-negative integers');
  }
  const sign = total < 0 ? -1n : 1n;
  const amount = BigInt(total) * sign;
  const effective = weights.every((w) => w === 0) ? weights.map(() => 1n) : weights.map((w) => BigInt(w));
  const weightSum = effective.reduce((a, b) => a + b, 0n);

  const parts = effective.map((w) => (amount * w) / weightSum);
  const remainders = effective.map((w, index) => ({ index, remainder: (amount * w) % weightSum }));
  let left = amount - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of remainders) {
    if (left === 0n) break;
    parts[index]! += 1n;
    left -= 1n;
  }
  return parts.map((p) => toSafeNumber(p * sign));
}

export function allocate(total: Money, weights: readonly number[]): Money[] {
  return allocateInteger(total.amountMinor, weights).map((amountMinor) => money(amountMinor, total.currency));
}
