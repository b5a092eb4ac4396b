import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectiveRounding, type RoundingPolicy } from '../../../shared/rounding/policy';
import { applyRounding, roundEntry, roundMs, roundProjectDays } from '../../../shared/rounding/round';
import { zonedInstant } from '../../../shared/time/zone';

const MIN = 60_000;
const policy = (incrementMinutes: RoundingPolicy['incrementMinutes'], mode: RoundingPolicy['mode'], scope: RoundingPolicy['scope'] = 'entry'): RoundingPolicy => ({ incrementMinutes, mode, scope });
const arbPolicy = fc.record({
  incrementMinutes: fc.constantFrom(1, 6, 10, 15, 30) as fc.Arbitrary<RoundingPolicy['incrementMinutes']>,
  mode: fc.constantFrom('up', 'down', 'nearest') as fc.Arbitrary<RoundingPolicy['mode']>,
  scope: fc.constant('entry' as const),
});
const arbRaw = fc.integer({ min: 0, max: 24 * 60 * MIN });

describe('roundEntry', () => {
  it('rounds to the increment in each mode and keeps the raw value', () => {
    expect(roundEntry(7 * MIN, policy(15, 'up'))).toEqual({ rawMs: 7 * MIN, roundedMs: 15 * MIN });
    expect(roundEntry(7 * MIN, policy(15, 'down'))).toEqual({ rawMs: 7 * MIN, roundedMs: 0 });
    expect(roundEntry(7 * MIN, policy(15, 'nearest')).roundedMs).toBe(0);
    expect(roundEntry(7.5 * MIN, policy(15, 'nearest')).roundedMs).toBe(15 * MIN); // tie goes up
    expect(roundEntry(61 * MIN + 1, policy(6, 'up')).roundedMs).toBe(66 * MIN);
    expect(roundEntry(59_999, policy(1, 'nearest')).roundedMs).toBe(MIN);
  });
  it('keeps nearest within half an increment, up at or above raw, down at or below, on the grid', () => {
    fc.assert(
      fc.property(arbRaw, arbPolicy, (raw, p) => {
        const { rawMs, roundedMs } = roundEntry(raw, p);
        const step = p.incrementMinutes * MIN;
        expect(rawMs).toBe(raw);
        expect(roundedMs % step).toBe(0);
        if (p.mode === 'up') expect(roundedMs).toBeGreaterThanOrEqual(raw);
        if (p.mode === 'down') expect(roundedMs).toBeLessThanOrEqual(raw);
        expect(Math.abs(roundedMs - raw)).toBeLessThanOrEqual(p.mode === 'nearest' ? step / 2 : step - 1);
      }),
    );
  });
  it('is idempotent', () => {
    fc.assert(fc.property(arbRaw, arbPolicy, (raw, p) => {
      const once = roundMs(raw, p);
      expect(roundMs(once, p)).toBe(once);
    }));
  });
});

describe('roundProjectDays', () => {
  const zone = 'Europe/Berlin';
  const at = (date: string, time: string) => zonedInstant(date, time, zone);
  it('rounds the project-day sum once instead of each entry', () => {
    // Three 5-minute entries: per entry "up to 15" would bill 45 min, per project-day bills 15.
    const entries = ['09:00', '10:00', '11:00'].map((t, i) => ({ id: `e${i}`, projectId: 'p', start: at('2024-05-02', t), end: at('2024-05-02', t) + 5 * MIN }));
    const perDay = roundProjectDays(entries, policy(15, 'up', 'projectDay'), zone);
    expect(perDay.map((e) => e.roundedMs / MIN)).toEqual([5, 5, 5]);
    expect(perDay.every((e) => e.rawMs === 5 * MIN)).toBe(true);
    const perEntry = applyRounding(entries, policy(15, 'up', 'entry'), zone);
    expect(perEntry.map((e) => e.roundedMs / MIN)).toEqual([15, 15, 15]);
  });
  it('keeps projects and local days apart, counting an entry on the day it started', () => {
    const entries = [
      { id: 'a', projectId: 'p', start: at('2024-05-02', '23:50'), end: at('2024-05-03', '00:10') },
      { id: 'b', projectId: 'p', start: at('2024-05-03', '09:00'), end: at('2024-05-03', '09:07') },
      { id: 'c', projectId: 'q', start: at('2024-05-03', '10:00'), end: at('2024-05-03', '10:07') },
    ];
    const out = roundProjectDays(entries, policy(15, 'nearest', 'projectDay'), zone);
    expect(out.map((e) => [e.localDate, e.roundedMs / MIN])).toEqual([['2024-05-02', 15], ['2024-05-03', 0], ['2024-05-03', 0]]);
  });
  it('gives each entry a whole-minute share; shares sum exactly to the rounded day total; raw untouched', () => {
    const arbEntries = fc.array(
      fc.record({ project: fc.constantFrom('p', 'q', null), hour: fc.integer({ min: 0, max: 23 }), len: fc.integer({ min: 0, max: 3 * 60 * MIN }) }),
      { minLength: 1, maxLength: 20 },
    );
    fc.assert(
      fc.property(arbEntries, arbPolicy, (spec, p) => {
        const entries = spec.map((s, i) => {
          const start = at('2024-03-31', `${String(s.hour).padStart(2, '0')}:00`);
          return { id: `e${i}`, projectId: s.project, start, end: start + s.len };
        });
        const out = roundProjectDays(entries, { ...p, scope: 'projectDay' }, zone);
        out.forEach((e, i) => {
          expect(e.rawMs).toBe(spec[i]!.len);
          expect(e.roundedMs % MIN).toBe(0);
        });
        for (const project of ['p', 'q', null]) {
          const members = out.filter((_, i) => spec[i]!.project === project);
          const raw = members.reduce((a, e) => a + e.rawMs, 0);
          expect(members.reduce((a, e) => a + e.roundedMs, 0)).toBe(roundMs(raw, p));
        }
      }),
    );
  });
});

describe('effectiveRounding', () => {
  const workspace = { rounding: policy(15, 'up', 'entry') };
  it('uses the workspace default when the project has no override', () => {
    expect(effectiveRounding({}, workspace)).toEqual({ policy: workspace.rounding, source: 'workspace' });
    expect(effectiveRounding({ rounding: null }, workspace).source).toBe('workspace');
    expect(effectiveRounding(null, workspace).source).toBe('workspace');
  });
  it('lets a project override some fields and inherit the rest', () => {
    expect(effectiveRounding({ rounding: { incrementMinutes: 6 } }, workspace)).toEqual({ policy: policy(6, 'up', 'entry'), source: 'project' });
  });
  it('rejects an increment outside the allowed set', () => {
    expect(() => effectiveRounding({ rounding: { incrementMinutes: 7 as 6 } }, workspace)).toThrow();
  });
});
