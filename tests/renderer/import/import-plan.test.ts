import { describe, expect, it } from 'vitest';
import type { ImportedRow } from '../../../shared/csv/types';
import { zonedInstant } from '../../../shared/time/zone';
import { planImport, runImport, toImportRows } from '../../../renderer/src/features/import/import-plan';
import { testEnv } from '../db/helpers';

const zone = 'America/New_York';
const NO_MONEY = { currency: null, rateMinor: null, amountMinor: null, costRateMinor: null };

const row = (over: Partial<ImportedRow>): ImportedRow => ({
  line: 2, importKey: 'k', start: 0, end: 60_000, zone, person: null, client: null, project: null, task: null,
  description: '', billable: null, tags: [], money: NO_MONEY, sourceStatus: null, startAssumed: false, ...over,
});

describe('matching the file’s clients, projects and tasks', () => {
  const catalog = {
    clients: [
      { id: 'c-acme', name: 'Acme Corp', archived: false },
      { id: 'c-old', name: 'Northwind', archived: true },
    ],
    projects: [
      { id: 'p-web', name: 'Website Redesign', clientId: 'c-acme', archived: false },
      { id: 'p-int', name: 'Internal', clientId: null, archived: false },
    ],
    tasks: [{ id: 't-design', name: 'Design', projectId: 'p-web', archived: false }],
  };

  it('matches names case-insensitively and plans only what is missing', () => {
    const plan = planImport([
      row({ line: 2, importKey: 'a', client: 'ACME corp', project: 'website  redesign', task: 'design' }),
      row({ line: 3, importKey: 'b', client: 'Acme Corp', project: 'Website Redesign', task: 'Meetings' }),
      row({ line: 4, importKey: 'c', project: 'internal' }),
      row({ line: 5, importKey: 'd', client: 'Northwind', project: 'API Migration' }),
      row({ line: 6, importKey: 'e', client: 'Globex', project: 'Audit' }),
      row({ line: 7, importKey: 'f', client: 'globex', project: 'audit', task: 'Fieldwork' }),
      row({ line: 8, importKey: 'g' }),
    ], catalog);
    expect(plan.newClients).toEqual(['Globex']); // Northwind exists (archived): reused, not duplicated
    expect(plan.newProjects.map((p) => [p.name, p.client])).toEqual([['API Migration', 'Northwind'], ['Audit', 'Globex']]);
    expect(plan.newTasks.map((t) => t.name)).toEqual(['Meetings', 'Fieldwork']);
    expect(plan.rows.map((r) => r.projectRef)).toEqual(['p-web', 'p-web', 'p-int', plan.newProjects[0]!.ref, plan.newProjects[1]!.ref, plan.newProjects[1]!.ref, null]);
    expect(plan.rows[0]!.taskRef).toBe('t-design');
    expect(plan.rows[1]!.taskRef).toBe(plan.newTasks[0]!.ref);
  });

  it('keeps same-named projects of different clients apart', () => {
    const plan = planImport([row({ client: 'Globex', project: 'Website Redesign' })], catalog);
    expect(plan.newProjects.map((p) => [p.name, p.client])).toEqual([['Website Redesign', 'Globex']]);
  });

  it('gives a new project the file’s currency, and its rate when every billable row has the same', () => {
    const eur = (rateMinor: number | null) => ({ ...NO_MONEY, currency: 'EUR', rateMinor });
    const plan = planImport([
      row({ importKey: 'a', project: 'Audit', money: eur(9_000), billable: true }),
      row({ importKey: 'b', project: 'Audit', money: eur(9_000), billable: null }),
      row({ importKey: 'c', project: 'Audit', money: eur(null), billable: false }),
      row({ importKey: 'd', project: 'Mixed rates', money: eur(9_000) }),
      row({ importKey: 'e', project: 'Mixed rates', money: eur(12_000) }),
      row({ importKey: 'f', project: 'Some unrated', money: eur(9_000) }),
      row({ importKey: 'g', project: 'Some unrated', money: eur(null) }),
      row({ importKey: 'h', project: 'Two currencies', money: eur(9_000) }),
      row({ importKey: 'i', project: 'Two currencies', money: { ...NO_MONEY, currency: 'GBP', rateMinor: 9_000 } }),
      row({ importKey: 'j', project: 'Silent' }),
      row({ importKey: 'k', project: 'internal', money: eur(5_000) }),
    ], catalog);
    expect(plan.newProjects.map((p) => [p.name, p.currency, p.rateMinor])).toEqual([
      ['Audit', 'EUR', 9_000],
      ['Mixed rates', 'EUR', null],
      ['Some unrated', 'EUR', null],
      ['Two currencies', null, null],
      ['Silent', null, null],
    ]);
  });

  it('turns rows into entries with ids, leaving billable to the project when the file is silent', () => {
    const plan = planImport([
      row({ importKey: 'toggl:1', client: 'Acme Corp', project: 'Website Redesign', task: 'Design', description: 'Hero', billable: false, start: 10, end: 20 }),
      row({ importKey: 'toggl:2', client: 'Globex', project: 'Audit', billable: null }),
    ], catalog);
    const rows = toImportRows(plan, new Map([[plan.newProjects[0]!.ref, 'p-new']]));
    expect(rows[0]).toEqual({ projectId: 'p-web', taskId: 't-design', description: 'Hero', start: 10, end: 20, zone, source: 'import', importKey: 'toggl:1', billable: false });
    expect(rows[1]).toMatchObject({ projectId: 'p-new', taskId: null, importKey: 'toggl:2' });
    expect(rows[1]).not.toHaveProperty('billable');
  });

  it('carries tags, person, money and the source status, and imports invoiced rows as invoiced', () => {
    const money = { currency: 'EUR', rateMinor: 9_000, amountMinor: 13_500, costRateMinor: 4_000 };
    const plan = planImport([
      row({ importKey: 'a', person: 'Dana', tags: ['design', 'urgent'], money, sourceStatus: 'invoiced' }),
      row({ importKey: 'b', person: 'Dana', sourceStatus: 'approved' }),
      row({ importKey: 'c' }),
    ], catalog);
    const [invoiced, approved, plain] = toImportRows(plan, new Map());
    expect(invoiced).toMatchObject({ status: 'invoiced', tags: ['design', 'urgent'], imported: { person: 'Dana', ...money, status: 'invoiced' } });
    expect(approved).toMatchObject({ imported: { person: 'Dana', currency: null, rateMinor: null, amountMinor: null, costRateMinor: null, status: 'approved' } });
    // Approved in the source is not approved here: it comes in as a draft that remembers it.
    expect(approved).not.toHaveProperty('status');
    expect(approved).not.toHaveProperty('tags');
    expect(plain).not.toHaveProperty('imported');
  });
});

describe('importing a Toggl export into the local data', () => {
  // The rows the Toggl fixture (tests/fixtures/csv/toggl.csv) previews to, built by hand so this
  // file tests planning and storing alone.
  const at = (date: string, time: string) => zonedInstant(date, time, zone);
  const toggl = [
    row({ line: 2, importKey: 't1', client: 'Acme Corp', project: 'Website Redesign', task: 'Design', description: 'Homepage hero, mobile variants', billable: true, start: at('2024-03-04', '09:00'), end: at('2024-03-04', '10:30'), tags: ['design', 'client-facing'] }),
    row({ line: 3, importKey: 't2', client: 'Acme Corp', project: 'Website Redesign', task: 'Meetings', description: 'Weekly sync with "Acme" team', billable: true, start: at('2024-03-04', '14:00'), end: at('2024-03-04', '14:45'), tags: ['meetings'] }),
    row({ line: 4, importKey: 't3', project: 'Internal', description: 'Bookkeeping', billable: false, start: at('2024-03-05', '17:15'), end: at('2024-03-05', '17:40') }),
    row({ line: 5, importKey: 't4', client: 'Northwind', project: 'API Migration', task: 'Development', description: 'Release night', billable: true, start: at('2024-03-05', '22:30'), end: at('2024-03-06', '01:15'), tags: ['deploy'] }),
  ];

  it('creates clients, projects and tasks once and imports nothing twice', async () => {
    const { repos } = await testEnv();
    await repos.clients.create({ name: 'acme corp' });

    const first = await runImport(repos, toggl);
    expect(first).toEqual({ imported: 4, skipped: 0, invoiced: 0, createdClients: 1, createdProjects: 3 });
    const clients = await repos.clients.list();
    expect(clients.map((c) => c.name)).toEqual(['acme corp', 'Northwind']);
    const projects = await repos.projects.list();
    expect(projects.map((p) => p.name)).toEqual(['API Migration', 'Internal', 'Website Redesign']);
    const web = projects.find((p) => p.name === 'Website Redesign')!;
    expect(web.clientId).toBe(clients[0]!.id);
    expect((await repos.tasks.listForProject(web.id)).map((t) => t.name)).toEqual(['Design', 'Meetings']);

    const day = await repos.entries.listDay('2024-03-04');
    expect(day.map((e) => [e.description, e.start, e.billable, e.source])).toEqual([
      ['Homepage hero, mobile variants', at('2024-03-04', '09:00'), true, 'import'],
      ['Weekly sync with "Acme" team', at('2024-03-04', '14:00'), true, 'import'],
    ]);
    const internal = await repos.entries.listDay('2024-03-05');
    expect(internal.find((e) => e.description === 'Bookkeeping')?.billable).toBe(false);

    const again = await runImport(repos, toggl);
    expect(again).toEqual({ imported: 0, skipped: 4, invoiced: 0, createdClients: 0, createdProjects: 0 });
    expect((await repos.projects.list()).length).toBe(3);
  });
});
