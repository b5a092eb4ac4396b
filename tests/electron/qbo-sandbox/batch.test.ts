import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { boot, findId, firstError, rows } from './helpers';
import { useSandbox } from '../../fixtures/use-sandbox';

const h = useSandbox(() => boot());
let emily: string;
beforeAll(async () => {
  emily = await findId(h, 'Employee', 'DisplayName', 'Emily Platt');
});
beforeEach(async () => {
  await h.control('reset');
});

const timeItem = (bId: string, extra: Record<string, unknown> = {}) => ({
  bId,
  operation: 'create',
  TimeActivity: { TxnDate: '2026-01-07', NameOf: 'Employee', EmployeeRef: { value: emily }, Hours: 2, Minutes: 0, ...extra },
});

describe('batch', () => {
  it('answers each item on its own, with per-item faults', async () => {
    const customer = (await h.api('POST', 'customer', { DisplayName: 'Elm Street Co' })).json.Customer;
    const r = await h.api('POST', 'batch?minorversion=75', {
      BatchItemRequest: [
        timeItem('b1'),
        timeItem('b2', { NameOf: undefined }),
        { bId: 'b3', operation: 'update', Customer: { Id: customer.Id, SyncToken: '0', sparse: true, Notes: 'updated in batch' } },
        { bId: 'b4', operation: 'update', Customer: { Id: customer.Id, SyncToken: '0', sparse: true, Notes: 'stale' } },
        { bId: 'b5', Query: "select * from Customer where DisplayName = 'Elm Street Co'" },
      ],
    });
    expect(r.status).toBe(200);
    const byId = Object.fromEntries(r.json.BatchItemResponse.map((i: { bId: string }) => [i.bId, i]));
    expect(byId.b1.TimeActivity.Id).toBeTruthy();
    expect(byId.b2.Fault.Error[0].code).toBe('2020');
    expect(byId.b3.Customer.Notes).toBe('updated in batch');
    expect(byId.b4.Fault.Error[0].code).toBe('5010');
    expect(byId.b5.QueryResponse.Customer[0].Notes).toBe('updated in batch');
    expect(await rows(h, 'TimeActivity')).toHaveLength(1);
  });

  it('takes at most 30 items', async () => {
    const thirty = Array.from({ length: 30 }, (_, i) => timeItem(`b${i}`));
    expect((await h.api('POST', 'batch', { BatchItemRequest: thirty })).json.BatchItemResponse).toHaveLength(30);
    const r = await h.api('POST', 'batch', { BatchItemRequest: [...thirty, timeItem('b30')] });
    expect(r.status).toBe(400);
    expect(firstError(r)?.code).toBe('6000');
    expect(await rows(h, 'TimeActivity', '', 'MAXRESULTS 1000')).toHaveLength(30);
  });

  it('replays a batch sent again with the same requestid', async () => {
    const body = { BatchItemRequest: [timeItem('b1'), timeItem('b2')] };
    const first = await h.api('POST', 'batch?requestid=0b6e8f7a-batch-0001', body);
    const second = await h.api('POST', 'batch?requestid=0b6e8f7a-batch-0001', body);
    expect(second.text).toBe(first.text);
    expect(await rows(h, 'TimeActivity')).toHaveLength(2);
  });
});
