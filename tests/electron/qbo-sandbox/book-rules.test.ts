// Rules real books enforce (issue 13 part 6): the closing date, unique document numbers, and the
// invoice and customer fields Intuit's schema lets a client write.
import { beforeEach, describe, expect, it } from 'vitest';
import { boot, firstError, useTimeIds } from './helpers';
import { useSandbox } from '../../fixtures/use-sandbox';

const h = useSandbox(() => boot());
const ids = useTimeIds(h);
beforeEach(async () => {
  await h.control('reset', { bookCloseDate: '2026-10-31' });
});

const time = (TxnDate: string) => ({ TxnDate, NameOf: 'Employee', EmployeeRef: { value: ids.emily }, Hours: 2, Minutes: 0 });
const invoice = (extra: Record<string, unknown> = {}) => ({
  CustomerRef: { value: ids.cars },
  TxnDate: '2026-11-02',
  Line: [{ DetailType: 'SalesItemLineDetail', Amount: 100, SalesItemLineDetail: { ItemRef: { value: ids.design }, Qty: 1, UnitPrice: 100 } }],
  ...extra,
});
const closedFault = { code: '6210', Message: 'Account Period Closed, Cannot Update Through Services API', Detail: expect.stringMatching(/^The account period has closed/) };

describe('the closing date (AccountingInfoPrefs.BookCloseDate)', () => {
  it('is in Preferences and set by the reset control route', async () => {
    expect((await h.api('GET', 'preferences')).json.Preferences.AccountingInfoPrefs.BookCloseDate).toBe('2026-10-31');
    await h.control('reset', { bookCloseDate: null });
    expect((await h.api('GET', 'preferences')).json.Preferences.AccountingInfoPrefs.BookCloseDate).toBeUndefined();
    expect((await h.control('reset', { bookCloseDate: '31/10/2026' })).status).toBe(400);
  });

  it('refuses time and invoices dated on or before it, and accepts the day after', async () => {
    expect(firstError(await h.api('POST', 'timeactivity', time('2026-10-31')))).toMatchObject(closedFault);
    expect(firstError(await h.api('POST', 'invoice', invoice({ TxnDate: '2026-09-15' })))).toMatchObject(closedFault);
    expect((await h.api('POST', 'timeactivity', time('2026-11-01'))).status).toBe(200);
    const state = (await h.control('state')).json;
    expect(state.entities.TimeActivity.map((t: { TxnDate: string }) => t.TxnDate)).toEqual(['2026-11-01']);
  });

  it('refuses moving a transaction into the closed period, and changing or deleting one inside it', async () => {
    const open = (await h.api('POST', 'timeactivity', time('2026-11-03'))).json.TimeActivity;
    expect(firstError(await h.api('POST', 'timeactivity', { ...time('2026-10-30'), Id: open.Id, SyncToken: open.SyncToken }))).toMatchObject(closedFault);

    await h.control('reset', { bookCloseDate: null });
    const old = (await h.api('POST', 'timeactivity', time('2026-10-15'))).json.TimeActivity;
    await h.api('POST', 'preferences', { SyncToken: '0', AccountingInfoPrefs: { BookCloseDate: '2026-10-31' } });
    expect(firstError(await h.api('POST', 'timeactivity', { ...time('2026-11-05'), Id: old.Id, SyncToken: old.SyncToken }))).toMatchObject(closedFault);
    expect(firstError(await h.api('POST', 'timeactivity?operation=update', { Id: old.Id, SyncToken: old.SyncToken, sparse: true, Hours: 3 }))).toMatchObject(closedFault);
    expect(firstError(await h.api('POST', 'timeactivity?operation=delete', { Id: old.Id, SyncToken: old.SyncToken }))).toMatchObject(closedFault);
    expect((await h.api('GET', `timeactivity/${old.Id}`)).json.TimeActivity).toMatchObject({ TxnDate: '2026-10-15', Hours: 2 });
  });

  it('answers a batch item in the closed period with the same fault, the others go through', async () => {
    const r = await h.api('POST', 'batch', {
      BatchItemRequest: [
        { bId: 'a', operation: 'create', TimeActivity: time('2026-10-01') },
        { bId: 'b', operation: 'create', TimeActivity: time('2026-11-01') },
      ],
    });
    expect(r.json.BatchItemResponse[0].Fault.Error[0]).toMatchObject(closedFault);
    expect(r.json.BatchItemResponse[1].TimeActivity.TxnDate).toBe('2026-11-01');
  });
});

describe('document numbers', () => {
  it('refuses a DocNumber another invoice uses (6140), unless include=allowduplicatedocnum', async () => {
    const first = (await h.api('POST', 'invoice', invoice({ DocNumber: 'TN-7' }))).json.Invoice;
    expect(firstError(await h.api('POST', 'invoice', invoice({ DocNumber: 'TN-7' })))).toEqual({
      code: '6140',
      Message: 'Duplicate Document Number Error',
      Detail: `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=TN-7 is assigned to TxnType=Invoice with TxnId=${first.Id}`,
      element: '',
    });
    expect((await h.api('POST', 'invoice?include=allowduplicatedocnum', invoice({ DocNumber: 'TN-7' }))).json.Invoice.DocNumber).toBe('TN-7');
    // An invoice keeps its own number when updated.
    const own = (await h.api('POST', 'invoice', invoice({ DocNumber: 'TN-8' }))).json.Invoice;
    const r = await h.api('POST', 'invoice', { Id: own.Id, SyncToken: own.SyncToken, sparse: true, PrivateNote: 'checked' });
    expect(r.json.Invoice).toMatchObject({ DocNumber: 'TN-8', PrivateNote: 'checked' });
  });
});

describe("fields Intuit's schema lets a client write", () => {
  it('invoices take and read back the online payment flags, print status and addresses', async () => {
    // Read back as recorded in QA create/invoice.yml when the client sends none of them.
    const plain = (await h.api('POST', 'invoice', invoice())).json.Invoice;
    expect(plain).toMatchObject({ AllowIPNPayment: false, AllowOnlinePayment: false, AllowOnlineCreditCardPayment: false, AllowOnlineACHPayment: false, PrintStatus: 'NeedToPrint' });
    const sent = await h.api('POST', 'invoice', invoice({ AllowIPNPayment: false, AllowOnlinePayment: true, AllowOnlineACHPayment: true, PrintStatus: 'NeedToPrint', BillAddr: { Line1: '1 Main St' } }));
    expect(sent.json.Invoice).toMatchObject({ AllowIPNPayment: false, AllowOnlinePayment: true, AllowOnlineCreditCardPayment: false, AllowOnlineACHPayment: true, PrintStatus: 'NeedToPrint', BillAddr: { Line1: '1 Main St' } });
  });

  it('accepts a line with Qty 0 and UnitPrice 0 as its Amount', async () => {
    const line = { DetailType: 'SalesItemLineDetail', Amount: 100, SalesItemLineDetail: { ItemRef: { value: ids.design }, Qty: 0, UnitPrice: 0 } };
    expect((await h.api('POST', 'invoice', invoice({ Line: [line] }))).json.Invoice.TotalAmt).toBe(100);
  });

  it('customers take PrimaryTaxIdentifier', async () => {
    const r = await h.api('POST', 'customer', { DisplayName: 'Hawthorn Co', PrimaryTaxIdentifier: 'XXX-XX-1234' });
    expect(r.json.Customer.PrimaryTaxIdentifier).toBe('XXX-XX-1234');
  });
});
