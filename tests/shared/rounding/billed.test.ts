// Billed time beside raw time, with the rule that made the difference: one computation for the
// screens, the export and the QuickBooks payloads.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { billedFarAboveRaw, billedTimes, describeBilledRule, type BillableSpan } from '../../../shared/rounding/billed';
import type { RoundingPolicy } from '../../../shared/rounding/policy';
import { zonedInstant } from '../../../shared/time/zone';

const MIN = 60_000;
const zone = 'Europe/Berlin';
const workspace: RoundingPolicy = { incrementMinutes: 1, mode: 'nearest', scope: 'entry' };
const at = (time: string, date = '2026-03-02') => zonedInstant(date, time, zone);
const span = (id: string, projectId: string | null, from: string, to: string, date?: string): BillableSpan => ({ id, projectId, start: at(from, date), end: at(to, date), zone });

describe('billedTimes', () => {
  const rules = new Map<string, { rounding: Partial<RoundingPolicy> | null }>([
    ['quarter', { rounding: { incrementMinutes: 15, mode: 'up' } }],
    ['daily', { rounding: { incrementMinutes: 30, mode: 'up', scope: 'projectDay' } }],
    ['plain', { rounding: null }],
  ]);
  const lookup = (id: string) => rules.get(id);

  it('rounds each entry with its project’s rule and says whose rule it was', () => {
    const billed = billedTimes([span('a', 'quarter', '09:00', '09:07'), span('b', 'plain', '10:00', '10:07'), span('c', null, '11:00', '11:00')], lookup, workspace);
    expect(billed.get('a')).toMatchObject({ rawMs: 7 * MIN, billedMs: 15 * MIN, source: 'project' });
    expect(describeBilledRule(billed.get('a')!)).toBe('15 min up, per entry (project rule)');
    expect(billed.get('b')).toMatchObject({ rawMs: 7 * MIN, billedMs: 7 * MIN, source: 'workspace' });
    expect(billed.get('c')).toMatchObject({ rawMs: 0, billedMs: 0, source: 'workspace' });
  });

  it('rounds a project-day once and shares it out, the same whatever order the entries come in', () => {
    const day = [span('x', 'daily', '09:00', '09:10'), span('y', 'daily', '13:00', '13:10'), span('z', 'daily', '09:00', '09:10', '2026-03-03')];
    fc.assert(
      fc.property(fc.shuffledSubarray(day, { minLength: 3, maxLength: 3 }), (order) => {
        const billed = billedTimes(order, lookup, workspace);
        expect(billed.get('x')!.billedMs + billed.get('y')!.billedMs).toBe(30 * MIN);
        expect(billed.get('x')!.billedMs).toBe(15 * MIN);
        expect(billed.get('z')!.billedMs).toBe(30 * MIN);
      }),
    );
  });
});

describe('billedFarAboveRaw', () => {
  it('flags a 40-second entry billed as 15 minutes, not a 50-minute one billed as an hour', () => {
    expect(billedFarAboveRaw({ rawMs: 40_000, billedMs: 15 * MIN })).toBe(true);
    expect(billedFarAboveRaw({ rawMs: 50 * MIN, billedMs: 60 * MIN })).toBe(false);
    expect(billedFarAboveRaw({ rawMs: 2 * MIN, billedMs: 6 * MIN })).toBe(false);
    expect(billedFarAboveRaw({ rawMs: 20 * MIN, billedMs: 15 * MIN })).toBe(false);
  });
});
