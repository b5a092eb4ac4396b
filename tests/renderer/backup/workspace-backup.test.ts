// The workspace backup on fake-indexeddb: a round trip restores every table as it was, the dry-run
// counts what would change, and a restore never lands half-way or over existing work.
import { describe, expect, it } from 'vitest';
import type { TrackNexusDb } from '../../../renderer/src/db/database';
import { createRepos } from '../../../renderer/src/db/repos';
import { latestVersion } from '../../../renderer/src/db/versions';
import { describeChanges } from '../../../renderer/src/features/backup/restore';
import { openTestDb, testEnv } from '../db/helpers';

async function populated() {
  const env = await testEnv();
  const acme = await env.repos.clients.create({ name: 'Acme Corp' });
  const audit = await env.repos.projects.create({ name: 'Security audit', clientId: acme.id });
  await env.repos.entries.create({ projectId: audit.id, start: Date.UTC(2026, 2, 2, 9), end: Date.UTC(2026, 2, 2, 11), zone: 'UTC' });
  await env.repos.entries.create({ projectId: audit.id, start: Date.UTC(2026, 2, 3, 9), end: Date.UTC(2026, 2, 3, 10), zone: 'UTC' });
  await env.repos.settings.set('currency', 'EUR');
  await env.db.receipts.add({ id: 'r1', expenseId: 'x1', name: 'taxi.png', type: 'image/png', size: 4, data: new Blob([new Uint8Array([1, 2, 3, 250])], { type: 'image/png' }), createdAt: 1 });
  return env;
}

async function snapshot(db: TrackNexusDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) {
    out[table.name] = await Promise.all(
      (await table.toArray()).map(async (row: Record<string, unknown>) =>
        row['data'] instanceof Blob ? { ...row, data: [...new Uint8Array(await row['data'].arrayBuffer())] } : row,
      ),
    );
  }
  return out;
}

const counts = async (db: TrackNexusDb) => Object.fromEntries(await Promise.all(db.tables.map(async (t) => [t.name, await t.count()])));

describe('workspace backup', () => {
  it('restores every table of a populated workspace into an empty one, receipts’ images included', async () => {
    const source = await populated();
    const text = await source.repos.backup.exportText({ 'qbo-companies.json': '{"companies":[]}' });
    const { db: target } = await openTestDb({ name: 'target' });
    const store = createRepos(target).backup;
    const read = await store.open(text);
    if (!read.ok) throw new Error(read.reason);
    expect(read.backup.schemaVersion).toBe(latestVersion);
    expect(read.backup.files).toEqual({ 'qbo-companies.json': '{"companies":[]}' });
    expect(await store.restore(read.backup)).toMatchObject({ ok: true });
    expect(await snapshot(target)).toEqual(await snapshot(source.db));
    expect((await target.entries.count())).toBe(2);
  });

  it('dry-run says per table how many rows would be added, changed, removed and left alone', async () => {
    const source = await populated();
    const text = await source.repos.backup.exportText({});
    const [client] = await source.db.clients.toArray();
    // The target: the same client renamed, an extra project, nothing else.
    const { db: target } = await openTestDb({ name: 'dry' });
    await target.clients.add({ ...client!, name: 'Acme Ltd' });
    await target.projects.add({ ...(await source.db.projects.toArray())[0]!, id: 'other' });
    const store = createRepos(target).backup;
    const read = await store.open(text);
    if (!read.ok) throw new Error(read.reason);
    const changes = await store.dryRun(read.backup);
    expect(changes.find((c) => c.table === 'clients')).toEqual({ table: 'clients', added: 0, changed: 1, removed: 0, unchanged: 0 });
    expect(changes.find((c) => c.table === 'projects')).toEqual({ table: 'projects', added: 1, changed: 0, removed: 1, unchanged: 0 });
    expect(describeChanges(changes)).toContain('entries: 2 added');
    // The same backup against its own workspace: nothing changes.
    const same = await source.repos.backup.dryRun(read.backup);
    expect(same.every((c) => c.added + c.changed + c.removed === 0)).toBe(true);
  });

  it('refuses, in words, to restore over a workspace that holds work, and changes nothing', async () => {
    const source = await populated();
    const text = await source.repos.backup.exportText({});
    const target = await testEnv();
    await target.repos.clients.create({ name: 'Mine' });
    const before = await snapshot(target.db);
    const read = await target.repos.backup.open(text);
    if (!read.ok) throw new Error(read.reason);
    const result = await target.repos.backup.restore(read.backup);
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/already holds work.*nothing was changed/) });
    expect(await snapshot(target.db)).toEqual(before);
  });

  it('refuses a malformed file, another format, a newer format and a newer schema in words', async () => {
    const source = await populated();
    const good = JSON.parse(await source.repos.backup.exportText({})) as Record<string, unknown>;
    const read = async (doc: unknown) => {
      const r = await source.repos.backup.open(typeof doc === 'string' ? doc : JSON.stringify(doc));
      return r.ok ? 'accepted' : r.reason;
    };
    expect(await read('{ not json')).toMatch(/not readable JSON/);
    expect(await read({ ...good, format: 'other' })).toMatch(/not a Track Nexus backup/);
    expect(await read({ ...good, version: 2 })).toMatch(/newer Track Nexus/);
    expect(await read({ ...good, schemaVersion: latestVersion + 1 })).toMatch(/newer Track Nexus/);
    expect(await read({ ...good, tables: { entries: 'lots' } })).toMatch(/damaged or incomplete/);
    expect(await read({ ...good, tables: { ...(good['tables'] as object), spies: [] } })).toMatch(/does not know \(spies\)/);
    expect(await read(good)).toBe('accepted');
  });

  it('a failure part-way through a restore leaves the empty workspace empty (one transaction)', async () => {
    const source = await populated();
    const doc = JSON.parse(await source.repos.backup.exportText({})) as { tables: Record<string, Record<string, unknown>[]> };
    // Two entries with the same import key break a unique index while the entries are written.
    const [a, b] = doc.tables['entries']!;
    doc.tables['entries'] = [{ ...a, importKey: 'same' }, { ...b, importKey: 'same' }];
    const { db: target } = await openTestDb({ name: 'fail' });
    const store = createRepos(target).backup;
    const read = await store.open(JSON.stringify(doc));
    if (!read.ok) throw new Error(read.reason);
    const result = await store.restore(read.backup);
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/could not be restored, so nothing was changed/) });
    expect(Object.values(await counts(target)).every((n) => n === 0)).toBe(true);
  });
});
