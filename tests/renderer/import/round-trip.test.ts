// Export then import, as a freelancer moving a week between machines or restoring it: into the
// same workspace it adds nothing; into an empty one it gives back the same entries, to the
// millisecond, with their zones, projects, tasks, tags and billable flags.
import { describe, expect, it } from 'vitest';
import { previewImport } from '../../../shared/csv/import';
import { buildExport } from '../../../renderer/src/features/import/export';
import { runImport } from '../../../renderer/src/features/import/import-plan';
import type { Repos } from '../../../renderer/src/db/repos';
import { at, testEnv } from '../db/helpers';

const NY = 'America/New_York';
const TOKYO = 'Asia/Tokyo';

async function week(repos: Repos) {
  const acme = await repos.clients.create({ name: 'Acme' });
  const web = await repos.projects.create({ name: '=Website', clientId: acme.id, rateMinor: 12_000 });
  const design = await repos.tasks.create({ projectId: web.id, name: 'Design' });
  const internal = await repos.projects.create({ name: 'Internal', billable: false });
  // A timer's milliseconds, a 40-second entry, work past midnight, a trip to Tokyo, the night New York's clocks go back.
  await repos.entries.create({ projectId: web.id, taskId: design.id, description: 'Hero, mobile', start: at('2026-11-02', '09:00', NY) + 123, end: at('2026-11-02', '10:31', NY) + 987, zone: NY });
  await repos.entries.create({ projectId: web.id, description: '+1 call', start: at('2026-11-02', '11:00', NY), end: at('2026-11-02', '11:00', NY) + 40_000, zone: NY });
  await repos.entries.create({ projectId: internal.id, description: 'Release night', start: at('2026-11-03', '23:30', NY), end: at('2026-11-04', '01:15', NY), zone: NY });
  await repos.entries.create({ projectId: web.id, description: 'Client visit', start: at('2026-11-05', '10:00', TOKYO), end: at('2026-11-05', '12:00', TOKYO), zone: TOKYO });
  await repos.entries.create({ projectId: web.id, description: 'Second 01:30', start: Date.parse('2026-11-01T06:30:00Z'), end: Date.parse('2026-11-01T06:50:00Z'), zone: NY });
}

async function snapshot(repos: Repos) {
  const [entries, projects] = await Promise.all([
    repos.entries.listRange(Date.parse('2026-10-30T00:00:00Z'), Date.parse('2026-11-08T00:00:00Z')),
    repos.projects.list({ includeArchived: true }),
  ]);
  const projectName = new Map(projects.map((p) => [p.id, p.name]));
  const taskName = async (id: string | null) => (id === null ? null : ((await repos.tasks.get(id))?.name ?? null));
  const rows = await Promise.all(entries.map(async (e) => ({
    start: e.start, end: e.end, zone: e.zone, description: e.description, project: e.projectId && projectName.get(e.projectId),
    task: await taskName(e.taskId), billable: e.billable, tags: e.tags ?? [],
  })));
  return rows.sort((a, b) => a.start - b.start);
}

describe('export, then import', () => {
  it('adds nothing to the workspace it came from, and gives an empty one the same week', async () => {
    const home = await testEnv();
    await week(home.repos);
    const { csv, count } = await buildExport(home.repos, '2026-10-31', '2026-11-06', NY);
    expect(count).toBe(5);

    const preview = previewImport(csv, 'tracknexus', { zone: 'Europe/Berlin' });
    expect([preview.errors, preview.warnings, preview.rows.length]).toEqual([[], [], 5]);
    expect(await runImport(home.repos, preview.rows)).toMatchObject({ imported: 0, skipped: 5 });

    const elsewhere = await testEnv();
    expect(await runImport(elsewhere.repos, preview.rows)).toMatchObject({ imported: 5, createdClients: 1, createdProjects: 2 });
    expect(await snapshot(elsewhere.repos)).toEqual(await snapshot(home.repos));
    expect(await runImport(elsewhere.repos, previewImport(csv, 'tracknexus', { zone: NY }).rows)).toMatchObject({ imported: 0 });
  });
});
