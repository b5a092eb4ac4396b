// Non-billable time as real QuickBooks reads it back: with "HourlyRate": 0 and "Taxable": false
// (Intuit's create sample, tests/fixtures/qbo/intuit-timeactivity.ts), not without the rate. And
// what Track Nexus sends for it (no rate) reconciles against that answer without a conflict.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { QboTimeActivity, TimeActivityPayload } from '../../../shared/qbo/types';
import { reconcile } from '../../../shared/sync/reconcile';
import { CREATE_RESPONSE } from '../../fixtures/qbo/intuit-timeactivity';
import { useSandbox } from '../../fixtures/use-sandbox';
import { boot, findId, rows } from './helpers';

const h = useSandbox(() => boot());
let sent: TimeActivityPayload;
beforeAll(async () => {
  sent = {
    TxnDate: '2026-01-12',
    NameOf: 'Employee',
    EmployeeRef: { value: await findId(h, 'Employee', 'DisplayName', 'Emily Platt') },
    CustomerRef: { value: await findId(h, 'Customer', 'DisplayName', 'Cool Cars') },
    ItemRef: { value: await findId(h, 'Item', 'Name', 'Hours') },
    BillableStatus: 'NotBillable',
    Hours: 2,
    Minutes: 15,
    Description: 'Pruning',
  };
});
beforeEach(async () => {
  await h.control('reset');
});

describe('non-billable TimeActivity', () => {
  it('reads back with a rate of 0 and not taxable, in the create answer, a read and a query, as Intuit records it', async () => {
    const { BillableStatus, HourlyRate, Taxable } = CREATE_RESPONSE.TimeActivity;
    const answer = await h.api('POST', 'timeactivity', sent);
    expect(answer.status, answer.text).toBe(200);
    const created = answer.json.TimeActivity;
    expect(created).toMatchObject({ BillableStatus, HourlyRate, Taxable });
    expect((await h.api('GET', `timeactivity/${created.Id}`)).json.TimeActivity).toMatchObject({ BillableStatus, HourlyRate, Taxable });
    expect((await rows(h, 'TimeActivity', `where Id = '${created.Id}'`))[0]).toMatchObject({ HourlyRate: 0, Taxable: false });
  });

  it('is not reported as changed in QuickBooks when reconciled against that answer', async () => {
    const created = (await h.api('POST', 'timeactivity', sent)).json.TimeActivity as QboTimeActivity;
    const record = { key: 'k1', qboId: created.Id, syncToken: created.SyncToken, entryIds: ['e1'], entryVersions: [1], payload: sent, payloadHash: 'h1', billableStatus: sent.BillableStatus };
    const r = reconcile([record], await rows(h, 'TimeActivity'), { from: '2026-01-12', to: '2026-01-12' });
    expect(r.changedInQbo).toEqual([]);
    expect(r.matched.map((m) => m.qboId)).toEqual([created.Id]);
  });
});
