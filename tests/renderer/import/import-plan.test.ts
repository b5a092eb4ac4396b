import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { previewImport, type ImportedRow } from '../../../shared/csv/import';
import { zonedInstant } from '../../../shared/time/zone';
import { planImport, runImport, toImportRows } from '../../../renderer/src/features/import/import-plan';
import { testEnv } from '../db/helpers';

const zone = 'America/New_York';
const toggl = readFileSync('tests/fixtures/csv/toggl.csv', 'utf8');

const row = (over: Partial<ImportedRow>): ImportedRow => ({
  line: 2, importKey: 'k', start: 0, end: 60_000, zone, client: null, project: null, task: null,
  description: '', billable: null, tags: [], startAssumed: false, ...over,
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
});

describe('importing a Toggl export into the local data', () => {
  it('creates clients, projects and tasks once and imports nothing twice', async () => {
    const { repos } = await testEnv();
    await repos.clients.create({ name: 'acme corp' });
    const preview = previewImport(toggl, 'toggl', zone);
    expect(preview.errors).toEqual([]);

    const first = await runImport(repos, preview.rows);
    expect(first).toEqual({ imported: 4, skipped: 0, createdClients: 1, createdProjects: 3 });
    const clients = await repos.clients.list();
    expect(clients.map((c) => c.name)).toEqual(['acme corp', 'Northwind']);
    const projects = await repos.projects.list();
    expect(projects.map((p) => p.name)).toEqual(['API Migration', 'Internal', 'Website Redesign']);
    const web = projects.find((p) => p.name === 'Website Redesign')!;
    expect(web.clientId).toBe(clients[0]!.id);
    expect((await repos.tasks.listForProject(web.id)).map((t) => t.name)).toEqual(['Design', 'Meetings']);

    const day = await repos.entries.listDay('2024-03-04');
    expect(day.map((e) => [e.description, e.start, e.billable, e.source])).toEqual([
      ['Homepage hero, mobile variants', zonedInstant('2024-03-04', '09:00', zone), true, 'import'],
      ['Weekly sync with "Acme" team', zonedInstant('2024-03-04', '14:00', zone), true, 'import'],
    ]);
    const internal = await repos.entries.listDay('2024-03-05');
    expect(internal.find((e) => e.description === 'Bookkeeping')?.billable).toBe(false);

    const again = await runImport(repos, previewImport(toggl, 'toggl', zone).rows);
    expect(again).toEqual({ imported: 0, skipped: 4, createdClients: 0, createdProjects: 0 });
    expect((await repos.projects.list()).length).toBe(3);
  });
});
