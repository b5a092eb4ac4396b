// The reports' settings: people (kind, weekly capacity, cost rates) and the utilization target,
// saved with an audit row when they make sense and refused, with nothing written, when they do not.
import { describe, expect, it } from 'vitest';
import { testEnv } from '../../db/helpers';

const dana = { kind: 'contractor' as const, capacityMinutesPerWeek: 30 * 60, costRates: [{ effectiveFrom: '2026-01-01', rateMinor: 55_00 }] };

describe('report settings', () => {
  it('start with nobody set up and a 75% target', async () => {
    const { repos } = await testEnv();
    expect(await repos.settings.get('reportPeople')).toEqual({});
    expect(await repos.settings.get('utilizationTargetPercent')).toBe(75);
  });

  it('save a person with an audit row', async () => {
    const { repos } = await testEnv();
    await repos.settings.set('reportPeople', { 'Dana Lee': dana });
    expect(await repos.settings.get('reportPeople')).toEqual({ 'Dana Lee': dana });
    expect((await repos.audit.listForEntity('reportPeople')).map((a) => a.after)).toEqual([{ 'Dana Lee': dana }]);
  });

  it.each([
    ['an unknown kind', { ...dana, kind: 'intern' }],
    ['more hours than a week has', { ...dana, capacityMinutesPerWeek: 7 * 24 * 60 + 1 }],
    ['negative capacity', { ...dana, capacityMinutesPerWeek: -60 }],
    ['a date that does not exist', { ...dana, costRates: [{ effectiveFrom: '2026-02-30', rateMinor: 1 }] }],
    ['a negative cost rate', { ...dana, costRates: [{ effectiveFrom: '2026-01-01', rateMinor: -1 }] }],
    ['a fractional cost rate', { ...dana, costRates: [{ effectiveFrom: '2026-01-01', rateMinor: 1.5 }] }],
    ['more than 100 cost rates', { ...dana, costRates: Array.from({ length: 101 }, () => ({ effectiveFrom: '2026-01-01', rateMinor: 1 })) }],
  ])('refuse %s without writing', async (_, person) => {
    const { repos } = await testEnv();
    await repos.settings.set('reportPeople', { 'Dana Lee': dana });
    await expect(repos.settings.set('reportPeople', { 'Dana Lee': person as never })).rejects.toThrow();
    expect(await repos.settings.get('reportPeople')).toEqual({ 'Dana Lee': dana });
  });

  it('keep the target between 1 and 100 percent', async () => {
    const { repos } = await testEnv();
    for (const bad of [0, 101, 70.5]) await expect(repos.settings.set('utilizationTargetPercent', bad)).rejects.toThrow();
    await repos.settings.set('utilizationTargetPercent', 100);
    expect(await repos.settings.get('utilizationTargetPercent')).toBe(100);
  });
});
