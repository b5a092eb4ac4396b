// The reminder policy: what is due at an instant in a zone. Wall-clock times are read in the zone,
// so quiet hours across midnight and DST changes behave as the person set them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER_SETTINGS, dueReminders, inSpan, isQuiet, NO_TIMER_GRACE_MINUTES, type ReminderSettings, type ReminderSnapshot } from '../../../shared/reminders/policy';
import { zonedInstant } from '../../../shared/time/zone';

const NY = 'America/New_York';
const quiet = (on: boolean, start = '20:00', end = '08:00') => ({ on, start, end });
const all: ReminderSettings = { ...DEFAULT_REMINDER_SETTINGS, noTimer: true, quietHours: quiet(false) };
const calm: ReminderSnapshot = { timerRunning: false, lastTimerEnd: null, unreviewedDays: [], oldestApprovedAt: null, syncProblems: [] };
const at = (day: string, time: string, zone = NY) => zonedInstant(day, time, zone);
const ids = (s: ReminderSettings, snap: ReminderSnapshot, now: number, zone = NY) => dueReminders(s, snap, now, zone).map((r) => r.id);

describe('no timer running', () => {
  it('reminds on a working day after the grace period, naming the gap, and opens Today', () => {
    const now = at('2026-03-04', '10:00'); // a Wednesday
    const [r] = dueReminders(all, { ...calm, lastTimerEnd: at('2026-03-04', '09:30') }, now, NY);
    expect(r).toMatchObject({ id: `no-timer:2026-03-04:${at('2026-03-04', '09:30')}`, target: { screen: 'today' } });
  });
  it('says nothing while a timer runs, within the grace period, out of hours or on a day off', () => {
    const wed10 = at('2026-03-04', '10:00');
    expect(ids(all, { ...calm, timerRunning: true }, wed10)).toEqual([]);
    expect(ids(all, { ...calm, lastTimerEnd: wed10 - (NO_TIMER_GRACE_MINUTES - 1) * 60_000 }, wed10)).toEqual([]);
    expect(ids(all, calm, at('2026-03-04', '09:10'))).toEqual([]);
    expect(ids(all, calm, at('2026-03-04', '17:30'))).toEqual([]);
    expect(ids(all, calm, at('2026-03-07', '10:00'))).toEqual([]); // Saturday
    expect(ids({ ...all, noTimer: false }, calm, wed10)).toEqual([]);
  });
});

describe('a day not reviewed', () => {
  it('reminds from the review time of that day on, and opens the review at that day', () => {
    const snap = { ...calm, unreviewedDays: ['2026-03-04'] };
    const s = { ...all, noTimer: false };
    expect(ids(s, snap, at('2026-03-04', '17:59'))).toEqual([]);
    expect(dueReminders(s, snap, at('2026-03-04', '18:00'), NY)).toEqual([expect.objectContaining({ id: 'review:2026-03-04', target: { screen: 'review', day: '2026-03-04' } })]);
  });
});

describe('approved time waiting and sync problems', () => {
  it('reminds once approved time is older than the setting, and opens QuickBooks › Sync', () => {
    const s = { ...all, noTimer: false, approvedWaitingHours: 4 };
    const approvedAt = at('2026-03-04', '08:00');
    expect(ids(s, { ...calm, oldestApprovedAt: approvedAt }, approvedAt + 4 * 3_600_000 - 1)).toEqual([]);
    expect(dueReminders(s, { ...calm, oldestApprovedAt: approvedAt }, approvedAt + 4 * 3_600_000, NY)[0]?.target).toEqual({ screen: 'quickbooks', tab: 'sync' });
  });
  it('names the company that needs reconnecting', () => {
    const snap = { ...calm, syncProblems: [{ companyId: 'c1', name: 'Cool Cars', key: 'reconnect_required:1', reconnect: true }] };
    expect(dueReminders({ ...all, noTimer: false }, snap, at('2026-03-04', '12:00'), NY)[0]).toMatchObject({ id: 'sync:c1:reconnect_required:1', title: 'Reconnect Cool Cars' });
    expect(ids({ ...all, noTimer: false, syncProblem: false }, snap, at('2026-03-04', '12:00'))).toEqual([]);
  });
});

describe('quiet hours', () => {
  const busy: ReminderSnapshot = { ...calm, unreviewedDays: ['2026-03-03'], oldestApprovedAt: 0 };
  it('silence everything inside them, across midnight', () => {
    const s = { ...all, quietHours: quiet(true, '22:00', '07:00') };
    expect(ids(s, busy, at('2026-03-04', '23:30'))).toEqual([]);
    expect(ids(s, busy, at('2026-03-05', '06:59'))).toEqual([]);
    expect(ids(s, busy, at('2026-03-05', '07:00')).length).toBeGreaterThan(0);
  });
  it('follow the wall clock over a DST change (New York springs forward on 8 March 2026)', () => {
    const s = { ...all, quietHours: quiet(true, '22:00', '07:00') };
    expect(isQuiet(s, at('2026-03-08', '06:30'), NY)).toBe(true);
    expect(isQuiet(s, at('2026-03-08', '07:00'), NY)).toBe(false);
    expect(isQuiet(s, at('2026-11-01', '06:59'), NY)).toBe(true);
  });
  it('property: a minute is quiet exactly when it lies in the span, wrapping at midnight', () => {
    const hhmm = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(hhmm, hhmm, fc.integer({ min: 0, max: 1439 }), (start, end, minute) => {
        const s = Number(start.slice(0, 2)) * 60 + Number(start.slice(3));
        const e = Number(end.slice(0, 2)) * 60 + Number(end.slice(3));
        const length = (e - s + 1440) % 1440;
        const into = (minute - s + 1440) % 1440;
        expect(inSpan(minute, start, end)).toBe(into < length);
      }),
    );
  });
  it('property: nothing is ever due inside quiet hours, whatever the zone and the state', () => {
    const zones = fc.constantFrom('UTC', NY, 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kolkata');
    fc.assert(
      fc.property(zones, fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }), (zone, now) => {
        const s = { ...all, quietHours: quiet(true, '20:00', '08:00') };
        if (isQuiet(s, now, zone)) expect(dueReminders(s, busy, now, zone)).toEqual([]);
        else expect(dueReminders(s, busy, now, zone).length).toBeGreaterThan(0);
      }),
    );
  });
});
