import { describe, expect, it } from 'vitest';
import { minorToInput, parseMoneyInput } from '../../../renderer/src/features/settings/money-input';

const minor = (text: string, currency = 'USD') => {
  const r = parseMoneyInput(text, currency);
  return r.ok ? r.minor : r.error;
};

describe('reading a typed rate as integer minor units', () => {
  it('reads dollars and cents digit by digit', () => {
    expect(minor('125.50')).toBe(12550);
    expect(minor('125')).toBe(12500);
    expect(minor('0.5')).toBe(50);
    expect(minor('.5')).toBe(50);
    expect(minor('  80.05 ')).toBe(8005);
    // The float 0.29 * 100 is 28.999999999999996; the digits are not.
    expect(minor('0.29')).toBe(29);
    expect(minor('1.005', 'KWD')).toBe(1005);
  });

  it('accepts thousands separators that group three digits, and a leading symbol or code', () => {
    expect(minor('1,234.50')).toBe(123450);
    expect(minor('1,234,567')).toBe(123456700);
    expect(minor('$80')).toBe(8000);
    expect(minor('USD 80')).toBe(8000);
  });

  it('refuses more decimals than the currency has instead of rounding', () => {
    expect(minor('12.345')).toMatch(/at most 2 decimal places/);
    expect(minor('1500', 'JPY')).toBe(1500);
    expect(minor('1,500', 'JPY')).toBe(1500);
    expect(minor('1500.5', 'JPY')).toMatch(/JPY amounts have no decimal places/);
    expect(minor('12.3456', 'KWD')).toMatch(/at most 3/);
  });

  it('refuses text that is not an amount with a reason', () => {
    expect(minor('')).toMatch(/Enter an amount/);
    expect(minor('abc')).toMatch(/not an amount/);
    expect(minor('12,5')).toMatch(/use a dot for decimals/);
    expect(minor('1.2.3')).toMatch(/not an amount/);
    expect(minor('-5')).toMatch(/negative/);
    expect(minor('1e3')).toMatch(/not an amount/);
    expect(minor('99999999999999999999')).toMatch(/too large/);
    expect(minor('5', 'usd')).toMatch(/not a currency code/);
  });

  it('shows minor units back as plain input text', () => {
    expect(minorToInput(12550, 'USD')).toBe('125.50');
    expect(minorToInput(5, 'USD')).toBe('0.05');
    expect(minorToInput(1500, 'JPY')).toBe('1500');
    expect(minorToInput(1005, 'KWD')).toBe('1.005');
  });
});
