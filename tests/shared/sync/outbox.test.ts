import { describe, expect, it } from 'vitest';
import type { TimeEntry } from '../../../shared/entries/entry';
import { toTimeActivities, type TimeActivityDraft } from '../../../shared/qbo/transform';
import {
  applyOutcomes,
  BILLED_REASON,
  deleteNeedsConfirmation,
  planChanges,
  rebaseAfterReread,
  recordAfter,
  releaseFollowUps,
  sendable,
  type OutboxRow,
  type PlanInput,
  type SyncRecord,
} from '../../../shared/sync/outbox';
import { context, entry, idSource } from '../qbo/fixtures';

const NOW = 1_800_000_000_000;
const draftOf = (e: TimeEntry): TimeActivityDraft => toTimeActivities([e], context())[0]!;

function plan(over: Partial<PlanInput>) {
  return planChanges({ activities: [], removedKeys: [], records: [], outbox: [], ids: idSource(), now: NOW, ...over });
}

function recordFor(d: TimeActivityDraft, over: Partial<SyncRecord> = {}): SyncRecord {
  return { key: d.key, qboId: '501', syncToken: '3', entryIds: d.entryIds, entryVersions: d.entryVersions, payload: d.payload, payloadHash: d.payloadHash, billableStatus: 'Billable', ...over };
}

/** A create row for the draft, as planChanges made it, in the given send state. */
function createRow(d: TimeActivityDraft, over: Partial<OutboxRow> = {}): OutboxRow {
  const [row] = plan({ activities: [d], ids: idSource('old-') }).upserts;
  return { ...row!, ...over };
}

const e1 = entry({ id: 'x1', description: 'First version' });
const e1edited = { ...e1, description: 'Edited', version: 2 };
const d1 = draftOf(e1);
const d1edited = draftOf(e1edited);

describe('planChanges', () => {
  it('first approval → a pending create with a fresh requestId', () => {
    const r = plan({ activities: [d1] });
    expect(r.upserts).toEqual([
      {
        id: 'r1',
        key: 'entry:x1',
        companyId: 'primary',
        op: 'create',
        entryIds: ['x1'],
        entryVersions: [1],
        payload: d1.payload,
        payloadHash: d1.payloadHash,
        requestId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
        state: 'pending',
        attempts: 0,
        createdAt: NOW,
      },
    ]);
    expect(r.upserts[0]).not.toHaveProperty('qboId');
  });

  it('edit of a synced entry → a full update with the current SyncToken', () => {
    const r = plan({ activities: [d1edited], records: [recordFor(d1)] });
    expect(r.upserts).toHaveLength(1);
    expect(r.upserts[0]).toMatchObject({ op: 'update', qboId: '501', syncToken: '3', payload: d1edited.payload, entryVersions: [2], state: 'pending' });
    expect(r.upserts[0]!.payload).not.toHaveProperty('sparse');
  });

  it('an unchanged synced entry → nothing to send', () => {
    const r = plan({ activities: [d1], records: [recordFor(d1)] });
    expect(r).toEqual({ upserts: [], cancelled: [], refused: [], unchanged: ['entry:x1'] });
  });

  it('confirmed delete of a synced entry → delete with Id and SyncToken', () => {
    const r = plan({ removedKeys: ['entry:x1'], records: [recordFor(d1)] });
    expect(r.upserts[0]).toMatchObject({ op: 'delete', qboId: '501', syncToken: '3', key: 'entry:x1' });
  });

  it('delete of an entry QBO never had → nothing', () => {
    expect(plan({ removedKeys: ['entry:x1'] }).unchanged).toEqual(['entry:x1']);
  });

  it('edit while the create was never sent → the same row and requestId carry the new payload', () => {
    const pending = createRow(d1);
    const r = plan({ activities: [d1edited], outbox: [pending] });
    expect(r.upserts).toEqual([{ ...pending, payload: d1edited.payload, payloadHash: d1edited.payloadHash, entryVersions: [2] }]);
    expect(r.cancelled).toEqual([]);
  });

  it('edit while the create is inflight → the create is left alone and a blocked update follows it', () => {
    const inflight = createRow(d1, { state: 'inflight', attempts: 1, batchId: 'B1' });
    const r = plan({ activities: [d1edited], outbox: [inflight] });
    expect(r.upserts).toHaveLength(1);
    const follow = r.upserts[0]!;
    expect(follow).toMatchObject({ op: 'update', state: 'blocked', after: inflight.id, payloadHash: d1edited.payloadHash });
    expect(follow.requestId).not.toBe(inflight.requestId);
    expect(follow.id).not.toBe(inflight.id);
  });

  it('edit after a recorded send attempt (pending again after a retryable answer) → also a follow-up', () => {
    const retried = createRow(d1, { state: 'pending', attempts: 1, nextAttemptAt: NOW + 1000 });
    const r = plan({ activities: [d1edited], outbox: [retried] });
    expect(r.upserts[0]).toMatchObject({ state: 'blocked', after: retried.id });
  });

  it('a further edit replaces the blocked follow-up in place (it was never sent)', () => {
    const inflight = createRow(d1, { state: 'inflight', attempts: 1, batchId: 'B1' });
    const follow = plan({ activities: [d1edited], outbox: [inflight], ids: idSource('f-') }).upserts[0]!;
    const d3 = draftOf({ ...e1, description: 'Third', version: 3 });
    const r = plan({ activities: [d3], outbox: [inflight, follow] });
    expect(r.upserts).toEqual([{ ...follow, payload: d3.payload, payloadHash: d3.payloadHash, entryVersions: [3] }]);
  });

  it('an edit back to what is inflight needs no follow-up', () => {
    const inflight = createRow(d1, { state: 'inflight', attempts: 1, batchId: 'B1' });
    expect(plan({ activities: [d1], outbox: [inflight] }).unchanged).toEqual(['entry:x1']);
  });

  it('delete while the create was never sent → the create is cancelled, nothing reaches QBO', () => {
    const pending = createRow(d1);
    expect(plan({ removedKeys: ['entry:x1'], outbox: [pending] })).toMatchObject({ upserts: [], cancelled: [pending.id] });
  });

  it('delete while the create is inflight → a blocked delete follows it', () => {
    const inflight = createRow(d1, { state: 'inflight', attempts: 1, batchId: 'B1' });
    expect(plan({ removedKeys: ['entry:x1'], outbox: [inflight] }).upserts[0]).toMatchObject({ op: 'delete', state: 'blocked', after: inflight.id });
  });

  it('a pending update edited back to the synced payload is cancelled', () => {
    const update = plan({ activities: [d1edited], records: [recordFor(d1)] }).upserts[0]!;
    expect(plan({ activities: [d1], records: [recordFor(d1)], outbox: [update] })).toMatchObject({ upserts: [], cancelled: [update.id] });
  });

  it('a never-sent update takes the freshest Id/SyncToken from the record (reconciliation may have moved it)', () => {
    const update = plan({ activities: [d1edited], records: [recordFor(d1)] }).upserts[0]!;
    const d3 = draftOf({ ...e1, description: 'Third', version: 3 });
    const r = plan({ activities: [d3], records: [recordFor(d1, { syncToken: '7' })], outbox: [update] });
    expect(r.upserts).toEqual([{ ...update, syncToken: '7', payload: d3.payload, payloadHash: d3.payloadHash, entryVersions: [3] }]);
  });

  it('a pending (never sent) update turns into a delete when the entry is deleted', () => {
    const update = plan({ activities: [d1edited], records: [recordFor(d1)] }).upserts[0]!;
    const r = plan({ removedKeys: ['entry:x1'], records: [recordFor(d1)], outbox: [update] });
    expect(r.upserts).toEqual([expect.objectContaining({ id: update.id, requestId: update.requestId, op: 'delete', qboId: '501', syncToken: '3' })]);
  });

  it('billed time is refused with a reason, for edits and deletes', () => {
    const billed = recordFor(d1, { billableStatus: 'HasBeenBilled' });
    expect(plan({ activities: [d1edited], records: [billed] }).refused).toEqual([{ key: 'entry:x1', entryIds: ['x1'], code: 'billed', reason: BILLED_REASON }]);
    expect(plan({ removedKeys: ['entry:x1'], records: [billed] }).refused).toHaveLength(1);
    expect(plan({ activities: [d1], records: [billed] }).unchanged).toEqual(['entry:x1']);
    const pendingUpdate = plan({ activities: [d1edited], records: [recordFor(d1)] }).upserts[0]!;
    expect(plan({ activities: [d1edited], records: [billed], outbox: [pendingUpdate] })).toMatchObject({ upserts: [], cancelled: [pendingUpdate.id], refused: [{ code: 'billed' }] });
  });

  it('a failed row is cancelled and replaced by a new row with a new requestId', () => {
    const failed = createRow(d1, { state: 'failed', attempts: 1, lastError: 'inactive customer' });
    const r = plan({ activities: [d1edited], outbox: [failed] });
    expect(r.cancelled).toEqual([failed.id]);
    expect(r.upserts[0]).toMatchObject({ op: 'create', state: 'pending' });
    expect(r.upserts[0]!.requestId).not.toBe(failed.requestId);
  });

  it('plans an aggregate that lost all its entries as a delete of its TimeActivity', () => {
    const a = entry({ projectId: 'support', taskId: 'calls', minutes: 20 });
    const agg = toTimeActivities([a], context())[0]!;
    const r = plan({ removedKeys: [agg.key], records: [recordFor(agg, { qboId: '900' })] });
    expect(r.upserts[0]).toMatchObject({ op: 'delete', qboId: '900', entryIds: [a.id] });
  });

  it('asks before a delete only when something may be in QuickBooks', () => {
    expect(deleteNeedsConfirmation('entry:x1', [], [])).toBe(false);
    expect(deleteNeedsConfirmation('entry:x1', [], [createRow(d1)])).toBe(false);
    expect(deleteNeedsConfirmation('entry:x1', [], [createRow(d1, { state: 'inflight', attempts: 1, batchId: 'B' })])).toBe(true);
    expect(deleteNeedsConfirmation('entry:x1', [recordFor(d1)], [])).toBe(true);
  });

  it('refuses a key that is both current and removed', () => {
    expect(() => plan({ activities: [d1], removedKeys: ['entry:x1'] })).toThrow(/both/);
  });
});

describe('after sending', () => {
  const row = (over: Partial<OutboxRow> = {}): OutboxRow => createRow(d1, { state: 'inflight', attempts: 1, batchId: 'B1', ...over });

  it('applies each outcome on its own and never touches the requestId', () => {
    const rows = [row({ id: 'a' }), row({ id: 'b' }), row({ id: 'c' }), row({ id: 'd' }), row({ id: 'e' }), row({ id: 'f' })];
    const out = applyOutcomes(
      rows,
      [
        { rowId: 'a', kind: 'done', qboId: '77', syncToken: '0' },
        { rowId: 'b', kind: 'flagged', userMessage: 'Customer inactive' },
        { rowId: 'c', kind: 'reread', userMessage: 'stale' },
        { rowId: 'd', kind: 'retry', userMessage: 'busy', retryAfterMs: 5000 },
        { rowId: 'e', kind: 'pause_auth', userMessage: 'reconnect' },
      ],
      NOW,
    );
    expect(out.map((r) => [r.id, r.state])).toEqual([['a', 'done'], ['b', 'failed'], ['c', 'pending'], ['d', 'pending'], ['e', 'pending'], ['f', 'inflight']]);
    expect(out[0]).toMatchObject({ qboId: '77', syncToken: '0' });
    expect(out[0]).not.toHaveProperty('batchId');
    expect(out[1]!.lastError).toBe('Customer inactive');
    expect(out[2]!.needsReread).toBe(true);
    expect(out[3]!.nextAttemptAt).toBe(NOW + 5000);
    expect(out[5]!.batchId).toBe('B1');
    for (const [i, r] of out.entries()) expect(r.requestId).toBe(rows[i]!.requestId);
    expect(sendable(out, NOW).map((r) => r.id)).toEqual(['e']);
    expect(sendable(out, NOW + 5000).map((r) => r.id).sort()).toEqual(['d', 'e']);
  });

  it('a stale row is replaced by a new row with a new requestId; followers move to it', () => {
    const stale = { ...row({ op: 'update', qboId: '501', syncToken: '3' }), state: 'pending' as const, needsReread: true };
    const follower: OutboxRow = { ...createRow(d1edited), id: 'f1', op: 'update', state: 'blocked', after: stale.id };
    const { superseded, replacement, relinked } = rebaseAfterReread(stale, { Id: '501', SyncToken: '4' }, idSource('n-'), NOW, [follower]);
    expect(superseded).toMatchObject({ state: 'failed', supersededBy: replacement!.id });
    expect(replacement).toMatchObject({ op: 'update', qboId: '501', syncToken: '4', state: 'pending', attempts: 0, payloadHash: stale.payloadHash });
    expect(replacement!.requestId).not.toBe(stale.requestId);
    expect(relinked).toEqual([{ ...follower, after: replacement!.id }]);
    // The superseded row is history: a later plan cancels it and follows the replacement.
    const r = plan({ activities: [d1edited], records: [recordFor(d1)], outbox: [superseded, replacement!] });
    expect(r.cancelled).toContain(superseded.id);
  });

  it('a re-read that finds the TimeActivity gone: a delete is done, an update fails for reconciliation', () => {
    const del = row({ op: 'delete', qboId: '501', syncToken: '3' });
    expect(rebaseAfterReread(del, null, idSource(), NOW).superseded.state).toBe('done');
    const upd = row({ op: 'update', qboId: '501', syncToken: '3' });
    expect(rebaseAfterReread(upd, null, idSource(), NOW).superseded).toMatchObject({ state: 'failed', lastError: expect.stringMatching(/deleted in QuickBooks/) });
  });

  it('releases a follow-up against what QBO holds once its predecessor resolves', () => {
    const create = row();
    const follower: OutboxRow = { ...createRow(d1edited), id: 'f1', op: 'update', state: 'blocked', after: create.id, requestId: 'req-f1' };
    const deleter: OutboxRow = { ...follower, id: 'f2', op: 'delete', requestId: 'req-f2' };

    const done = applyOutcomes([create], [{ rowId: create.id, kind: 'done', qboId: '88', syncToken: '0' }], NOW)[0]!;
    const record = recordAfter(done, null);
    expect(record).toMatchObject({ key: 'entry:x1', qboId: '88', syncToken: '0', payloadHash: d1.payloadHash });
    const released = releaseFollowUps([create, follower], done, record);
    expect(released.upserts).toEqual([{ ...follower, state: 'pending', after: undefined, qboId: '88', syncToken: '0' }].map(({ after: _a, ...r }) => r));
    expect(released.upserts[0]!.requestId).toBe('req-f1');

    // The create failed for good: nothing exists, so the update becomes the create and a delete is moot.
    const failed = applyOutcomes([create], [{ rowId: create.id, kind: 'flagged', userMessage: 'inactive' }], NOW)[0]!;
    const asCreate = releaseFollowUps([follower], failed, null);
    expect(asCreate.upserts[0]).toMatchObject({ op: 'create', state: 'pending', requestId: 'req-f1' });
    expect(asCreate.upserts[0]).not.toHaveProperty('qboId');
    // The failure it replaced is history, not something the user still has to fix.
    expect(asCreate.upserts[1]).toMatchObject({ id: create.id, state: 'failed', supersededBy: follower.id });
    expect(releaseFollowUps([deleter], failed, null)).toEqual({ upserts: [], cancelled: ['f2'] });
    // A follow-up equal to what QBO now holds is cancelled.
    expect(releaseFollowUps([{ ...follower, payloadHash: d1.payloadHash }], done, record).cancelled).toEqual(['f1']);
  });

  it('after a delete is done, QBO holds nothing for the key', () => {
    const del = { ...row({ op: 'delete', qboId: '501', syncToken: '3' }), state: 'done' as const };
    expect(recordAfter(del, recordFor(d1))).toBeNull();
  });
});
