import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrangementStatus, proposeInvoices } from '../../../shared/billing/propose';
import type { RetainerArrangement } from '../../../shared/billing/types';
import { addLocalDays } from '../../../shared/time/local-date';
import { RATE, atRate, context, invoicedTotal, repeatedSteps, run, visits, type Work } from './simulate';

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Calendar periods written from scratch: index of a date, and each period's first and last day. */
function calendar(period: RetainerArrangement['period'], start: string) {
  const months = period === 'monthly' ? 1 : 3;
  const y0 = Number(start.slice(0, 4));
  const m0 = Math.floor((Number(start.slice(5, 7)) - 1) / months) * months; // 0-based first month of the first period
  const indexOf = (date: string) => Math.floor(((Number(date.slice(0, 4)) - y0) * 12 + Number(date.slice(5, 7)) - 1 - m0) / months);
  const first = (i: number) => iso(Date.UTC(y0, m0 + i * months, 1));
  const last = (i: number) => iso(Date.UTC(y0, m0 + (i + 1) * months, 0));
  return { indexOf, first, last };
}

/** Overage per period and minutes rolled into each, by the rules in words (rolled minutes first, oldest first). */
function expected(arr: RetainerArrangement, worked: number[]): { over: number[]; rolledIn: number[] } {
  let carried: Array<{ from: number; left: number }> = [];
  const over: number[] = [];
  const rolledIn: number[] = [];
  worked.forEach((minutes, i) => {
    const expires = arr.rollover?.expiresAfterPeriods;
    carried = carried.filter((c) => expires === null || expires === undefined || i - c.from <= expires);
    rolledIn.push(carried.reduce((s, c) => s + c.left, 0));
    let rest = minutes;
    for (const c of carried) {
      const used = Math.min(c.left, rest);
      c.left -= used;
      rest -= used;
    }
    over.push(Math.max(0, rest - arr.allowanceMinutes));
    if (!arr.rollover) return;
    const balance = carried.reduce((s, c) => s + c.left, 0);
    const cap = arr.rollover.maxMinutes ?? Infinity;
    carried.push({ from: i, left: Math.min(Math.max(0, arr.allowanceMinutes - rest), Math.max(0, cap - balance)) });
  });
  return { over, rolledIn };
}

const retainer = fc.record({
  period: fc.constantFrom<RetainerArrangement['period']>('monthly', 'quarterly'),
  startMonth: fc.integer({ min: 1, max: 12 }),
  startDay: fc.integer({ min: 1, max: 28 }),
  periods: fc.integer({ min: 1, max: 6 }),
  feeMinor: fc.integer({ min: 0, max: 500_000 }),
  allowanceMinutes: fc.integer({ min: 0, max: 3000 }),
  overageRateMinor: fc.option(fc.integer({ min: 1, max: 30_000 })),
  rollover: fc.option(fc.record({ maxMinutes: fc.option(fc.integer({ min: 0, max: 3000 })), expiresAfterPeriods: fc.option(fc.integer({ min: 0, max: 3 })) })),
  billedInAdvance: fc.boolean(),
});

const scenario = retainer.chain((r) => {
  const startDate = `2026-${String(r.startMonth).padStart(2, '0')}-${String(r.startDay).padStart(2, '0')}`;
  const cal = calendar(r.period, startDate);
  const arr: RetainerArrangement = {
    kind: 'retainer', period: r.period, startDate, endDate: cal.last(r.periods - 1), feeMinor: r.feeMinor, allowanceMinutes: r.allowanceMinutes,
    overageRateMinor: r.overageRateMinor, rollover: r.rollover, billedInAdvance: r.billedInAdvance, autoCreate: false,
  };
  const span = (Date.parse(arr.endDate!) - Date.parse(startDate)) / 86_400_000;
  const work = fc.array(fc.record({ offset: fc.integer({ min: -20, max: span + 20 }), minutes: fc.integer({ min: 1, max: 900 }) }), { maxLength: 40 })
    .map((ws) => ws.map((w): Work => ({ date: addLocalDays(startDate, w.offset), minutes: w.minutes })));
  return fc.record({ arr: fc.constant(arr), cal: fc.constant(cal), work, gaps: fc.array(fc.integer({ min: 1, max: 45 }), { minLength: 1, maxLength: 5 }) });
});

describe('retainer invoices over time', () => {
  it('add up to the fee per period plus each period\'s overage at the rate, cover each piece of its time once, and are never proposed twice', () => {
    fc.assert(
      fc.property(scenario, ({ arr, cal, work, gaps }) => {
        const n = cal.indexOf(arr.endDate!) + 1;
        const inRange = work.filter((w) => w.date >= arr.startDate && w.date <= arr.endDate!);
        const worked = Array.from({ length: n }, (_, i) => inRange.filter((w) => cal.indexOf(w.date) === i).reduce((s, w) => s + w.minutes, 0));
        const { over } = expected(arr, worked);
        const end = addLocalDays(arr.endDate!, 1);
        const result = run(() => arr, work, visits(addLocalDays(arr.startDate, -3), end, gaps));
        const rate = arr.overageRateMinor ?? RATE;
        expect(repeatedSteps(result)).toEqual([]);
        expect(invoicedTotal(result)).toBe(n * arr.feeMinor + over.reduce((s, m) => s + atRate(m, rate), 0));
        // Every piece dated inside the retainer is covered exactly once; none outside it.
        const covered = work.map((w, i) => result.coveredCount.get(`k${i}`) ?? 0);
        expect(covered).toEqual(work.map((w) => (w.date >= arr.startDate && w.date <= arr.endDate! ? 1 : 0)));
        expect(proposeInvoices(arr, context(addLocalDays(end, 40), work, result.billed, new Set(result.coveredCount.keys())))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('never carries more than the cap, nor minutes older than the expiry', () => {
    fc.assert(
      fc.property(scenario, ({ arr, cal, work }) => {
        const n = cal.indexOf(arr.endDate!) + 1;
        const inRange = work.filter((w) => w.date >= arr.startDate && w.date <= arr.endDate!);
        const worked = Array.from({ length: n }, (_, i) => inRange.filter((w) => cal.indexOf(w.date) === i).reduce((s, w) => s + w.minutes, 0));
        const { rolledIn } = expected(arr, worked);
        for (let i = 0; i < n; i++) {
          const today = i === 0 ? arr.startDate : cal.first(i);
          const status = arrangementStatus(arr, context(today, work, [], new Set()));
          expect(status.rolledOverMinutes).toBe(rolledIn[i]);
          if (!arr.rollover) expect(status.rolledOverMinutes).toBe(0);
          else {
            expect(status.rolledOverMinutes).toBeLessThanOrEqual(arr.rollover.maxMinutes ?? Infinity);
            // Only allowance of the last `expiresAfterPeriods` periods can still be there (none with 0).
            const from = arr.rollover.expiresAfterPeriods === null ? 0 : Math.max(0, i - arr.rollover.expiresAfterPeriods);
            expect(status.rolledOverMinutes).toBeLessThanOrEqual((i - from) * arr.allowanceMinutes);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
