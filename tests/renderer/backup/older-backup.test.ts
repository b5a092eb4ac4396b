// Backups made by an older Track Nexus, on fake-indexeddb: a backup written at schema version 1 and
// one written at version 6, with rows as those versions stored them, are upgraded by the app's own
// upgrades and restored, and the week, the trash, the reports' unbilled work and the QuickBooks
// outbox read them as today's app does. A newer backup, and an old one holding a table its version
// did not have, are refused in words, and an upgrade that fails part-way leaves the workspace empty.
import { describe, expect, it } from 'vitest';
import type { TrackNexusDb } from '../../../renderer/src/db/database';
import { repoContext } from '../../../renderer/src/db/context';
import { createRepos } from '../../../renderer/src/db/repos';
import { latestVersion } from '../../../renderer/src/db/versions';
import { readRows } from '../../../renderer/src/features/reports/store/read-rows';
import { describeChanges } from '../../../renderer/src/features/backup/restore';
import { exportWorkspace } from '../../../renderer/src/features/backup/workspace-backup';
import { at, openTestDb, testEnv } from '../db/helpers';

const HOUR = 3_600_000;

/** A backup file as release `version` wrote it: its tables hold `seed`'s rows, in that version's shape. */
async function oldBackup(version: number, seed: (db: TrackNexusDb) => Promise<void>): Promise<string> {
  const { db } = await openTestDb({ upToVersion: version, name: `made-by-v${version}` });
  expect(db.verno).toBe(version);
  await seed(db);
  return exportWorkspace(db, { 'qbo-companies.json': '{"companies":[]}' }, () => Date.UTC(2026, 2, 10));
}

const client = { id: 'c1', name: 'Acme Corp', archived: false, qboCustomerId: null, createdAt: 1, updatedAt: 1 };
const project = { id: 'p1', clientId: 'c1', name: 'Security audit', color: '#3b82f6', billable: true, defaultTaskId: null, rateMinor: 12_000, currency: 'EUR', rounding: null, archived: false, qboCustomerId: null, qboItemId: null, qboClassId: null, createdAt: 1, updatedAt: 1 };

/** An entry as versions 1 to 5 stored it: no trash, no waiting flag (and before 2, no local date). */
const oldEntry = (id: string, start: number, hours: number, zone: string, extra: object = {}) => ({
  id, projectId: 'p1', taskId: null, description: id, start, end: start + hours * HOUR, zone,
  source: 'manual', billable: true, status: 'draft', version: 2, createdAt: start, updatedAt: start, deletedAt: null, ...extra,
});

describe('a backup from an older Track Nexus', () => {
  it('made at version 1 is upgraded and restored: entries dated in their own zone, the deleted one in the trash, drafts unbilled', async () => {
    // Sunday 23:30 in New York is already Monday in UTC; it belongs to Sunday, the day it was worked.
    const lateSunday = at('2026-03-08', '23:30', 'America/New_York');
    const monday = at('2026-03-09', '09:00', 'UTC');
    const text = await oldBackup(1, async (v1) => {
      await v1.table('clients').add(client);
      await v1.table('projects').add(project);
      await v1.table('entries').bulkAdd([
        oldEntry('late-sunday', lateSunday, 1, 'America/New_York'),
        oldEntry('monday', monday, 2, 'UTC'),
        oldEntry('approved', monday + 3 * HOUR, 3, 'UTC', { status: 'approved' }),
        oldEntry('deleted', monday + 7 * HOUR, 1, 'UTC', { deletedAt: monday + 8 * HOUR }),
      ]);
    });
    const target = await testEnv(Date.UTC(2026, 2, 10, 12));
    const opened = await target.repos.backup.open(text);
    if (!opened.ok) throw new Error(opened.reason);
    expect(opened.upgradedFrom).toBe(1);
    expect(opened.backup.schemaVersion).toBe(latestVersion);
    // The dry-run counts the upgraded rows.
    expect(describeChanges(await target.repos.backup.dryRun(opened.backup))).toEqual(['clients: 1 added', 'projects: 1 added', 'entries: 4 added']);
    expect(await target.repos.backup.restore(opened.backup)).toEqual({ ok: true, rows: 6 });

    const sunday = await target.repos.views.loadDay('2026-03-08', 'America/New_York');
    expect(sunday.entries.map((e) => e.id)).toEqual(['late-sunday']);
    const week = await target.repos.views.loadWeek('2026-03-09', 'UTC');
    expect(week.entries.map((e) => e.id)).toEqual(['monday', 'approved']);
    expect(week.totals.totalMs).toBe(5 * HOUR);
    expect((await target.repos.trash.list()).map((e) => e.id)).toEqual(['deleted']);
    // The reports' unbilled work (the `waiting` index of version 10), seen from a later month.
    const rows = await readRows(repoContext(target.db), { from: '2026-04-01', to: '2026-04-30' }, '2026-04-30');
    expect(rows.entries.map((e) => e.id).sort()).toEqual(['approved', 'late-sunday', 'monday']);
    expect(rows.entries.reduce((sum, e) => sum + (e.end! - e.start), 0)).toBe(6 * HOUR);
  });

  it('made at version 6 is upgraded and restored: queued QuickBooks rows belong to the primary company, synced time stays unbilled', async () => {
    const start = Date.UTC(2026, 2, 2, 9);
    const outboxRow = (id: string, key: string) => ({ id, key, op: 'create', entryIds: [id], entryVersions: [3], payload: { Hours: 1 }, payloadHash: 'h', requestId: `r-${id}`, state: 'pending', attempts: 0, createdAt: start });
    const text = await oldBackup(6, async (v6) => {
      await v6.table('clients').add(client);
      await v6.table('projects').add(project);
      await v6.table('entries').bulkAdd([
        oldEntry('synced', start, 1, 'UTC', { status: 'synced', localDate: '2026-03-02' }),
        oldEntry('invoiced', start + HOUR, 2, 'UTC', { status: 'invoiced', localDate: '2026-03-02' }),
        oldEntry('trashed', start + 3 * HOUR, 1, 'UTC', { deletedAt: start + 4 * HOUR, trashedAt: start + 4 * HOUR, localDate: '2026-03-02' }),
      ]);
      await v6.table('outbox').bulkAdd([outboxRow('e1', 'entry:e1'), outboxRow('e2', 'entry:e2@co-0000000b')]);
    });
    const target = await testEnv(Date.UTC(2026, 2, 10, 12));
    const opened = await target.repos.backup.open(text);
    if (!opened.ok) throw new Error(opened.reason);
    expect(opened.upgradedFrom).toBe(6);
    expect(await target.repos.backup.restore(opened.backup)).toMatchObject({ ok: true });

    expect((await target.db.outbox.where('[companyId+state]').equals(['primary', 'pending']).toArray()).map((r) => r.requestId)).toEqual(['r-e1']);
    expect((await target.db.outbox.where('[companyId+state]').equals(['co-0000000b', 'pending']).toArray()).map((r) => r.requestId)).toEqual(['r-e2']);
    const week = await target.repos.views.loadWeek('2026-03-02', 'UTC');
    expect(week.totals.totalMs).toBe(3 * HOUR);
    const rows = await readRows(repoContext(target.db), { from: '2026-04-01', to: '2026-04-30' }, '2026-04-30');
    expect(rows.entries.map((e) => e.id)).toEqual(['synced']);
    expect((await target.repos.trash.list()).map((e) => e.id)).toEqual(['trashed']);
  });

  it('made at version 3, against a workspace with work: the dry-run counts it, the restore refuses and changes nothing', async () => {
    const text = await oldBackup(3, async (v3) => {
      await v3.table('clients').add(client);
    });
    const target = await testEnv();
    await target.repos.clients.create({ name: 'Mine' });
    const opened = await target.repos.backup.open(text);
    if (!opened.ok) throw new Error(opened.reason);
    expect(describeChanges(await target.repos.backup.dryRun(opened.backup))).toContain('clients: 1 added, 1 removed');
    expect(await target.repos.backup.restore(opened.backup)).toMatchObject({ ok: false, reason: expect.stringMatching(/already holds work/) });
    expect((await target.repos.clients.list()).map((c) => c.name)).toEqual(['Mine']);
  });
});

describe('a backup Track Nexus cannot restore', () => {
  it('from a newer Track Nexus is refused with what to do', async () => {
    const source = await testEnv();
    await source.repos.clients.create({ name: 'Acme Corp' });
    const newer = { ...JSON.parse(await source.repos.backup.exportText({}, '2.4.0')), schemaVersion: latestVersion + 2 };
    const opened = await source.repos.backup.open(JSON.stringify(newer));
    expect(opened).toEqual({
      ok: false,
      reason: `This backup was made by a newer Track Nexus (version 2.4.0; its data is version ${latestVersion + 2}, this app reads version ${latestVersion} and older). Update the app, then restore it. Nothing was changed.`,
    });
    // A backup from before the app's version was written says what it can.
    const unnamed = { ...JSON.parse(await source.repos.backup.exportText({})), schemaVersion: latestVersion + 2 };
    expect(await source.repos.backup.open(JSON.stringify(unnamed))).toMatchObject({ ok: false, reason: expect.stringMatching(/^This backup was made by a newer Track Nexus \(its data is version/) });
  });

  it('from an older Track Nexus holding a table its version did not have is refused as damaged', async () => {
    const text = await oldBackup(2, async (v2) => {
      await v2.table('clients').add(client);
    });
    const doc = JSON.parse(text) as { tables: Record<string, unknown[]> };
    doc.tables['rules'] = [{ id: 'r1', field: 'title', kind: 'contains', pattern: 'ACME-', projectId: 'p1', createdAt: 1, updatedAt: 1 }];
    const target = await testEnv();
    expect(await target.repos.backup.open(JSON.stringify(doc))).toEqual({ ok: false, reason: expect.stringMatching(/did not have \(rules\), so it is damaged\. Nothing was changed\./) });
  });

  it('whose upgrade fails part-way leaves the empty workspace empty, says why, and can be tried again', async () => {
    // A damaged entry: its start is not a time, so version 2's upgrade (dating each entry) fails.
    const text = await oldBackup(1, async (v1) => {
      await v1.table('clients').add(client);
      await v1.table('projects').add(project);
      await v1.table('entries').bulkAdd([oldEntry('fine', Date.UTC(2026, 2, 2, 9), 1, 'UTC'), { ...oldEntry('damaged', 0, 1, 'UTC'), start: 'soon' }]);
    });
    const { db: target, factory } = await openTestDb({ name: 'workspace' });
    const env = createRepos(target);
    const opened = await env.backup.open(text);
    expect(opened).toEqual({ ok: false, reason: expect.stringMatching(/^This backup was made by an older Track Nexus \(its data is version 1; this app uses version \d+\), and part of it could not be brought up to this version, which usually means the file is damaged\. Nothing was changed\. \(The error: Invalid time value\)$/) });
    for (const table of target.tables) expect(await table.count()).toBe(0);
    // The scratch copy is gone: only the workspace remains.
    expect((await factory.databases()).map((d) => d.name)).toEqual(['workspace']);
    // The same file repaired opens.
    const repaired = JSON.parse(text) as { tables: { entries: Record<string, unknown>[] } };
    repaired.tables.entries = repaired.tables.entries.filter((e) => e['id'] !== 'damaged');
    expect(await env.backup.open(JSON.stringify(repaired))).toMatchObject({ ok: true, upgradedFrom: 1 });
  });
});
