// The trash against the local QuickBooks sandbox through the real engine: a synced entry deleted and
// restored within its 24-hour hold costs QuickBooks nothing (no request, same TimeActivity, same
// SyncToken); once the hold ends the TimeActivity is deleted exactly once, and a restore then gives a
// draft that sends nothing; an aggregated day keeps counting a deleted member until its hold ends and
// is then updated once; an approved entry deleted before it was sent never reaches QuickBooks, and
// restored it is sent once; time deleted in QuickBooks meanwhile is not created again by a restore.
// The repositories run on a clock the test moves.
import { describe, expect, it } from 'vitest';
import { createSyncEngine } from '../../../renderer/src/features/quickbooks/engine/engine';
import { QBO_HOLD_MS } from '../../../renderer/src/db/repos/trash-repo';
import { reconciliationReportRun, runReconciliation } from '../../../renderer/src/features/quickbooks/engine/reconcile-run';
import { makeEntries, sandboxState, sandboxTimeActivities, world, type QboTa, type World } from './setup';
import { useWorldSandbox } from './sandbox-hooks';

const SCALE = 60;
const MIN = 60_000;
const ZONE = 'America/New_York';
/** 09:00 in New York on 2026-10-01. */
const DAY1 = Date.UTC(2026, 9, 1, 13, 0);

const qbo = useWorldSandbox(SCALE, { seed: 7 });

/** A world whose repositories read `clock.now`, which starts at the real time and only moves when told. */
async function clockedWorld(): Promise<World & { advance: (ms: number) => void }> {
  let offset = 0;
  const w = await world(qbo.conn, { now: () => Date.now() + offset });
  return { ...w, advance: (ms) => void (offset += ms) };
}

async function sync(w: World) {
  const result = await createSyncEngine({ repos: w.repos, port: w.conn.port, retryScale: SCALE, concurrency: 2 }).run();
  expect(result).toMatchObject({ status: 'completed', failed: 0, remaining: 0 });
  return result;
}

/** What QuickBooks was asked and holds: every API request counts, and every write leaves a requestid. */
async function qboSide() {
  const state = await sandboxState(qbo.sandbox);
  const tas = (await sandboxTimeActivities(qbo.sandbox)).map((t: QboTa) => [t.Id, t.SyncToken, t.Hours * 60 + t.Minutes]).sort();
  return { requests: (state['counters'] as { requests: number }).requests, writes: state['requestIds'], tas };
}

describe('a synced entry in the trash', () => {
  it('deleted and restored within the hold: QuickBooks is not asked anything and nothing is queued', async () => {
    const w = await clockedWorld();
    const ids = await makeEntries(w, 2);
    await w.repos.entries.approve(ids);
    await sync(w);
    const synced = (await w.repos.entries.get(ids[0]!))!;
    const records = await w.repos.sync.records();
    const audit = await w.repos.sync.audit();
    const before = await qboSide();
    expect(before.tas).toHaveLength(2);

    await w.repos.entries.delete([ids[0]!], { confirmed: true });
    expect((await sync(w)).sent).toBe(0);
    w.advance(QBO_HOLD_MS - MIN);
    expect((await sync(w)).sent).toBe(0);
    const { planned } = await w.repos.trash.restore([ids[0]!]);
    expect(planned).toBe(0);
    expect((await sync(w)).sent).toBe(0);

    expect(await qboSide()).toEqual(before);
    expect(await w.repos.sync.openRows()).toEqual([]);
    expect(await w.repos.sync.audit()).toEqual(audit);
    expect(await w.repos.sync.records()).toEqual(records);
    expect(await w.repos.entries.get(ids[0]!)).toMatchObject({ status: 'synced', description: synced.description, start: synced.start, end: synced.end });
  });

  it('after the hold the TimeActivity is deleted exactly once; restored then, it is a draft and sends nothing', async () => {
    const w = await clockedWorld();
    const ids = await makeEntries(w, 2);
    await w.repos.entries.approve(ids);
    await sync(w);
    const record = (await w.repos.sync.records()).find((r) => r.entryIds.includes(ids[0]!))!;

    await w.repos.entries.delete([ids[0]!], { confirmed: true });
    w.advance(QBO_HOLD_MS);
    expect((await sync(w)).done).toBe(1);
    const tas = await sandboxTimeActivities(qbo.sandbox);
    expect(tas.map((t) => t.Id)).not.toContain(record.qboId);
    expect(tas).toHaveLength(1);
    expect((await sync(w)).sent).toBe(0);
    expect((await w.repos.sync.audit()).filter((a) => a.op === 'delete').map((a) => [a.qboId, a.outcome])).toEqual([[record.qboId, 'ok']]);

    const after = await qboSide();
    const { restored } = await w.repos.trash.restore([ids[0]!]);
    expect(restored[0]).toMatchObject({ status: 'draft' });
    expect((await sync(w)).sent).toBe(0);
    expect(await qboSide()).toEqual(after);
  });
});

describe('reconciliation while time is held', () => {
  it('finds QuickBooks as it should be: the report shows no difference, and no conflict is raised', async () => {
    const w = await clockedWorld();
    const ids = await makeEntries(w, 3);
    await w.repos.entries.approve(ids);
    await sync(w);
    await w.repos.entries.delete([ids[1]!], { confirmed: true });
    expect(await runReconciliation({ repos: w.repos, port: qbo.conn.port })).toMatchObject({ matched: 3, changedInQbo: 0, deletedInQbo: 0, unknownInQbo: 0 });
    const report = await reconciliationReportRun({ repos: w.repos, port: qbo.conn.port });
    expect(report.rows.length).toBeGreaterThan(0);
    for (const row of report.rows) expect([row.diffMinutes, row.diffAmountMinor]).toEqual([0, 0]);
  });
});

describe('an aggregated day with a deleted member', () => {
  it('keeps counting the member until its hold ends, then is updated once', async () => {
    const w = await clockedWorld();
    const p0 = w.projects[0]!.id;
    await w.repos.sync.saveSettings({ aggregateProjectIds: [p0] });
    const ids: string[] = [];
    for (const [i, minutes] of [30, 45, 60].entries()) {
      const start = DAY1 + i * 90 * MIN;
      ids.push((await w.repos.entries.create({ projectId: p0, description: `part ${i}`, start, end: start + minutes * MIN, zone: ZONE })).id);
    }
    await w.repos.entries.approve(ids);
    await sync(w);
    const [day] = await sandboxTimeActivities(qbo.sandbox);
    expect(day).toMatchObject({ Hours: 2, Minutes: 15, SyncToken: '0' });

    await w.repos.entries.delete([ids[1]!], { confirmed: true });
    expect((await sync(w)).sent).toBe(0);
    expect(await sandboxTimeActivities(qbo.sandbox)).toEqual([day]);
    // Another member changes meanwhile: the day is updated with the deleted member still counted.
    await w.repos.entries.update(ids[0]!, { description: 'part 0, reworded' }, { confirmed: true });
    await sync(w);
    let [now] = await sandboxTimeActivities(qbo.sandbox);
    expect(now).toMatchObject({ Id: day!.Id, Hours: 2, Minutes: 15, SyncToken: '1' });
    expect(now!.Description).toContain('part 1');

    w.advance(QBO_HOLD_MS);
    expect((await sync(w)).done).toBe(1);
    [now] = await sandboxTimeActivities(qbo.sandbox);
    expect(now).toMatchObject({ Id: day!.Id, Hours: 1, Minutes: 30, SyncToken: '2' });
    expect(now!.Description).not.toContain('part 1');
    expect((await sync(w)).sent).toBe(0);
    expect((await w.repos.sync.records())[0]!.entryIds).toEqual([ids[0], ids[2]].sort());
  });
});

describe('an approved entry deleted before it was sent', () => {
  it('never reaches QuickBooks; restored, it is approved and sent once', async () => {
    const w = await clockedWorld();
    const [id] = await makeEntries(w, 1);
    await w.repos.entries.approve([id!]);
    await w.repos.entries.delete([id!], { confirmed: true });
    expect((await sync(w)).sent).toBe(0);
    expect(await sandboxTimeActivities(qbo.sandbox)).toEqual([]);
    await w.repos.trash.restore([id!]);
    expect((await sync(w)).done).toBe(1);
    expect(await sandboxTimeActivities(qbo.sandbox)).toHaveLength(1);
    expect((await w.repos.entries.get(id!))!.status).toBe('synced');
  });
});

describe('time deleted in QuickBooks while its entry is in the trash', () => {
  it('QuickBooks wins: the hold is over, a restore gives a draft, and nothing is created or deleted again', async () => {
    const w = await clockedWorld();
    const ids = await makeEntries(w, 2);
    await w.repos.entries.approve(ids);
    await sync(w);
    const record = (await w.repos.sync.records()).find((r) => r.entryIds.includes(ids[0]!))!;
    await w.repos.entries.delete([ids[0]!], { confirmed: true });
    // Someone deletes the same time in QuickBooks; reconciliation lets QuickBooks win.
    const ta = (await qbo.conn.port.read('TimeActivity', record.qboId))!;
    await qbo.conn.client.write('TimeActivity', 'delete', { Id: record.qboId, SyncToken: ta['SyncToken'] }, crypto.randomUUID());
    expect(await runReconciliation({ repos: w.repos, port: qbo.conn.port, rule: 'quickbooks' })).toMatchObject({ deletedInQbo: 1, queued: 0 });
    const [trashed] = await w.repos.trash.list();
    expect(trashed).toMatchObject({ status: 'draft', qboHold: { releasedAt: expect.any(Number) } });

    const after = await qboSide();
    await w.repos.trash.restore([ids[0]!]);
    expect(await w.repos.entries.get(ids[0]!)).toMatchObject({ status: 'draft' });
    w.advance(QBO_HOLD_MS);
    expect((await sync(w)).sent).toBe(0);
    expect(await qboSide()).toEqual(after);
  });
});
