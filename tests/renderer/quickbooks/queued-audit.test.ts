// A QuickBooks Desktop company holds a send until the Web Connector's next update, which may be a
// day away: the engine resends the same batch every few minutes and each answer is "queued". The
// audit trail must say so once per entry, not once per attempt; a different answer is a new line.
// And a run does not sit waiting for the Web Connector: it ends, and the next run (the schedule,
// or the end of the Web Connector's update) resends the same batch and gets QuickBooks' answer.
import { describe, expect, it } from 'vitest';
import { planBatch } from '../../../shared/sync/batch-plan';
import { sendable } from '../../../shared/sync/outbox';
import type { SendFailure } from '../../../shared/sync/classify';
import { createSyncEngine } from '../../../renderer/src/features/quickbooks/engine/engine';
import { QboPortError, type QboPort } from '../../../renderer/src/features/quickbooks/engine/qbo-port';
import { QBD_QUEUED } from '../../../shared/qbd/translate';
import { makeEntries, sandboxTimeActivities, world } from './setup';
import { useWorldSandbox } from './sandbox-hooks';

const qbo = useWorldSandbox(60, { seed: 7 });
const queued: SendFailure = { kind: 'network', reason: 'queued', message: 'Waiting for the Web Connector.' };

describe('applyFailure on a send that waits for the Web Connector', () => {
  it('writes one retrying audit line per entry however many times the same wait repeats, and a new one when the words change', async () => {
    const w = await world(qbo.conn);
    await w.repos.entries.approve(await makeEntries(w, 2));
    const plan = planBatch(sendable(await w.repos.sync.openRows(), Date.now()))!;
    expect(await w.repos.sync.persistPlan(plan)).toBe(true);

    for (let i = 0; i < 5; i++) await w.repos.sync.applyFailure(plan, queued);
    const waiting = (await w.repos.sync.audit()).filter((a) => a.requestId === plan.requestId);
    expect(waiting.map((a) => a.outcome)).toEqual(['retrying', 'retrying']);
    expect(new Set(waiting.map((a) => a.key)).size).toBe(2);

    await w.repos.sync.applyFailure(plan, { kind: 'network', reason: 'timeout' });
    const after = (await w.repos.sync.audit()).filter((a) => a.requestId === plan.requestId);
    expect(after).toHaveLength(4);
    expect(after.slice(2).every((a) => a.outcome === 'retrying' && a.message !== waiting[0]!.message)).toBe(true);
  });

  it('ends a run whose batch waits for the Web Connector, and the next run resends it as it was and settles it', async () => {
    const w = await world(qbo.conn);
    await w.repos.entries.approve(await makeEntries(w, 2));
    const sent: string[] = [];
    let updateEnded = false;
    const port: QboPort = {
      ...w.conn.port,
      async batch(requestId, items) {
        sent.push(requestId);
        if (!updateEnded) throw new QboPortError('network', 'Waiting for the Web Connector.', { type: QBD_QUEUED });
        return w.conn.port.batch(requestId, items);
      },
    };
    // No time scale: the resend after the update must not wait out a retry backoff.
    const engine = createSyncEngine({ repos: w.repos, port });
    expect(await engine.run()).toMatchObject({ status: 'completed', done: 0, remaining: 2 });
    expect(sent).toHaveLength(1);
    expect((await w.repos.sync.audit()).map((a) => a.outcome)).toEqual(['retrying', 'retrying']);
    // Due at once: the run after the Web Connector's update resends it without a backoff.
    expect((await w.repos.sync.openRows()).map((r) => [r.state, r.nextAttemptAt])).toEqual([['inflight', undefined], ['inflight', undefined]]);

    updateEnded = true;
    const second = await engine.run();
    expect(second).toMatchObject({ status: 'completed', done: 2, remaining: 0 });
    expect(new Set(sent).size).toBe(1);
    expect(await sandboxTimeActivities(qbo.sandbox)).toHaveLength(2);
  });
});
