// Exact decimal arithmetic for the invoice: rates, exchange rates, tax percents and Qty are decimal
// strings, and every product of them is rounded once, half-up, in BigInt (money/money.ts roundHalfUp).

/** An exact non-negative decimal: value = units / 10^scale. */
interface Decimal {
  units: bigint;
  scale: number;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Reads "8.25" or "1.0832" exactly; `what` names the value in the error a person would read. */
export function parseDecimal(text: string, what: string): Decimal {
  const m = DECIMAL.exec(text.trim());
  if (!m) throw new Error(`The ${what} "${text}" is not a plain decimal number`);
  const fraction = m[2] ?? '';
  return { units: BigInt(`${m[1]}${fraction}`), scale: fraction.length };
}

/** units / 10^scale as the shortest exact decimal string ("2.5", "172.5", "3"). */
export function decimalString(units: bigint, scale: number): string {
  const digits = units.toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

export const pow10 = (n: number): bigint => 10n ** BigInt(n);
