import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { boot, findId, firstError } from './helpers';
import { useSandbox } from '../../fixtures/use-sandbox';

const h = useSandbox(() => boot());
const ids = {} as Record<'emily' | 'peter' | 'tania' | 'cars' | 'showroom' | 'dukes' | 'geeta' | 'design' | 'gardening' | 'materials', string>;
beforeAll(async () => {
  ids.emily = await findId(h, 'Employee', 'DisplayName', 'Emily Platt');
  ids.peter = await findId(h, 'Employee', 'DisplayName', 'Peter Dukes');
  ids.tania = await findId(h, 'Vendor', 'DisplayName', "Tania's Nursery");
  ids.cars = await findId(h, 'Customer', 'DisplayName', 'Cool Cars');
  ids.showroom = await findId(h, 'Customer', 'DisplayName', 'Showroom Landscaping');
  ids.dukes = await findId(h, 'Customer', 'DisplayName', 'Dukes Basketball Camp');
  ids.geeta = await findId(h, 'Customer', 'DisplayName', 'Geeta Kalapatapu');
  ids.design = await findId(h, 'Item', 'Name', 'Design');
  ids.gardening = await findId(h, 'Item', 'Name', 'Gardening');
  ids.materials = await findId(h, 'Item', 'Name', 'Materials');
});
beforeEach(async () => {
  await h.control('reset');
});

const time = (extra: Record<string, unknown> = {}) => ({
  TxnDate: '2026-01-12',
  NameOf: 'Employee',
  EmployeeRef: { value: ids.emily },
  Hours: 1,
  Minutes: 30,
  ...extra,
});
const billable = (extra: Record<string, unknown> = {}) =>
  time({ BillableStatus: 'Billable', CustomerRef: { value: ids.cars }, ItemRef: { value: ids.design }, HourlyRate: 75, ...extra });

describe('TimeActivity', () => {
  it('accepts the Hours/Minutes form and the StartTime/EndTime form', async () => {
    expect((await h.api('POST', 'timeactivity', billable())).json.TimeActivity).toMatchObject({ Hours: 1, Minutes: 30, BillableStatus: 'Billable', HourlyRate: 75 });
    const span = await h.api('POST', 'timeactivity', time({ Hours: undefined, Minutes: undefined, StartTime: '2026-01-12T08:00:00-08:00', EndTime: '2026-01-12T17:00:00-08:00', BreakHours: 1 }));
    expect(span.json.TimeActivity).toMatchObject({ StartTime: '2026-01-12T08:00:00-08:00', EndTime: '2026-01-12T17:00:00-08:00' });
  });

  it('refuses both duration forms at once, and neither', async () => {
    expect(firstError(await h.api('POST', 'timeactivity', time({ StartTime: '2026-01-12T08:00:00-08:00', EndTime: '2026-01-12T09:00:00-08:00' })))?.code).toBe('6000');
    expect(firstError(await h.api('POST', 'timeactivity', time({ Hours: undefined, Minutes: undefined })))?.code).toBe('2020');
    expect(firstError(await h.api('POST', 'timeactivity', time({ Minutes: 75 })))?.code).toBe('6000');
  });

  it('needs CustomerRef and HourlyRate when Billable', async () => {
    expect(firstError(await h.api('POST', 'timeactivity', billable({ CustomerRef: undefined })))).toMatchObject({ code: '2020', element: 'CustomerRef' });
    expect(firstError(await h.api('POST', 'timeactivity', billable({ HourlyRate: undefined })))).toMatchObject({ code: '2020', element: 'HourlyRate' });
  });

  it('needs NameOf with the matching EmployeeRef or VendorRef', async () => {
    expect(firstError(await h.api('POST', 'timeactivity', time({ NameOf: undefined })))?.code).toBe('2020');
    expect(firstError(await h.api('POST', 'timeactivity', time({ NameOf: 'Vendor' })))).toMatchObject({ code: '2020', element: 'VendorRef' });
    const vendorTime = await h.api('POST', 'timeactivity', time({ NameOf: 'Vendor', EmployeeRef: undefined, VendorRef: { value: ids.tania } }));
    expect(vendorTime.json.TimeActivity.VendorRef.name).toBe("Tania's Nursery");
    expect(firstError(await h.api('POST', 'timeactivity', time({ VendorRef: { value: ids.tania } })))?.code).toBe('6000');
  });

  it('refuses inactive references with 610 and missing ones with 2500', async () => {
    // As recorded real answers do, the 610 does not name the reference (`element` is empty).
    expect(firstError(await h.api('POST', 'timeactivity', billable({ CustomerRef: { value: ids.dukes } })))).toMatchObject({ code: '610', element: '' });
    expect(firstError(await h.api('POST', 'timeactivity', time({ EmployeeRef: { value: ids.peter } })))).toMatchObject({ code: '610', element: '' });
    expect(firstError(await h.api('POST', 'timeactivity', billable({ ItemRef: { value: ids.gardening } })))).toMatchObject({ code: '610', element: '' });
    expect(firstError(await h.api('POST', 'timeactivity', billable({ CustomerRef: { value: '99999' } })))).toMatchObject({ code: '2500', element: 'CustomerRef' });
  });

  it('wants a Service item', async () => {
    expect(firstError(await h.api('POST', 'timeactivity', billable({ ItemRef: { value: ids.materials } })))).toMatchObject({ code: '6000', element: 'ItemRef' });
  });

  it('does not let a client set HasBeenBilled', async () => {
    expect(firstError(await h.api('POST', 'timeactivity', billable({ BillableStatus: 'HasBeenBilled' })))?.code).toBe('6000');
  });
});

describe('names', () => {
  it('keeps DisplayName unique across customers, vendors and employees (6240)', async () => {
    for (const [path, body] of [
      ['customer', { DisplayName: 'Emily Platt' }],
      ['vendor', { DisplayName: 'cool cars' }],
      ['employee', { GivenName: 'Mahoney', FamilyName: 'Mugs', DisplayName: 'Mahoney Mugs' }],
      ['customer', { DisplayName: 'Dukes Basketball Camp' }],
    ] as const) {
      const r = await h.api('POST', path, body);
      expect(firstError(r)).toMatchObject({ code: '6240', Message: 'Duplicate Name Exists Error' });
    }
  });

  it("does not let a customer's currency change", async () => {
    await h.control('reset', { variant: 'multicurrency' });
    const paris = (await h.api('GET', `customer/${await findId(h, 'Customer', 'DisplayName', 'Lumière Paris')}`)).json.Customer;
    const r = await h.api('POST', 'customer', { Id: paris.Id, SyncToken: paris.SyncToken, sparse: true, CurrencyRef: { value: 'USD' } });
    expect(firstError(r)).toMatchObject({ code: '6000', element: 'CurrencyRef' });
  });

  it('refuses a foreign currency in a home-currency company', async () => {
    expect(firstError(await h.api('POST', 'customer', { DisplayName: 'Euro Co', CurrencyRef: { value: 'EUR' } }))?.code).toBe('6000');
  });

  it('refuses a colon in a name', async () => {
    expect(firstError(await h.api('POST', 'customer', { DisplayName: 'A:B' }))?.code).toBe('6000');
  });
});

describe('invoices that bill time', () => {
  async function billableTime(customer = ids.cars) {
    return (await h.api('POST', 'timeactivity', billable({ CustomerRef: { value: customer } }))).json.TimeActivity;
  }
  const invoiceFor = (customer: string, timeIds: string[], amount = 112.5) => ({
    CustomerRef: { value: customer },
    Line: [
      {
        DetailType: 'SalesItemLineDetail',
        Amount: amount,
        Description: 'Design work',
        SalesItemLineDetail: { ItemRef: { value: ids.design }, Qty: 1.5, UnitPrice: 75 },
        LinkedTxn: timeIds.map((TxnId) => ({ TxnId, TxnType: 'TimeActivity' })),
      },
    ],
  });

  it('flips linked time to HasBeenBilled, and back to Billable when the invoice is deleted', async () => {
    const ta = await billableTime();
    const inv = await h.api('POST', 'invoice', invoiceFor(ids.cars, [ta.Id]));
    expect(inv.status).toBe(200);
    expect(inv.json.Invoice).toMatchObject({ TotalAmt: 112.5, Balance: 112.5, DocNumber: '1001' });
    expect((await h.api('GET', `timeactivity/${ta.Id}`)).json.TimeActivity.BillableStatus).toBe('HasBeenBilled');
    // Billed time cannot be billed twice, nor deleted.
    expect(firstError(await h.api('POST', 'invoice', invoiceFor(ids.cars, [ta.Id])))?.code).toBe('6000');
    const billed = (await h.api('GET', `timeactivity/${ta.Id}`)).json.TimeActivity;
    expect(firstError(await h.api('POST', 'timeactivity?operation=delete', { Id: billed.Id, SyncToken: billed.SyncToken }))?.code).toBe('6000');

    await h.api('POST', 'invoice?operation=delete', { Id: inv.json.Invoice.Id, SyncToken: inv.json.Invoice.SyncToken });
    expect((await h.api('GET', `timeactivity/${ta.Id}`)).json.TimeActivity.BillableStatus).toBe('Billable');
  });

  it("bills a job's time on the parent customer's invoice but not another customer's", async () => {
    const jobTime = await billableTime(ids.showroom);
    expect((await h.api('POST', 'invoice', invoiceFor(ids.cars, [jobTime.Id]))).status).toBe(200);
    const other = await billableTime(ids.cars);
    expect(firstError(await h.api('POST', 'invoice', invoiceFor(ids.geeta, [other.Id])))?.code).toBe('6000');
  });

  it('takes a sparse DueDate update, and unlinking a line makes its time Billable again', async () => {
    const ta = await billableTime();
    const inv = (await h.api('POST', 'invoice', invoiceFor(ids.cars, [ta.Id]))).json.Invoice;
    const sparse = await h.api('POST', 'invoice', { Id: inv.Id, SyncToken: inv.SyncToken, sparse: true, DueDate: '2026-03-01' });
    expect(sparse.json.Invoice).toMatchObject({ DueDate: '2026-03-01', DocNumber: inv.DocNumber, TotalAmt: 112.5, SyncToken: '1' });
    expect((await h.api('GET', `timeactivity/${ta.Id}`)).json.TimeActivity.BillableStatus).toBe('HasBeenBilled');
    const unlinked = await h.api('POST', 'invoice', { ...sparse.json.Invoice, Line: invoiceFor(ids.cars, []).Line });
    expect(unlinked.status).toBe(200);
    expect((await h.api('GET', `timeactivity/${ta.Id}`)).json.TimeActivity.BillableStatus).toBe('Billable');
  });

  it('leaves the stored invoice untouched when a sparse update is refused', async () => {
    const inv = (await h.api('POST', 'invoice', invoiceFor(ids.cars, []))).json.Invoice;
    const r = await h.api('POST', 'invoice', { Id: inv.Id, SyncToken: inv.SyncToken, sparse: true, ClassRef: { value: '99999' } });
    expect(firstError(r)?.code).toBe('2500');
    expect((await h.api('GET', `invoice/${inv.Id}`)).json.Invoice).toEqual(inv);
  });

  it('refuses a TimeActivity link on the invoice header', async () => {
    const ta = await billableTime();
    const r = await h.api('POST', 'invoice', { ...invoiceFor(ids.cars, []), LinkedTxn: [{ TxnId: ta.Id, TxnType: 'TimeActivity' }] });
    expect(firstError(r)).toMatchObject({ code: '6000', element: 'LinkedTxn' });
  });

  it('checks Amount against Qty * UnitPrice (6070)', async () => {
    expect(firstError(await h.api('POST', 'invoice', invoiceFor(ids.cars, [], 100)))?.code).toBe('6070');
  });

  it('needs CustomerRef and at least one line', async () => {
    expect(firstError(await h.api('POST', 'invoice', { Line: invoiceFor(ids.cars, []).Line }))).toMatchObject({ code: '2020', element: 'CustomerRef' });
    expect(firstError(await h.api('POST', 'invoice', { CustomerRef: { value: ids.cars }, Line: [] }))).toMatchObject({ code: '2020', element: 'Line' });
  });

  it('in a multicurrency company wants CurrencyRef matching the customer', async () => {
    await h.control('reset', { variant: 'multicurrency' });
    const paris = await findId(h, 'Customer', 'DisplayName', 'Lumière Paris');
    const body = { CustomerRef: { value: paris }, Line: [{ DetailType: 'SalesItemLineDetail', Amount: 100, SalesItemLineDetail: { ItemRef: { value: ids.design } } }] };
    expect(firstError(await h.api('POST', 'invoice', body))).toMatchObject({ code: '2020', element: 'CurrencyRef' });
    expect(firstError(await h.api('POST', 'invoice', { ...body, CurrencyRef: { value: 'USD' } }))?.code).toBe('6000');
    const ok = await h.api('POST', 'invoice', { ...body, CurrencyRef: { value: 'EUR' }, ExchangeRate: 1.1 });
    expect(ok.json.Invoice).toMatchObject({ CurrencyRef: { value: 'EUR' }, TotalAmt: 100, HomeTotalAmt: 110 });
  });
});
