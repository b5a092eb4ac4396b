// The trash on fake-indexeddb: a delete moves an entry to the trash with its status; time QuickBooks
// holds stays there for 24 hours (or until the trash is emptied), so restoring it within that time
// brings the row back as it was and plans nothing; after it, the QuickBooks delete is planned and a
// restore gives a draft. An approved entry that never left the machine has its create cancelled and
// queued again on restore. Emptying, "Delete forever" and the 30-day purge take entries out for good.
// QuickBooks' answers are applied through the repositories as the engine applies them.
import { describe, expect, it } from 'vitest';
import { planBatch } from '../../../shared/sync/batch-plan';
import { sendable } from '../../../shared/sync/outbox';
import { QBO_HOLD_MS, TRASH_KEEP_MS } from '../../../renderer/src/db/repos/trash-repo';
import type { EntryRow } from '../../../renderer/src/db/schema';
import { COOL_CARS, seedCoolCars } from '../quickbooks/cool-cars';
import { at, testEnv, type TestEnv } from './helpers';

const NY = 'America/New_York';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A billable project mapped to the Cool Cars company, at 120.00 USD an hour. */
async function qboEnv() {
  const env = await testEnv();
  await env.repos.settings.set('currency', 'USD');
  await seedCoolCars(env.repos);
  const project = await env.repos.projects.create({ name: 'Showroom', rateMinor: 12_000, currency: 'USD', qboCustomerId: COOL_CARS.customerId, qboItemId: COOL_CARS.itemId });
  let n = 0;
  const entry = async (hour: number, description = `e${++n}`) => {
    const start = at('2026-03-02', `${String(hour).padStart(2, '0')}:00`, NY);
    return env.repos.entries.create({ projectId: project.id, description, start, end: start + HOUR, zone: NY });
  };
  return { ...env, project, entry };
}

let qboIds = 100;
/** Sends every sendable outbox row as the engine does and lets QuickBooks accept each one. */
async function pushAll({ repos, clock }: TestEnv): Promise<number> {
  const plan = planBatch(sendable(await repos.sync.openRows(), clock.now));
  if (!plan) return 0;
  await repos.sync.persistPlan(plan);
  const rows = await repos.sync.openRows();
  await repos.sync.applyAnswer(
    plan,
    plan.items.map((item) => {
      const row = rows.find((r) => r.id === item.rowId)!;
      return { rowId: item.rowId, kind: 'done' as const, qboId: row.qboId ?? String(++qboIds), syncToken: row.op === 'create' ? '0' : String(Number(row.syncToken) + 1) };
    }),
  );
  return plan.items.length;
}

/** An entry approved and accepted by QuickBooks. */
async function syncedEntry(env: Awaited<ReturnType<typeof qboEnv>>, hour = 9): Promise<EntryRow> {
  const e = await env.entry(hour);
  await env.repos.entries.approve([e.id]);
  await pushAll(env);
  const synced = (await env.repos.entries.get(e.id))!;
  expect(synced.status).toBe('synced');
  return synced;
}

const withoutVersion = (e: EntryRow) => {
  const { version: _v, updatedAt: _u, ...rest } = e;
  return rest;
};

describe('deleting moves an entry to the trash', () => {
  it('keeps the row with its status, newest first, out of the day, with an audit row', async () => {
    const env = await qboEnv();
    const first = await env.entry(9);
    const second = await env.entry(11);
    await env.repos.entries.delete([first.id], { confirmed: true });
    env.clock.advance(60_000);
    await env.repos.entries.delete([second.id], { confirmed: true });
    expect(await env.repos.entries.listDay('2026-03-02')).toEqual([]);
    const trash = await env.repos.trash.list();
    expect(trash.map((e) => e.id)).toEqual([second.id, first.id]);
    expect(trash[1]).toMatchObject({ status: 'draft', deletedAt: env.clock.now - 60_000, trashedAt: env.clock.now - 60_000, version: 2 });
    expect(trash[1]!.qboHold).toBeUndefined();
    expect(await env.repos.trash.count()).toBe(2);
    expect((await env.repos.audit.listForEntity(first.id)).at(-1)).toMatchObject({ action: 'delete', version: 2 });
  });

  it('merged-away entries and zero-length timers do not enter the trash', async () => {
    const env = await qboEnv();
    const a = await env.entry(9);
    const b = await env.entry(10);
    await env.repos.entries.merge([a.id, b.id]);
    const t = at('2026-03-02', '12:00', NY);
    await env.repos.entries.startTimer(null, null, t, NY);
    await env.repos.entries.stopTimer(t);
    expect(await env.repos.trash.list()).toEqual([]);
  });
});

describe('time QuickBooks holds', () => {
  it('stays there while the entry is in the trash: restored, the row is as it was and nothing is queued', async () => {
    const env = await qboEnv();
    const synced = await syncedEntry(env);
    const record = (await env.repos.sync.records())[0]!;
    const deleted = await env.repos.entries.delete([synced.id], { confirmed: true });
    expect(deleted).toMatchObject({ planned: 0, cancelled: 0, qboHoldUntil: env.clock.now + QBO_HOLD_MS });
    expect(await env.repos.sync.openRows()).toEqual([]);
    const [trashed] = await env.repos.trash.list();
    expect(trashed).toMatchObject({ status: 'synced', qboHold: { until: env.clock.now + QBO_HOLD_MS } });

    env.clock.advance(QBO_HOLD_MS - 1);
    // The engine's planning step finds no hold whose time has come.
    expect(await env.repos.trash.releaseDueHolds()).toEqual([]);
    const { restored, planned } = await env.repos.trash.restore([synced.id]);
    expect(planned).toBe(0);
    expect(withoutVersion(restored[0]!)).toEqual(withoutVersion(synced));
    expect(restored[0]!.version).toBe(synced.version + 2);
    expect(await env.repos.entries.get(synced.id)).toEqual(restored[0]);
    expect(await env.repos.sync.openRows()).toEqual([]);
    expect(await env.repos.sync.records()).toEqual([record]);
    expect(await env.repos.trash.list()).toEqual([]);
    expect((await env.repos.audit.listForEntity(synced.id)).map((a) => a.action)).toEqual(['create', 'approve', 'status', 'delete', 'restore']);
  });

  it('after 24 hours the engine plans the delete; restored then, the entry is a draft to approve again', async () => {
    const env = await qboEnv();
    const synced = await syncedEntry(env);
    const record = (await env.repos.sync.records())[0]!;
    await env.repos.entries.delete([synced.id], { confirmed: true });
    const deletedAt = env.clock.now;
    env.clock.advance(QBO_HOLD_MS);
    const released = await env.repos.trash.releaseDueHolds();
    expect(released.map((e) => e.id)).toEqual([synced.id]);
    const [row] = await env.repos.sync.openRows();
    expect(row).toMatchObject({ op: 'delete', qboId: record.qboId, syncToken: record.syncToken, state: 'pending' });
    const [trashed] = await env.repos.trash.list();
    expect(trashed).toMatchObject({ status: 'draft', trashedAt: deletedAt, qboHold: { until: deletedAt + QBO_HOLD_MS, releasedAt: env.clock.now } });
    // Once only: the next planning step finds nothing more to release.
    expect(await env.repos.trash.releaseDueHolds()).toEqual([]);

    await pushAll(env);
    expect(await env.repos.sync.records()).toEqual([]);
    const { restored, planned } = await env.repos.trash.restore([synced.id]);
    expect(planned).toBe(0);
    expect(restored[0]).toMatchObject({ status: 'draft', deletedAt: null });
    expect(restored[0]!.qboHold).toBeUndefined();
    expect(await env.repos.sync.openRows()).toEqual([]);
  });

  it('emptying the trash queues the delete at once, and the entry stays as an invisible tombstone', async () => {
    const env = await qboEnv();
    const synced = await syncedEntry(env);
    const draft = await env.entry(11);
    await env.repos.entries.delete([synced.id, draft.id], { confirmed: true });
    expect(await env.repos.sync.openRows()).toEqual([]);
    const emptied = await env.repos.trash.empty();
    expect(emptied.map((e) => e.id).sort()).toEqual([synced.id, draft.id].sort());
    expect((await env.repos.sync.openRows()).map((r) => [r.op, r.entryIds])).toEqual([['delete', [synced.id]]]);
    expect(await env.repos.trash.count()).toBe(0);
    const tombstone = await env.db.entries.get(synced.id);
    expect(tombstone).toMatchObject({ deletedAt: expect.any(Number), status: 'draft' });
    expect(tombstone!.trashedAt).toBeUndefined();
    expect(await env.repos.entries.get(synced.id)).toBeUndefined();
    expect((await env.repos.audit.listForEntity(synced.id)).at(-1)).toMatchObject({ action: 'purge', actor: 'user', note: 'Deleted forever: the trash was emptied.' });
    await expect(env.repos.trash.restore([synced.id])).rejects.toThrow();
  });

  it('"Delete forever" takes one entry out and leaves the rest', async () => {
    const env = await qboEnv();
    const a = await syncedEntry(env, 9);
    const b = await syncedEntry(env, 11);
    await env.repos.entries.delete([a.id, b.id], { confirmed: true });
    await env.repos.trash.deleteForever([a.id]);
    expect((await env.repos.trash.list()).map((e) => e.id)).toEqual([b.id]);
    expect((await env.repos.sync.openRows()).map((r) => [r.op, r.entryIds])).toEqual([['delete', [a.id]]]);
  });
});

describe('an approved entry that never reached QuickBooks', () => {
  it('has its queued create cancelled, and restoring it brings it back approved and queued again', async () => {
    const env = await qboEnv();
    const e = await env.entry(9);
    await env.repos.entries.approve([e.id]);
    expect(await env.repos.entries.deleteNeedsConfirmation([e.id])).toBe(false);
    const deleted = await env.repos.entries.delete([e.id], { confirmed: true });
    expect(deleted).toMatchObject({ cancelled: 1, qboHoldUntil: null });
    expect(await env.repos.sync.openRows()).toEqual([]);
    expect((await env.repos.trash.list())[0]).toMatchObject({ status: 'approved' });
    const { restored, planned } = await env.repos.trash.restore([e.id]);
    expect(restored[0]).toMatchObject({ status: 'approved' });
    expect(planned).toBe(1);
    expect((await env.repos.sync.openRows()).map((r) => [r.op, r.entryIds, r.entryVersions])).toEqual([['create', [e.id], [restored[0]!.version]]]);
  });
});

describe('the 30-day purge', () => {
  it('takes out entries deleted 30 days ago or more, by the injected clock, and deletes what QuickBooks still held', async () => {
    const env = await qboEnv();
    const old = await syncedEntry(env, 9);
    const newer = await env.entry(11);
    await env.repos.entries.delete([old.id], { confirmed: true });
    const firstDelete = env.clock.now;
    env.clock.advance(10 * DAY);
    await env.repos.entries.delete([newer.id], { confirmed: true });

    env.clock.set(firstDelete + TRASH_KEEP_MS - 1);
    expect(await env.repos.trash.purgeExpired()).toEqual([]);
    env.clock.set(firstDelete + TRASH_KEEP_MS);
    expect((await env.repos.trash.purgeExpired()).map((e) => e.id)).toEqual([old.id]);
    expect((await env.repos.trash.list()).map((e) => e.id)).toEqual([newer.id]);
    // Its hold had not been released by a sync in the meantime: the purge queues the delete.
    expect((await env.repos.sync.openRows()).map((r) => [r.op, r.entryIds])).toEqual([['delete', [old.id]]]);
    expect((await env.repos.audit.listForEntity(old.id)).at(-1)).toMatchObject({ action: 'purge', actor: 'system' });

    env.clock.advance(10 * DAY);
    expect((await env.repos.trash.purgeExpired()).map((e) => e.id)).toEqual([newer.id]);
    expect(await env.repos.trash.count()).toBe(0);
  });
});
