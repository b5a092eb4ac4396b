// Voiding an invoice (qbo-api.md §3.5 `?operation=void`, §6.2 batch `optionsData: "void"`): the
// invoice stays with its lines at 0, PrivateNote says "Voided", the billed time is Billable again.
import { describe, expect, it } from 'vitest';
import { boot, clock, firstError, type Body, useTimeIds } from './helpers';
import { useSandbox } from '../../fixtures/use-sandbox';

const c = clock();
const h = useSandbox(() => boot({ now: c.now }));
const ids = useTimeIds(h);

async function billableTime(TxnDate = '2026-01-12'): Promise<Body> {
  const r = await h.api('POST', 'timeactivity', {
    NameOf: 'Employee', EmployeeRef: { value: ids.emily }, CustomerRef: { value: ids.cars }, ItemRef: { value: ids.design },
    BillableStatus: 'Billable', HourlyRate: 75, Hours: 2, Minutes: 0, TxnDate,
  });
  return r.json.TimeActivity;
}

async function invoiceFor(timeId: string, extra: Record<string, unknown> = {}): Promise<Body> {
  const r = await h.api('POST', 'invoice', {
    CustomerRef: { value: ids.cars }, TxnDate: '2026-01-15', PrivateNote: 'January',
    Line: [{ DetailType: 'SalesItemLineDetail', Amount: 150, Description: 'Design', LinkedTxn: [{ TxnId: timeId, TxnType: 'TimeActivity' }], SalesItemLineDetail: { ItemRef: { value: ids.design }, Qty: 2, UnitPrice: 75 } }],
    ...extra,
  });
  expect(r.status).toBe(200);
  return r.json.Invoice;
}

const status = async (id: string) => (await h.api('GET', `timeactivity/${id}`)).json.TimeActivity.BillableStatus;

describe('void', () => {
  it('zeroes the amounts, keeps the lines, notes "Voided" and releases the billed time', async () => {
    const time = await billableTime();
    const inv = await invoiceFor(time.Id);
    expect(await status(time.Id)).toBe('HasBeenBilled');
    const since = new Date(c.now()).toISOString();
    c.advance(60_000);
    const r = await h.api('POST', 'invoice?operation=void', { Id: inv.Id, SyncToken: inv.SyncToken });
    expect(r.status).toBe(200);
    const voided = r.json.Invoice;
    expect(voided).toMatchObject({ Id: inv.Id, TotalAmt: 0, Balance: 0, SyncToken: String(Number(inv.SyncToken) + 1), PrivateNote: 'Voided - January', DocNumber: inv.DocNumber });
    const sales = voided.Line.filter((l: Body) => l.DetailType === 'SalesItemLineDetail');
    expect(sales).toHaveLength(1);
    expect(sales[0]).toMatchObject({ Amount: 0, Description: 'Design' });
    expect(sales[0].LinkedTxn).toBeUndefined();
    expect(await status(time.Id)).toBe('Billable');
    // The time can be billed again, and the voided invoice is a changed Invoice in CDC.
    await invoiceFor(time.Id);
    const cdc = await h.api('GET', `cdc?entities=Invoice&changedSince=${encodeURIComponent(since)}`);
    expect(cdc.json.CDCResponse[0].QueryResponse[0].Invoice).toEqual(expect.arrayContaining([expect.objectContaining({ Id: inv.Id, TotalAmt: 0 })]));
  });

  it('answers a second void with the voided invoice unchanged, and refuses to edit it', async () => {
    const inv = await invoiceFor((await billableTime()).Id);
    const once = (await h.api('POST', 'invoice?operation=void', { Id: inv.Id, SyncToken: inv.SyncToken })).json.Invoice;
    const twice = await h.api('POST', 'invoice?operation=void', { Id: inv.Id, SyncToken: once.SyncToken });
    expect(twice.status).toBe(200);
    expect(twice.json.Invoice).toMatchObject({ SyncToken: once.SyncToken, PrivateNote: 'Voided - January', TotalAmt: 0 });
    const edit = await h.api('POST', 'invoice', { Id: inv.Id, SyncToken: once.SyncToken, sparse: true, DueDate: '2026-03-01' });
    expect(firstError(edit)).toMatchObject({ code: '6000', element: 'Id' });
  });

  it('voids in a batch with operation update and optionsData void, and refuses other options', async () => {
    const inv = await invoiceFor((await billableTime()).Id);
    const r = await h.api('POST', 'batch', {
      BatchItemRequest: [
        { bId: 'v1', operation: 'update', optionsData: 'void', Invoice: { Id: inv.Id, SyncToken: inv.SyncToken } },
        { bId: 'v2', operation: 'delete', optionsData: 'void', Invoice: { Id: inv.Id, SyncToken: inv.SyncToken } },
      ],
    });
    const [v1, v2] = r.json.BatchItemResponse;
    expect(v1.Invoice).toMatchObject({ Id: inv.Id, TotalAmt: 0, Balance: 0, PrivateNote: 'Voided - January' });
    expect(v2.Fault.Error[0].code).toBe('500');
  });

  it('refuses an invoice that has been paid, and an invoice in a closed period (6210)', async () => {
    const paid = await invoiceFor((await billableTime()).Id);
    await h.control(`invoices/${paid.Id}/payment`, { amount: 50 });
    const current = (await h.api('GET', `invoice/${paid.Id}`)).json.Invoice;
    expect(firstError(await h.api('POST', 'invoice?operation=void', { Id: paid.Id, SyncToken: current.SyncToken }))?.code).toBe('6000');

    const old = await invoiceFor((await billableTime()).Id);
    const prefs = (await h.api('GET', 'preferences')).json.Preferences;
    await h.api('POST', 'preferences', { SyncToken: prefs.SyncToken, AccountingInfoPrefs: { BookCloseDate: '2026-01-31' } });
    expect(firstError(await h.api('POST', 'invoice?operation=void', { Id: old.Id, SyncToken: old.SyncToken }))?.code).toBe('6210');
    expect((await h.api('GET', `invoice/${old.Id}`)).json.Invoice.TotalAmt).toBe(150);
  });

  it('is refused for other entities', async () => {
    const time = await billableTime('2026-02-10'); // after the closing date the test above set
    expect(firstError(await h.api('POST', 'timeactivity?operation=void', { Id: time.Id, SyncToken: time.SyncToken }))?.code).toBe('500');
  });
});
