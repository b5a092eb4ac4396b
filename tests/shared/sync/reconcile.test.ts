import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TimeEntry } from '../../../shared/entries/entry';
import { approvedLines, toTimeActivities, type TimeActivityDraft, type TransformContext } from '../../../shared/qbo/transform';
import type { QboTimeActivity, TimeActivityPayload } from '../../../shared/qbo/types';
import type { OutboxRow, SyncRecord } from '../../../shared/sync/outbox';
import { diffPayloads, payloadFromQbo, reconcile, reconciliationReport, resolveConflicts } from '../../../shared/sync/reconcile';
import { QUERY_RESPONSE } from '../../fixtures/qbo/intuit-timeactivity';
import { context, entry, idSource, MIN, support, website } from '../qbo/fixtures';

const RANGE = { from: '2026-03-01', to: '2026-03-31' };

/** What QBO answers for what we sent: same fields, plus Id, SyncToken, display names and metadata. */
function qboCopy(d: TimeActivityDraft, id: string): QboTimeActivity {
  const p = d.payload;
  return {
    ...p,
    CustomerRef: p.CustomerRef && { ...p.CustomerRef, name: 'Acme Corp:Website' },
    EmployeeRef: p.EmployeeRef && { ...p.EmployeeRef, name: 'Emily Platt' },
    Id: id,
    SyncToken: '0',
    MetaData: { CreateTime: '2026-03-20T10:00:00-07:00' },
  };
}

function syncAll(entries: TimeEntry[], ctx: TransformContext = context()) {
  const drafts = toTimeActivities(entries, ctx);
  const activities = drafts.map((d, i) => qboCopy(d, String(100 + i)));
  const records: SyncRecord[] = drafts.map((d, i) => ({
    key: d.key,
    qboId: String(100 + i),
    syncToken: '0',
    entryIds: d.entryIds,
    entryVersions: d.entryVersions,
    payload: d.payload,
    payloadHash: d.payloadHash,
    billableStatus: d.payload.BillableStatus,
  }));
  return { drafts, activities, records, lines: approvedLines(entries, ctx) };
}

const day = (date: string, time: string, minutes: number, over: Partial<TimeEntry> = {}) => entry({ at: [date, time, 'America/New_York'], minutes, ...over });
const entries = [
  day('2026-03-16', '09:00', 7, { description: 'a' }),
  day('2026-03-16', '10:00', 7, { description: 'b', taskId: 'design' }),
  day('2026-03-16', '23:30', 50, { description: 'late' }),
  day('2026-03-17', '09:00', 7, { projectId: 'support', taskId: 'calls' }),
  day('2026-03-17', '11:00', 8, { projectId: 'support', taskId: 'calls' }),
  day('2026-03-18', '09:00', 30, { billable: false }),
];

describe('reconcile', () => {
  it('matches everything after a correct sync', () => {
    const { activities, records } = syncAll(entries);
    const r = reconcile(records, activities, RANGE);
    expect(r.changedInQbo).toEqual([]);
    expect(r.deletedInQbo).toEqual([]);
    expect(r.unknownInQbo).toEqual([]);
    expect(r.matched).toHaveLength(records.length);
    expect(r.matched.every((m) => !m.syncTokenChanged && !m.billed)).toBe(true);
  });

  it('reports an edit made in QuickBooks with the field diff', () => {
    const { activities, records } = syncAll(entries);
    const sent = records[0]!.payload;
    const edited = activities.map((a, i) => (i === 0 ? { ...a, Hours: sent.Hours + 2, Minutes: (sent.Minutes + 1) % 60, Description: 'Changed in QBO', SyncToken: '1' } : a));
    const r = reconcile(records, edited, RANGE);
    expect(r.changedInQbo).toHaveLength(1);
    const c = r.changedInQbo[0]!;
    expect(c.qboId).toBe('100');
    expect(c.diffs).toEqual([
      { field: 'Hours', sent: sent.Hours, inQbo: sent.Hours + 2 },
      { field: 'Minutes', sent: sent.Minutes, inQbo: (sent.Minutes + 1) % 60 },
      { field: 'Description', sent: records[0]!.payload.Description, inQbo: 'Changed in QBO' },
    ]);
    expect(r.matched).toHaveLength(records.length - 1);
  });

  it('reports a deletion in QuickBooks, and time we never sent', () => {
    const { activities, records } = syncAll(entries);
    const stranger: QboTimeActivity = { ...activities[0]!, Id: '999', Description: 'Typed in QBO' };
    const r = reconcile(records, [...activities.slice(1), stranger], RANGE);
    expect(r.deletedInQbo.map((d) => d.qboId)).toEqual(['100']);
    expect(r.unknownInQbo.map((a) => a.Id)).toEqual(['999']);
  });

  it('does not call a colleague’s time unknown when the worker is given', () => {
    const { activities, records } = syncAll(entries);
    const colleague: QboTimeActivity = { ...activities[0]!, Id: '555', EmployeeRef: { value: '56' } };
    expect(reconcile(records, [...activities, colleague], RANGE).unknownInQbo.map((a) => a.Id)).toEqual(['555']);
    expect(reconcile(records, [...activities, colleague], RANGE, { worker: { nameOf: 'Employee', id: '55' } }).unknownInQbo).toEqual([]);
  });

  it('only calls a record deleted when its date was inside the queried range', () => {
    const { records } = syncAll(entries);
    expect(reconcile(records, [], { from: '2026-04-01', to: '2026-04-30' }).deletedInQbo).toEqual([]);
  });

  it('treats billing and a bare SyncToken bump as matches, flagged for the caller', () => {
    const { activities, records } = syncAll(entries.slice(0, 1));
    const r = reconcile(records, [{ ...activities[0]!, BillableStatus: 'HasBeenBilled', SyncToken: '3' }], RANGE);
    expect(r.matched).toEqual([{ key: records[0]!.key, qboId: '100', syncToken: '3', syncTokenChanged: true, billed: true }]);
  });

  it('normalises durations and ignores ref names', () => {
    const { drafts } = syncAll(entries.slice(0, 1));
    const p = drafts[0]!.payload;
    expect(diffPayloads({ ...p, Hours: 1, Minutes: 30 }, { ...p, Hours: 0, Minutes: 90, CustomerRef: { value: p.CustomerRef!.value, name: 'x' } })).toEqual([]);
  });
});

describe('reconcile against QuickBooks as it really answers (Intuit\'s recorded samples)', () => {
  const recorded: readonly QboTimeActivity[] = QUERY_RESPONSE.QueryResponse.TimeActivity;
  const gardening = recorded.find((ta) => ta.Id === '2')!; // NotBillable, read back with "HourlyRate": 0
  const design = recorded.find((ta) => ta.Id === '3')!; // Billable at 75
  /** What Track Nexus sends for the same time: non-billable time goes without a rate. */
  const sent: Record<string, TimeActivityPayload> = {
    '2': { TxnDate: '2014-09-17', NameOf: 'Employee', EmployeeRef: { value: '54' }, CustomerRef: { value: '1' }, ItemRef: { value: '2' }, BillableStatus: 'NotBillable', Hours: 4, Minutes: 0, Description: 'Gardening' },
    '3': { TxnDate: '2014-09-16', NameOf: 'Employee', EmployeeRef: { value: '54' }, CustomerRef: { value: '1' }, ItemRef: { value: '4' }, BillableStatus: 'Billable', HourlyRate: 75, Hours: 5, Minutes: 0, Description: 'Custom Design' },
  };
  const record = (id: string): SyncRecord => ({ key: `k${id}`, qboId: id, syncToken: '0', entryIds: [`e${id}`], entryVersions: [1], payload: sent[id]!, payloadHash: `h${id}`, billableStatus: sent[id]!.BillableStatus });

  it('reports no change for non-billable time that QuickBooks reads back with a rate of 0', () => {
    expect(gardening).toMatchObject({ BillableStatus: 'NotBillable', HourlyRate: 0 });
    const r = reconcile([record('2'), record('3')], recorded, { from: '2014-09-16', to: '2014-09-17' });
    expect(r.changedInQbo).toEqual([]);
    expect(r.matched.map((m) => m.qboId)).toEqual(['2', '3']);
  });

  it('reads that time back exactly as we sent it, so adopting it does not plan a needless update', () => {
    expect(payloadFromQbo(gardening)).toEqual(sent['2']);
    expect(payloadFromQbo(design)).toEqual(sent['3']);
  });

  it('still reports a rate someone really set or changed', () => {
    expect(diffPayloads(sent['2']!, { ...sent['2']!, HourlyRate: 40 })).toEqual([{ field: 'HourlyRate', sent: undefined, inQbo: 40 }]);
    expect(diffPayloads(sent['3']!, payloadFromQbo({ ...design, HourlyRate: 0 }))).toEqual([{ field: 'HourlyRate', sent: 75, inQbo: 0 }]);
  });
});

describe('resolveConflicts', () => {
  const { activities, records } = syncAll(entries.slice(0, 2));
  const edited = [{ ...activities[0]!, Hours: 3, SyncToken: '5' }];
  const r = reconcile(records, edited, RANGE);

  it('tracker wins: overwrite with our payload at QBO’s SyncToken; re-create what was deleted', () => {
    const res = resolveConflicts(r, 'tracker', { ids: idSource(), now: 1 });
    expect(res.outboxRows.map((x) => [x.op, x.qboId, x.syncToken, x.payloadHash])).toEqual([
      ['update', '100', '5', records[0]!.payloadHash],
      ['create', undefined, undefined, records[1]!.payloadHash],
    ]);
    expect(res.outboxRows[0]!.requestId).not.toBe(res.outboxRows[1]!.requestId);
    expect(res.localUpdates).toEqual([{ kind: 'dropRecord', key: records[1]!.key }]);
    expect(res.askList).toEqual([]);
  });

  it('QuickBooks wins: adopt its version; unlink what it deleted', () => {
    const res = resolveConflicts(r, 'quickbooks', { ids: idSource(), now: 1 });
    expect(res.outboxRows).toEqual([]);
    expect(res.cancelled).toEqual([]);
    expect(res.localUpdates[0]).toMatchObject({ kind: 'adoptQbo', key: records[0]!.key, record: { qboId: '100', syncToken: '5', payload: { Hours: 3 } } });
    expect(res.localUpdates[1]).toEqual({ kind: 'unlinkDeleted', key: records[1]!.key, entryIds: records[1]!.entryIds });
  });

  it('ask: nothing changes; each conflict is explained on the list', () => {
    const res = resolveConflicts(r, 'ask', { ids: idSource(), now: 1 });
    expect(res.outboxRows).toEqual([]);
    expect(res.localUpdates).toEqual([]);
    expect(res.askList.map((a) => [a.kind, a.qboId])).toEqual([['changed', '100'], ['deleted', '101']]);
    expect(res.askList[0]!.message).toBe('In QuickBooks, the time on 2026-03-16 was changed: hours 0 → 3. Keep the Track Nexus version or the QuickBooks one?');
    expect(res.askList[1]!.message).toMatch(/was deleted/);
  });

  it('tracker wins without doubling up on rows already on their way', () => {
    const ids = idSource('o-');
    const pendingUpdate: OutboxRow = { key: records[0]!.key, id: 'p1', op: 'update', entryIds: records[0]!.entryIds, entryVersions: [2], payload: { ...records[0]!.payload, Description: 'local edit' }, payloadHash: 'h', qboId: '100', syncToken: '0', requestId: 'req-p1', state: 'pending', attempts: 0, createdAt: 0 };
    const res = resolveConflicts(r, 'tracker', { ids, now: 1, outbox: [pendingUpdate] });
    // The never-sent update takes QBO's SyncToken in place; no second update is made.
    expect(res.outboxRows[0]).toEqual({ ...pendingUpdate, syncToken: '5' });
    expect(res.outboxRows.filter((x) => x.key === records[0]!.key)).toHaveLength(1);

    // Already sent: it will meet a 5010 and be re-read; nothing to add.
    const sent = { ...pendingUpdate, state: 'inflight' as const, attempts: 1, batchId: 'B' };
    expect(resolveConflicts({ changedInQbo: r.changedInQbo, deletedInQbo: [] }, 'tracker', { ids, now: 1, outbox: [sent] }).outboxRows).toEqual([]);
  });

  it('tracker wins on a QBO deletion: a pending update becomes the create, a pending delete is moot, a sent row gets a create after it', () => {
    const key = records[1]!.key;
    const base = { key, entryIds: records[1]!.entryIds, entryVersions: [2], payload: records[1]!.payload, payloadHash: records[1]!.payloadHash, qboId: '101', syncToken: '0', requestId: 'req-x', attempts: 0, createdAt: 0 };
    const only = { changedInQbo: [], deletedInQbo: r.deletedInQbo };
    const asCreate = resolveConflicts(only, 'tracker', { ids: idSource(), now: 1, outbox: [{ ...base, id: 'u', op: 'update', state: 'pending' }] });
    expect(asCreate.outboxRows).toEqual([{ ...base, id: 'u', op: 'create', state: 'pending', qboId: undefined, syncToken: undefined }].map(({ qboId: _q, syncToken: _s, ...x }) => x));
    expect(asCreate.localUpdates).toEqual([{ kind: 'dropRecord', key }]);
    expect(resolveConflicts(only, 'tracker', { ids: idSource(), now: 1, outbox: [{ ...base, id: 'd', op: 'delete', state: 'pending' }] })).toMatchObject({ outboxRows: [], cancelled: ['d'] });
    const afterSent = resolveConflicts(only, 'tracker', { ids: idSource(), now: 1, outbox: [{ ...base, id: 's', op: 'update', state: 'inflight', attempts: 1, batchId: 'B' }] });
    expect(afterSent.outboxRows).toEqual([expect.objectContaining({ op: 'create', state: 'blocked', after: 's' })]);
  });

  it('QuickBooks wins on a deletion, but a local change queued since the sync is newer: it is created again', () => {
    const key = records[1]!.key;
    const only = { changedInQbo: [], deletedInQbo: r.deletedInQbo };
    const queued: OutboxRow = { key, id: 'u', op: 'update', entryIds: records[1]!.entryIds, entryVersions: [3], payload: { ...records[1]!.payload, Description: 'edited here' }, payloadHash: 'h2', qboId: '101', syncToken: '0', requestId: 'req-u', state: 'pending', attempts: 0, createdAt: 0 };
    const res = resolveConflicts(only, 'quickbooks', { ids: idSource(), now: 1, outbox: [queued] });
    expect(res.localUpdates).toEqual([{ kind: 'dropRecord', key }]);
    expect(res.outboxRows).toEqual([expect.objectContaining({ id: 'u', op: 'create', payloadHash: 'h2', requestId: 'req-u' })]);
    expect(res.outboxRows[0]).not.toHaveProperty('qboId');
    // Without a queued change, QuickBooks' delete wins as before.
    expect(resolveConflicts(only, 'quickbooks', { ids: idSource(), now: 1, outbox: [] }).localUpdates).toEqual([{ kind: 'unlinkDeleted', key, entryIds: records[1]!.entryIds }]);
  });

  it('never overwrites time QuickBooks has billed', () => {
    const billed = reconcile(records.slice(0, 1), [{ ...activities[0]!, Hours: 3, BillableStatus: 'HasBeenBilled' }], RANGE);
    const res = resolveConflicts(billed, 'tracker', { ids: idSource(), now: 1 });
    expect(res.outboxRows).toEqual([]);
    expect(res.localUpdates[0]).toMatchObject({ kind: 'lockBilled', key: records[0]!.key });
  });
});

describe('reconciliationReport', () => {
  it('shows zero difference per customer and day after a correct sync', () => {
    const { activities, lines } = syncAll(entries);
    const rows = reconciliationReport(lines, activities, { currency: 'USD', range: RANGE });
    expect(rows.map((r) => r.date)).toEqual(['2026-03-16', '2026-03-17', '2026-03-18']);
    for (const r of rows) {
      expect(r.diffMinutes).toBe(0);
      expect(r.diffAmountMinor).toBe(0);
    }
    // 7 + 7 min (nearest 6 → 6 + 6) at 123.45 and 150.00, and 50 min (→ 48) at 123.45.
    expect(rows[0]).toMatchObject({ customerId: 'C2', approvedMinutes: 60, approvedAmountMinor: 1235 + 1500 + 9876 });
    expect(rows[2]).toMatchObject({ approvedMinutes: 30, approvedAmountMinor: 0 });
  });

  it('shows a QuickBooks-side edit and delete as differences', () => {
    const { activities, lines } = syncAll(entries);
    const changed = activities.map((a, i) => (i === 0 ? { ...a, Hours: a.Hours + 1 } : a)).filter((a) => a.TxnDate !== '2026-03-18');
    const rows = reconciliationReport(lines, changed, { currency: 'USD' });
    const first = rows.find((r) => r.date === activities[0]!.TxnDate)!;
    expect(first.diffMinutes).toBe(60);
    expect(first.diffAmountMinor).toBe(activities[0]!.HourlyRate! * 100);
    expect(rows.find((r) => r.date === '2026-03-18')).toMatchObject({ approvedMinutes: 30, qboMinutes: 0, diffMinutes: -30 });
  });

  it('counts only this worker’s time when asked', () => {
    const { activities, lines } = syncAll(entries);
    const colleague: QboTimeActivity = { ...activities[0]!, Id: '555', EmployeeRef: { value: '56' } };
    const rows = reconciliationReport(lines, [...activities, colleague], { currency: 'USD', worker: { nameOf: 'Employee', id: '55' } });
    expect(rows.every((r) => r.diffMinutes === 0 && r.diffAmountMinor === 0)).toBe(true);
  });

  it('is zero for any correct sync, per-entry or aggregated, at any rate', () => {
    const arb = fc.record({
      rateMinor: fc.integer({ min: 1, max: 10 ** 7 }),
      aggregate: fc.boolean(),
      specs: fc.array(fc.record({ day: fc.integer({ min: 1, max: 28 }), hour: fc.integer({ min: 0, max: 23 }), minutes: fc.integer({ min: 0, max: 300 }), project: fc.constantFrom('website', 'support'), billable: fc.boolean() }), { minLength: 1, maxLength: 12 }),
    });
    fc.assert(
      fc.property(arb, ({ rateMinor, aggregate, specs }) => {
        const ctx = context({
          projects: [{ ...website, qbo: { ...website.qbo, aggregate } }, { ...support, qbo: { ...support.qbo, qboCustomerId: 'C1' } }],
          rates: [{ scope: 'default', scopeId: null, rateMinor, currency: 'USD', effectiveFrom: '2020-01-01' }],
        });
        const es = specs.map((s, i) =>
          entry({ id: `q${i}`, at: [`2026-03-${String(s.day).padStart(2, '0')}`, `${String(s.hour).padStart(2, '0')}:00`, 'Europe/Berlin'], minutes: s.minutes, projectId: s.project, billable: s.billable }),
        );
        const { activities, lines } = syncAll(es, ctx);
        const rows = reconciliationReport(lines, activities, { currency: 'USD' });
        expect(rows.reduce((s, r) => s + r.approvedMinutes, 0)).toBe(lines.reduce((s, l) => s + l.minutes, 0));
        for (const r of rows) expect([r.diffMinutes, r.diffAmountMinor]).toEqual([0, 0]);
      }),
      { numRuns: 100 },
    );
    expect(MIN).toBe(60_000);
  });
});
