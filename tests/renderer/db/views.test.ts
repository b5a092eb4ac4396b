import { describe, expect, it } from 'vitest';
import { at, testEnv } from './helpers';

const NY = 'America/New_York';
const MIN = 60_000;
const HOUR = 60 * MIN;

describe('day view', () => {
  it('a New York spring-forward day (23 h) returns the entries of that local day only', async () => {
    const { repos } = await testEnv();
    const make = (date: string, time: string, description: string) =>
      repos.entries.create({ projectId: null, description, start: at(date, time, NY), end: at(date, time, NY) + 20 * MIN, zone: NY });
    await make('2026-03-07', '23:30', 'saturday night');
    await make('2026-03-08', '00:30', 'after midnight');
    await make('2026-03-08', '03:30', 'just after the jump');
    await make('2026-03-08', '23:30', 'late (already 9 March in UTC)');
    await make('2026-03-09', '00:30', 'monday, within 24 h of Sunday midnight');
    const day = await repos.views.loadDay('2026-03-08', NY);
    expect(day.entries.map((e) => e.description)).toEqual(['after midnight', 'just after the jump', 'late (already 9 March in UTC)']);
    expect(day.range.end - day.range.start).toBe(23 * HOUR);
    expect(day.totals.totalMs).toBe(60 * MIN);
  });

  it('shows the running timer and counts it up to now', async () => {
    const { repos, clock } = await testEnv();
    const nine = at('2026-03-02', '09:00', NY);
    await repos.entries.startTimer(null, null, nine, NY);
    clock.set(nine + 90 * MIN);
    const day = await repos.views.loadDay('2026-03-02', NY);
    expect(day.running?.start).toBe(nine);
    expect(day.entries.map((e) => e.id)).toEqual([day.running!.id]);
    expect(day.totals.totalMs).toBe(90 * MIN);
  });
});

describe('week and month', () => {
  it('week groups entries by their local day and leaves out deleted ones', async () => {
    const { repos } = await testEnv();
    const a = await repos.entries.create({ projectId: null, start: at('2026-03-02', '09:00', NY), end: at('2026-03-02', '10:00', NY), zone: NY });
    await repos.entries.create({ projectId: null, start: at('2026-03-04', '09:00', NY), end: at('2026-03-04', '09:30', NY), zone: NY, billable: false });
    await repos.entries.create({ projectId: null, start: at('2026-03-09', '09:00', NY), end: at('2026-03-09', '10:00', NY), zone: NY });
    // The week's last day, late: read with that day, not the next one.
    const sunday = await repos.entries.create({ projectId: null, start: at('2026-03-08', '23:40', NY), end: at('2026-03-09', '00:00', NY), zone: NY });
    const gone = await repos.entries.create({ projectId: null, start: at('2026-03-05', '09:00', NY), end: at('2026-03-05', '10:00', NY), zone: NY });
    await repos.entries.delete([gone.id]);
    const week = await repos.views.loadWeek('2026-03-02', NY);
    expect(week.days).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08']);
    expect(week.byDay['2026-03-02']!.map((e) => e.id)).toEqual([a.id]);
    expect(week.byDay['2026-03-05']).toEqual([]);
    expect(week.dayTotals['2026-03-04']).toEqual({ totalMs: 30 * MIN, billableMs: 0 });
    expect(week.byDay['2026-03-08']!.map((e) => e.id)).toEqual([sunday.id]);
    expect(week.entries.map((e) => e.localDate)).toEqual(['2026-03-02', '2026-03-04', '2026-03-08']);
    expect(week.totals).toEqual({ totalMs: 110 * MIN, billableMs: 80 * MIN });
  });

  it('month covers every day of the calendar month, including a leap day', async () => {
    const { repos } = await testEnv();
    await repos.entries.create({ projectId: null, start: at('2028-02-29', '09:00', NY), end: at('2028-02-29', '10:00', NY), zone: NY });
    await repos.entries.create({ projectId: null, start: at('2028-03-01', '09:00', NY), end: at('2028-03-01', '10:00', NY), zone: NY });
    const month = await repos.views.loadMonth('2028-02-10', NY);
    expect(month.days).toHaveLength(29);
    expect(month.entries).toHaveLength(1);
    expect(month.dayTotals['2028-02-29']!.totalMs).toBe(HOUR);
  });
});

describe('timesheet totals', () => {
  it('sums raw time per project per day with a billable split and day and week totals', async () => {
    const { repos } = await testEnv();
    const acme = await repos.projects.create({ name: 'Acme' });
    const internal = await repos.projects.create({ name: 'Internal', billable: false });
    const add = (projectId: string | null, date: string, from: string, minutes: number) =>
      repos.entries.create({ projectId, start: at(date, from, NY), end: at(date, from, NY) + minutes * MIN, zone: NY });
    await add(acme.id, '2026-03-02', '09:00', 90);
    await add(acme.id, '2026-03-02', '13:00', 30);
    await add(acme.id, '2026-03-04', '09:00', 60);
    await add(internal.id, '2026-03-02', '16:00', 45);
    await add(null, '2026-03-08', '10:00', 15);
    // Crosses midnight: counts on the day it started, as its QuickBooks date will.
    await add(acme.id, '2026-03-03', '23:30', 60);
    await add(acme.id, '2026-03-09', '09:00', 60); // next week
    const sheet = await repos.views.timesheetTotals('2026-03-02', NY);
    const row = (id: string | null) => sheet.rows.find((r) => r.projectId === id)!;
    expect(row(acme.id).days.map((ms) => ms / MIN)).toEqual([120, 60, 60, 0, 0, 0, 0]);
    expect(row(acme.id)).toMatchObject({ totalMs: 240 * MIN, billableMs: 240 * MIN, nonBillableMs: 0 });
    expect(row(internal.id)).toMatchObject({ totalMs: 45 * MIN, billableMs: 0, nonBillableMs: 45 * MIN });
    expect(row(null).days[6]).toBe(15 * MIN);
    expect(sheet.dayTotals.map((ms) => ms / MIN)).toEqual([165, 60, 60, 0, 0, 0, 15]);
    expect(sheet.billableDayTotals.map((ms) => ms / MIN)).toEqual([120, 60, 60, 0, 0, 0, 15]);
    expect(sheet.weekTotalMs).toBe(300 * MIN);
    expect(sheet.billableMs + sheet.nonBillableMs).toBe(sheet.weekTotalMs);
    expect(sheet.rows[0]!.projectId).toBe(acme.id);
  });
});
