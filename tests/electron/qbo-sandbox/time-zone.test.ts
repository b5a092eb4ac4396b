// StartTime/EndTime as real QBO keeps them (docs/qbo-api.md §13.2): instants, answered on the
// company's clock with the offset of that moment, TxnDate taken from StartTime there.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { boot, findId, firstError } from './helpers';
import { useSandbox } from '../../fixtures/use-sandbox';

const h = useSandbox(() => boot());
let emily = '';
beforeAll(async () => {
  emily = await findId(h, 'Employee', 'DisplayName', 'Emily Platt');
});
beforeEach(async () => {
  await h.control('reset');
});

const span = async (fields: Record<string, unknown>) => {
  const r = await h.api('POST', 'timeactivity', { NameOf: 'Employee', EmployeeRef: { value: emily }, ...fields });
  return r.json.TimeActivity ?? r.json;
};

describe('TimeActivity times in the company zone', () => {
  it("answers Intuit's create sample as recorded: 08:00:00-08:00 on a July day reads back as 09:00:00-07:00", async () => {
    // The request as documented (time-only form); the recorded answer is dated 2015-07-28, the day it was sent.
    const ta = await span({ TxnDate: '2015-07-28', StartTime: '08:00:00-08:00', EndTime: '17:00:00-08:00' });
    expect(ta).toMatchObject({ TxnDate: '2015-07-28', StartTime: '2015-07-28T09:00:00-07:00', EndTime: '2015-07-28T18:00:00-07:00' });
    const read = await h.api('GET', `timeactivity/${ta.Id}`);
    expect(read.json.TimeActivity).toMatchObject({ StartTime: '2015-07-28T09:00:00-07:00', EndTime: '2015-07-28T18:00:00-07:00' });
  });

  it('writes each time with the offset in force at that instant across the spring-forward change', async () => {
    // Los Angeles moved from -08:00 to -07:00 at 02:00 on 8 March 2026.
    const ta = await span({ TxnDate: '2026-03-08', StartTime: '2026-03-08T01:30:00-08:00', EndTime: '2026-03-08T10:30:00Z' });
    expect(ta).toMatchObject({ StartTime: '2026-03-08T01:30:00-08:00', EndTime: '2026-03-08T03:30:00-07:00' });
    expect(Date.parse(ta.EndTime) - Date.parse(ta.StartTime)).toBe(60 * 60_000);
  });

  it("takes TxnDate from StartTime on the company's calendar, whatever TxnDate was sent", async () => {
    // 01:00 in Berlin on the 13th is 16:00 on the 12th in California.
    const ta = await span({ TxnDate: '2026-01-13', StartTime: '2026-01-13T01:00:00+01:00', EndTime: '2026-01-13T03:00:00+01:00' });
    expect(ta).toMatchObject({ TxnDate: '2026-01-12', StartTime: '2026-01-12T16:00:00-08:00', EndTime: '2026-01-12T18:00:00-08:00' });
  });

  it("reads a time without an offset on the company's clock, in the company's zone", async () => {
    expect(await span({ StartTime: '2026-07-01T09:00:00', EndTime: '2026-07-01T17:00:00' })).toMatchObject({ TxnDate: '2026-07-01', StartTime: '2026-07-01T09:00:00-07:00' });
    expect((await h.control('reset', { timeZone: 'Europe/Berlin' })).json.timeZone).toBe('Europe/Berlin');
    expect(await span({ StartTime: '2026-07-01T09:00:00', EndTime: '2026-07-01T17:00:00' })).toMatchObject({ StartTime: '2026-07-01T09:00:00+02:00', EndTime: '2026-07-01T17:00:00+02:00' });
    expect(await span({ TxnDate: '2026-01-12', StartTime: '08:00', EndTime: '12:15:30' })).toMatchObject({ TxnDate: '2026-01-12', StartTime: '2026-01-12T08:00:00+01:00', EndTime: '2026-01-12T12:15:30+01:00' });
  });

  it('refuses a time that is not one, and a zone that is not one', async () => {
    const bad = await h.api('POST', 'timeactivity', { NameOf: 'Employee', EmployeeRef: { value: emily }, StartTime: '25:00:00-08:00', EndTime: '26:00:00-08:00' });
    expect(firstError(bad)).toMatchObject({ code: '2010', element: 'StartTime' });
    expect((await h.control('reset', { timeZone: '+02:00' })).status).toBe(400);
  });
});
