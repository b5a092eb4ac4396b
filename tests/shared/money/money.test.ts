import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, allocateInteger } from '../../../shared/money/allocate';
import { currencyExponent, formatMoney, money, sumMoney } from '../../../shared/money/money';
import { multiplyRate } from '../../../shared/money/multiply';

const HOUR = 3_600_000;

describe('currencyExponent', () => {
  it('knows the minor unit of each currency', () => {
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('KWD')).toBe(3);
  });
  it('rejects something that is not a currency code', () => {
    expect(() => currencyExponent('usd')).toThrow(/ISO 4217/);
  });
});

describe('multiplyRate', () => {
  it('prices whole and partial hours', () => {
    expect(multiplyRate(12_000, 2 * HOUR, 'USD')).toEqual({ amountMinor: 24_000, currency: 'USD' });
    expect(multiplyRate(10_000, 20 * 60_000, 'USD').amountMinor).toBe(3_333); // 33.333… → 33.33
  });
  it('rounds half-up on the minor unit', () => {
    // 0.5 cent exactly: 1 cent/h for 30 min.
    expect(multiplyRate(1, HOUR / 2, 'USD').amountMinor).toBe(1);
    // 0.4999… cent stays 0.
    expect(multiplyRate(1, HOUR / 2 - 1, 'USD').amountMinor).toBe(0);
    // 7500 ¥/h for 1 min = 125 ¥ exactly; for 10 s = 20.83 → 21.
    expect(multiplyRate(7_500, 60_000, 'JPY').amountMinor).toBe(125);
    expect(multiplyRate(7_500, 10_000, 'JPY').amountMinor).toBe(21);
  });
  it('applies an integer percentage multiplier exactly', () => {
    expect(multiplyRate(10_000, HOUR, 'USD', 150).amountMinor).toBe(15_000);
    expect(multiplyRate(3, HOUR, 'USD', 150).amountMinor).toBe(5); // 4.5 → 5
  });
  it('matches exact rational arithmetic for any rate and duration', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 24 * HOUR }), (rate, ms) => {
        const amount = BigInt(multiplyRate(rate, ms, 'USD').amountMinor);
        const exactTimes2 = (BigInt(rate) * BigInt(ms) * 2n) / BigInt(HOUR); // floor(2x)
        // Half-up: result is floor(x + 0.5) = floor((2x + 1) / 2).
        expect(amount).toBe((BigInt(rate) * BigInt(ms) * 2n + BigInt(HOUR)) / (2n * BigInt(HOUR)));
        expect(amount * 2n - exactTimes2 <= 1n).toBe(true);
      }),
    );
  });
  it('refuses negative durations', () => {
    expect(() => multiplyRate(100, -1, 'USD')).toThrow(/non-negative/);
  });
});

describe('allocate', () => {
  it('splits 100.00 three ways with the spare cent going to the first part', () => {
    expect(allocate(money(10_000, 'USD'), [1, 1, 1]).map((m) => m.amountMinor)).toEqual([3_334, 3_333, 3_333]);
  });
  it('gives the spare units to the largest remainders', () => {
    expect(allocateInteger(10, [3, 3, 4])).toEqual([3, 3, 4]);
    expect(allocateInteger(100, [1, 2])).toEqual([33, 67]);
  });
  it('shares equally when all weights are zero and handles credits', () => {
    expect(allocateInteger(5, [0, 0])).toEqual([3, 2]);
    expect(allocateInteger(-5, [1, 1])).toEqual([-3, -2]);
  });
  it('parts always add up to the total exactly and stay within one unit of their exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 30 }),
        (total, weights) => {
          const parts = allocate(money(total, 'EUR'), weights);
          expect(sumMoney(parts, 'EUR').amountMinor).toBe(total);
          const weightSum = weights.reduce((a, b) => a + b, 0);
          if (weightSum > 0) {
            parts.forEach((p, i) => expect(Math.abs(p.amountMinor - (total * weights[i]!) / weightSum)).toBeLessThan(1 + 1e-6));
          }
        },
      ),
    );
  });
});

describe('formatMoney', () => {
  it('formats in the currency minor unit and the locale', () => {
    expect(formatMoney(money(123_450, 'USD'), 'en-US')).toBe('$1,234.50');
    expect(formatMoney(money(1_235, 'JPY'), 'en-US')).toBe('¥1,235');
    expect(formatMoney(money(1_050, 'KWD'), 'en-US')).toMatch(/KWD\s?1\.050/);
    expect(formatMoney(money(123_450, 'EUR'), 'de-DE')).toBe('1.234,50\u00a0€');
    expect(formatMoney(money(-5, 'USD'), 'en-US')).toBe('-$0.05');
  });
  it('shows large amounts to the last cent', () => {
    expect(formatMoney(money(9_007_199_254_740_991, 'USD'), 'en-US')).toBe('$90,071,992,547,409.91');
  });
});
