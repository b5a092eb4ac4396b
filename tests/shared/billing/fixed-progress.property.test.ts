import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proposeInvoices } from '../../../shared/billing/propose';
import type { FixedFeeArrangement, Milestone, ProgressArrangement } from '../../../shared/billing/types';
import { addLocalDays } from '../../../shared/time/local-date';
import { RATE, atRate, context, invoicedTotal, repeatedSteps, run, visits, type Work } from './simulate';

const START = '2026-03-01';
const day = (offset: number) => addLocalDays(START, offset);
const work = fc.array(fc.record({ offset: fc.integer({ min: 0, max: 120 }), minutes: fc.integer({ min: 1, max: 900 }) }), { maxLength: 30 })
  .map((ws) => ws.map((w): Work => ({ date: day(w.offset), minutes: w.minutes })));
const gaps = fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 5 });
const LAST = day(160);

describe('fixed fee over time', () => {
  const scenario = fc.record({
    feeMinor: fc.integer({ min: 0, max: 2_000_000 }),
    estimateMinutes: fc.integer({ min: 0, max: 6000 }),
    overageRateMinor: fc.option(fc.integer({ min: 1, max: 33_333 })),
    feeBilled: fc.constantFrom<FixedFeeArrangement['feeBilled']>('upfront', 'onCompletion'),
    completedOffset: fc.option(fc.integer({ min: 0, max: 150 })),
    work,
    gaps,
  });

  it('adds up to the fee plus round(all time over the estimate × rate), however many overage invoices it took', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const completedOn = s.completedOffset === null ? null : day(s.completedOffset);
        const arrangementOn = (today: string): FixedFeeArrangement => ({
          kind: 'fixedFee', feeMinor: s.feeMinor, estimateMinutes: s.estimateMinutes, overageRateMinor: s.overageRateMinor, feeBilled: s.feeBilled,
          completedOn: completedOn !== null && completedOn <= today ? completedOn : null,
        });
        const result = run(arrangementOn, s.work, visits(START, LAST, s.gaps));
        const total = s.work.reduce((sum, w) => sum + w.minutes, 0);
        expect(repeatedSteps(result)).toEqual([]);
        const feeDue = s.feeBilled === 'upfront' || completedOn !== null;
        expect(invoicedTotal(result)).toBe((feeDue ? s.feeMinor : 0) + atRate(Math.max(0, total - s.estimateMinutes), s.overageRateMinor ?? RATE));
        expect(result.billed.filter((b) => b.step === 'fee')).toHaveLength(feeDue ? 1 : 0);
        for (const count of result.coveredCount.values()) expect(count).toBe(1);
        // Once complete, all time is on an invoice.
        if (completedOn !== null) expect(result.coveredCount.size).toBe(s.work.length);
        const after = context(day(200), s.work, result.billed, new Set(result.coveredCount.keys()));
        expect(proposeInvoices(arrangementOn(LAST), after)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});

/** Basis points that sum to at most 10000. */
const shares = fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 5 }).map((bps) => {
  const sum = bps.reduce((a, b) => a + b, 0);
  return sum <= 10_000 ? bps : bps.map((b) => Math.floor((b * 10_000) / sum));
});

describe('progress billing over time', () => {
  const scenario = fc.record({
    budget: fc.oneof(
      fc.record({ kind: fc.constant('amount' as const), amountMinor: fc.integer({ min: 0, max: 5_000_000 }) }),
      fc.record({ kind: fc.constant('hours' as const), minutes: fc.integer({ min: 0, max: 20_000 }), rateMinor: fc.integer({ min: 1, max: 33_333 }) }),
    ),
    mode: fc.constantFrom<ProgressArrangement['mode']>('milestones', 'percent'),
    milestones: shares.chain((bps) => fc.tuple(...bps.map((bp, i) => fc.option(fc.integer({ min: 0, max: 150 })).map((reached): Milestone => ({ id: `m${i}`, name: `Step ${i}`, basisPoints: bp, reachedOn: reached === null ? null : day(reached) }))))),
    /** Percentages stated over time: [day, basis points]. */
    stated: fc.array(fc.tuple(fc.integer({ min: 0, max: 150 }), fc.integer({ min: 0, max: 10_000 })), { maxLength: 6 }),
    completedOffset: fc.integer({ min: 0, max: 155 }),
    work,
    gaps,
  });

  it('adds up to the total exactly once complete, whatever was billed on the way', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const completedOn = day(s.completedOffset);
        const arrangementOn = (today: string): ProgressArrangement => {
          const said = s.stated.filter(([d]) => day(d) <= today).sort((a, b) => a[0] - b[0]).at(-1);
          return {
            kind: 'progress', budget: s.budget, estimate: null, mode: s.mode,
            milestones: s.milestones.map((m) => ({ ...m, reachedOn: m.reachedOn !== null && m.reachedOn <= today ? m.reachedOn : null })),
            completeBasisPoints: said?.[1] ?? 0, completedOn: completedOn <= today ? completedOn : null,
          };
        };
        const total = s.budget.kind === 'amount' ? s.budget.amountMinor : atRate(s.budget.minutes, s.budget.rateMinor);
        // Before completion, milestones bill exactly their cumulative share.
        const before = run(arrangementOn, s.work, visits(START, addLocalDays(completedOn, -1), s.gaps));
        if (s.mode === 'milestones') {
          const points = s.milestones.filter((m) => m.reachedOn !== null && m.reachedOn < completedOn).reduce((sum, m) => sum + m.basisPoints, 0);
          if (s.completedOffset > 0) expect(invoicedTotal(before)).toBe(Math.floor((total * points * 2 + 10_000) / 20_000));
        }
        const result = run(arrangementOn, s.work, visits(START, LAST, s.gaps));
        expect(invoicedTotal(result)).toBe(total);
        expect(repeatedSteps(result)).toEqual([]);
        expect(result.billed.filter((b) => b.step === 'trueup').length).toBeLessThanOrEqual(1);
        for (const count of result.coveredCount.values()) expect(count).toBe(1);
        const after = context(day(200), s.work, result.billed, new Set(result.coveredCount.keys()));
        expect(proposeInvoices(arrangementOn(LAST), after).filter((p) => p.charges.some((c) => c.amountMinor !== 0))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
