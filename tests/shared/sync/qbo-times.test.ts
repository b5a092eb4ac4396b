// QuickBooks answers StartTime/EndTime on the company's clock (docs/qbo-api.md §13.2): Intuit's
// create sample sends 08:00:00-08:00 and gets 09:00:00-07:00 back. Reconciliation and "QuickBooks
// wins" must read those as the same instant, not as changed text.
import { describe, expect, it } from 'vitest';
import { toTimeActivities, type TransformContext } from '../../../shared/qbo/transform';
import type { QboTimeActivity } from '../../../shared/qbo/types';
import { adoptIntoEntry, qboSpan } from '../../../shared/sync/adopt';
import type { SyncRecord } from '../../../shared/sync/outbox';
import { reconcile } from '../../../shared/sync/reconcile';
import { context, entry, MIN, website } from '../qbo/fixtures';

/** Intuit's create sample, request and answer as documented (api-reference/timeactivity.md). */
const RECORDED_REQUEST = { TxnDate: '2021-02-02', EndTime: '17:00:00-08:00', EmployeeRef: { name: 'Emily Platt', value: '55' }, StartTime: '08:00:00-08:00', NameOf: 'Employee' };
const RECORDED_ANSWER = {
  TxnDate: '2015-07-28', domain: 'QBO', NameOf: 'Employee', sparse: false,
  ItemRef: { name: 'Hours', value: '2' }, ProjectRef: { value: '39298034' }, BillableStatus: 'NotBillable',
  StartTime: '2015-07-28T09:00:00-07:00', HourlyRate: 0, Taxable: false,
  EmployeeRef: { name: 'Emily Platt', value: '55' }, EndTime: '2015-07-28T18:00:00-07:00',
  CustomerRef: { name: 'Cool Cars', value: '3' }, Id: '6', SyncToken: '0',
  MetaData: { CreateTime: '2015-07-28T10:26:25-07:00', LastUpdatedTime: '2015-07-28T10:26:25-07:00' },
} as unknown as QboTimeActivity;

// Pitcairn keeps -08:00 all year, so an entry there from 08:00 to 17:00 on 28 July 2015 is the
// sample's 08:00:00-08:00 to 17:00:00-08:00, sent on the day the sample was recorded.
const PITCAIRN = 'Pacific/Pitcairn';
const ctx: TransformContext = context({
  projects: [{ ...website, billable: false, qbo: { ...website.qbo, qboCustomerId: '3', qboItemId: '2' } }],
  descriptionTemplate: '{description}',
});
const range = { from: '2015-07-01', to: '2015-07-31' };

/** The app's entry for the sample's work, and the sync record of what it sent. */
function sent(description = '') {
  const e = entry({ at: ['2015-07-28', '08:00', PITCAIRN], minutes: 540, billable: false, description });
  const [draft] = toTimeActivities([e], ctx);
  const record: SyncRecord = { key: draft!.key, qboId: '6', syncToken: '0', entryIds: draft!.entryIds, entryVersions: draft!.entryVersions, payload: draft!.payload, payloadHash: draft!.payloadHash, billableStatus: 'NotBillable' };
  return { e, record };
}

/** Fields reported as changed in QuickBooks (HourlyRate 0 on NotBillable time counts as no rate, §13.1). */
const changedFields = (records: SyncRecord[], answer: QboTimeActivity) =>
  reconcile(records, [answer], range).changedInQbo.flatMap((c) => c.diffs.map((d) => d.field));

describe('times QuickBooks answers in the company zone', () => {
  it("reads the sample's 09:00:00-07:00 answer as the 08:00:00-08:00 that was sent", () => {
    const { e } = sent();
    const asked = qboSpan({ ...RECORDED_REQUEST, TxnDate: '2015-07-28' } as unknown as QboTimeActivity);
    const answered = qboSpan(RECORDED_ANSWER);
    expect(answered).toEqual(asked);
    expect(answered).toEqual({ start: e.start, end: e.end, breakMs: 0 });
  });

  it('reports no change in QuickBooks for the recorded answer to what the app sent', () => {
    const { record } = sent();
    expect(record.payload).toMatchObject({ TxnDate: '2015-07-28', Hours: 9, Minutes: 0, BillableStatus: 'NotBillable' });
    expect(changedFields([record], RECORDED_ANSWER)).toEqual([]);
  });

  it('counts a span across the autumn clock change by the instants: 01:30-07:00 to 01:30-08:00 is one hour', () => {
    const e = entry({ at: ['2026-11-01', '08:30', 'UTC'], minutes: 60, billable: false, description: '' });
    const [draft] = toTimeActivities([e], ctx);
    const record: SyncRecord = { key: draft!.key, qboId: '7', syncToken: '0', entryIds: draft!.entryIds, entryVersions: draft!.entryVersions, payload: draft!.payload, payloadHash: draft!.payloadHash, billableStatus: 'NotBillable' };
    const answer = { ...RECORDED_ANSWER, Id: '7', TxnDate: '2026-11-01', StartTime: '2026-11-01T01:30:00-07:00', EndTime: '2026-11-01T01:30:00-08:00' } as QboTimeActivity;
    expect(reconcile([record], [answer], { from: '2026-11-01', to: '2026-11-01' }).changedInQbo.flatMap((c) => c.diffs.map((d) => d.field))).toEqual([]);
  });

  it("keeps the entry's times when QuickBooks wins on another field and answers the same instants in its own zone", () => {
    const { e, record } = sent('Garden');
    const [change] = reconcile([record], [RECORDED_ANSWER], range).changedInQbo;
    expect(change!.diffs.map((d) => d.field)).toContain('Description');
    const a = adoptIntoEntry(e, change!, ctx);
    expect(a.patch).toEqual({ description: '' });
    expect(a.applied).toEqual(['description']);
  });

  it("takes QuickBooks' instants when its times moved, even with the same date and duration", () => {
    const { e, record } = sent('Garden');
    const moved = { ...RECORDED_ANSWER, StartTime: '2015-07-28T10:00:00-07:00', EndTime: '2015-07-28T19:00:00-07:00' } as QboTimeActivity;
    const [change] = reconcile([record], [moved], range).changedInQbo;
    const a = adoptIntoEntry(e, change!, ctx);
    expect(a.patch).toEqual({ description: '', start: e.start + 60 * MIN, end: e.end! + 60 * MIN });
    expect(a.applied).toEqual(['start → 09:00', 'description']);
  });
});
