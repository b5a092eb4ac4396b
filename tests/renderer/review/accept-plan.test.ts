// What accepting a proposal does before it is done: the time entries already hold is not counted
// again (unless the user says so), billed time follows the chosen project's rounding, and a window
// inside a timer entry teaches the timer's project.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { billedForRuns, learnAsFor, overlapWithEntries, runsToCreate, type DayEntry } from '../../../renderer/src/features/review/accept-plan';

const t0 = Date.UTC(2026, 2, 3, 9, 0);
const min = 60_000;
const at = (m: number) => t0 + m * min;
const entry = (id: string, from: number, to: number | null, projectId: string | null = 'website', taskId: string | null = null): DayEntry => ({
  id, projectId, taskId, start: at(from), end: to === null ? null : at(to), zone: 'UTC',
});
const WHOLE_MINUTES = { incrementMinutes: 1, mode: 'nearest', scope: 'entry' } as const;

describe('overlap with the day’s entries', () => {
  it('trims a proposal to the time no entry holds, and says which entries hold the rest', () => {
    // A proposal 09:00–11:00 counted in two runs around a break; a timer ran 10:00–10:45.
    const runs = [{ start: at(0), end: at(50) }, { start: at(55), end: at(120) }];
    const o = overlapWithEntries(runs, [entry('timer', 60, 105)], at(600));
    expect(o.countedMs).toBe(115 * min);
    expect(o.coveredMs).toBe(45 * min);
    expect(o.free).toEqual([{ start: at(0), end: at(50) }, { start: at(55), end: at(60) }, { start: at(105), end: at(120) }]);
    expect(o.freeMs).toBe(70 * min);
    expect(o.covered).toEqual([{ entryId: 'timer', projectId: 'website', start: at(60), end: at(105) }]);
    expect(runsToCreate(o, false)).toEqual(o.free);
    expect(runsToCreate(o, true)).toEqual(runs);
  });

  it('counts a minute held by two entries once, and a running timer up to now', () => {
    const o = overlapWithEntries([{ start: at(0), end: at(60) }], [entry('a', 10, 30), entry('b', 20, 40), entry('run', 50, null)], at(55));
    expect(o.coveredMs).toBe(35 * min);
    expect(o.free).toEqual([{ start: at(0), end: at(10) }, { start: at(40), end: at(50) }, { start: at(55), end: at(60) }]);
  });

  it('a proposal wholly inside entries adds nothing; a sliver under a minute between entries is not an entry', () => {
    expect(overlapWithEntries([{ start: at(0), end: at(30) }], [entry('a', -10, 40)], at(600))).toMatchObject({ free: [], freeMs: 0, coveredMs: 30 * min });
    const sliver = overlapWithEntries([{ start: at(0), end: at(30) }], [entry('a', 0, 15), { ...entry('b', 15, 30), start: at(15) + 30_000 }], at(600));
    expect(sliver.free).toEqual([]);
  });

  it('never counts a minute twice: free time and entries never meet, and together they are the proposal', () => {
    const interval = fc.tuple(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 1, max: 120 })).map(([s, d]) => ({ start: at(s), end: at(s + d) }));
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 4 }), fc.array(interval, { maxLength: 5 }), (rawRuns, spans) => {
        // Runs of one proposal never overlap each other.
        const runs = rawRuns.sort((a, b) => a.start - b.start).filter((r, i, all) => i === 0 || r.start >= all[i - 1]!.end);
        const entries = spans.map((s, i) => ({ id: `e${i}`, projectId: 'p', taskId: null, start: s.start, end: s.end, zone: 'UTC' }));
        const o = overlapWithEntries(runs, entries, at(10_000));
        for (const f of o.free) for (const e of entries) expect(f.end <= e.start! || f.start >= e.end!).toBe(true);
        expect(o.freeMs).toBeLessThanOrEqual(o.countedMs - o.coveredMs);
        // Only slivers under a minute between entries go uncounted.
        expect(o.countedMs - o.coveredMs - o.freeMs).toBeLessThan(min * (entries.length + 1));
      }),
    );
  });
});

describe('what each window teaches', () => {
  const windows = [{ id: 'w1', start: at(0), end: at(20) }, { id: 'w2', start: at(20), end: at(40) }, { id: 'w3', start: at(40), end: at(60) }];

  it('a window mostly inside an entry teaches that entry’s project; the rest teach the card’s choice', () => {
    const learnAs = learnAsFor(windows, [entry('timer', 15, 52, 'website', 'design'), entry('loose', 55, 60, null)], false, at(600));
    expect([...learnAs]).toEqual([['w2', { projectId: 'website', taskId: 'design' }], ['w3', { projectId: 'website', taskId: 'design' }]]);
  });

  it('counting it all anyway teaches the card’s project everywhere', () => {
    expect(learnAsFor(windows, [entry('timer', 0, 60)], true, at(600)).size).toBe(0);
  });
});

describe('billed time for the chosen project', () => {
  const fifteenUp = { rounding: { incrementMinutes: 15 as const, mode: 'up' as const, scope: 'entry' as const } };

  it('a 7-minute proposal on a project that rounds up to 15 minutes bills 15, and says whose rule', () => {
    const billing = billedForRuns([{ start: at(0), end: at(7) }], 'website', 'UTC', [], (id) => (id === 'website' ? fifteenUp : undefined), WHOLE_MINUTES);
    expect(billing).toEqual({ rawMs: 7 * min, billedMs: 15 * min, rule: '15 min up, per entry (project rule)' });
    const workspace = billedForRuns([{ start: at(0), end: at(7) }], 'other', 'UTC', [], () => undefined, { incrementMinutes: 6, mode: 'up', scope: 'entry' });
    expect(workspace).toEqual({ rawMs: 7 * min, billedMs: 12 * min, rule: '6 min up, per entry (workspace rule)' });
  });

  it('per project-day, it is what the new time adds to the day’s billed total', () => {
    const perDay = { rounding: { incrementMinutes: 15 as const, mode: 'up' as const, scope: 'projectDay' as const } };
    // 20 minutes already on the day bill 30; 7 more make 27, still 30: the proposal adds nothing billed.
    const billing = billedForRuns([{ start: at(60), end: at(67) }], 'website', 'UTC', [entry('timer', 0, 20)], () => perDay, WHOLE_MINUTES);
    expect(billing).toEqual({ rawMs: 7 * min, billedMs: 0, rule: '15 min up, per project-day (project rule)' });
  });

  it('no runs, nothing billed', () => {
    expect(billedForRuns([], 'website', 'UTC', [], () => undefined, WHOLE_MINUTES)).toBeNull();
  });
});
