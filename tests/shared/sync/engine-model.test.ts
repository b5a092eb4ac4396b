// A model test of the whole policy: a runner written only against the shared/sync API drives a
// fake QuickBooks that honours `requestid` the way QBO documents it (a repeated id gets the first
// answer back). Random edits, deletions, QBO-side saves, edits and deletions, reconciliation
// passes (tracker wins), timeouts before and after QBO processed a batch, and 503s are
// interleaved; after draining and a last reconciliation, QuickBooks must hold exactly one
// TimeActivity per live key with the latest payload — nothing lost, nothing duplicated.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TimeEntry } from '../../../shared/entries/entry';
import { payloadHash } from '../../../shared/qbo/hash';
import { toTimeActivities } from '../../../shared/qbo/transform';
import type { BatchItemResponse, BatchResponse, QboTimeActivity, TimeActivityPayload } from '../../../shared/qbo/types';
import { applyBatchFailure, applyBatchResponse, batchesToResend, markInflight, planBatch, type BatchPlan } from '../../../shared/sync/batch-plan';
import { reconcile, resolveConflicts } from '../../../shared/sync/reconcile';
import { applyOutcomes, planChanges, rebaseAfterReread, recordAfter, releaseFollowUps, sendable, type OutboxRow, type SyncRecord } from '../../../shared/sync/outbox';
import { context, entry, MIN } from '../qbo/fixtures';

type Mode = 'ok' | 'lostBefore' | 'lostAfter' | 'busy';

class FakeQbo {
  readonly store = new Map<string, { payload: TimeActivityPayload; token: number }>();
  private readonly answers = new Map<string, BatchResponse>();
  private nextId = 1;
  creates = 0;

  batch(plan: BatchPlan): BatchResponse {
    const cached = this.answers.get(plan.requestId);
    if (cached) return cached;
    const items: BatchItemResponse[] = plan.items.map((item) => {
      const body = item.body as TimeActivityPayload;
      const fault = (code: string) => ({ bId: item.bId, Fault: { Error: [{ Message: code, code }], type: 'ValidationFault' } });
      if (item.operation === 'create') {
        const { Id: _i, SyncToken: _s, ...payload } = body;
        const id = String(this.nextId++);
        this.creates += 1;
        this.store.set(id, { payload, token: 0 });
        return { bId: item.bId, TimeActivity: { ...payload, Id: id, SyncToken: '0' } };
      }
      const current = this.store.get(body.Id!);
      if (!current) return fault('610');
      if (String(current.token) !== body.SyncToken) return fault('5010');
      if (item.operation === 'delete') {
        this.store.delete(body.Id!);
        return { bId: item.bId, TimeActivity: { status: 'Deleted' as const, Id: body.Id! } };
      }
      const { Id: _i, SyncToken: _s, ...payload } = body;
      current.payload = payload;
      current.token += 1;
      return { bId: item.bId, TimeActivity: { ...payload, Id: body.Id!, SyncToken: String(current.token) } };
    });
    const answer = { BatchItemResponse: items };
    this.answers.set(plan.requestId, answer);
    return answer;
  }

  /** Someone changes the duration in QBO. */
  edit(id: string) {
    const t = this.store.get(id);
    if (t) {
      t.payload = { ...t.payload, Hours: t.payload.Hours + 1 };
      t.token += 1;
    }
  }

  list(): QboTimeActivity[] {
    return [...this.store].map(([Id, t]) => ({ ...t.payload, Id, SyncToken: String(t.token) }));
  }

  /** Someone opens and saves the TimeActivity in QBO: same content, new SyncToken. */
  touch(id: string) {
    const t = this.store.get(id);
    if (t) t.token += 1;
  }
}

class Runner {
  rows: OutboxRow[] = [];
  records = new Map<string, SyncRecord>();
  plans = new Map<string, BatchPlan>();
  private n = 0;
  private readonly ids = { rowId: () => `row${++this.n}`, requestId: () => `00000000-0000-4000-8000-${String(++this.n).padStart(12, '0')}` };
  now = 0;

  constructor(private readonly qbo: FakeQbo) {}

  /** After any local change: plan every key from the live entries (the renderer does this per change). */
  replan(entries: TimeEntry[]) {
    const activities = toTimeActivities(entries, context());
    const live = new Set(activities.map((a) => a.key));
    const known = new Set([...this.records.keys(), ...this.rows.filter((r) => r.state !== 'done').map((r) => r.key)]);
    const removedKeys = [...known].filter((k) => !live.has(k));
    const result = planChanges({ activities, removedKeys, records: [...this.records.values()], outbox: this.rows, ids: this.ids, now: this.now++ });
    expect(result.refused).toEqual([]);
    this.apply(result.upserts, result.cancelled);
  }

  private apply(upserts: OutboxRow[], cancelled: string[]) {
    const gone = new Set(cancelled);
    const byId = new Map(upserts.map((r) => [r.id, r]));
    this.rows = this.rows.filter((r) => !gone.has(r.id)).map((r) => byId.get(r.id) ?? r);
    for (const r of upserts) if (!this.rows.some((x) => x.id === r.id)) this.rows.push(r);
  }

  /** The reconciliation pass with "tracker wins". */
  reconcileTrackerWins(entries: TimeEntry[]) {
    const result = reconcile([...this.records.values()], this.qbo.list(), { from: '0000-01-01', to: '9999-12-31' });
    for (const m of result.matched) this.records.set(m.key, { ...this.records.get(m.key)!, syncToken: m.syncToken });
    const res = resolveConflicts(result, 'tracker', { ids: this.ids, now: this.now++, outbox: this.rows, drafts: toTimeActivities(entries, context()) });
    for (const u of res.localUpdates) {
      expect(u.kind).toBe('dropRecord');
      this.records.delete(u.key);
    }
    this.apply(res.outboxRows, res.cancelled);
  }

  /** One step of the engine; returns false when there is nothing left to do. */
  step(mode: Mode): boolean {
    const reread = this.rows.find((r) => r.state === 'pending' && r.needsReread);
    if (reread) {
      const current = reread.qboId ? this.qbo.store.get(reread.qboId) : undefined;
      const { superseded, replacement, relinked } = rebaseAfterReread(reread, current ? { Id: reread.qboId!, SyncToken: String(current.token) } : null, this.ids, this.now++, this.rows);
      this.apply([superseded, ...(replacement ? [replacement] : []), ...relinked], []);
      if (!replacement) this.settle(superseded);
      return true;
    }
    const resend = batchesToResend(this.rows, Number.MAX_SAFE_INTEGER)[0];
    let plan = resend ? this.plans.get(resend)! : null;
    if (!plan) {
      plan = planBatch(sendable(this.rows, Number.MAX_SAFE_INTEGER), { maxItems: 3 });
      if (!plan) return false;
      // Persist the plan and the inflight rows before sending.
      this.plans.set(plan.batchId, plan);
      this.rows = markInflight(this.rows, plan);
    }
    if (mode === 'lostBefore' || mode === 'busy') {
      const failure = mode === 'busy' ? { status: 503, type: 'Unknown', errors: [] } : { kind: 'network' as const, reason: 'dropped' as const };
      this.rows = applyBatchFailure(plan, this.rows, failure, this.now, { random: () => 0 }).rows.map((r) => ({ ...r, nextAttemptAt: undefined }));
      return true;
    }
    const answer = this.qbo.batch(plan);
    if (mode === 'lostAfter') {
      this.rows = applyBatchFailure(plan, this.rows, { kind: 'network', reason: 'timeout' }, this.now, { random: () => 0 }).rows.map((r) => ({ ...r, nextAttemptAt: undefined }));
      return true;
    }
    const outcomes = applyBatchResponse(plan, answer);
    this.rows = applyOutcomes(this.rows, outcomes, this.now++);
    for (const o of outcomes) {
      const row = this.rows.find((r) => r.id === o.rowId)!;
      if (row.state === 'done' || row.state === 'failed') this.settle(row);
    }
    return true;
  }

  /** A row resolved for good: update the record and release its followers. */
  private settle(row: OutboxRow) {
    const previous = this.records.get(row.key) ?? null;
    const record = recordAfter(row, previous);
    if (record) this.records.set(row.key, record);
    else this.records.delete(row.key);
    const { upserts, cancelled } = releaseFollowUps(this.rows, row, record);
    this.apply(upserts, cancelled);
  }
}

const arbEvent = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), who: fc.nat(5), minutes: fc.integer({ min: 1, max: 240 }), text: fc.constantFrom('a', 'b', 'c') }),
  fc.record({ kind: fc.constant('delete' as const), who: fc.nat(5) }),
  fc.record({ kind: fc.constant('restore' as const), who: fc.nat(5) }),
  fc.record({ kind: fc.constant('touch' as const), who: fc.nat(5) }),
  fc.record({ kind: fc.constantFrom('qboEdit' as const, 'qboDelete' as const), who: fc.nat(5) }),
  fc.record({ kind: fc.constant('reconcile' as const) }),
  fc.record({ kind: fc.constant('step' as const), mode: fc.constantFrom<Mode>('ok', 'ok', 'lostBefore', 'lostAfter', 'busy') }),
);

describe('outbox + batches against a requestid-honouring QuickBooks', () => {
  it('ends with exactly one TimeActivity per live key carrying the latest payload', () => {
    fc.assert(
      fc.property(fc.array(arbEvent, { minLength: 1, maxLength: 80 }), fc.boolean(), (events, aggregated) => {
        const qbo = new FakeQbo();
        const runner = new Runner(qbo);
        const base = entry({ id: 'seed' }).start;
        // Six entries; with `aggregated`, three of them share one support day.
        const entries: Array<TimeEntry & { gone?: boolean }> = Array.from({ length: 6 }, (_, i) =>
          entry({ id: `m${i}`, projectId: aggregated && i < 3 ? 'support' : 'website', start: base + i * 300 * MIN, end: base + i * 300 * MIN + 30 * MIN }),
        );
        const live = () => entries.filter((e) => !e.gone);
        runner.replan(live());
        for (const ev of events) {
          const e = 'who' in ev ? entries[ev.who]! : undefined;
          if (ev.kind === 'edit' && e && !e.gone) {
            Object.assign(e, { end: e.start + ev.minutes * MIN, description: ev.text, version: e.version + 1 });
            runner.replan(live());
          } else if (ev.kind === 'delete' && e && !e.gone) {
            e.gone = true;
            runner.replan(live());
          } else if (ev.kind === 'restore' && e && e.gone) {
            e.gone = false;
            e.version += 1;
            runner.replan(live());
          } else if ((ev.kind === 'touch' || ev.kind === 'qboEdit' || ev.kind === 'qboDelete') && e) {
            const record = [...runner.records.values()].find((r) => r.entryIds.includes(e.id));
            if (record && ev.kind === 'touch') qbo.touch(record.qboId);
            if (record && ev.kind === 'qboEdit') qbo.edit(record.qboId);
            if (record && ev.kind === 'qboDelete') qbo.store.delete(record.qboId);
          } else if (ev.kind === 'reconcile') {
            runner.reconcileTrackerWins(live());
          } else if (ev.kind === 'step') runner.step(ev.mode);
        }
        // Drain, reconcile (tracker wins) to repair what was changed or deleted in QBO, drain again.
        for (let i = 0; i < 500 && runner.step('ok'); i++);
        runner.reconcileTrackerWins(live());
        for (let i = 0; i < 500 && runner.step('ok'); i++);

        const want = toTimeActivities(live(), context()).map((d) => d.payloadHash).sort();
        const have = [...qbo.store.values()].map((t) => payloadHash(t.payload)).sort();
        expect(have).toEqual(want);
        expect(runner.rows.filter((r) => r.state !== 'done' && r.state !== 'failed')).toEqual([]);
        expect(runner.rows.filter((r) => r.state === 'failed' && !r.supersededBy)).toEqual([]);
        // Every record points at a live TimeActivity holding what the record says was sent (its
        // SyncToken may lag behind a save made in QBO; reconciliation picks that up).
        for (const record of runner.records.values()) {
          const held = qbo.store.get(record.qboId);
          expect(held && payloadHash(held.payload)).toBe(record.payloadHash);
          expect(held!.token).toBeGreaterThanOrEqual(Number(record.syncToken));
        }
        expect(runner.records.size).toBe(want.length);
      }),
      { numRuns: 250 },
    );
  }, 60_000);
});
