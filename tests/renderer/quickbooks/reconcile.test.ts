// Reconciliation against the sandbox: a correct sync reports zero difference per customer and day;
// an edit or a deletion made in QuickBooks is found and resolved by the configured rule (tracker
// wins, QuickBooks wins, or ask → an open conflict the conflicts screen resolves).
import { describe, expect, it } from 'vitest';
import { createSyncEngine } from '../../../renderer/src/features/quickbooks/engine/engine';
import { localTime } from '../../../shared/time/zone';
import { reconciliationReportRun, resolveConflict, runReconciliation } from '../../../renderer/src/features/quickbooks/engine/reconcile-run';
import { makeEntries, sandboxTimeActivities, world, type World } from './setup';
import { useWorldSandbox } from './sandbox-hooks';

const SCALE = 60;
const qbo = useWorldSandbox(SCALE);

async function synced(n: number): Promise<World> {
  const w = await world(qbo.conn);
  await w.repos.entries.approve(await makeEntries(w, n));
  const r = await createSyncEngine({ repos: w.repos, port: qbo.conn.port, retryScale: SCALE }).run();
  expect(r).toMatchObject({ status: 'completed', remaining: 0 });
  return w;
}

/** Someone edits the TimeActivity in QuickBooks. */
async function editInQbo(qboId: string, patch: Record<string, unknown>) {
  const held = (await qbo.conn.port.read('TimeActivity', qboId))!;
  await qbo.conn.client.write('TimeActivity', 'update', { ...held, ...patch }, crypto.randomUUID());
}

/** Someone deletes the TimeActivity in QuickBooks. */
async function deleteInQbo(qboId: string) {
  const held = (await qbo.conn.port.read('TimeActivity', qboId))!;
  await qbo.conn.client.write('TimeActivity', 'delete', { Id: qboId, SyncToken: held['SyncToken'] }, crypto.randomUUID());
}

describe('reconciliation after a correct sync', () => {
  it('reports zero difference per customer and day after a correct sync', async () => {
    const w = await synced(45);
    const run = await runReconciliation({ repos: w.repos, port: qbo.conn.port });
    expect(run).toMatchObject({ matched: 45, changedInQbo: 0, deletedInQbo: 0, asked: 0 });
    const report = await reconciliationReportRun({ repos: w.repos, port: qbo.conn.port });
    expect(report.rows.length).toBeGreaterThan(3);
    expect(report.rows.reduce((a, r) => a + r.approvedMinutes, 0)).toBeGreaterThan(0);
    for (const row of report.rows) expect([row.diffMinutes, row.diffAmountMinor]).toEqual([0, 0]);
  });
});

describe('reconciliation of an edit in QuickBooks', () => {
  it('puts a QuickBooks-side edit on the ask-list, and the screen resolves it (tracker wins)', async () => {
    const w = await synced(3);
    const [record] = await w.repos.sync.records();
    await editInQbo(record!.qboId, { Hours: 7, Minutes: 5 });
    const run = await runReconciliation({ repos: w.repos, port: qbo.conn.port, rule: 'ask' });
    expect(run).toMatchObject({ changedInQbo: 1, asked: 1, queued: 0 });
    const [conflict] = await w.repos.sync.conflicts();
    expect(conflict).toMatchObject({ key: record!.key, kind: 'changedInQbo', status: 'open' });
    const report = await reconciliationReportRun({ repos: w.repos, port: qbo.conn.port });
    expect(report.rows.some((r) => r.diffMinutes !== 0)).toBe(true);
    await resolveConflict({ repos: w.repos }, conflict!.id, 'tracker');
    expect(await w.repos.sync.conflicts()).toHaveLength(0);
    const [row] = await w.repos.sync.openRows();
    expect(row).toMatchObject({ op: 'update', qboId: record!.qboId, syncToken: '1' });
    await createSyncEngine({ repos: w.repos, port: qbo.conn.port, retryScale: SCALE }).run();
    const ta = (await sandboxTimeActivities(qbo.sandbox)).find((t) => t.Id === record!.qboId)!;
    expect(ta.Hours * 60 + ta.Minutes).toBe(record!.payload.Hours * 60 + record!.payload.Minutes);
    const after = await reconciliationReportRun({ repos: w.repos, port: qbo.conn.port });
    for (const r of after.rows) expect(r.diffMinutes).toBe(0);
    expect((await w.repos.sync.audit()).some((a) => a.op === 'reconcile' && a.outcome === 'conflict')).toBe(true);
  });

  it('QuickBooks wins: adopts the edited version as the record, so the next pass is quiet', async () => {
    const w = await synced(2);
    const [record] = await w.repos.sync.records();
    await editInQbo(record!.qboId, { Description: 'typed in QuickBooks' });
    const run = await runReconciliation({ repos: w.repos, port: qbo.conn.port, rule: 'quickbooks' });
    expect(run).toMatchObject({ changedInQbo: 1, asked: 0, queued: 0 });
    const updated = (await w.repos.sync.records()).find((r) => r.key === record!.key)!;
    expect(updated).toMatchObject({ syncToken: '1' });
    expect(updated.payload.Description).toBe('typed in QuickBooks');
    expect(await runReconciliation({ repos: w.repos, port: qbo.conn.port, rule: 'quickbooks' })).toMatchObject({ matched: 2, changedInQbo: 0 });
  });

  it('QuickBooks wins on an edit: the entry takes its duration and description, stays synced, and nothing goes back', async () => {
    const w = await synced(2);
    const [record] = await w.repos.sync.records();
    const entryId = record!.entryIds[0]!;
    const before = (await w.repos.entries.get(entryId))!;
    // Still in the template's shape ('{project}: {description} [tn:{description}]'): the entry's own text comes back.
    await editInQbo(record!.qboId, { Hours: 1, Minutes: 40, Description: record!.payload.Description!.replaceAll(before.description, 'rewritten') });
    const run = await runReconciliation({ repos: w.repos, port: qbo.conn.port, rule: 'quickbooks' });
    expect(run).toMatchObject({ changedInQbo: 1, asked: 0, queued: 0 });

    const after = (await w.repos.entries.get(entryId))!;
    expect(after).toMatchObject({ start: before.start, end: before.start + 100 * 60_000, description: 'rewritten', status: 'synced', version: before.version + 1 });
    const adopted = (await w.repos.sync.records()).find((r) => r.key === record!.key)!;
    expect(adopted).toMatchObject({ syncToken: '1', entryVersions: [after.version], payload: { Hours: 1, Minutes: 40 } });
    const history = await w.repos.audit.listForEntity(entryId);
    expect(history.at(-1)).toMatchObject({ action: 'update', actor: 'sync', version: after.version });
    expect(history.at(-1)!.note).toMatch(/^Changed in QuickBooks; QuickBooks' version taken: duration → 1:40, description\.$/);

    // No ping-pong: re-planning the entry finds QuickBooks' payload, and a sync run sends nothing.
    expect(await w.repos.entries.approve([entryId])).toMatchObject({ planned: 0 });
    const writesBefore = (await w.repos.sync.audit()).filter((a) => a.op !== 'reconcile').length;
    expect(await createSyncEngine({ repos: w.repos, port: qbo.conn.port, retryScale: SCALE }).run()).toMatchObject({ status: 'completed', remaining: 0 });
    expect((await w.repos.sync.audit()).filter((a) => a.op !== 'reconcile')).toHaveLength(writesBefore);
    expect((await sandboxTimeActivities(qbo.sandbox)).find((t) => t.Id === record!.qboId)).toMatchObject({ SyncToken: '1', Hours: 1, Minutes: 40 });
    expect(await runReconciliation({ repos: w.repos, port: qbo.conn.port, rule: 'quickbooks' })).toMatchObject({ matched: 2, changedInQbo: 0 });
  });

  it('QuickBooks wins on a date moved out of the synced range: the entry moves to that day at the same local time', async () => {
    const w = await synced(2);
    const [record] = await w.repos.sync.records();
    const entryId = record!.entryIds[0]!;
    const before = (await w.repos.entries.get(entryId))!;
    await editInQbo(record!.qboId, { TxnDate: '2026-10-05', BillableStatus: 'NotBillable', HourlyRate: undefined });
    // The range query misses it; the read by Id finds it changed rather than deleted.
    expect(await runReconciliation({ repos: w.repos, port: qbo.conn.port, rule: 'quickbooks' })).toMatchObject({ changedInQbo: 1, deletedInQbo: 0 });
    const after = (await w.repos.entries.get(entryId))!;
    expect(after).toMatchObject({ localDate: '2026-10-05', billable: false, status: 'synced' });
    expect(localTime(after.start, after.zone)).toBe(localTime(before.start, before.zone));
    expect(after.end! - after.start).toBe(before.end! - before.start);
    expect(await w.repos.entries.approve([entryId])).toMatchObject({ planned: 0 });
  });

  it('QuickBooks wins on a combined (aggregated) TimeActivity: the record follows it, the entries are not split', async () => {
    const w = await world(qbo.conn);
    await w.repos.sync.saveSettings({ aggregateProjectIds: [w.projects[0]!.id] });
    await w.repos.entries.approve(await makeEntries(w, 6));
    await createSyncEngine({ repos: w.repos, port: qbo.conn.port, retryScale: SCALE }).run();
    const record = (await w.repos.sync.records()).find((r) => r.key.startsWith('agg:'))!;
    expect(record.entryIds).toHaveLength(2);
    const before = await Promise.all(record.entryIds.map(async (id) => (await w.repos.entries.get(id))!));
    await editInQbo(record.qboId, { Hours: 3, Minutes: 0 });
    expect(await runReconciliation({ repos: w.repos, port: qbo.conn.port, rule: 'quickbooks' })).toMatchObject({ changedInQbo: 1, queued: 0 });
    for (const b of before) expect(await w.repos.entries.get(b.id)).toEqual(b);
    expect((await w.repos.sync.records()).find((r) => r.key === record.key)).toMatchObject({ syncToken: '1', entryVersions: record.entryVersions, payload: { Hours: 3, Minutes: 0 } });
    expect((await w.repos.sync.audit()).some((a) => /combines several entries, which cannot be split back/.test(a.message ?? ''))).toBe(true);
    expect(await runReconciliation({ repos: w.repos, port: qbo.conn.port, rule: 'quickbooks' })).toMatchObject({ changedInQbo: 0 });
  });
});

describe('reconciliation of a deletion in QuickBooks', () => {
  it('QuickBooks wins on a deletion: the entries become unlocked drafts, the record goes, and nothing is created again', async () => {
    const w = await synced(2);
    const [record] = await w.repos.sync.records();
    const entryId = record!.entryIds[0]!;
    const before = (await w.repos.entries.get(entryId))!;
    await deleteInQbo(record!.qboId);
    const run = await runReconciliation({ repos: w.repos, port: qbo.conn.port, rule: 'quickbooks' });
    expect(run).toMatchObject({ deletedInQbo: 1, asked: 0, queued: 0 });

    expect(await w.repos.entries.get(entryId)).toMatchObject({ status: 'draft', version: before.version + 1, end: before.end, description: before.description });
    expect((await w.repos.sync.records()).map((r) => r.key)).not.toContain(record!.key);
    expect((await w.repos.audit.listForEntity(entryId)).at(-1)).toMatchObject({ action: 'status', actor: 'sync', note: expect.stringMatching(/^Deleted in QuickBooks/) });
    expect((await w.repos.sync.audit()).some((a) => a.op === 'reconcile' && /Deleted in QuickBooks; QuickBooks wins/.test(a.message ?? ''))).toBe(true);

    await createSyncEngine({ repos: w.repos, port: qbo.conn.port, retryScale: SCALE }).run();
    expect(await sandboxTimeActivities(qbo.sandbox)).toHaveLength(1);
    expect((await w.repos.sync.audit()).filter((a) => a.op === 'create')).toHaveLength(2);
    expect(await runReconciliation({ repos: w.repos, port: qbo.conn.port, rule: 'quickbooks' })).toMatchObject({ matched: 1, deletedInQbo: 0 });
    // A draft again: editable without confirming, and approving it sends it again.
    await w.repos.entries.update(entryId, { description: 'back' });
    expect(await w.repos.entries.approve([entryId])).toMatchObject({ approved: [entryId], planned: 1 });
  });

  it('tracker wins on a deletion in QuickBooks: the time is created again', async () => {
    const w = await synced(2);
    const [record] = await w.repos.sync.records();
    await deleteInQbo(record!.qboId);
    const run = await runReconciliation({ repos: w.repos, port: qbo.conn.port, rule: 'tracker' });
    expect(run).toMatchObject({ deletedInQbo: 1, queued: 1 });
    await createSyncEngine({ repos: w.repos, port: qbo.conn.port, retryScale: SCALE }).run();
    expect(await sandboxTimeActivities(qbo.sandbox)).toHaveLength(2);
    expect(await runReconciliation({ repos: w.repos, port: qbo.conn.port })).toMatchObject({ matched: 2, deletedInQbo: 0 });
  });
});

describe('reconciliation of an edit and a deletion at once', () => {
  it('"Take QuickBooks" on the conflicts screen writes exactly what the rule writes', async () => {
    const w = await synced(3);
    const [edited, deleted] = await w.repos.sync.records();
    await editInQbo(edited!.qboId, { Hours: 2, Minutes: 0, BillableStatus: 'NotBillable', HourlyRate: undefined });
    await deleteInQbo(deleted!.qboId);
    expect(await runReconciliation({ repos: w.repos, port: qbo.conn.port, rule: 'ask' })).toMatchObject({ asked: 2 });
    for (const c of await w.repos.sync.conflicts()) await resolveConflict({ repos: w.repos }, c.id, 'quickbooks');
    expect(await w.repos.sync.conflicts()).toHaveLength(0);

    const e = (await w.repos.entries.get(edited!.entryIds[0]!))!;
    expect(e).toMatchObject({ status: 'synced', billable: false });
    expect(e.end! - e.start).toBe(120 * 60_000);
    expect((await w.repos.sync.records()).find((r) => r.key === edited!.key)).toMatchObject({ entryVersions: [e.version] });
    expect((await w.repos.audit.listForEntity(e.id)).at(-1)!.note).toMatch(/duration → 2:00, not billable/);
    expect(await w.repos.entries.get(deleted!.entryIds[0]!)).toMatchObject({ status: 'draft' });
    expect((await w.repos.sync.records()).map((r) => r.key)).not.toContain(deleted!.key);
    await createSyncEngine({ repos: w.repos, port: qbo.conn.port, retryScale: SCALE }).run();
    expect(await sandboxTimeActivities(qbo.sandbox)).toHaveLength(2);
    expect(await runReconciliation({ repos: w.repos, port: qbo.conn.port, rule: 'ask' })).toMatchObject({ matched: 2, changedInQbo: 0, deletedInQbo: 0 });
  });
});

describe('reconciliation of time QuickBooks has billed', () => {
  it('locks time QuickBooks has billed: the entries become invoiced and cannot be edited', async () => {
    const w = await synced(2);
    const [record] = await w.repos.sync.records();
    const ta = (await qbo.conn.port.read('TimeActivity', record!.qboId))!;
    await qbo.conn.client.write(
      'Invoice',
      'create',
      {
        CustomerRef: ta['CustomerRef'],
        Line: [
          {
            DetailType: 'SalesItemLineDetail',
            Amount: 100,
            SalesItemLineDetail: { ItemRef: ta['ItemRef'], Qty: 1, UnitPrice: 100 },
            LinkedTxn: [{ TxnId: record!.qboId, TxnType: 'TimeActivity' }],
          },
        ],
      },
      crypto.randomUUID(),
    );
    const run = await runReconciliation({ repos: w.repos, port: qbo.conn.port, rule: 'tracker' });
    expect(run).toMatchObject({ matched: 2, changedInQbo: 0, queued: 0 });
    const locked = (await w.repos.sync.records()).find((r) => r.key === record!.key)!;
    expect(locked.billableStatus).toBe('HasBeenBilled');
    const [entryId] = record!.entryIds;
    expect((await w.repos.entries.get(entryId!))!.status).toBe('invoiced');
    await expect(w.repos.entries.update(entryId!, { description: 'changed' }, { confirmed: true, keepApproved: false })).rejects.toThrow();
    const again = await w.repos.entries.approve([entryId!]);
    expect(again.planned).toBe(0);
  });
});
