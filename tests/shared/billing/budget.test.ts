// Budget levels: a warning from 80% used, over from 100%, rounded down so 79.99% is not yet a
// warning; the words say the project, the share, the limit and what was used.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetUse } from '../../../shared/billing/budget';

const about = { projectName: 'Website redesign', currency: 'USD', locale: 'en-US' };

describe('budgetUse', () => {
  it('warns from 80% and is over from 100%, exactly at the boundaries', () => {
    const amount = { kind: 'amount', limit: 10_000_00 } as const;
    expect(budgetUse(amount, 0, 7_999_99, about)).toMatchObject({ fraction: 7999, level: 'ok' });
    expect(budgetUse(amount, 0, 8_000_00, about)).toMatchObject({ fraction: 8000, level: 'warning' });
    expect(budgetUse(amount, 0, 9_999_99, about)).toMatchObject({ fraction: 9999, level: 'warning' });
    expect(budgetUse(amount, 0, 10_000_00, about)).toMatchObject({ fraction: 10000, level: 'over' });
  });

  it('reads minutes for an hours budget and says it in h:mm', () => {
    const use = budgetUse({ kind: 'hours', limit: 40 * 60 }, 32 * 60 + 48, 999_999_99, about);
    expect(use.level).toBe('warning');
    expect(use.words).toBe('Website redesign has used 82% of its 40:00 h budget (32:48 h).');
  });

  it('says an amount budget in the project currency, and when it is over', () => {
    const use = budgetUse({ kind: 'amount', limit: 5_000_00 }, 0, 5_100_00, about);
    expect(use.words).toBe('Website redesign has used 102% of its $5,000.00 budget ($5,100.00): it is over budget.');
  });

  it('levels follow the share for any limit and use (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e12 }), fc.integer({ min: 0, max: 2e12 }), (limit, used) => {
      const { fraction, level } = budgetUse({ kind: 'amount', limit }, 0, used, about);
      // used/limit ≥ 0.8 ⇔ used·10 ≥ limit·8, in exact integers.
      const atWarning = BigInt(used) * 10n >= BigInt(limit) * 8n;
      const atOver = used >= limit;
      expect(level).toBe(atOver ? 'over' : atWarning ? 'warning' : 'ok');
      expect(fraction).toBe(Number((BigInt(used) * 10000n) / BigInt(limit)));
    }));
  });
});
