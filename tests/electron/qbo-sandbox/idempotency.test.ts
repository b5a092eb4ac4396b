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

const entry = (Minutes: number) => ({ TxnDate: '2026-01-09', NameOf: 'Employee', EmployeeRef: { value: emily }, Hours: 1, Minutes });

describe('requestid', () => {
  it('answers a replay with the original response and writes nothing', async () => {
    const first = await h.api('POST', 'timeactivity?requestid=7f1c0a52-1111-4c55-9e3b-000000000001', entry(5));
    const replay = await h.api('POST', 'timeactivity?requestid=7f1c0a52-1111-4c55-9e3b-000000000001', entry(5));
    expect(replay.status).toBe(200);
    expect(replay.text).toBe(first.text);
    expect(await rows(h, 'TimeActivity')).toHaveLength(1);
    expect((await h.control('state')).json.counters.replays).toBe(1);
  });

  it('answers the original even when the replayed body differs', async () => {
    const first = await h.api('POST', 'timeactivity?requestid=rid-differs', entry(5));
    const replay = await h.api('POST', 'timeactivity?requestid=rid-differs', entry(45));
    expect(replay.json.TimeActivity.Minutes).toBe(5);
    expect(replay.json).toEqual(first.json);
  });

  it('replays an update without applying it twice', async () => {
    const c = (await h.api('POST', 'customer', { DisplayName: 'Fir Co' })).json.Customer;
    const update = { Id: c.Id, SyncToken: '0', sparse: true, Notes: 'once' };
    expect((await h.api('POST', 'customer?requestid=upd-1', update)).status).toBe(200);
    // Without the requestid the same body would now be stale; with it, the first answer comes back.
    const replay = await h.api('POST', 'customer?requestid=upd-1', update);
    expect(replay.status).toBe(200);
    expect(replay.json.Customer.SyncToken).toBe('1');
    expect(firstError(await h.api('POST', 'customer', update))?.code).toBe('5010');
  });

  it('refuses a requestid longer than 50 characters', async () => {
    const r = await h.api('POST', `timeactivity?requestid=${'x'.repeat(51)}`, entry(5));
    expect(firstError(r)?.code).toBe('6000');
    expect(await rows(h, 'TimeActivity')).toHaveLength(0);
  });

  it('without requestid, a retry after a dropped connection duplicates; with it, it does not', async () => {
    await h.control('faults', { dropAfterCommitRate: 1 });
    const send = (path: string) => h.api('POST', path, entry(30)).then(() => 'answered', () => 'dropped');
    expect(await send('timeactivity')).toBe('dropped');
    expect(await send('timeactivity?requestid=stable-id-1')).toBe('dropped');
    await h.control('faults', { dropAfterCommitRate: 0 });
    // Each client retries once the network is back.
    await h.api('POST', 'timeactivity', entry(30));
    const retried = await h.api('POST', 'timeactivity?requestid=stable-id-1', entry(30));
    expect(retried.status).toBe(200);
    const state = (await h.control('state')).json;
    expect(state.entities.TimeActivity).toHaveLength(3); // two from the naive client, one from the idempotent one
    expect(state.counters.droppedAfterCommit).toBe(2);
  });
});
