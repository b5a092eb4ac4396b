// Reconciliation against the sandbox: a correct sync reports zero difference per customer and day;
// an edit or a deletion made in QuickBooks is found and resolved by the configured rule (tracker
// wins, QuickBooks wins, or ask → an open conflict the conflicts screen resolves).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSyncEngine } from '../../../renderer/src/sync/engine';
import { reconciliationReportRun, resolveConflict, runReconciliation } from '../../../renderer/src/sync/reconcile-run';
import type { RunningSandbox } from '../../qbo-sandbox/index';
import type { InProcessConnection } from './in-process-port';
import { connect, control, makeEntries, sandboxTimeActivities, startWorldSandbox, world, type World } from './setup';

const SCALE = 60;
let sandbox: RunningSandbox;
let conn: InProcessConnection;

beforeAll(async () => {
  sandbox = await startWorldSandbox(SCALE);
  conn = await connect(sandbox, SCALE);
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  await control(sandbox, 'reset');
});

async function synced(n: number): Promise<World> {
  const w = await world(conn);
  await w.repos.sync.approve(await makeEntries(w, n));
  const r = await createSyncEngine({ repos: w.repos, port: conn.port, retryScale: SCALE }).run();
  expect(r).toMatchObject({ status: 'completed', remaining: 0 });
  return w;
}

/** Someone edits the TimeActivity in QuickBooks. */
async function editInQbo(qboId: string, patch: Record<string, unknown>) {
  const held = (await conn.port.read('TimeActivity', qboId))!;
  await conn.client.write('TimeActivity', 'update', { ...held, ...patch }, crypto.randomUUID());
}

describe('reconciliation', () => {
  it('reports zero difference per customer and day after a correct sync', async () => {
    const w = await synced(45);
    const run = await runReconciliation({ repos: w.repos, port: conn.port });
    expect(run).toMatchObject({ matched: 45, changedInQbo: 0, deletedInQbo: 0, asked: 0 });
    const report = await reconciliationReportRun({ repos: w.repos, port: conn.port });
    expect(report.rows.length).toBeGreaterThan(3);
    expect(report.rows.reduce((a, r) => a + r.approvedMinutes, 0)).toBeGreaterThan(0);
    for (const row of report.rows) expect([row.diffMinutes, row.diffAmountMinor]).toEqual([0, 0]);
  });

  it('puts a QuickBooks-side edit on the ask-list, and the screen resolves it (tracker wins)', async () => {
    const w = await synced(3);
    const [record] = await w.repos.sync.records();
    await editInQbo(record!.qboId, { Hours: 7, Minutes: 5 });
    const run = await runReconciliation({ repos: w.repos, port: conn.port, rule: 'ask' });
    expect(run).toMatchObject({ changedInQbo: 1, asked: 1, queued: 0 });
    const [conflict] = await w.repos.sync.conflicts();
    expect(conflict).toMatchObject({ key: record!.key, kind: 'changedInQbo', status: 'open' });
    const report = await reconciliationReportRun({ repos: w.repos, port: conn.port });
    expect(report.rows.some((r) => r.diffMinutes !== 0)).toBe(true);
    await resolveConflict({ repos: w.repos }, conflict!.id, 'tracker');
    expect(await w.repos.sync.conflicts()).toHaveLength(0);
    const [row] = await w.repos.sync.openRows();
    expect(row).toMatchObject({ op: 'update', qboId: record!.qboId, syncToken: '1' });
    await createSyncEngine({ repos: w.repos, port: conn.port, retryScale: SCALE }).run();
    const ta = (await sandboxTimeActivities(sandbox)).find((t) => t.Id === record!.qboId)!;
    expect(ta.Hours * 60 + ta.Minutes).toBe(record!.payload.Hours * 60 + record!.payload.Minutes);
    const after = await reconciliationReportRun({ repos: w.repos, port: conn.port });
    for (const r of after.rows) expect(r.diffMinutes).toBe(0);
    expect((await w.repos.sync.audit()).some((a) => a.op === 'reconcile' && a.outcome === 'conflict')).toBe(true);
  });

  it('QuickBooks wins: adopts the edited version as the record, so the next pass is quiet', async () => {
    const w = await synced(2);
    const [record] = await w.repos.sync.records();
    await editInQbo(record!.qboId, { Description: 'typed in QuickBooks' });
    const run = await runReconciliation({ repos: w.repos, port: conn.port, rule: 'quickbooks' });
    expect(run).toMatchObject({ changedInQbo: 1, asked: 0, queued: 0 });
    const updated = (await w.repos.sync.records()).find((r) => r.key === record!.key)!;
    expect(updated).toMatchObject({ syncToken: '1' });
    expect(updated.payload.Description).toBe('typed in QuickBooks');
    expect(await runReconciliation({ repos: w.repos, port: conn.port, rule: 'quickbooks' })).toMatchObject({ matched: 2, changedInQbo: 0 });
  });

  it('tracker wins on a deletion in QuickBooks: the time is created again', async () => {
    const w = await synced(2);
    const [record] = await w.repos.sync.records();
    const held = (await conn.port.read('TimeActivity', record!.qboId))!;
    await conn.client.write('TimeActivity', 'delete', { Id: record!.qboId, SyncToken: held['SyncToken'] }, crypto.randomUUID());
    const run = await runReconciliation({ repos: w.repos, port: conn.port, rule: 'tracker' });
    expect(run).toMatchObject({ deletedInQbo: 1, queued: 1 });
    await createSyncEngine({ repos: w.repos, port: conn.port, retryScale: SCALE }).run();
    expect(await sandboxTimeActivities(sandbox)).toHaveLength(2);
    expect(await runReconciliation({ repos: w.repos, port: conn.port })).toMatchObject({ matched: 2, deletedInQbo: 0 });
  });

  it('locks time QuickBooks has billed: the entries become invoiced and cannot be edited', async () => {
    const w = await synced(2);
    const [record] = await w.repos.sync.records();
    const ta = (await conn.port.read('TimeActivity', record!.qboId))!;
    await conn.client.write(
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
    const run = await runReconciliation({ repos: w.repos, port: conn.port, rule: 'tracker' });
    expect(run).toMatchObject({ matched: 2, changedInQbo: 0, queued: 0 });
    const locked = (await w.repos.sync.records()).find((r) => r.key === record!.key)!;
    expect(locked.billableStatus).toBe('HasBeenBilled');
    const [entryId] = record!.entryIds;
    expect((await w.repos.entries.get(entryId!))!.status).toBe('invoiced');
    await expect(w.repos.entries.update(entryId!, { description: 'changed' }, { confirmLockedEdit: true })).rejects.toThrow();
    const again = await w.repos.sync.approve([entryId!]);
    expect(again.planned).toBe(0);
  });
});
