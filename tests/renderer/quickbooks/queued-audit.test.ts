// A QuickBooks Desktop company holds a send until the Web Connector's next update, which may be a
// day away: the engine resends the same batch every few minutes and each answer is "queued". The
// audit trail must say so once per entry, not once per attempt; a different answer is a new line.
import { describe, expect, it } from 'vitest';
import { planBatch } from '../../../shared/sync/batch-plan';
import { sendable } from '../../../shared/sync/outbox';
import type { SendFailure } from '../../../shared/sync/classify';
import { makeEntries, world } from './setup';
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
});
