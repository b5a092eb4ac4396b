import { describe, expect, it } from 'vitest';
import { periodOf, periodsThrough } from '../../../shared/billing/periods';
import { arrangementStatus, billedStepsOf, proposeInvoices } from '../../../shared/billing/propose';
import type { BilledStep, FixedFeeArrangement, ProgressArrangement, RetainerArrangement } from '../../../shared/billing/types';
import { buildInvoice } from '../../../shared/invoice/build';
import { input } from '../invoice/fixtures';
import { context, type Work } from './simulate';

const retainer: RetainerArrangement = {
  kind: 'retainer', period: 'monthly', startDate: '2026-10-15', endDate: null, feeMinor: 300_000, allowanceMinutes: 1200,
  overageRateMinor: null, rollover: { maxMinutes: 600, expiresAfterPeriods: 2 }, billedInAdvance: true, autoCreate: false,
};

describe('retainer periods', () => {
  it('follow calendar months or quarters from the start date, and stop at the end date', () => {
    expect(periodOf(retainer, '2026-12-31')).toEqual({ key: '2026-12', start: '2026-12-01', end: '2026-12-31', label: 'December 2026' });
    expect(periodOf(retainer, '2026-10-20')).toMatchObject({ key: '2026-10', start: '2026-10-15', end: '2026-10-31' });
    expect(periodOf(retainer, '2026-10-14')).toBeNull();
    const quarterly = { ...retainer, period: 'quarterly' as const, endDate: '2027-02-28' };
    expect(periodOf(quarterly, '2026-11-30')).toEqual({ key: '2026-Q4', start: '2026-10-15', end: '2026-12-31', label: 'Q4 2026' });
    expect(periodOf(quarterly, '2027-03-01')).toBeNull();
    expect(periodsThrough(quarterly, '2027-06-01').map((p) => [p.key, p.end])).toEqual([['2026-Q4', '2026-12-31'], ['2027-Q1', '2027-02-28']]);
  });
});

describe('a retainer billed in advance', () => {
  // October: 10 h worked, 10 h unused roll over (the cap); November: 33:30 h, 3:30 h beyond 20 h + 10 h.
  const work: Work[] = [{ date: '2026-10-20', minutes: 600 }, { date: '2026-11-03', minutes: 1200 }, { date: '2026-11-20', minutes: 810 }];

  it('catches up oldest first, each month\'s fee with the month before\'s overage, described in words', () => {
    const proposals = proposeInvoices(retainer, context('2026-12-01', work, [], new Set()));
    expect(proposals.map((p) => [p.title, p.dueOn, p.totalMinor])).toEqual([
      ['Retainer — October 2026', '2026-10-15', 300_000],
      ['Retainer — November 2026', '2026-11-01', 300_000],
      ['Retainer — December 2026', '2026-12-01', 300_000 + 52_500],
    ]);
    const december = proposals[2]!.charges;
    expect(december.map((c) => [c.step, c.description, c.amountMinor, c.minutes])).toEqual([
      ['period:2026-12', 'Retainer — December 2026 (20:00 h included)', 300_000, null],
      ['overage:2026-11', 'Overage — November 2026: 3:30 h beyond 20:00 h (10:00 h rolled over) × $150.00', 52_500, 210],
    ]);
    expect(december[1]!.covers.map((p) => p.localDate)).toEqual(['2026-11-03', '2026-11-20']);
    expect(proposals[1]!.charges[1]).toMatchObject({ step: 'overage:2026-10', description: 'Time worked — October 2026: 10:00 h of 20:00 h included', amountMinor: 0 });
  });

  it('proposes nothing again once its steps are billed, and shows the month\'s fee not yet earned', () => {
    const first = context('2026-12-01', work, [], new Set());
    const billed: BilledStep[] = proposeInvoices(retainer, first).flatMap((p) => p.charges.map((c) => ({ step: c.step, amountMinor: c.amountMinor, minutes: c.minutes ?? 0, txnDate: '2026-12-01' })));
    const later = context('2026-12-10', [...work, { date: '2026-12-02', minutes: 450 }], billed, new Set(['k0', 'k1', 'k2']));
    expect(proposeInvoices(retainer, later)).toEqual([]);
    const status = arrangementStatus(retainer, later);
    // 7:30 h of 20:00 h worked: 12.5/20 of $3,000.00 is not yet earned.
    expect(status).toMatchObject({ usedMinutes: 450, includedMinutes: 1200, rolledOverMinutes: 0, unearnedMinor: 187_500, dueCount: 0 });
    expect(status.summary).toBe('December 2026: 7:30 h of 20:00 h used; $1,875.00 of the fee not yet earned');
  });
});

describe('fixed fee and progress lines', () => {
  it('bill the fee at completion with the overage, covering the time', () => {
    const arr: FixedFeeArrangement = { kind: 'fixedFee', feeMinor: 800_000, estimateMinutes: 2400, overageRateMinor: 12_000, feeBilled: 'onCompletion', completedOn: '2026-12-04' };
    const [proposal] = proposeInvoices(arr, context('2026-12-07', [{ date: '2026-11-02', minutes: 2400 }, { date: '2026-12-01', minutes: 90 }], [], new Set()));
    expect(proposal!.charges.map((c) => [c.step, c.description, c.amountMinor, c.covers.length])).toEqual([
      ['fee', 'Fixed fee — Website redesign (estimate 40:00 h)', 800_000, 2],
      ['overage:1', 'Overage — Website redesign: 1:30 h beyond the 40:00 h estimate × $120.00', 18_000, 2],
    ]);
    expect(arrangementStatus(arr, context('2026-12-07', [{ date: '2026-11-02', minutes: 2000 }], [], new Set())).summary).toBe('33:20 h of the 40:00 h estimate used');
  });

  it('bill milestones by their cumulative share and the true-up at completion, and read back what an invoice billed', () => {
    const arr: ProgressArrangement = {
      kind: 'progress', budget: { kind: 'amount', amountMinor: 1_000_000 }, estimate: null, mode: 'milestones', completeBasisPoints: 0, completedOn: '2026-12-05',
      milestones: [{ id: 'design', name: 'Design approved', basisPoints: 3000, reachedOn: '2026-11-10' }, { id: 'build', name: 'Site built', basisPoints: 3333, reachedOn: null }],
    };
    const ctx = context('2026-12-07', [{ date: '2026-11-05', minutes: 60 }], [], new Set());
    const [proposal] = proposeInvoices(arr, ctx);
    expect(proposal!.charges.map((c) => [c.step, c.description, c.amountMinor])).toEqual([
      ['milestone:design', 'Milestone: Design approved (30% of $10,000.00)', 300_000],
      ['trueup', 'Final true-up — Website redesign', 700_000],
    ]);
    const draft = buildInvoice(input([], { charges: proposal!.charges }));
    expect(billedStepsOf(draft.lines, '2026-12-07')).toEqual([
      { step: 'milestone:design', amountMinor: 300_000, minutes: 0, txnDate: '2026-12-07' },
      { step: 'trueup', amountMinor: 700_000, minutes: 0, txnDate: '2026-12-07' },
    ]);
  });
});
