import { describe, expect, it } from 'vitest';
import { runTrayCommand } from '../../../renderer/src/features/timer/commands';
import { formatClock } from '../../../renderer/src/features/timer/format';
import { lastUsedProjectId, recentProjectIds, trayStateOf } from '../../../renderer/src/features/timer/tray-state';
import type { ClientRow, EntryRow, ProjectRow } from '../../../renderer/src/db/schema';
import { testEnv } from '../db/helpers';

const project = (id: string, name: string, clientId: string | null = null, archived = false) => ({ id, name, clientId, archived }) as ProjectRow;
const client = (id: string, name: string) => ({ id, name, archived: false }) as ClientRow;
const entry = (id: string, projectId: string | null, start: number, end: number | null = start + 1000) =>
  ({ id, projectId, start, end, deletedAt: null }) as EntryRow;

const projects = new Map([
  ['p1', project('p1', 'Website', 'c1')],
  ['p2', project('p2', 'Logo', 'c2')],
  ['p3', project('p3', 'Internal')],
  ['p4', project('p4', 'Old', 'c1', true)],
  ...['p5', 'p6', 'p7'].map((id) => [id, project(id, id.toUpperCase())] as const),
]);
const clients = new Map([['c1', client('c1', 'Acme')], ['c2', client('c2', 'Globex')]]);

describe('tray labels and recent projects', () => {
  it('lists the last five distinct projects, most recent first, skipping no-project, archived and deleted entries', () => {
    const entries = [
      entry('a', 'p1', 1), entry('b', 'p2', 2), entry('c', null, 3), entry('d', 'p1', 4), entry('e', 'p4', 5),
      entry('f', 'p3', 6), entry('g', 'p5', 7), entry('h', 'p6', 8), entry('i', 'p7', 9),
      { ...entry('j', 'p2', 10), deletedAt: 11 },
    ];
    expect(recentProjectIds(entries, projects)).toEqual(['p7', 'p6', 'p5', 'p3', 'p1']);
  });

  it('the last used project may be "No project"', () => {
    expect(lastUsedProjectId([entry('a', 'p1', 1), entry('b', null, 2)], projects)).toBeNull();
    expect(lastUsedProjectId([entry('a', 'p1', 3), entry('b', null, 2)], projects)).toBe('p1');
    expect(lastUsedProjectId([], projects)).toBeNull();
  });

  it('reports what runs and since when, or nothing', () => {
    const running = entry('r', 'p2', 1_000, null);
    const state = trayStateOf(running, [entry('a', 'p1', 1), running], [...projects.values()], [...clients.values()], undefined);
    expect(state.running).toEqual({ projectId: 'p2', label: 'Globex · Logo', startedAt: 1_000 });
    expect(state.recent).toEqual([{ projectId: 'p2', label: 'Globex · Logo' }, { projectId: 'p1', label: 'Acme · Website' }]);
    expect(trayStateOf(null, [], [], [], undefined).running).toBeNull();
  });

  it('names what Start starts: the timer bar’s choice, else the last used project', () => {
    const recent = [entry('a', 'p1', 1), entry('b', 'p2', 2)];
    expect(trayStateOf(null, recent, [...projects.values()], [...clients.values()], undefined).next).toEqual({ projectId: 'p2', label: 'Globex · Logo' });
    expect(trayStateOf(null, recent, [...projects.values()], [...clients.values()], 'p1').next).toEqual({ projectId: 'p1', label: 'Acme · Website' });
    expect(trayStateOf(null, recent, [...projects.values()], [...clients.values()], null).next).toEqual({ projectId: null, label: 'No project' });
  });

  it('shows a running timer as h:mm:ss', () => {
    expect(formatClock(0)).toBe('0:00:00');
    expect(formatClock(3_725_000)).toBe('1:02:05');
    expect(formatClock(-5)).toBe('0:00:00');
  });
});

describe('tray commands against the entries repository', () => {
  const Z = 'Europe/Berlin';
  it('start, switch, stop and toggle keep at most one timer running', async () => {
    const { repos, clock } = await testEnv();
    const web = await repos.projects.create({ name: 'Website' });
    const logo = await repos.projects.create({ name: 'Logo' });

    await runTrayCommand(repos, { kind: 'start', projectId: web.id }, clock.now, Z);
    expect((await repos.entries.running())?.projectId).toBe(web.id);

    clock.advance(60_000);
    await runTrayCommand(repos, { kind: 'switch', projectId: logo.id }, clock.now, Z);
    const afterSwitch = await repos.entries.listRange(0, clock.now + 1);
    expect(afterSwitch.filter((e) => e.end === null)).toHaveLength(1);
    expect(afterSwitch.find((e) => e.projectId === web.id)?.end).toBe(clock.now);

    clock.advance(60_000);
    await runTrayCommand(repos, { kind: 'stop' }, clock.now, Z);
    expect(await repos.entries.running()).toBeUndefined();

    // Toggle starts the last used project, then stops it.
    clock.advance(60_000);
    await runTrayCommand(repos, { kind: 'toggle' }, clock.now, Z);
    expect((await repos.entries.running())?.projectId).toBe(logo.id);
    await runTrayCommand(repos, { kind: 'toggle' }, clock.now + 1000, Z);
    expect(await repos.entries.running()).toBeUndefined();

    // Start from the tray starts exactly the project it names (the tray names the last used one).
    await runTrayCommand(repos, { kind: 'start', projectId: null }, clock.now + 2000, Z);
    expect((await repos.entries.running())?.projectId).toBeNull();
  });
});
