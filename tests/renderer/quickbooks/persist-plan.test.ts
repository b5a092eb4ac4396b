// The stale-row check of persistPlan(plan, expected): a plan built from rows read a while ago must
// not be stored (nor sent) when one of its rows changed meanwhile, e.g. an edit replaced a never-sent
// pending row in place (same id, same requestId, new body). Checked on the repository, and through
// the engine's fast path, which plans from the pending rows of its last look without re-reading them.
import { describe, expect, it } from 'vitest';
import { planBatch } from '../../../shared/sync/batch-plan';
import { sendable, type OutboxRow } from '../../../shared/sync/outbox';
import { createSyncEngine } from '../../../renderer/src/features/quickbooks/engine/engine';
import type { QboPort } from '../../../renderer/src/features/quickbooks/engine/qbo-port';
import { makeEntries, sandboxTimeActivities, world, type World } from './setup';
import { useWorldSandbox } from './sandbox-hooks';

const SCALE = 60;
const qbo = useWorldSandbox(SCALE, { seed: 7 });

/** Edits an approved entry and re-approves it: its never-sent pending row is replaced in place. */
async function editInPlace(w: World, entryId: string, description: string): Promise<void> {
  await w.repos.entries.update(entryId, { description }, { confirmed: true });
  await w.repos.entries.approve([entryId]);
}

describe('persistPlan(plan, expected)', () => {
  it('stores nothing and returns false when a row changed since it was read; the current rows plan fine', async () => {
    const w = await world(qbo.conn);
    const [a, b] = await makeEntries(w, 2);
    await w.repos.entries.approve([a!, b!]);
    const read = await w.repos.sync.openRows();
    const stale = planBatch(sendable(read, Date.now()))!;
    expect(stale.items).toHaveLength(2);

    await editInPlace(w, b!, 'm1 edited');
    const current = await w.repos.sync.openRows();
    const before = read.find((r) => r.entryIds[0] === b)!;
    const after = current.find((r) => r.entryIds[0] === b)!;
    // Same row, same requestId, new body: exactly what a plan built from `read` cannot see.
    expect(after).toMatchObject({ id: before.id, requestId: before.requestId, state: 'pending', attempts: 0 });
    expect(after.payloadHash).not.toBe(before.payloadHash);

    expect(await w.repos.sync.persistPlan(stale, read)).toBe(false);
    expect(await w.repos.sync.plan(stale.batchId)).toBeUndefined();
    const untouched = await w.repos.sync.openRows();
    expect(untouched).toEqual(current);
    expect(untouched.every((r) => r.state === 'pending' && r.batchId === undefined)).toBe(true);

    const fresh = planBatch(sendable(current, Date.now()))!;
    expect(await w.repos.sync.persistPlan(fresh, current)).toBe(true);
    const stored = (await w.repos.sync.plan(fresh.batchId))!;
    expect(JSON.stringify(stored.items)).toContain('m1 edited');
    expect((await w.repos.sync.openRows()).every((r) => r.state === 'inflight' && r.batchId === fresh.batchId)).toBe(true);
  });

  it('the engine re-plans when its fast path meets a row edited during a send, so the stale body is never sent', async () => {
    const w = await world(qbo.conn);
    const [a, b] = await makeEntries(w, 2);
    await w.repos.entries.approve([a!, b!]);

    // While the first batch (one row) is on its way, the entry of the other, still pending row is
    // edited and re-approved. The engine read that row before the send and plans it next from
    // memory (the fast path): persistPlan must refuse that plan.
    let edited: string | null = null;
    const sentBodies: string[] = [];
    const port: QboPort = {
      ...w.conn.port,
      async batch(requestId, items) {
        if (edited === null) {
          const waiting = (await w.repos.sync.openRows()).filter((r: OutboxRow) => r.state === 'pending');
          expect(waiting).toHaveLength(1);
          edited = waiting[0]!.entryIds[0]!;
          await editInPlace(w, edited, `${edited === a ? 'm0' : 'm1'} edited`);
        }
        sentBodies.push(...items.map((i) => JSON.stringify('body' in i ? i.body : i)));
        return w.conn.port.batch(requestId, items);
      },
    };
    const answers: boolean[] = [];
    const sync = {
      ...w.repos.sync,
      async persistPlan(...args: Parameters<World['repos']['sync']['persistPlan']>) {
        const ok = await w.repos.sync.persistPlan(...args);
        if (args[1]) answers.push(ok);
        return ok;
      },
    };
    const result = await createSyncEngine({ repos: { sync, trash: w.repos.trash }, port, retryScale: SCALE, concurrency: 1, maxItems: 1 }).run();
    expect(result).toMatchObject({ status: 'completed', done: 2, failed: 0, remaining: 0, batches: 2 });
    // The fast path tried the stale row once and was refused; the full look then planned the edit.
    expect(answers).toEqual([false]);
    expect(sentBodies).toHaveLength(2);
    expect(sentBodies.filter((body) => body.includes(' edited'))).toHaveLength(1);

    const tas = await sandboxTimeActivities(qbo.sandbox);
    expect(tas).toHaveLength(2);
    const marker = edited === a ? 'm0' : 'm1';
    expect(tas.find((t) => t.Description?.includes(`[tn:${marker}`))!.Description).toContain(`${marker} edited`);
    // What the record says QuickBooks holds is what it holds.
    const record = (await w.repos.sync.records()).find((r) => r.entryIds[0] === edited)!;
    expect(record.payload.Description).toContain(`${marker} edited`);
    expect((await w.repos.entries.get(edited!))!.status).toBe('synced');
  });
});
