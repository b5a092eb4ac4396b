// Money typed by a person → integer minor units, digit by digit. A float never holds the amount:
// "125.50" is read as the digits 12550 with the currency's exponent, so 0.1 + 0.2 drift cannot
// creep into a rate that QuickBooks later multiplies by hours.
import { currencyExponent } from '../../../../shared/money/money';

export type MoneyParse = { ok: true; minor: number } | { ok: false; error: string };

const SYMBOLS = /^[$€£¥₹]|^[A-Z]{3}\s*/;

/**
 * "125.50", "1,234.50", "0.5", ".5", "$80" → minor units in `currency`. Commas are thousands
 * separators only when they group three digits ("1,234"); "12,5" is refused instead of guessed.
 * More decimals than the currency has ("12.345" in USD, "1500.5" in JPY) are refused, not rounded.
 */
export function parseMoneyInput(text: string, currency: string): MoneyParse {
  let exponent: number;
  try {
    exponent = currencyExponent(currency);
  } catch {
    return { ok: false, error: `"${currency}" is not a currency code.` };
  }
  const input = text.trim().replace(SYMBOLS, '').replace(/\s+/g, '');
  if (input === '') return { ok: false, error: 'Enter an amount, like 125.50.' };
  if (input.startsWith('-')) return { ok: false, error: 'A rate cannot be negative.' };
  const m = /^(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$/.exec(input);
  if (!m || (m[1] === '' && !m[2])) {
    return { ok: false, error: /,/.test(input) ? `"${text.trim()}" is not an amount: use a dot for decimals, like 1,234.50.` : `"${text.trim()}" is not an amount, like 125.50.` };
  }
  const whole = (m[1] ?? '').replace(/,/g, '') || '0';
  const fraction = m[2] ?? '';
  if (fraction.length > exponent) {
    return {
      ok: false,
      error: exponent === 0 ? `${currency} amounts have no decimal places.` : `${currency} amounts have at most ${exponent} decimal place${exponent === 1 ? '' : 's'}.`,
    };
  }
  const digits = `${whole}${fraction.padEnd(exponent, '0')}`.replace(/^0+(?=\d)/, '');
  const minor = BigInt(digits);
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, error: 'That amount is too large.' };
  return { ok: true, minor: Number(minor) };
}

/** Minor units → the plain text the input shows back ("125.50", "1500"), without grouping or symbol. */
export function minorToInput(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const digits = Math.abs(minor).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  return exponent === 0 ? `${minor < 0 ? '-' : ''}${whole}` : `${minor < 0 ? '-' : ''}${whole}.${digits.slice(digits.length - exponent)}`;
}
