import { describe, expect, it } from 'vitest';
import { candidateOverlaps, midnightSplitPoint, newEntryTimes, overlapNotes, resolveTimes, timesFromEntry } from '../../../renderer/src/features/entries/entry-form';
import { zonedInstant as at } from '../../../shared/time/zone';

const NY = 'America/New_York';
const HOUR = 3_600_000;
const times = (startDate: string, startTime: string, endTime: string, extra: { endDate?: string; duration?: string } = {}) => ({
  startDate, startTime, endDate: extra.endDate ?? startDate, endTime, duration: extra.duration ?? '',
});

describe('what Add time opens with', () => {
  it('is the last hour, on today', () => {
    expect(newEntryTimes(at('2026-03-02', '15:20', NY), NY)).toEqual({
      startDate: '2026-03-02', startTime: '14:20', endDate: '2026-03-02', endTime: '15:20', duration: '',
    });
  });

  it('starts at midnight when the last hour began yesterday, so typed times stay on today', () => {
    const opened = newEntryTimes(at('2026-03-02', '00:20', NY), NY);
    expect(opened).toEqual({ startDate: '2026-03-02', startTime: '00:00', endDate: '2026-03-02', endTime: '00:20', duration: '' });
    const typed = resolveTimes({ ...opened, startTime: '09:00', endTime: '10:00' }, NY);
    expect(typed.ok && typed.end - typed.start).toBe(HOUR);
  });

  it('opens on the day shown: from 09:00 on an empty past day, else after its last entry', () => {
    const now = at('2026-03-05', '15:20', NY);
    expect(newEntryTimes(now, NY, '2026-03-02')).toEqual({ startDate: '2026-03-02', startTime: '09:00', endDate: '2026-03-02', endTime: '10:00', duration: '' });
    const day = [{ end: at('2026-03-02', '11:45', NY) }, { end: at('2026-03-02', '10:00', NY) }];
    expect(newEntryTimes(now, NY, '2026-03-02', day)).toMatchObject({ startTime: '11:45', endTime: '12:45' });
  });

  it('keeps an hour inside the day shown when its last entry ends late', () => {
    const day = [{ end: at('2026-03-02', '23:30', NY) }, { end: at('2026-03-03', '01:00', NY) }];
    expect(newEntryTimes(at('2026-03-05', '15:20', NY), NY, '2026-03-02', day)).toEqual({ startDate: '2026-03-02', startTime: '23:00', endDate: '2026-03-03', endTime: '00:00', duration: '' });
  });
});

describe('reading typed start and end times', () => {
  it('01:30 to 03:30 is one hour across the spring change and three across the autumn change', () => {
    const spring = resolveTimes(times('2026-03-08', '01:30', '03:30'), NY);
    const autumn = resolveTimes(times('2026-11-01', '01:30', '03:30'), NY);
    expect(spring.ok && spring.end - spring.start).toBe(HOUR);
    expect(autumn.ok && autumn.end - autumn.start).toBe(3 * HOUR);
  });

  it('explains an end before the start and an entry over 24 hours', () => {
    expect(resolveTimes(times('2026-03-02', '10:00', '09:30'), NY)).toEqual({
      ok: false, errors: [{ field: 'end', message: 'The end must be after the start.' }],
    });
    const long = resolveTimes(times('2026-03-02', '09:00', '10:00', { endDate: '2026-03-03' }), NY);
    expect(long.ok).toBe(false);
    expect(!long.ok && long.errors[0]!.message).toBe('An entry can be at most 24 hours long; this one is 25:00.');
    expect(resolveTimes(times('2026-03-02', '', '10:00'), NY)).toEqual({ ok: false, errors: [{ field: 'start', message: 'Enter the start time as HH:MM.' }] });
  });

  it('a duration like 1:30, 1.5h or 90m sets the end', () => {
    for (const duration of ['1:30', '1.5h', '90m', '1h 30m']) {
      const r = resolveTimes(times('2026-03-02', '09:00', '', { duration }), NY);
      expect(r.ok && r.end - r.start).toBe(90 * 60_000);
    }
    const bad = resolveTimes(times('2026-03-02', '09:00', '', { duration: '90x' }), NY);
    expect(!bad.ok && bad.errors[0]).toMatchObject({ field: 'duration', message: expect.stringContaining('Could not read "90x"') });
    const zero = resolveTimes(times('2026-03-02', '09:00', '', { duration: '0m' }), NY);
    expect(!zero.ok && zero.errors[0]!.field).toBe('duration');
    // Elapsed time: 2 h from 01:00 on the spring-forward day ends at 04:00 on the wall clock.
    const dst = resolveTimes(times('2026-03-08', '01:00', '', { duration: '2h' }), NY);
    expect(dst.ok && timesFromEntry({ start: dst.start, end: dst.end }, NY, 0).endTime).toBe('04:00');
  });
});

describe('overlaps and midnight', () => {
  const label = (p: string | null) => (p === 'g' ? 'Globex' : p === 'a' ? 'Acme' : 'No project');
  const e = (id: string, projectId: string, start: string, end: string | null) => ({
    id, projectId, start: at('2026-03-02', start, NY), end: end === null ? null : at('2026-03-02', end, NY),
  });

  it('names the other entry and the overlapping span', () => {
    const notes = overlapNotes([e('1', 'a', '09:00', '10:40'), e('2', 'g', '10:15', '11:00'), e('3', 'a', '11:00', '12:00')], 0, NY, label);
    expect(notes.get('1')).toEqual(['Overlaps 10:15–10:40 Globex']);
    expect(notes.get('2')).toEqual(['Overlaps 10:15–10:40 Acme']);
    expect(notes.get('3')).toBeUndefined(); // touching is fine
  });

  it('a running entry overlaps up to now; a candidate ignores its own saved version', () => {
    const now = at('2026-03-02', '10:30', NY);
    const list = [e('1', 'a', '09:00', '10:00'), e('2', 'g', '10:00', null)];
    expect(candidateOverlaps({ id: null, start: at('2026-03-02', '10:15', NY), end: at('2026-03-02', '11:00', NY) }, list, now, NY, label))
      .toEqual(['Overlaps 10:15–10:30 Globex']);
    expect(candidateOverlaps({ id: '1', start: at('2026-03-02', '08:00', NY), end: at('2026-03-02', '09:30', NY) }, list, now, NY, label)).toEqual([]);
  });

  it('offers the split point at local midnight only for entries that cross it', () => {
    const crossing = { start: at('2026-03-02', '22:00', NY), end: at('2026-03-03', '01:00', NY), zone: NY };
    expect(midnightSplitPoint(crossing)).toBe(at('2026-03-03', '00:00', NY));
    expect(midnightSplitPoint({ ...crossing, end: at('2026-03-03', '00:00', NY) })).toBeNull();
    expect(midnightSplitPoint({ ...crossing, end: null })).toBeNull();
  });
});
