// Estimates (the seeded one progress billing takes its budget from, invoices linked to it) and
// recurring invoice templates, with the scheduler QuickBooks runs for Automated ones.
import { beforeAll, describe, expect, it } from 'vitest';
import { boot, clock, findId, firstError, rows, type Body } from './helpers';
import { useSandbox } from '../../fixtures/use-sandbox';

const c = clock();
const h = useSandbox(() => boot({ now: c.now }));
const ids = { cars: '', amy: '', design: '', consulting: '', installation: '' };
beforeAll(async () => {
  ids.cars = await findId(h, 'Customer', 'DisplayName', 'Cool Cars');
  ids.amy = await findId(h, 'Customer', 'DisplayName', "Amy's Bird Sanctuary");
  ids.design = await findId(h, 'Item', 'Name', 'Design');
  ids.consulting = await findId(h, 'Item', 'Name', 'Consulting');
  ids.installation = await findId(h, 'Item', 'Name', 'Installation');
});

const sale = (item: string, Qty: number, UnitPrice: number) => ({ DetailType: 'SalesItemLineDetail', Amount: Qty * UnitPrice, SalesItemLineDetail: { ItemRef: { value: item }, Qty, UnitPrice } });
const read = async (type: string, id: string): Promise<Body> => (await h.api('GET', `${type.toLowerCase()}/${id}`)).json[type];
const seededEstimate = async (): Promise<Body> => (await rows(h, 'Estimate', `where CustomerRef = '${ids.cars}' and DocNumber = '1001'`))[0];

describe('estimates', () => {
  it("has Cool Cars' pending estimate of 3,550.00 in three lines, readable and queryable", async () => {
    const est = await seededEstimate();
    expect(est).toMatchObject({ TxnStatus: 'Pending', TotalAmt: 3550, CustomerRef: { value: ids.cars, name: 'Cool Cars' }, LinkedTxn: [] });
    expect(est.Line.filter((l: Body) => l.DetailType === 'SalesItemLineDetail').map((l: Body) => l.Amount)).toEqual([750, 2400, 400]);
    expect(await read('Estimate', est.Id)).toEqual(est);
  });

  it('lists the invoices linked to it, closes once they bill its whole total, and reopens when one is voided', async () => {
    const est = await seededEstimate();
    const link = [{ TxnId: est.Id, TxnType: 'Estimate' }];
    const first = await h.api('POST', 'invoice', { CustomerRef: { value: ids.cars }, LinkedTxn: link, Line: [sale(ids.design, 10, 75)] });
    expect(first.json.Invoice.LinkedTxn).toEqual(link);
    expect(await read('Estimate', est.Id)).toMatchObject({ TxnStatus: 'Pending', LinkedTxn: [{ TxnId: first.json.Invoice.Id, TxnType: 'Invoice' }] });
    const rest = await h.api('POST', 'invoice', { CustomerRef: { value: ids.cars }, LinkedTxn: link, Line: [sale(ids.consulting, 20, 120), sale(ids.installation, 8, 50)] });
    expect((await read('Estimate', est.Id)).TxnStatus).toBe('Closed');
    await h.control(`invoices/${rest.json.Invoice.Id}/void`);
    expect(await read('Estimate', est.Id)).toMatchObject({ TxnStatus: 'Accepted', LinkedTxn: [{ TxnId: first.json.Invoice.Id, TxnType: 'Invoice' }] });
  });

  it("refuses an estimate of another customer, and one that does not exist", async () => {
    const est = await seededEstimate();
    const other = await h.api('POST', 'invoice', { CustomerRef: { value: ids.amy }, LinkedTxn: [{ TxnId: est.Id, TxnType: 'Estimate' }], Line: [sale(ids.design, 1, 75)] });
    expect(firstError(other)).toMatchObject({ code: '6000', element: 'LinkedTxn' });
    const missing = await h.api('POST', 'invoice', { CustomerRef: { value: ids.cars }, LinkedTxn: [{ TxnId: '99999', TxnType: 'Estimate' }], Line: [sale(ids.design, 1, 75)] });
    expect(firstError(missing)?.code).toBe('2500');
  });

  it('creates an estimate through the API, numbered on its own, and CDC reports it', async () => {
    c.advance(60_000); // past the changes earlier tests made to the seeded estimate
    const since = new Date(c.now()).toISOString();
    c.advance(60_000);
    const r = await h.api('POST', 'estimate', { CustomerRef: { value: ids.amy }, Line: [sale(ids.design, 4, 75)] });
    expect(r.json.Estimate).toMatchObject({ DocNumber: '1002', TxnStatus: 'Pending', TotalAmt: 300 });
    expect(r.json.Estimate.Balance).toBeUndefined();
    const cdc = (await h.api('GET', `cdc?entities=Estimate&changedSince=${encodeURIComponent(since)}`)).json.CDCResponse[0].QueryResponse[0];
    expect(cdc.Estimate.map((e: Body) => e.Id)).toEqual([r.json.Estimate.Id]);
  });
});

/** A monthly retainer template for Amy's Bird Sanctuary: 1,000.00 (Consulting 25 × 40). */
const template = (Name: string, RecurType: string, ScheduleInfo: Body) => ({
  Invoice: { CustomerRef: { value: ids.amy }, Line: [sale(ids.consulting, 25, 40)], RecurringInfo: { Name, RecurType, Active: true, ScheduleInfo } },
});

describe('recurring invoice templates (RecurringTransaction)', () => {
  it('are created, read and queried wrapped in their Invoice, refused a second time by name, and deleted', async () => {
    const r = await h.api('POST', 'recurringtransaction', template('Retainer A', 'Reminded', { IntervalType: 'Monthly', NumInterval: 1, DayOfMonth: 1, StartDate: '2026-02-01' }));
    expect(r.status).toBe(200);
    const t = r.json.RecurringTransaction.Invoice;
    expect(t).toMatchObject({ TotalAmt: 1000, RecurringInfo: { Name: 'Retainer A', RecurType: 'Reminded', ScheduleInfo: { NextDate: '2026-02-01' } } });
    expect(t.DocNumber).toBeUndefined();
    expect((await h.api('GET', `recurringtransaction/${t.Id}`)).json.RecurringTransaction.Invoice.Id).toBe(t.Id);
    const listed = (await h.api('GET', `query?query=${encodeURIComponent('select * from RecurringTransaction')}`)).json.QueryResponse.RecurringTransaction;
    expect(listed.map((x: Body) => x.Invoice.RecurringInfo.Name)).toContain('Retainer A');
    expect(firstError(await h.api('POST', 'recurringtransaction', template('retainer a', 'Automated', { IntervalType: 'Monthly', StartDate: '2026-02-01' })))?.code).toBe('6240');
    expect(firstError(await h.api('POST', 'recurringtransaction', { Invoice: { ...t, sparse: true } }))?.code).toBe('500');
    const del = await h.api('POST', 'recurringtransaction?operation=delete', { Invoice: { Id: t.Id, SyncToken: t.SyncToken } });
    expect(del.json.RecurringTransaction).toMatchObject({ status: 'Deleted', Id: t.Id });
  });

  it('run makes the invoices an Automated template would have made by a date and moves NextDate on', async () => {
    const auto = (await h.api('POST', 'recurringtransaction', template('Retainer B', 'Automated', { IntervalType: 'Monthly', NumInterval: 1, DayOfMonth: 31, StartDate: '2026-01-10' }))).json.RecurringTransaction.Invoice;
    await h.api('POST', 'recurringtransaction', template('Retainer C', 'Reminded', { IntervalType: 'Monthly', NumInterval: 1, DayOfMonth: 1, StartDate: '2026-01-01' }));
    expect(auto.RecurringInfo.ScheduleInfo.NextDate).toBe('2026-01-31');
    const run = await h.control('recurring/run', { asOf: '2026-03-30' });
    expect(run.json.Invoice.map((i: Body) => [i.TxnDate, i.TotalAmt, i.RecurDataRef.value])).toEqual([['2026-01-31', 1000, auto.Id], ['2026-02-28', 1000, auto.Id]]);
    expect((await read('Invoice', run.json.Invoice[0].Id)).RecurDataRef).toEqual({ value: auto.Id });
    const after = (await h.api('GET', `recurringtransaction/${auto.Id}`)).json.RecurringTransaction.Invoice;
    expect(after.RecurringInfo.ScheduleInfo).toMatchObject({ NextDate: '2026-03-31', PreviousDate: '2026-02-28' });
    expect((await h.control('recurring/run', { asOf: '2026-03-30' })).json.Invoice).toEqual([]);
    expect((await h.control('recurring/run', { asOf: 'soon' })).status).toBe(400);
  });
});
