import { describe, expect, it } from 'vitest';
import { latestVersion, schemaVersions } from '../../../renderer/src/db/versions';
import { at, openTestDb, upgradeFrom } from './helpers';

// One describe per schema version: each opens the previous version with data and upgrades it.

describe('schema versions', () => {
  it('are numbered 1, 2, 3… with nothing skipped or reordered', () => {
    expect(schemaVersions.map((v) => v.version)).toEqual(schemaVersions.map((_, i) => i + 1));
    expect(latestVersion).toBe(schemaVersions.length);
  });

  it('a fresh database opens at the latest version with every table', async () => {
    const { db } = await openTestDb();
    expect(db.verno).toBe(latestVersion);
    expect(db.tables.map((t) => t.name).sort()).toEqual(
      ['audit', 'awayPeriods', 'batchPlans', 'clients', 'conflicts', 'entries', 'expenses', 'invoices', 'matcherState', 'outbox', 'payments', 'projects', 'qboEntities', 'qboState', 'rateCards', 'receipts', 'rules', 'segments', 'settings', 'syncAudit', 'syncRecords', 'tasks'],
    );
  });
});

describe('v1 → v2: entries get their local start date', () => {
  const v1Entry = (id: string, start: number, zone: string, extra: object = {}) => ({
    id, projectId: 'p1', taskId: null, description: id, start, end: start + 3_600_000, zone,
    source: 'manual', billable: true, status: 'draft', version: 3, createdAt: start, updatedAt: start, deletedAt: null, ...extra,
  });

  it('dates each entry in the zone it was recorded in, keeping everything else', async () => {
    // 23:30 in New York is already the next day in UTC; 00:30 in Tokyo is still the previous day in UTC.
    const lateNy = at('2026-03-08', '23:30', 'America/New_York');
    const earlyTokyo = at('2026-03-09', '00:30', 'Asia/Tokyo');
    const db = await upgradeFrom(1, async (v1) => {
      await v1.table('entries').bulkAdd([
        v1Entry('ny', lateNy, 'America/New_York'),
        v1Entry('tokyo', earlyTokyo, 'Asia/Tokyo', { importKey: 'file-1:row-1' }),
      ]);
      await v1.table('audit').add({ entityType: 'entry', entityId: 'ny', action: 'create', at: lateNy, actor: 'user', before: null, after: {}, version: 1 });
    });
    expect(db.verno).toBe(latestVersion);
    const ny = await db.entries.get('ny');
    expect(ny).toMatchObject({ localDate: '2026-03-08', start: lateNy, version: 3, description: 'ny' });
    expect(await db.entries.where('localDate').equals('2026-03-09').primaryKeys()).toEqual(['tokyo']);
    // The v1 indexes and the other tables survive the upgrade.
    expect(await db.entries.where('importKey').equals('file-1:row-1').count()).toBe(1);
    expect(await db.entries.where('[projectId+localDate]').equals(['p1', '2026-03-08']).count()).toBe(1);
    expect(await db.audit.count()).toBe(1);
  });

  it('still opens when a stored zone is unknown, dating that entry in UTC and keeping its zone', async () => {
    const start = Date.UTC(2026, 0, 15, 23, 0);
    const db = await upgradeFrom(1, async (v1) => {
      await v1.table('entries').add(v1Entry('odd', start, 'Mars/Olympus_Mons'));
    });
    expect(await db.entries.get('odd')).toMatchObject({ localDate: '2026-01-15', zone: 'Mars/Olympus_Mons' });
  });
});

describe('v2 → v3: the matcher gets rules and a learned model', () => {
  it('adds empty rule and model tables and keeps entries and segments as they were', async () => {
    const start = Date.UTC(2026, 2, 2, 14, 0);
    const db = await upgradeFrom(2, async (v2) => {
      await v2.table('entries').add({
        id: 'e1', projectId: 'p1', taskId: null, description: 'kept', start, end: start + 60_000, zone: 'UTC',
        source: 'activity', billable: true, status: 'draft', version: 1, createdAt: start, updatedAt: start, deletedAt: null, localDate: '2026-03-02',
      });
      await v2.table('segments').add({
        id: 's1', start, end: start + 60_000, app: 'Code', title: 'portal.ts', url: null, kind: 'active',
        localDate: '2026-03-02', suggestedProjectId: null, reviewed: false,
      });
    });
    expect(db.verno).toBe(latestVersion);
    expect(await db.rules.count()).toBe(0);
    expect(await db.matcherState.count()).toBe(0);
    expect(await db.entries.get('e1')).toMatchObject({ description: 'kept', localDate: '2026-03-02' });
    expect(await db.segments.where('localDate').equals('2026-03-02').count()).toBe(1);
    await db.rules.add({ id: 'r1', field: 'title', kind: 'contains', pattern: 'ACME-', projectId: 'p1', createdAt: start, updatedAt: start });
    expect(await db.rules.where('projectId').equals('p1').count()).toBe(1);
  });
});

describe('v3 → v4: QuickBooks sync tables', () => {
  it('adds the outbox, records, plans, audit, conflicts and mirror, keeping rules, model and entries', async () => {
    const start = Date.UTC(2026, 2, 2, 14, 0);
    const db = await upgradeFrom(3, async (v3) => {
      await v3.table('rules').add({ id: 'r1', field: 'title', kind: 'contains', pattern: 'ACME-', projectId: 'p1', createdAt: start, updatedAt: start });
      await v3.table('matcherState').add({ key: 'model', value: { version: 1 }, updatedAt: start });
      await v3.table('entries').add({
        id: 'e1', projectId: 'p1', taskId: null, description: 'approved', start, end: start + 60_000, zone: 'UTC',
        source: 'timer', billable: true, status: 'approved', version: 2, createdAt: start, updatedAt: start, deletedAt: null, localDate: '2026-03-02',
      });
    });
    expect(db.verno).toBe(latestVersion);
    expect(await db.rules.count()).toBe(1);
    expect(await db.matcherState.get('model')).toMatchObject({ value: { version: 1 } });
    expect(await db.entries.where('status').equals('approved').primaryKeys()).toEqual(['e1']);
    for (const table of [db.outbox, db.syncRecords, db.batchPlans, db.syncAudit, db.conflicts, db.qboEntities, db.qboState]) {
      expect(await table.count()).toBe(0);
    }
    await db.qboEntities.bulkAdd([
      { kind: 'customer', id: '1', name: 'Acme', active: true, updatedAt: start },
      { kind: 'item', id: '1', name: 'Consulting', active: true, updatedAt: start },
    ]);
    expect(await db.qboEntities.where('kind').equals('customer').count()).toBe(1);
  });
});

describe('v4 → v5: sync records and outbox rows indexed by the entries they hold', () => {
  it('keeps every record and row, and finds them by entry id', async () => {
    const start = Date.UTC(2026, 2, 2, 14, 0);
    const payload = { TxnDate: '2026-03-02', Hours: 1, Minutes: 0 };
    const db = await upgradeFrom(4, async (v4) => {
      await v4.table('syncRecords').bulkAdd([
        { key: 'entry:e1', qboId: '11', syncToken: '0', entryIds: ['e1'], entryVersions: [3], payload, payloadHash: 'h1', billableStatus: 'Billable', updatedAt: start },
        { key: 'agg:p1:-:2026-03-02:B', qboId: '12', syncToken: '2', entryIds: ['e2', 'e3'], entryVersions: [2, 2], payload, payloadHash: 'h2', billableStatus: 'Billable', updatedAt: start },
      ]);
      await v4.table('outbox').add({ id: 'o1', key: 'entry:e4', op: 'create', entryIds: ['e4'], entryVersions: [2], payload, payloadHash: 'h4', requestId: 'r1', state: 'pending', attempts: 0, createdAt: start });
    });
    expect(db.verno).toBe(latestVersion);
    expect(await db.syncRecords.count()).toBe(2);
    expect((await db.syncRecords.where('entryIds').equals('e3').toArray()).map((r) => r.qboId)).toEqual(['12']);
    expect((await db.syncRecords.where('entryIds').equals('e1').toArray()).map((r) => r.qboId)).toEqual(['11']);
    expect((await db.outbox.where('entryIds').equals('e4').toArray()).map((r) => r.id)).toEqual(['o1']);
    expect(await db.outbox.where('state').equals('pending').count()).toBe(1);
  });
});

describe('v5 → v6: the trash', () => {
  it('puts the entries deleted before it into the trash as of their deletion, except zero-length timers', async () => {
    const start = Date.UTC(2026, 2, 2, 14, 0);
    const v5Entry = (id: string, extra: object) => ({
      id, projectId: 'p1', taskId: null, description: id, start, end: start + 3_600_000, zone: 'UTC',
      source: 'manual', billable: true, status: 'draft', version: 2, createdAt: start, updatedAt: start, deletedAt: null, localDate: '2026-03-02', ...extra,
    });
    const db = await upgradeFrom(5, async (v5) => {
      await v5.table('entries').bulkAdd([
        v5Entry('live', {}),
        v5Entry('deleted', { deletedAt: start + 7_200_000 }),
        v5Entry('older', { deletedAt: start + 3_600_000 }),
        // A timer stopped at its own start: it measured nothing.
        v5Entry('zero', { end: start + 1, source: 'timer', deletedAt: start }),
      ]);
    });
    expect(db.verno).toBe(latestVersion);
    expect(await db.entries.where('trashedAt').above(0).reverse().primaryKeys()).toEqual(['deleted', 'older']);
    expect(await db.entries.get('deleted')).toMatchObject({ deletedAt: start + 7_200_000, trashedAt: start + 7_200_000, status: 'draft', version: 2, description: 'deleted' });
    expect((await db.entries.get('zero'))!.trashedAt).toBeUndefined();
    expect((await db.entries.get('live'))!.trashedAt).toBeUndefined();
    // The earlier indexes still answer.
    expect(await db.entries.where('[projectId+localDate]').equals(['p1', '2026-03-02']).count()).toBe(4);
  });
});

describe('v6 → v7: outbox rows indexed by their QuickBooks company', () => {
  it("gives every row the company its key names, so each company's engine finds its own pending rows", async () => {
    const start = Date.UTC(2026, 2, 2, 14, 0);
    const payload = { TxnDate: '2026-03-02', Hours: 1, Minutes: 0 };
    const row = (id: string, key: string, state: string) => ({ id, key, op: 'create', entryIds: [id], entryVersions: [2], payload, payloadHash: 'h', requestId: `r-${id}`, state, attempts: 0, createdAt: start });
    const db = await upgradeFrom(6, async (v6) => {
      await v6.table('outbox').bulkAdd([row('o1', 'entry:e1', 'pending'), row('o2', 'entry:e2', 'inflight'), row('o3', 'entry:e3@co-0000000b', 'pending')]);
    });
    expect(db.verno).toBe(latestVersion);
    expect((await db.outbox.where('[companyId+state]').equals(['primary', 'pending']).toArray()).map((r) => r.id)).toEqual(['o1']);
    expect((await db.outbox.where('[companyId+state]').equals(['co-0000000b', 'pending']).toArray()).map((r) => r.id)).toEqual(['o3']);
    expect(await db.outbox.get('o2')).toMatchObject({ companyId: 'primary', state: 'inflight', requestId: 'r-o2' });
  });
});

describe('v7 → v8: invoices', () => {
  it('adds an empty invoices table, found by company and state and by the entries billed, and keeps the outbox', async () => {
    const db = await upgradeFrom(7, async (v7) => {
      await v7.table('outbox').add({ id: 'o1', key: 'entry:e1', companyId: 'primary', op: 'create', entryIds: ['e1'], entryVersions: [2], payload: {}, payloadHash: 'h', requestId: 'r-o1', state: 'pending', attempts: 0, createdAt: 1 });
    });
    expect(db.verno).toBe(latestVersion);
    expect(await db.invoices.count()).toBe(0);
    expect(await db.outbox.get('o1')).toMatchObject({ requestId: 'r-o1', state: 'pending' });
    await db.invoices.add({ id: 'i1', companyId: 'primary', state: 'sending', entryIds: ['e1', 'e2'] } as never);
    expect((await db.invoices.where('entryIds').equals('e2').toArray()).map((r) => r.id)).toEqual(['i1']);
    expect(await db.invoices.where('[companyId+state]').equals(['primary', 'sending']).count()).toBe(1);
  });
});

describe('v8 → v9: expenses, receipts and payments', () => {
  it('adds the three tables, found by company and state, by invoice, and by company and customer, and keeps invoices and projects', async () => {
    const db = await upgradeFrom(8, async (v8) => {
      await v8.table('invoices').add({ id: 'i1', companyId: 'primary', state: 'created', entryIds: ['e1'], createdAt: 1 });
      await v8.table('projects').add({ id: 'p1', clientId: null, name: 'Site', archived: false });
    });
    expect(db.verno).toBe(latestVersion);
    expect(await db.invoices.get('i1')).toMatchObject({ state: 'created' });
    // Projects made before arrangements read as billed by the hour (no billing field).
    expect((await db.projects.get('p1'))!.billing).toBeUndefined();
    await db.expenses.add({ id: 'x1', companyId: 'primary', state: 'pushed', invoiceId: 'i1', projectId: 'p1', localDate: '2026-11-02' } as never);
    await db.payments.add({ id: 'primary:9', companyId: 'primary', customerId: '20' } as never);
    await db.receipts.add({ id: 'r1', expenseId: 'x1' } as never);
    expect(await db.expenses.where('[companyId+state]').equals(['primary', 'pushed']).count()).toBe(1);
    expect((await db.expenses.where('invoiceId').equals('i1').toArray()).map((e) => e.id)).toEqual(['x1']);
    expect(await db.payments.where('[companyId+customerId]').equals(['primary', '20']).count()).toBe(1);
    expect((await db.receipts.where('expenseId').equals('x1').toArray()).map((r) => r.id)).toEqual(['r1']);
  });
});

describe('v9 → v10: the entries waiting to be billed', () => {
  it('marks drafts, approved time and synced billable time as waiting, and nothing billed, non-billable synced or deleted', async () => {
    const start = Date.UTC(2026, 10, 2, 14, 0);
    const v9Entry = (id: string, status: string, extra: object = {}) => ({
      id, projectId: 'p1', taskId: null, description: id, start, end: start + 3_600_000, zone: 'UTC',
      source: 'manual', billable: true, status, version: 2, createdAt: start, updatedAt: start, deletedAt: null, localDate: '2026-11-02', ...extra,
    });
    const db = await upgradeFrom(9, async (v9) => {
      await v9.table('entries').bulkAdd([
        v9Entry('draft', 'draft'), v9Entry('approved', 'approved', { billable: false }), v9Entry('synced', 'synced'),
        v9Entry('synced-nb', 'synced', { billable: false }), v9Entry('invoiced', 'invoiced'), v9Entry('paid', 'paid'),
        v9Entry('trashed', 'draft', { deletedAt: start, trashedAt: start }),
      ]);
    });
    expect(db.verno).toBe(latestVersion);
    expect((await db.entries.where('waiting').equals(1).primaryKeys()).sort()).toEqual(['approved', 'draft', 'synced']);
    expect(await db.entries.get('invoiced')).not.toHaveProperty('waiting');
  });
});
