// A bookkeeper retypes synced time in QuickBooks as start and end times, in the documented
// time-only form with an offset that is not the company's. QuickBooks (the sandbox, as §13.2
// records) answers them on the company's clock; "QuickBooks wins" must see the same instants.
import { describe, expect, it } from 'vitest';
import { createSyncEngine } from '../../../renderer/src/features/quickbooks/engine/engine';
import { runReconciliation } from '../../../renderer/src/features/quickbooks/engine/reconcile-run';
import { makeEntries, world } from './setup';
import { useWorldSandbox } from './sandbox-hooks';

const SCALE = 60;
const qbo = useWorldSandbox(SCALE);

/** One entry, 1 October 2026 13:00–13:15 UTC (09:00 in New York, 06:00 in California), synced. */
async function syncedOne() {
  const w = await world(qbo.conn);
  const [id] = await makeEntries(w, 1);
  await w.repos.entries.approve([id!]);
  expect(await createSyncEngine({ repos: w.repos, port: qbo.conn.port, retryScale: SCALE }).run()).toMatchObject({ status: 'completed' });
  const [record] = await w.repos.sync.records();
  return { w, id: id!, record: record!, before: (await w.repos.entries.get(id!))! };
}

async function retypeInQbo(qboId: string, times: { StartTime: string; EndTime: string }) {
  const held = (await qbo.conn.port.read('TimeActivity', qboId))!;
  await qbo.conn.client.write('TimeActivity', 'update', { ...held, Hours: undefined, Minutes: undefined, ...times, Description: 'typed in QuickBooks' }, crypto.randomUUID());
  return (await qbo.conn.port.read('TimeActivity', qboId))!;
}

describe('start and end times QuickBooks answers on its own clock', () => {
  it('QuickBooks wins without moving the entry when the times are the same instants, and the next pass is quiet', async () => {
    const { w, id, record, before } = await syncedOne();
    // 05:00-08:00 is 13:00 UTC; California is on -07:00 in October, so QuickBooks says 06:00.
    const held = await retypeInQbo(record.qboId, { StartTime: '05:00:00-08:00', EndTime: '05:15:00-08:00' });
    expect(held).toMatchObject({ TxnDate: '2026-10-01', StartTime: '2026-10-01T06:00:00-07:00', EndTime: '2026-10-01T06:15:00-07:00' });
    expect(await runReconciliation({ repos: w.repos, port: qbo.conn.port, rule: 'quickbooks' })).toMatchObject({ changedInQbo: 1, asked: 0 });
    const after = (await w.repos.entries.get(id))!;
    expect([after.start, after.end]).toEqual([before.start, before.end]);
    expect(after.description).not.toBe(before.description);
    expect(await runReconciliation({ repos: w.repos, port: qbo.conn.port, rule: 'quickbooks' })).toMatchObject({ matched: 1, changedInQbo: 0 });
  });

  it('QuickBooks wins moves the entry to the instants QuickBooks holds when they differ', async () => {
    const { w, id, record, before } = await syncedOne();
    await retypeInQbo(record.qboId, { StartTime: '07:00:00-07:00', EndTime: '07:15:00-07:00' });
    await runReconciliation({ repos: w.repos, port: qbo.conn.port, rule: 'quickbooks' });
    const after = (await w.repos.entries.get(id))!;
    expect([after.start - before.start, after.end! - before.end!]).toEqual([3_600_000, 3_600_000]);
  });
});
