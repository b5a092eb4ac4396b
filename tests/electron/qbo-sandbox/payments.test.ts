// Payments received: what they do to the invoices they pay, through the API and as a bookkeeper
// records them in QuickBooks (the control routes).
import { beforeAll, describe, expect, it } from 'vitest';
import { boot, clock, findId, firstError, rows, type Body } from './helpers';
import { useSandbox } from '../../fixtures/use-sandbox';

const c = clock();
const h = useSandbox(() => boot({ now: c.now }));
const ids = { cars: '', amy: '', design: '' };
beforeAll(async () => {
  ids.cars = await findId(h, 'Customer', 'DisplayName', 'Cool Cars');
  ids.amy = await findId(h, 'Customer', 'DisplayName', "Amy's Bird Sanctuary");
  ids.design = await findId(h, 'Item', 'Name', 'Design');
});

/** A 150.00 invoice (2 × 75) for Cool Cars. */
async function invoice(): Promise<Body> {
  const r = await h.api('POST', 'invoice', {
    CustomerRef: { value: ids.cars }, TxnDate: '2026-01-15',
    Line: [{ DetailType: 'SalesItemLineDetail', Amount: 150, SalesItemLineDetail: { ItemRef: { value: ids.design }, Qty: 2, UnitPrice: 75 } }],
  });
  expect(r.status).toBe(200);
  return r.json.Invoice;
}

const pay = (invoiceId: string, amount: number, total = amount, customer = ids.cars) =>
  h.api('POST', 'payment', { CustomerRef: { value: customer }, TotalAmt: total, Line: [{ Amount: amount, LinkedTxn: [{ TxnId: invoiceId, TxnType: 'Invoice' }] }] });
const read = async (type: string, id: string): Promise<Body> => (await h.api('GET', `${type.toLowerCase()}/${id}`)).json[type];
const paymentLinks = (inv: Body) => (inv.LinkedTxn ?? []).filter((t: Body) => t.TxnType === 'Payment');

describe('payments through the API', () => {
  it('a full payment settles the invoice, links the two, and both show in CDC', async () => {
    const inv = await invoice();
    const since = new Date(c.now()).toISOString();
    c.advance(60_000);
    const r = await pay(inv.Id, 150);
    expect(r.status).toBe(200);
    const payment = r.json.Payment;
    expect(payment).toMatchObject({ TotalAmt: 150, UnappliedAmt: 0, CustomerRef: { value: ids.cars }, Line: [{ Amount: 150, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }] });
    const after = await read('Invoice', inv.Id);
    expect(after).toMatchObject({ TotalAmt: 150, Balance: 0, SyncToken: String(Number(inv.SyncToken) + 1) });
    expect(paymentLinks(after)).toEqual([{ TxnId: payment.Id, TxnType: 'Payment' }]);
    const cdc = (await h.api('GET', `cdc?entities=Invoice,Payment&changedSince=${encodeURIComponent(since)}`)).json.CDCResponse[0].QueryResponse;
    expect(cdc[0].Invoice.map((x: Body) => x.Id)).toContain(inv.Id);
    expect(cdc[1].Payment.map((x: Body) => x.Id)).toEqual([payment.Id]);
  });

  it('a partial payment leaves the rest owed, and more than the balance is refused', async () => {
    const inv = await invoice();
    expect((await pay(inv.Id, 100)).status).toBe(200);
    expect((await read('Invoice', inv.Id)).Balance).toBe(50);
    const tooMuch = await pay(inv.Id, 60);
    expect(firstError(tooMuch)).toMatchObject({ code: '6000', element: 'Amount' });
    expect((await read('Invoice', inv.Id)).Balance).toBe(50);
  });

  it('an unapplied payment keeps its money as UnappliedAmt; applying more than was received is refused', async () => {
    const r = await h.api('POST', 'payment', { CustomerRef: { value: ids.cars }, TotalAmt: 80 });
    expect(r.json.Payment).toMatchObject({ TotalAmt: 80, UnappliedAmt: 80, Line: [] });
    const inv = await invoice();
    const part = await pay(inv.Id, 100, 120);
    expect(part.json.Payment.UnappliedAmt).toBe(20);
    expect(firstError(await pay(inv.Id, 50, 40))?.code).toBe('6000');
  });

  it('changing a payment changes the balance; deleting it gives the balance back', async () => {
    const inv = await invoice();
    const payment = (await pay(inv.Id, 100)).json.Payment;
    const edit = await h.api('POST', 'payment', { Id: payment.Id, SyncToken: payment.SyncToken, sparse: true, Line: [{ Amount: 40, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }] });
    expect(edit.json.Payment).toMatchObject({ TotalAmt: 100, UnappliedAmt: 60 });
    expect((await read('Invoice', inv.Id)).Balance).toBe(110);
    const del = await h.api('POST', 'payment?operation=delete', { Id: payment.Id, SyncToken: edit.json.Payment.SyncToken });
    expect(del.json.Payment).toMatchObject({ status: 'Deleted', Id: payment.Id });
    const after = await read('Invoice', inv.Id);
    expect(after.Balance).toBe(150);
    expect(paymentLinks(after)).toEqual([]);
    expect(firstError(await h.api('GET', `payment/${payment.Id}`))?.code).toBe('610');
  });

  it("refuses what QuickBooks refuses: no customer or total, another customer's invoice, a voided invoice", async () => {
    const inv = await invoice();
    expect(firstError(await h.api('POST', 'payment', { TotalAmt: 10 }))).toMatchObject({ code: '2020', element: 'CustomerRef' });
    expect(firstError(await h.api('POST', 'payment', { CustomerRef: { value: ids.cars } }))).toMatchObject({ code: '2020', element: 'TotalAmt' });
    expect(firstError(await pay(inv.Id, 10, 10, ids.amy))?.Detail).toContain('different customer');
    await h.control(`invoices/${inv.Id}/void`);
    expect(firstError(await pay(inv.Id, 10))?.Detail).toContain('voided');
  });

  it('an invoice with a payment cannot be deleted until the payment is', async () => {
    const inv = await invoice();
    const payment = (await pay(inv.Id, 150)).json.Payment;
    const current = await read('Invoice', inv.Id);
    expect(firstError(await h.api('POST', 'invoice?operation=delete', { Id: inv.Id, SyncToken: current.SyncToken }))?.code).toBe('6000');
    await h.api('POST', 'payment?operation=delete', { Id: payment.Id, SyncToken: payment.SyncToken });
    const open = await read('Invoice', inv.Id);
    expect((await h.api('POST', 'invoice?operation=delete', { Id: inv.Id, SyncToken: open.SyncToken })).status).toBe(200);
  });

  it('a replayed requestid records the payment once', async () => {
    const inv = await invoice();
    const body = { CustomerRef: { value: ids.cars }, TotalAmt: 30, Line: [{ Amount: 30, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }] };
    const first = await h.api('POST', 'payment?requestid=pay-once-1', body);
    const again = await h.api('POST', 'payment?requestid=pay-once-1', body);
    expect(again.text).toBe(first.text);
    expect((await read('Invoice', inv.Id)).Balance).toBe(120);
    expect((await rows(h, 'Payment', `where Id = '${first.json.Payment.Id}'`)).length).toBe(1);
  });
});

describe('payments a bookkeeper records in QuickBooks', () => {
  it('invoices/{id}/payment makes a real Payment the app can find', async () => {
    const inv = await invoice();
    const r = await h.control(`invoices/${inv.Id}/payment`, { amount: 50 });
    expect(r.json.Invoice.Balance).toBe(100);
    const found = await rows(h, 'Payment', `where CustomerRef = '${ids.cars}'`);
    expect(found.find((p) => p.Id === r.json.Payment.Id)).toMatchObject({ TotalAmt: 50, Line: [{ LinkedTxn: [{ TxnId: inv.Id }] }] });
  });

  it('payments records partial and unapplied money; payments/{id}/delete takes it back', async () => {
    const inv = await invoice();
    const r = await h.control('payments', { customerId: ids.cars, amount: 200, invoices: [{ id: inv.Id, amount: 100 }], txnDate: '2026-01-20' });
    expect(r.json.Payment).toMatchObject({ TotalAmt: 200, UnappliedAmt: 100, TxnDate: '2026-01-20' });
    expect((await read('Invoice', inv.Id)).Balance).toBe(50);
    expect((await h.control(`payments/${r.json.Payment.Id}/delete`)).json.Payment.status).toBe('Deleted');
    expect((await read('Invoice', inv.Id)).Balance).toBe(150);
    expect((await h.control('payments', { customerId: ids.cars, amount: 'ten' })).status).toBe(400);
    expect((await h.control('payments', { customerId: ids.cars, amount: 10, invoices: [{ id: inv.Id, amount: 500 }] })).json.Fault.Error[0].code).toBe('6000');
  });
});
