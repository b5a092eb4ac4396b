import { describe, expect, it } from 'vitest';
import { applyAwayPlan, isOvernight, planAway, timerDuring } from '../../../renderer/src/features/away/away-plan';
import type { EntryRow } from '../../../renderer/src/db/schema';
import { at, testEnv } from '../db/helpers';

const Z = 'Europe/Berlin';
const t = (time: string, date = '2026-03-02') => at(date, time, Z);
const base = {
  id: 'e1', projectId: 'acme', taskId: 't1', description: 'Landing page', zone: Z, source: 'timer', billable: true,
  status: 'draft', version: 1, createdAt: 0, updatedAt: 0, deletedAt: null, localDate: '2026-03-02',
} as const;
const running = { ...base, start: t('09:00'), end: null } as EntryRow;
const stopped = { ...base, start: t('09:00'), end: t('12:00') } as EntryRow;
const away = { start: t('10:42'), end: t('11:30') };
const now = t('11:31');

describe('what each away choice does (pure plan)', () => {
  it('keep changes nothing', () => {
    expect(planAway(running, away, { kind: 'keep' }, now)).toEqual([]);
  });

  it('discard on a running timer stops it when the user left and restarts the same work when they came back', () => {
    expect(planAway(running, away, { kind: 'discard' }, now)).toEqual([
      { op: 'stopTimer', at: away.start },
      { op: 'startTimer', projectId: 'acme', taskId: 't1', zone: Z, description: 'Landing page', billable: true, at: away.end },
    ]);
  });

  it('giving the away time to another project makes it its own entry between the two parts', () => {
    expect(planAway(running, away, { kind: 'assign', projectId: 'globex' }, now)).toEqual([
      { op: 'stopTimer', at: away.start },
      { op: 'create', entry: { projectId: 'globex', description: '', start: away.start, end: away.end, zone: Z, source: 'manual' } },
      { op: 'startTimer', projectId: 'acme', taskId: 't1', zone: Z, description: 'Landing page', billable: true, at: away.end },
    ]);
  });

  it('on a stopped entry the away part is cut out (end moved, tail copied)', () => {
    expect(planAway(stopped, away, { kind: 'discard' }, now)).toEqual([
      { op: 'update', id: 'e1', patch: { end: away.start } },
      { op: 'create', entry: { projectId: 'acme', taskId: 't1', zone: Z, description: 'Landing page', billable: true, start: away.end, end: t('12:00'), source: 'timer' } },
    ]);
  });

  it('only the part of the away time inside the entry counts; no overlap, no change', () => {
    const early = { start: t('08:00'), end: t('09:30') };
    expect(planAway(running, early, { kind: 'discard' }, now)).toEqual([{ op: 'update', id: 'e1', patch: { start: t('09:30') } }]);
    expect(planAway(stopped, { start: t('12:30'), end: t('13:00') }, { kind: 'discard' }, now)).toEqual([]);
    expect(planAway(stopped, { start: t('08:00'), end: t('13:00') }, { kind: 'discard' }, now)).toEqual([{ op: 'delete', id: 'e1' }]);
  });

  it('overnight: stop at the time the user left', () => {
    const night = { start: t('18:04'), end: t('08:30', '2026-03-03') };
    expect(isOvernight(night, Z)).toBe(true);
    expect(isOvernight(away, Z)).toBe(false);
    expect(isOvernight({ start: t('09:00'), end: t('17:30') }, Z)).toBe(true); // over 8 h
    expect(planAway(running, night, { kind: 'stopAt', at: night.start }, t('08:31', '2026-03-03'))).toEqual([{ op: 'stopTimer', at: night.start }]);
  });
});

describe('applying the plan to the repository', () => {
  async function withRunningTimer() {
    const env = await testEnv(t('09:00'));
    const acme = await env.repos.projects.create({ name: 'Website' });
    const globex = await env.repos.projects.create({ name: 'Logo' });
    const { started } = await env.repos.entries.startTimer(acme.id, null, t('09:00'), Z, { description: 'Landing page' });
    env.clock.set(now);
    return { ...env, acme, globex, started };
  }
  const day = (repos: Awaited<ReturnType<typeof testEnv>>['repos']) => repos.entries.listDay('2026-03-02');

  it('discard leaves 09:00–10:42 and a timer running from 11:30', async () => {
    const { repos, started } = await withRunningTimer();
    const entry = (await timerDuring(repos, away, now))!;
    expect(entry.id).toBe(started.id);
    await applyAwayPlan(repos, planAway(entry, away, { kind: 'discard' }, now));
    const entries = await day(repos);
    expect(entries.map((e) => [e.start, e.end, e.description])).toEqual([
      [t('09:00'), away.start, 'Landing page'],
      [away.end, null, 'Landing page'],
    ]);
  });

  it('is one change: when a step fails, the timer is neither stopped nor restarted', async () => {
    const { repos, started } = await withRunningTimer();
    const entry = (await timerDuring(repos, away, now))!;
    const plan = planAway(entry, away, { kind: 'discard' }, now);
    expect(plan.map((op) => op.op)).toEqual(['stopTimer', 'startTimer']);
    // The restart fails (a zone the entry cannot be saved in): the stop before it must not stay.
    const broken = plan.map((op) => (op.op === 'startTimer' ? { ...op, zone: 'Not/AZone' } : op));
    await expect(applyAwayPlan(repos, broken)).rejects.toThrow();
    expect((await day(repos)).map((e) => [e.id, e.start, e.end])).toEqual([[started.id, t('09:00'), null]]);
  });

  it('assign puts 10:42–11:30 on the other project and keeps the timer running', async () => {
    const { repos, globex, acme } = await withRunningTimer();
    const entry = (await repos.entries.running())!;
    await applyAwayPlan(repos, planAway(entry, away, { kind: 'assign', projectId: globex.id }, now));
    const entries = await day(repos);
    expect(entries.map((e) => [e.projectId, e.start, e.end])).toEqual([
      [acme.id, t('09:00'), away.start],
      [globex.id, away.start, away.end],
      [acme.id, away.end, null],
    ]);
  });

  it('overnight stop never leaves a 14-hour entry', async () => {
    const { repos } = await withRunningTimer();
    const night = { start: t('18:04'), end: t('08:30', '2026-03-03') };
    const entry = (await repos.entries.running())!;
    await applyAwayPlan(repos, planAway(entry, night, { kind: 'stopAt', at: night.start }, t('08:31', '2026-03-03')));
    const [only] = await day(repos);
    expect(only!.end! - only!.start).toBe(t('18:04') - t('09:00'));
    expect(await repos.entries.running()).toBeUndefined();
  });

  it('a timer stopped before the prompt was answered is still found and cut', async () => {
    const { repos, clock } = await withRunningTimer();
    clock.set(t('12:00'));
    await repos.entries.stopTimer(t('12:00'));
    const entry = (await timerDuring(repos, away, t('12:01')))!;
    await applyAwayPlan(repos, planAway(entry, away, { kind: 'discard' }, t('12:01')));
    expect((await day(repos)).map((e) => [e.start, e.end])).toEqual([
      [t('09:00'), away.start],
      [away.end, t('12:00')],
    ]);
  });
});

describe('the prompt queue', () => {
  it('asks one away period at a time, in order, and never the same period twice', async () => {
    const { useAwayQueue } = await import('../../../renderer/src/features/away/away-store');
    const q = (key: string) => ({ key, entryId: 'e1', away: { id: key, start: 1, end: 2, reason: 'idle' as const }, overnight: false });
    useAwayQueue.getState().ask(q('a'));
    useAwayQueue.getState().ask(q('b'));
    useAwayQueue.getState().ask(q('a'));
    expect(useAwayQueue.getState().queue.map((x) => x.key)).toEqual(['a', 'b']);
    useAwayQueue.getState().done('a');
    expect(useAwayQueue.getState().queue.map((x) => x.key)).toEqual(['b']);
  });
});
