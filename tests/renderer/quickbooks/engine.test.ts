// The sync engine against the local QuickBooks sandbox (limits on, time-scaled), through main's real
// client: exactly-once under 503s and dropped-after-commit connections, per-item validation faults,
// token expiry and refresh under concurrency, auth pauses, edits and deletes after a sync, the audit
// trail, and one run at a time.
import { auditCsv } from '../../../shared/sync/audit';
import { describe, expect, it } from 'vitest';
import { createSyncEngine } from '../../../renderer/src/features/quickbooks/engine/engine';
import { connect, control, makeEntries, sandboxState, sandboxTimeActivities, world, type World } from './setup';
import { useWorldSandbox } from './sandbox-hooks';

const SCALE = 60;
const qbo = useWorldSandbox(SCALE, { seed: 7 });

const engineFor = (w: World, extra: Partial<Parameters<typeof createSyncEngine>[0]> = {}) =>
  createSyncEngine({ repos: w.repos, port: w.conn.port, retryScale: SCALE, concurrency: 4, ...extra });

/** Marker → TimeActivities holding it in their Description. */
function byMarker(tas: { Description?: string }[]) {
  const counts = new Map<string, number>();
  for (const ta of tas) {
    const m = /\[tn:(m\d+)\]/.exec(ta.Description ?? '')?.[1];
    if (m) counts.set(m, (counts.get(m) ?? 0) + 1);
  }
  return counts;
}

describe('approve queues the outbox in the same transaction', () => {
  it('writes the approval and the outbox row together, and a failure leaves neither', async () => {
    const w = await world(qbo.conn);
    const [a, b] = await makeEntries(w, 2);
    const ok = await w.repos.entries.approve([a!]);
    expect(ok.approved).toEqual([a]);
    expect(ok.planned).toBe(1);
    const rows = await w.repos.sync.openRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ op: 'create', state: 'pending', entryIds: [a] });
    expect(rows[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/);

    // Make the outbox write fail inside the transaction: the approval must roll back too.
    const fail = () => {
      throw new Error('disk full');
    };
    w.db.outbox.hook('creating', fail);
    await expect(w.repos.entries.approve([b!])).rejects.toThrow('disk full');
    w.db.outbox.hook('creating').unsubscribe(fail);
    expect((await w.repos.entries.get(b!))!.status).toBe('draft');
    expect(await w.repos.sync.openRows()).toHaveLength(1);
  });
});

describe('pushing', () => {
  it('pushes N approved entries as exactly N TimeActivities, marks them synced and audits every write', async () => {
    const w = await world(qbo.conn);
    const ids = await makeEntries(w, 95);
    await w.repos.entries.approve(ids);
    const result = await engineFor(w).run();
    expect(result).toMatchObject({ status: 'completed', done: 95, failed: 0, remaining: 0 });
    expect(result.batches).toBe(4); // 30 + 30 + 30 + 5
    const tas = await sandboxTimeActivities(qbo.sandbox);
    expect(tas).toHaveLength(95);
    expect([...byMarker(tas).values()].every((n) => n === 1)).toBe(true);
    for (const id of ids) expect((await w.repos.entries.get(id))!.status).toBe('synced');
    const audit = await w.repos.sync.audit();
    expect(audit).toHaveLength(95);
    for (const a of audit) {
      expect(a).toMatchObject({ op: 'create', outcome: 'ok', syncToken: '0' });
      expect(a.payloadHash).toMatch(/^[0-9a-f]{64}$/);
      expect(a.qboId).toBeTruthy();
      expect(a.intuitTid).toBeTruthy();
    }
    expect(auditCsv(audit).split('\r\n')[0]).toContain('intuitTid');
    // A second run finds nothing to do.
    expect(await engineFor(w).run()).toMatchObject({ status: 'completed', sent: 0 });
  });

  it('creates no duplicates and misses nothing with 503s and connections dropped after the commit', async () => {
    const w = await world(qbo.conn);
    const ids = await makeEntries(w, 240);
    await w.repos.entries.approve(ids);
    await control(qbo.sandbox, 'faults', { errorRate: 0.25, dropAfterCommitRate: 0.2, seed: 5 });
    const result = await engineFor(w).run();
    expect(result).toMatchObject({ status: 'completed', done: 240, failed: 0, remaining: 0 });
    const state = await sandboxState(qbo.sandbox);
    const counters = state['counters'] as Record<string, number>;
    expect(counters['droppedAfterCommit']).toBeGreaterThan(0);
    expect(counters['faultsInjected']).toBeGreaterThan(0);
    expect(counters['replays']).toBeGreaterThan(0);
    const tas = await sandboxTimeActivities(qbo.sandbox);
    expect(tas).toHaveLength(240);
    const markers = byMarker(tas);
    expect(markers.size).toBe(240);
    expect([...markers.values()].every((n) => n === 1)).toBe(true);
    const retrying = (await w.repos.sync.audit()).filter((a) => a.outcome === 'retrying');
    expect(retrying.length).toBeGreaterThan(0);
  }, 60_000);

  it("flags an entry whose customer is inactive with QuickBooks' reason and sends the rest", async () => {
    const w = await world(qbo.conn, { projects: 2 });
    // Deactivate the second project's customer in QBO after the mirror was imported (pre-flight
    // cannot know): QuickBooks refuses those items, the others go through.
    const customer = w.projects[1]!.customerId;
    const current = (await qbo.conn.port.read('Customer', customer))!;
    await qbo.conn.client.write('Customer', 'update', { Id: customer, SyncToken: current['SyncToken'], sparse: true, Active: false }, crypto.randomUUID());
    const ids = await makeEntries(w, 10);
    await w.repos.entries.approve(ids);
    const result = await engineFor(w).run();
    expect(result).toMatchObject({ status: 'completed', done: 5, failed: 5 });
    const rows = await w.repos.sync.allRows();
    const failed = rows.filter((r) => r.state === 'failed');
    expect(failed).toHaveLength(5);
    // QuickBooks' 610 does not say which reference is inactive (its element is empty), so neither can we.
    for (const r of failed) expect(r.lastError).toMatch(/A customer, service item, class or person used by this entry is inactive or was deleted in QuickBooks/);
    expect(await sandboxTimeActivities(qbo.sandbox)).toHaveLength(5);
    const audit = await w.repos.sync.audit();
    expect(audit.filter((a) => a.outcome === 'failed')).toHaveLength(5);
    // The failed entries stay approved (not synced); the next automatic run does not resend them unchanged.
    expect((await engineFor(w).run()).sent).toBe(0);
  });

  it('refreshes an expired access token once, even with batches in flight, and completes', async () => {
    const w = await world(qbo.conn);
    const ids = await makeEntries(w, 150);
    await w.repos.entries.approve(ids);
    const before = qbo.conn.keeper.refreshes;
    await control(qbo.sandbox, 'faults', { expireAccessTokens: true });
    const result = await engineFor(w, { concurrency: 5 }).run();
    expect(result).toMatchObject({ status: 'completed', done: 150, remaining: 0 });
    expect(qbo.conn.keeper.refreshes - before).toBe(1);
    expect(await sandboxTimeActivities(qbo.sandbox)).toHaveLength(150);
  });

  it('pauses with "needs reconnect" when the token cannot be refreshed, keeping every row', async () => {
    const own = await connect(qbo.sandbox, SCALE);
    const w = await world(own);
    const ids = await makeEntries(w, 40);
    await w.repos.entries.approve(ids);
    await own.keeper.update((c) => ({ ...c, tokens: { ...c.tokens, refresh_token: 'revoked-refresh-token' } }));
    await control(qbo.sandbox, 'faults', { expireAccessTokens: true });
    const progress: string[] = [];
    const engine = createSyncEngine({ repos: w.repos, port: own.port, retryScale: SCALE, onProgress: (p) => progress.push(p.phase) });
    const result = await engine.run();
    expect(result.status).toBe('paused_auth');
    expect(engine.progress()).toMatchObject({ phase: 'paused', needsReconnect: true });
    expect(result.remaining).toBe(40);
    expect((await own.port.status()).state).toBe('reconnect_required');
    expect(await sandboxTimeActivities(qbo.sandbox)).toHaveLength(0);
    const rows = await w.repos.sync.openRows();
    expect(rows).toHaveLength(40);
    // A later run stays paused until the connection is back.
    expect((await engine.run()).status).toBe('paused_auth');
  });

  it('plans approved entries that have no outbox rows when a run starts', async () => {
    const w = await world(qbo.conn);
    const ids = await makeEntries(w, 4);
    await w.repos.entries.approve(ids);
    // Approved time left without its rows, as an older release or a pre-flight block left it.
    await w.db.outbox.clear();
    expect(await w.repos.sync.openRows()).toHaveLength(0);
    expect(await engineFor(w).run()).toMatchObject({ status: 'completed', done: 4, remaining: 0 });
    expect(await sandboxTimeActivities(qbo.sandbox)).toHaveLength(4);
  });

  it('runs one sync at a time: a second call joins the first', async () => {
    const w = await world(qbo.conn);
    await w.repos.entries.approve(await makeEntries(w, 60));
    const engine = engineFor(w);
    const first = engine.run();
    const second = engine.run();
    expect(engine.isRunning()).toBe(true);
    expect(second).toBe(first);
    const [a, b] = await Promise.all([first, second]);
    expect(a).toBe(b);
    expect(await sandboxTimeActivities(qbo.sandbox)).toHaveLength(60);
  });
});

describe('after the push', () => {
  it('sends an edit of a synced entry as a full update with the current SyncToken', async () => {
    const w = await world(qbo.conn);
    const [id] = await makeEntries(w, 1);
    await w.repos.entries.approve([id!]);
    await engineFor(w).run();
    const [record] = await w.repos.sync.records();
    expect(record!.syncToken).toBe('0');
    const entry = (await w.repos.entries.get(id!))!;
    await w.repos.entries.update(id!, { end: entry.start + 95 * 60_000, description: 'm0 edited' }, { confirmed: true });
    const planned = await w.repos.entries.approve([id!]);
    expect(planned.planned).toBe(1);
    const [row] = await w.repos.sync.openRows();
    expect(row).toMatchObject({ op: 'update', qboId: record!.qboId, syncToken: '0' });
    expect((await engineFor(w).run()).done).toBe(1);
    const [ta] = await sandboxTimeActivities(qbo.sandbox);
    expect(ta).toMatchObject({ Id: record!.qboId, SyncToken: '1', Hours: 1, Minutes: 35 });
    expect(ta!.Description).toContain('m0 edited');
    expect((await w.repos.entries.get(id!))!.status).toBe('synced');
    const audit = await w.repos.sync.audit();
    expect(audit.map((a) => [a.op, a.syncToken])).toEqual([
      ['create', '0'],
      ['update', '1'],
    ]);
  });

  it('deletes the TimeActivity when a synced entry is deleted after confirmation and the trash is emptied', async () => {
    const w = await world(qbo.conn);
    const ids = await makeEntries(w, 2);
    await w.repos.entries.approve(ids);
    await engineFor(w).run();
    const unconfirmed = await w.repos.entries.delete([ids[0]!]);
    expect(unconfirmed.needsConfirmation).toBe(true);
    expect(await w.repos.entries.get(ids[0]!)).toBeDefined();
    // Confirmed, it goes to the trash and QuickBooks keeps the time until the trash is emptied.
    const confirmed = await w.repos.entries.delete([ids[0]!], { confirmed: true });
    expect(confirmed).toMatchObject({ needsConfirmation: false, planned: 0 });
    expect((await engineFor(w).run()).done).toBe(0);
    expect(await sandboxTimeActivities(qbo.sandbox)).toHaveLength(2);
    await w.repos.trash.empty();
    expect((await engineFor(w).run()).done).toBe(1);
    const tas = await sandboxTimeActivities(qbo.sandbox);
    expect(tas).toHaveLength(1);
    expect(tas[0]!.Description).toContain('m1');
    expect((await w.repos.sync.records()).map((r) => r.entryIds)).toEqual([[ids[1]]]);
  });

  it('re-reads and retries when QuickBooks holds a newer SyncToken (stale 5010)', async () => {
    const w = await world(qbo.conn);
    const [id] = await makeEntries(w, 1);
    await w.repos.entries.approve([id!]);
    await engineFor(w).run();
    const [record] = await w.repos.sync.records();
    // Someone saves it in QuickBooks (SyncToken 0 → 1) while we edit it locally.
    const held = (await qbo.conn.port.read('TimeActivity', record!.qboId))!;
    await qbo.conn.client.write('TimeActivity', 'update', { ...held }, crypto.randomUUID());
    const entry = (await w.repos.entries.get(id!))!;
    await w.repos.entries.update(id!, { end: entry.start + 40 * 60_000 }, { confirmed: true });
    await w.repos.entries.approve([id!]);
    const result = await engineFor(w).run();
    expect(result).toMatchObject({ status: 'completed', remaining: 0 });
    const [ta] = await sandboxTimeActivities(qbo.sandbox);
    expect(ta).toMatchObject({ SyncToken: '2', Hours: 0, Minutes: 40 });
    expect((await w.repos.sync.audit()).map((a) => a.outcome)).toEqual(['ok', 'conflict', 'ok']);
  });
});
