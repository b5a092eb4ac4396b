import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toTimeActivities } from '../../../shared/qbo/transform';
import {
  applyBatchFailure,
  applyBatchResponse,
  batchesToResend,
  batchRequestBody,
  markInflight,
  MAX_BATCH_ITEMS,
  NO_ANSWER_MESSAGE,
  planBatch,
} from '../../../shared/sync/batch-plan';
import { seededRandom } from '../../../shared/sync/classify';
import { applyOutcomes, planChanges, sendable, type OutboxRow } from '../../../shared/sync/outbox';
import { context, entry, idSource, MIN } from '../qbo/fixtures';

const NOW = 1_800_000_000_000;

/** n pending create rows for n distinct entries. */
function pendingRows(n: number): OutboxRow[] {
  const base = entry({ id: 'base' });
  const entries = Array.from({ length: n }, (_, i) => entry({ id: `b${String(i).padStart(3, '0')}`, start: base.start + i * 90 * MIN, end: base.start + i * 90 * MIN + 30 * MIN }));
  return planChanges({ activities: toTimeActivities(entries, context()), removedKeys: [], records: [], outbox: [], ids: idSource(), now: NOW }).upserts;
}

describe('planBatch', () => {
  it('takes at most 30 items, bIds of at most 10 chars, a 36-char requestid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 75 }), fc.integer({ min: 1, max: 40 }), (n, maxItems) => {
        const plan = planBatch(pendingRows(n), { maxItems })!;
        expect(plan.items.length).toBe(Math.min(n, maxItems, MAX_BATCH_ITEMS));
        for (const item of plan.items) expect(item.bId.length).toBeLessThanOrEqual(10);
        expect(new Set(plan.items.map((i) => i.bId)).size).toBe(plan.items.length);
        expect(plan.requestId).toHaveLength(36);
        expect(plan.requestId.length).toBeLessThanOrEqual(36);
      }),
      { numRuns: 40 },
    );
  });

  it('plans the same rows identically every time (a crash before persisting is harmless)', () => {
    const rows = pendingRows(5);
    expect(planBatch(rows)).toEqual(planBatch(structuredClone(rows)));
  });

  it('keeps the identical plan through a timeout, and a new requestid for a later attempt', () => {
    const rows = pendingRows(3);
    const plan = planBatch(rows)!;
    const inflight = markInflight(rows, plan);
    expect(inflight.every((r) => r.state === 'inflight' && r.batchId === plan.batchId && r.attempts === 1)).toBe(true);
    expect(markInflight(inflight, plan)).toEqual(inflight); // resending the stored plan changes nothing

    const { rows: waiting, classification } = applyBatchFailure(plan, inflight, { kind: 'network', reason: 'timeout' }, NOW, { random: seededRandom(1) });
    expect(classification.action).toBe('retry_same');
    expect(waiting.every((r) => r.state === 'inflight' && r.batchId === plan.batchId)).toBe(true);
    expect(sendable(waiting, NOW + 10 ** 9)).toEqual([]); // not re-planned: the stored plan is resent
    expect(batchesToResend(waiting, NOW)).toEqual([]);
    expect(batchesToResend(waiting, NOW + 10 ** 9)).toEqual([plan.batchId]);

    // The same rows after a definitive "try again" answer: a new attempt, so a new requestid.
    const retried = applyOutcomes(inflight, plan.items.map((i) => ({ rowId: i.rowId, kind: 'retry' as const, userMessage: 'later', retryAfterMs: 0 })), NOW);
    const next = planBatch(sendable(retried, NOW))!;
    expect(next.requestId).not.toBe(plan.requestId);
    expect(next.items.map((i) => i.attempt)).toEqual([2, 2, 2]);
  });

  it('puts at most one write per TimeActivity in a batch', () => {
    const [row] = pendingRows(1);
    const second: OutboxRow = { ...row!, id: 'other', op: 'update', qboId: '1', syncToken: '0', createdAt: NOW + 1 };
    expect(planBatch([row!, second])!.items.map((i) => i.rowId)).toEqual([row!.id]);
  });

  it('builds create, full update and delete bodies', () => {
    const [row] = pendingRows(1);
    const update: OutboxRow = { ...row!, id: 'u', key: 'k2', op: 'update', qboId: '12', syncToken: '4' };
    const del: OutboxRow = { ...row!, id: 'd', key: 'k3', op: 'delete', qboId: '13', syncToken: '9' };
    const plan = planBatch([row!, update, del])!;
    expect(plan.items.map((i) => i.body)).toEqual([row!.payload, { ...row!.payload, Id: '12', SyncToken: '4' }, { Id: '13', SyncToken: '9' }]);
    expect(batchRequestBody(plan).BatchItemRequest).toEqual([
      { bId: 'b1', operation: 'create', TimeActivity: row!.payload },
      { bId: 'b2', operation: 'update', TimeActivity: { ...row!.payload, Id: '12', SyncToken: '4' } },
      { bId: 'b3', operation: 'delete', TimeActivity: { Id: '13', SyncToken: '9' } },
    ]);
    expect(() => planBatch([{ ...update, qboId: undefined }])).toThrow(/no QBO Id/);
  });

  it('returns null when nothing is pending, and skips rows waiting for a re-read', () => {
    expect(planBatch([])).toBeNull();
    const [row] = pendingRows(1);
    expect(planBatch([{ ...row!, needsReread: true }])).toBeNull();
  });
});

describe('applyBatchResponse', () => {
  it('handles every item on its own: success, inactive reference, stale, closed books, throttled item, no answer', () => {
    const rows = pendingRows(6);
    rows[5] = { ...rows[5]!, op: 'delete', qboId: '99', syncToken: '2' };
    const plan = planBatch(rows)!;
    const fault = (code: string, detail: string, element = '') => ({ Error: [{ Message: 'm', Detail: detail, code, element }], type: 'ValidationFault' });
    const outcomes = applyBatchResponse(
      plan,
      {
        BatchItemResponse: [
          { bId: 'b3', Fault: fault('5010', 'Stale Object Error : …') },
          { bId: 'b1', TimeActivity: { ...plan.items[0]!.body, Id: '700', SyncToken: '0' } as never },
          { bId: 'b2', Fault: fault('610', 'Object Not Found : …', 'ItemRef') },
          { bId: 'b4', Fault: fault('6000', 'Business Validation Error: The books are closed.') },
          { bId: 'b6', TimeActivity: { status: 'Deleted', domain: 'QBO', Id: '99' } },
        ],
        time: 't',
      },
      { intuitTid: 'tid-9', random: () => 0 },
    );
    expect(outcomes.map((o) => o.kind)).toEqual(['done', 'flagged', 'reread', 'flagged', 'flagged', 'done']);
    expect(outcomes[0]).toEqual({ rowId: rows[0]!.id, kind: 'done', qboId: '700', syncToken: '0', billableStatus: 'Billable', intuitTid: 'tid-9' });
    expect(outcomes[1]).toMatchObject({ userMessage: expect.stringMatching(/^The service item is inactive/), code: '610' });
    expect(outcomes[3]).toMatchObject({ userMessage: 'QuickBooks refused this entry: The books are closed.' });
    expect(outcomes[4]).toMatchObject({ userMessage: NO_ANSWER_MESSAGE });
    expect(outcomes[5]).toMatchObject({ kind: 'done', qboId: '99' });

    // Applied to the rows: one failure never holds back the others.
    const after = applyOutcomes(markInflight(rows, plan), outcomes, NOW);
    expect(after.map((r) => r.state)).toEqual(['done', 'failed', 'pending', 'failed', 'failed', 'done']);
    expect(after[2]!.needsReread).toBe(true);
  });

  it('counts deleting something already gone as done', () => {
    const [row] = pendingRows(1);
    const plan = planBatch([{ ...row!, op: 'delete', qboId: '42', syncToken: '1' }])!;
    const [outcome] = applyBatchResponse(plan, { BatchItemResponse: [{ bId: 'b1', Fault: { Error: [{ Message: 'Object Not Found', code: '610' }], type: 'ValidationFault' } }] });
    expect(outcome).toEqual({ rowId: row!.id, kind: 'done', qboId: '42' });
  });

  it('turns an item-level throttle into a delayed retry of that row only', () => {
    const rows = pendingRows(2);
    const plan = planBatch(rows)!;
    const outcomes = applyBatchResponse(plan, {
      BatchItemResponse: [
        { bId: 'b1', Fault: { Error: [{ Message: 'ThrottleExceeded', code: '3001' }], type: 'SERVICE' } },
        { bId: 'b2', TimeActivity: { ...plan.items[1]!.body, Id: '5', SyncToken: '0' } as never },
      ],
    }, { random: () => 0 });
    expect(outcomes[0]).toMatchObject({ kind: 'retry', retryAfterMs: 5000 });
    expect(outcomes[1]).toMatchObject({ kind: 'done' });
  });
});

describe('applyBatchFailure', () => {
  const rows = pendingRows(2);
  const plan = planBatch(rows)!;
  const inflight = markInflight(rows, plan);

  it('pauses on auth without releasing the batch', () => {
    const r = applyBatchFailure(plan, inflight, { status: 401, type: 'AUTHENTICATION', errors: [{ code: '3200', message: 'expired' }] }, NOW);
    expect(r.classification.action).toBe('pause_auth');
    expect(r.rows.every((x) => x.state === 'inflight' && x.batchId === plan.batchId && x.nextAttemptAt === undefined)).toBe(true);
  });

  it('waits out a 429 with Retry-After, same batch', () => {
    const r = applyBatchFailure(plan, inflight, { status: 429, type: 'SERVICE', errors: [{ code: '3001', message: 'throttled' }] }, NOW, { retryAfterMs: 60_000 });
    expect(r.rows.every((x) => x.nextAttemptAt === NOW + 60_000 && x.batchId === plan.batchId)).toBe(true);
  });

  it('fails every row when QBO refuses the whole request', () => {
    const r = applyBatchFailure(plan, inflight, { status: 400, type: 'ValidationFault', errors: [{ code: '2010', message: 'bad' }] }, NOW);
    expect(r.rows.every((x) => x.state === 'failed' && x.batchId === undefined)).toBe(true);
  });
});
