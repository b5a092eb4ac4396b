// The timesheet's figures from the repository: project rows split by task, and billed (rounded)
// time beside raw time, with each project's rule over whole project-days.
import { describe, expect, it } from 'vitest';
import { at, testEnv } from './helpers';

const NY = 'America/New_York';
const MIN = 60_000;
const mins = (ms: number[]) => ms.map((x) => x / MIN);

async function week() {
  const env = await testEnv();
  const { repos } = env;
  await repos.settings.set('rounding', { incrementMinutes: 15, mode: 'up', scope: 'entry' });
  const acme = await repos.projects.create({ name: 'Website' });
  const design = await repos.tasks.create({ projectId: acme.id, name: 'Design' });
  const build = await repos.tasks.create({ projectId: acme.id, name: 'Build' });
  const retainer = await repos.projects.create({ name: 'Retainer', billable: false, rounding: { incrementMinutes: 30, mode: 'up', scope: 'projectDay' } });
  const support = await repos.tasks.create({ projectId: retainer.id, name: 'Support' });
  const add = (projectId: string, taskId: string | null, date: string, from: string, minutes: number) =>
    repos.entries.create({ projectId, taskId, start: at(date, from, NY), end: at(date, from, NY) + minutes * MIN, zone: NY });
  await add(acme.id, design.id, '2026-03-02', '09:00', 67); // billed 75
  await add(acme.id, build.id, '2026-03-02', '10:07', 30); // billed 30
  await add(acme.id, null, '2026-03-02', '11:00', 10); // billed 15
  await add(acme.id, design.id, '2026-03-04', '09:00', 60);
  // Retainer, Monday: 20 + 20 + 5 = 45 raw, rounded once for the project-day: 60 billed.
  await add(retainer.id, null, '2026-03-02', '13:00', 20);
  await add(retainer.id, null, '2026-03-02', '14:00', 20);
  await add(retainer.id, support.id, '2026-03-02', '15:00', 5);
  return { ...env, acme, design, build, retainer, support };
}

describe('timesheet totals', () => {
  it('split each project row by task; the task rows add up to the project row', async () => {
    const { repos, acme, design, build, retainer, support } = await week();
    const sheet = await repos.views.timesheetTotals('2026-03-02', NY);
    const website = sheet.rows.find((r) => r.projectId === acme.id)!;
    expect(website.tasks.map((t) => t.taskId)).toEqual([design.id, build.id, null]);
    expect(mins(website.tasks[0]!.days)).toEqual([67, 0, 60, 0, 0, 0, 0]);
    expect(mins(website.tasks[1]!.days)).toEqual([30, 0, 0, 0, 0, 0, 0]);
    expect(mins(website.tasks[2]!.days)).toEqual([10, 0, 0, 0, 0, 0, 0]);
    for (const row of sheet.rows) {
      const sum = row.tasks.reduce((acc, t) => acc.map((v, i) => v + t.days[i]!), row.days.map(() => 0));
      expect(sum).toEqual(row.days);
      expect(row.tasks.reduce((s, t) => s + t.billedMs, 0)).toBe(row.billedMs);
    }
    const ret = sheet.rows.find((r) => r.projectId === retainer.id)!;
    expect(ret.tasks.map((t) => t.taskId)).toEqual([null, support.id]);
  });

  it('gives billed time beside raw time with the rule that made the difference', async () => {
    const { repos, acme, design, retainer, support } = await week();
    const sheet = await repos.views.timesheetTotals('2026-03-02', NY);
    const website = sheet.rows.find((r) => r.projectId === acme.id)!;
    expect(website.rule).toBe('15 min up, per entry (workspace rule)');
    expect(mins(website.billedDays)).toEqual([120, 0, 60, 0, 0, 0, 0]);
    expect(mins(website.tasks.find((t) => t.taskId === design.id)!.billedDays)).toEqual([75, 0, 60, 0, 0, 0, 0]);

    // Per project-day: rounded over the whole day of the project (45 → 60), then shared out; the
    // 5-minute Support entry alone would have billed 30.
    const ret = sheet.rows.find((r) => r.projectId === retainer.id)!;
    expect(ret.rule).toBe('30 min up, per project-day (project rule)');
    expect(mins(ret.days)[0]).toBe(45);
    expect(mins(ret.billedDays)[0]).toBe(60);
    expect(ret.tasks.find((t) => t.taskId === support.id)!.billedMs / MIN).toBe(6);

    expect(mins(sheet.dayTotals)).toEqual([152, 0, 60, 0, 0, 0, 0]);
    expect(mins(sheet.billedDayTotals)).toEqual([180, 0, 60, 0, 0, 0, 0]);
    expect(mins(sheet.billedBillableDayTotals)).toEqual([120, 0, 60, 0, 0, 0, 0]);
    expect(sheet.billedWeekMs / MIN).toBe(240);
    expect(sheet.billedBillableMs / MIN).toBe(180);
    expect(sheet.billed.get(sheet.entries[0]!.id)).toMatchObject({ rawMs: 67 * MIN, billedMs: 75 * MIN });
  });

  it('counts a running timer up to now, billed as if it stopped now', async () => {
    const { repos, clock } = await testEnv();
    await repos.settings.set('rounding', { incrementMinutes: 15, mode: 'up', scope: 'entry' });
    const p = await repos.projects.create({ name: 'Website' });
    const nine = at('2026-03-03', '09:00', NY);
    await repos.entries.startTimer(p.id, null, nine, NY);
    clock.set(nine + 7 * MIN);
    const sheet = await repos.views.timesheetTotals('2026-03-02', NY);
    expect(sheet.rows[0]!.days[1]).toBe(7 * MIN);
    expect(sheet.rows[0]!.billedDays[1]).toBe(15 * MIN);
  });
});
