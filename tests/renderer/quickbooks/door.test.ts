// One door for entry changes: whichever screen or prompt changes synced time (the Timesheet, the away
// prompt, a split, a merge), the change is planned in the same transaction as the entry and reaches
// QuickBooks as an update of the TimeActivity it already holds, never as a second one. Each test
// fails if its path writes the entry without planning (the outbox would stay empty and QuickBooks
// would keep the old time). Against the local sandbox, through the real engine.
import { describe, expect, it } from 'vitest';
import type { OutboxRow } from '../../../shared/sync/outbox';
import { createSyncEngine } from '../../../renderer/src/features/quickbooks/engine/engine';
import { applyAwayPlan, planAway } from '../../../renderer/src/features/away/away-plan';
import { applyCellPlan, planCell } from '../../../renderer/src/features/timesheet/apply-cell-edit';
import { sandboxTimeActivities, world, type QboTa, type World } from './setup';
import { useWorldSandbox } from './sandbox-hooks';

const SCALE = 60;
const MIN = 60_000;
const ZONE = 'America/New_York';
/** 09:00 in New York on 2026-10-01. */
const NINE = Date.UTC(2026, 9, 1, 13, 0);
const DATE = '2026-10-01';

const qbo = useWorldSandbox(SCALE, { seed: 11 });

async function sync(w: World): Promise<void> {
  const result = await createSyncEngine({ repos: w.repos, port: w.conn.port, retryScale: SCALE, concurrency: 2 }).run();
  expect(result).toMatchObject({ status: 'completed', failed: 0, remaining: 0 });
}

const minutesOf = (ta: QboTa) => ta.Hours * 60 + ta.Minutes;
const queued = async (w: World) => (await w.repos.sync.openRows()).map((r: OutboxRow) => [r.key, r.op]);

/** A synced entry of P0, `minutes` long from `start`, and the TimeActivity QuickBooks holds for it. */
async function syncedEntry(w: World, start: number, minutes: number, source: 'manual' | 'timer' = 'manual') {
  const e = await w.repos.entries.create({ projectId: w.projects[0]!.id, description: `work at ${start}`, start, end: start + minutes * MIN, zone: ZONE, source });
  await w.repos.entries.approve([e.id]);
  await sync(w);
  expect((await w.repos.entries.get(e.id))!.status).toBe('synced');
  const ta = (await sandboxTimeActivities(qbo.sandbox)).find((t) => t.Description?.includes(`work at ${start}`))!;
  return { id: e.id, qboId: ta.Id };
}

describe('synced time changed anywhere reaches QuickBooks as an update', () => {
  it('from the Timesheet: lowering a cell shortens the synced entry and updates its TimeActivity', async () => {
    const w = await world(qbo.conn);
    const { id, qboId } = await syncedEntry(w, NINE, 60);
    const ref = { projectId: w.projects[0]!.id, date: DATE, zone: ZONE };
    const plan = await planCell(w.repos, ref, 45 * MIN);
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.steps).toMatchObject([{ kind: 'trim', entry: { id } }]);
    expect(await applyCellPlan(w.repos, ref, plan.steps)).toMatchObject({ ok: true });
    expect(await queued(w)).toEqual([[`entry:${id}`, 'update']]);
    await sync(w);
    const tas = await sandboxTimeActivities(qbo.sandbox);
    expect(tas.map((t) => [t.Id, minutesOf(t)])).toEqual([[qboId, 45]]);
  });

  it('from the away prompt: discarding away time cuts it out of the synced entry and updates its TimeActivity', async () => {
    const w = await world(qbo.conn);
    const { id, qboId } = await syncedEntry(w, NINE, 120, 'timer');
    const entry = (await w.repos.entries.get(id))!;
    await applyAwayPlan(w.repos, planAway(entry, { start: NINE + 60 * MIN, end: NINE + 90 * MIN }, { kind: 'discard' }, NINE + 180 * MIN));
    // The entry now ends when the user left; the part after they came back is a new draft.
    expect(await queued(w)).toEqual([[`entry:${id}`, 'update']]);
    await sync(w);
    const tas = await sandboxTimeActivities(qbo.sandbox);
    expect(tas.map((t) => [t.Id, minutesOf(t)])).toEqual([[qboId, 60]]);
  });

  it('by a split: the first part updates the TimeActivity, the second is created', async () => {
    const w = await world(qbo.conn);
    const { id, qboId } = await syncedEntry(w, NINE, 90);
    const { parts } = await w.repos.entries.split(id, NINE + 30 * MIN, { confirmed: true });
    expect(await queued(w)).toEqual(expect.arrayContaining([[`entry:${id}`, 'update'], [`entry:${parts[1].id}`, 'create']]));
    await sync(w);
    const tas = await sandboxTimeActivities(qbo.sandbox);
    expect(tas.map((t) => [t.Id === qboId, minutesOf(t)]).sort()).toEqual([[false, 60], [true, 30]]);
  });

  it('by a merge: the kept entry updates its TimeActivity and the merged-away one is deleted', async () => {
    const w = await world(qbo.conn);
    const first = await syncedEntry(w, NINE, 30);
    const second = await syncedEntry(w, NINE + 30 * MIN, 30);
    const { merged } = await w.repos.entries.merge([first.id, second.id], { confirmed: true });
    expect(merged).toMatchObject({ id: first.id, status: 'approved' });
    expect(await queued(w)).toEqual(expect.arrayContaining([[`entry:${first.id}`, 'update'], [`entry:${second.id}`, 'delete']]));
    await sync(w);
    const tas = await sandboxTimeActivities(qbo.sandbox);
    expect(tas.map((t) => [t.Id, minutesOf(t)])).toEqual([[first.qboId, 60]]);
  });
});
