// Re-planning after entries change shape, against the local QuickBooks sandbox through the real
// engine: aggregated projects end to end (one TimeActivity per project + task + day, updated in
// place, split when an entry moves to another day or project, deleted with its last entry),
// aggregation switched on and off, and split / merge of synced entries going through the outbox.
// What the sandbox holds after each sync must be exactly what the current entries say.
import { describe, expect, it } from 'vitest';
import { amountForMinutes } from '../../../shared/qbo/decimal';
import { createSyncEngine } from '../../../renderer/src/features/quickbooks/engine/engine';
import { sandboxTimeActivities, world, type QboTa, type World } from './setup';
import { useWorldSandbox } from './sandbox-hooks';

const SCALE = 60;
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const ZONE = 'America/New_York';
/** 09:00 in New York on 2026-10-01. */
const DAY1 = Date.UTC(2026, 9, 1, 13, 0);

const qbo = useWorldSandbox(SCALE, { seed: 7 });

/** Runs the engine until the outbox is drained; every write must succeed. */
async function sync(w: World): Promise<void> {
  const result = await createSyncEngine({ repos: w.repos, port: w.conn.port, retryScale: SCALE, concurrency: 2 }).run();
  expect(result).toMatchObject({ status: 'completed', failed: 0, remaining: 0 });
}

const minutesOf = (ta: QboTa) => ta.Hours * 60 + ta.Minutes;
/** The amount the TimeActivity bills, in minor units: rate × its minutes, rounded once. */
const amountOf = (ta: QboTa) => amountForMinutes(ta.HourlyRate ?? 0, minutesOf(ta), 'USD');
const byDate = (tas: QboTa[]) => new Map(tas.map((t) => [t.TxnDate, t]));

async function entry(w: World, projectIndex: number, start: number, minutes: number, description: string): Promise<string> {
  const e = await w.repos.entries.create({ projectId: w.projects[projectIndex]!.id, description, start, end: start + minutes * MIN, zone: ZONE });
  return e.id;
}

/** An approved-entry edit as the Edit dialog makes it: confirmed, it stays approved and is re-queued. */
async function edit(w: World, id: string, patch: Parameters<World['repos']['entries']['update']>[1]): Promise<void> {
  await w.repos.entries.update(id, patch, { confirmed: true });
}

describe('aggregated projects against the sandbox', () => {
  /** P0 aggregated, rounded up to 15 minutes per entry, $100.00 an hour. */
  async function aggregatedWorld(): Promise<World> {
    const w = await world(qbo.conn);
    await w.repos.projects.update(w.projects[0]!.id, { rounding: { incrementMinutes: 15, mode: 'up', scope: 'entry' } });
    await w.repos.sync.saveSettings({ aggregateProjectIds: [w.projects[0]!.id] });
    return w;
  }

  it('sends one summed TimeActivity per day, updates it in place, moves time between days and deletes it with its entries', async () => {
    const w = await aggregatedWorld();
    // 20, 35 and 50 minutes round up to 30, 45 and 60: 2 h 15 min (unrounded it would be 1 h 45).
    const a = await entry(w, 0, DAY1, 20, 'alpha');
    const b = await entry(w, 0, DAY1 + 60 * MIN, 35, 'beta');
    const c = await entry(w, 0, DAY1 + 120 * MIN, 50, 'gamma');
    await w.repos.entries.approve([a, b, c]);
    await sync(w);
    let tas = await sandboxTimeActivities(qbo.sandbox);
    expect(tas).toHaveLength(1);
    const [day] = tas;
    expect(day).toMatchObject({ TxnDate: '2026-10-01', Hours: 2, Minutes: 15, HourlyRate: 100, BillableStatus: 'Billable', CustomerRef: { value: w.projects[0]!.customerId } });
    expect(amountOf(day!)).toBe(22_500);
    expect(day!.Description).toContain('alpha; beta; gamma');
    for (const id of [a, b, c]) expect((await w.repos.entries.get(id))!.status).toBe('synced');

    // b: 35 → 55 minutes (rounds to 60): the same TimeActivity, updated, now 2 h 30.
    await edit(w, b, { end: DAY1 + 60 * MIN + 55 * MIN });
    await sync(w);
    tas = await sandboxTimeActivities(qbo.sandbox);
    expect(tas).toHaveLength(1);
    expect(tas[0]).toMatchObject({ Id: day!.Id, SyncToken: '1', Hours: 2, Minutes: 30 });
    expect(amountOf(tas[0]!)).toBe(25_000);

    // c moves to the next day: day 1 keeps a + b (30 + 60), day 2 gets c (60).
    await edit(w, c, { start: DAY1 + DAY + 120 * MIN, end: DAY1 + DAY + 170 * MIN });
    await sync(w);
    tas = await sandboxTimeActivities(qbo.sandbox);
    expect(tas).toHaveLength(2);
    const days = byDate(tas);
    expect(days.get('2026-10-01')).toMatchObject({ Id: day!.Id, Hours: 1, Minutes: 30 });
    expect(days.get('2026-10-01')!.Description).not.toContain('gamma');
    expect(amountOf(days.get('2026-10-01')!)).toBe(15_000);
    expect(days.get('2026-10-02')).toMatchObject({ Hours: 1, Minutes: 0 });
    expect(days.get('2026-10-02')!.Description).toContain('gamma');
    expect(amountOf(days.get('2026-10-02')!)).toBe(10_000);
    expect((await w.repos.sync.records()).map((r) => r.entryIds.length).sort()).toEqual([1, 2]);

    // Deleting every entry deletes both TimeActivities, once they leave the trash.
    const deleted = await w.repos.entries.delete([a, b, c], { confirmed: true });
    expect(deleted.planned).toBe(0);
    await w.repos.trash.empty();
    expect(await w.repos.sync.openRows()).toHaveLength(2);
    await sync(w);
    expect(await sandboxTimeActivities(qbo.sandbox)).toEqual([]);
    expect(await w.repos.sync.records()).toEqual([]);
  });

  it('deletes the old day when its last entry moves away, and updates it when one of several moves to another project', async () => {
    const w = await aggregatedWorld();
    const a = await entry(w, 0, DAY1, 30, 'alpha');
    const b = await entry(w, 0, DAY1 + 60 * MIN, 30, 'beta');
    const lone = await entry(w, 0, DAY1 + 2 * DAY, 45, 'lone');
    await w.repos.entries.approve([a, b, lone]);
    await sync(w);
    const before = byDate(await sandboxTimeActivities(qbo.sandbox));
    expect(before.size).toBe(2);

    // The only entry of 2026-10-03 moves to 2026-10-04: that day's TimeActivity goes.
    await edit(w, lone, { start: DAY1 + 3 * DAY, end: DAY1 + 3 * DAY + 45 * MIN });
    // b moves to P1 (not aggregated): day 1 keeps a alone, b gets its own TimeActivity.
    await edit(w, b, { projectId: w.projects[1]!.id });
    await sync(w);
    const tas = await sandboxTimeActivities(qbo.sandbox);
    expect(tas).toHaveLength(3);
    const day1 = tas.filter((t) => t.TxnDate === '2026-10-01');
    expect(day1.find((t) => t.CustomerRef?.value === w.projects[0]!.customerId)).toMatchObject({ Id: before.get('2026-10-01')!.Id, Hours: 0, Minutes: 30 });
    expect(day1.find((t) => t.CustomerRef?.value === w.projects[1]!.customerId)).toMatchObject({ Hours: 0, Minutes: 30, HourlyRate: 101 });
    expect(tas.find((t) => t.TxnDate === '2026-10-03')).toBeUndefined();
    expect(tas.find((t) => t.TxnDate === '2026-10-04')).toMatchObject({ Hours: 0, Minutes: 45 });
  });

  it('an aggregate holds only its approved entries: a day left with an unapproved one goes until it is approved again', async () => {
    const w = await aggregatedWorld();
    const a = await entry(w, 0, DAY1, 30, 'alpha');
    const b = await entry(w, 0, DAY1 + 60 * MIN, 30, 'beta');
    await w.repos.entries.approve([a, b]);
    await sync(w);
    // a is edited without re-approval (back to draft, still on day 1); b moves to day 2.
    await w.repos.entries.update(a, { description: 'alpha, reworded' }, { confirmed: true, keepApproved: false });
    await edit(w, b, { start: DAY1 + DAY, end: DAY1 + DAY + 30 * MIN });
    await sync(w);
    let tas = await sandboxTimeActivities(qbo.sandbox);
    expect(tas.map((t) => [t.TxnDate, minutesOf(t)])).toEqual([['2026-10-02', 30]]);
    await w.repos.entries.approve([a]);
    await sync(w);
    tas = await sandboxTimeActivities(qbo.sandbox);
    expect(tas.map((t) => [t.TxnDate, minutesOf(t)]).sort()).toEqual([
      ['2026-10-01', 30],
      ['2026-10-02', 30],
    ]);
    expect(byDate(tas).get('2026-10-01')!.Description).toContain('alpha, reworded');
  });

  it('moves synced time between per-entry and per-day TimeActivities when aggregation is switched on and off', async () => {
    const w = await world(qbo.conn);
    const p0 = w.projects[0]!.id;
    const a = await entry(w, 0, DAY1, 30, 'alpha');
    const b = await entry(w, 0, DAY1 + 60 * MIN, 45, 'beta');
    await w.repos.entries.approve([a, b]);
    await sync(w);
    expect(await sandboxTimeActivities(qbo.sandbox)).toHaveLength(2);

    await w.repos.sync.saveSettings({ aggregateProjectIds: [p0] });
    await sync(w);
    let tas = await sandboxTimeActivities(qbo.sandbox);
    expect(tas).toHaveLength(1);
    expect(tas[0]).toMatchObject({ Hours: 1, Minutes: 15 });

    await w.repos.sync.saveSettings({ aggregateProjectIds: [] });
    await sync(w);
    tas = await sandboxTimeActivities(qbo.sandbox);
    expect(tas.map(minutesOf).sort()).toEqual([30, 45]);
    expect((await w.repos.sync.records()).map((r) => r.key).sort()).toEqual([`entry:${a}`, `entry:${b}`].sort());
  });
});

describe('editing approved time re-queues it', () => {
  it('a confirmed edit of a synced entry stays approved and updates the same TimeActivity with its current SyncToken', async () => {
    const w = await world(qbo.conn);
    const id = await entry(w, 1, DAY1, 60, 'site visit');
    await w.repos.entries.approve([id]);
    await sync(w);
    const [sent] = await sandboxTimeActivities(qbo.sandbox);
    expect(sent).toMatchObject({ Hours: 1, Minutes: 0, SyncToken: '0' });

    // Unconfirmed, the edit is refused and nothing is queued.
    await expect(w.repos.entries.update(id, { description: 'nope' })).rejects.toThrow();
    expect(await w.repos.sync.openRows()).toHaveLength(0);

    const { entry: edited, planned } = await w.repos.entries.update(id, { end: DAY1 + 90 * MIN, description: 'site visit, longer' }, { confirmed: true });
    expect(edited.status).toBe('approved');
    expect(planned).toBe(1);
    const [row] = await w.repos.sync.openRows();
    expect(row).toMatchObject({ op: 'update', qboId: sent!.Id, syncToken: '0', entryVersions: [edited.version] });
    await sync(w);
    const tas = await sandboxTimeActivities(qbo.sandbox);
    expect(tas).toHaveLength(1);
    expect(tas[0]).toMatchObject({ Id: sent!.Id, Hours: 1, Minutes: 30, SyncToken: '1' });
    expect(tas[0]!.Description).toContain('site visit, longer');
    expect((await w.repos.entries.get(id))!.status).toBe('synced');
  });

  it('a confirmed edit of an approved, never-sent entry replaces its queued create, so the old numbers never go out', async () => {
    const w = await world(qbo.conn);
    const id = await entry(w, 1, DAY1, 60, 'draft plan');
    await w.repos.entries.approve([id]);
    const [queued] = await w.repos.sync.openRows();
    await w.repos.entries.update(id, { end: DAY1 + 45 * MIN }, { confirmed: true });
    const rows = await w.repos.sync.openRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ op: 'create', requestId: queued!.requestId });
    expect(rows[0]!.payloadHash).not.toBe(queued!.payloadHash);
    await sync(w);
    const tas = await sandboxTimeActivities(qbo.sandbox);
    expect(tas.map((t) => [t.Hours, t.Minutes])).toEqual([[0, 45]]);
  });

  it('a draft entry is edited without queueing anything', async () => {
    const w = await world(qbo.conn);
    const id = await entry(w, 1, DAY1, 60, 'just a draft');
    const { entry: edited, planned } = await w.repos.entries.update(id, { description: 'still a draft' });
    expect(edited.status).toBe('draft');
    expect(planned).toBe(0);
    expect(await w.repos.sync.openRows()).toHaveLength(0);
  });
});

describe('split and merge of synced entries re-queue through sync', () => {
  it('split: the original TimeActivity is updated to the first part and the second part is created', async () => {
    const w = await world(qbo.conn);
    const id = await entry(w, 0, DAY1, 90, 'whole');
    await w.repos.entries.approve([id]);
    await sync(w);
    const [original] = await sandboxTimeActivities(qbo.sandbox);

    const { parts, planned } = await w.repos.entries.split(id, DAY1 + 30 * MIN, { confirmed: true });
    expect(planned).toBe(2);
    const rows = await w.repos.sync.openRows();
    expect(rows.map((r) => [r.op, r.key]).sort()).toEqual([
      ['create', `entry:${parts[1].id}`],
      ['update', `entry:${id}`],
    ]);
    await sync(w);
    const tas = await sandboxTimeActivities(qbo.sandbox);
    expect(tas).toHaveLength(2);
    expect(tas.find((t) => t.Id === original!.Id)).toMatchObject({ SyncToken: '1', Hours: 0, Minutes: 30 });
    expect(tas.find((t) => t.Id !== original!.Id)).toMatchObject({ Hours: 1, Minutes: 0 });
    for (const p of parts) expect((await w.repos.entries.get(p.id))!.status).toBe('synced');
  });

  it('split of an approved entry without confirmation is refused and queues nothing', async () => {
    const w = await world(qbo.conn);
    const id = await entry(w, 0, DAY1, 90, 'whole');
    await w.repos.entries.approve([id]);
    await expect(w.repos.entries.split(id, DAY1 + 30 * MIN)).rejects.toThrow(/approved/);
    expect((await w.repos.sync.openRows()).map((r) => r.op)).toEqual(['create']);
  });

  it('merge: one TimeActivity is updated to the merged time and the other deleted, after confirmation', async () => {
    const w = await world(qbo.conn);
    const a = await entry(w, 0, DAY1, 30, 'first');
    const b = await entry(w, 0, DAY1 + 30 * MIN, 45, 'second');
    await w.repos.entries.approve([a, b]);
    await sync(w);
    const before = await sandboxTimeActivities(qbo.sandbox);
    const kept = before.find((t) => t.Description?.includes('first'))!;

    const asked = await w.repos.entries.merge([a, b]);
    expect(asked).toMatchObject({ needsConfirmation: true, merged: null });
    expect(await w.repos.entries.get(b)).toBeDefined();

    const merged = await w.repos.entries.merge([a, b], { confirmed: true });
    expect(merged.merged!.id).toBe(a);
    expect(merged.merged!.status).toBe('approved');
    expect((await w.repos.sync.openRows()).map((r) => [r.op, r.key]).sort()).toEqual([
      ['delete', `entry:${b}`],
      ['update', `entry:${a}`],
    ]);
    await sync(w);
    const tas = await sandboxTimeActivities(qbo.sandbox);
    expect(tas).toHaveLength(1);
    expect(tas[0]).toMatchObject({ Id: kept.Id, SyncToken: '1', Hours: 1, Minutes: 15 });
    expect(tas[0]!.Description).toContain('first; second');
    expect((await w.repos.entries.get(a))!.status).toBe('synced');
    expect((await w.repos.sync.records()).map((r) => r.key)).toEqual([`entry:${a}`]);
  });

  it('merge within an aggregated day leaves one TimeActivity with the merged, re-rounded total', async () => {
    const w = await world(qbo.conn);
    await w.repos.projects.update(w.projects[0]!.id, { rounding: { incrementMinutes: 15, mode: 'up', scope: 'entry' } });
    await w.repos.sync.saveSettings({ aggregateProjectIds: [w.projects[0]!.id] });
    // 20 + 20 + 10 minutes round to 30 + 30 + 15; merging the first two (40 → 45) gives 60.
    const a = await entry(w, 0, DAY1, 20, 'first');
    const b = await entry(w, 0, DAY1 + 20 * MIN, 20, 'second');
    const c = await entry(w, 0, DAY1 + 120 * MIN, 10, 'third');
    await w.repos.entries.approve([a, b, c]);
    await sync(w);
    const [day] = await sandboxTimeActivities(qbo.sandbox);
    expect(day).toMatchObject({ Hours: 1, Minutes: 15 });

    await w.repos.entries.merge([a, b], { confirmed: true });
    await sync(w);
    const tas = await sandboxTimeActivities(qbo.sandbox);
    expect(tas).toHaveLength(1);
    expect(tas[0]).toMatchObject({ Id: day!.Id, SyncToken: '1', Hours: 1, Minutes: 0 });
    expect((await w.repos.sync.records())[0]!.entryIds.sort()).toEqual([a, c].sort());
  });
});
