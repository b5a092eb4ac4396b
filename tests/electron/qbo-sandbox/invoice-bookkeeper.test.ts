// What a test can see beyond the API: the invoice e-mails QuickBooks sent (GET /_sandbox/mail), and
// a bookkeeper changing, paying, voiding or deleting an invoice in QuickBooks itself.
import { describe, expect, it } from 'vitest';
import { boot, clock, type Body, useTimeIds } from './helpers';
import { useSandbox } from '../../fixtures/use-sandbox';
import { startSandbox } from '../../../electron/qbo-sandbox/index';

const c = clock();
const h = useSandbox(() => boot({ now: c.now }));
const ids = useTimeIds(h);

async function invoiceWithTime(): Promise<{ inv: Body; timeId: string }> {
  const time = (await h.api('POST', 'timeactivity', {
    NameOf: 'Employee', EmployeeRef: { value: ids.emily }, CustomerRef: { value: ids.cars }, ItemRef: { value: ids.design },
    BillableStatus: 'Billable', HourlyRate: 75, Hours: 2, Minutes: 0, TxnDate: '2026-01-12',
  })).json.TimeActivity;
  const inv = (await h.api('POST', 'invoice', {
    CustomerRef: { value: ids.cars }, TxnDate: '2026-01-15',
    Line: [{ DetailType: 'SalesItemLineDetail', Amount: 150, LinkedTxn: [{ TxnId: time.Id, TxnType: 'TimeActivity' }], SalesItemLineDetail: { ItemRef: { value: ids.design }, Qty: 2, UnitPrice: 75 } }],
  })).json.Invoice;
  return { inv, timeId: time.Id };
}

const mail = async () => (await (await fetch(`${h.sb.url}/_sandbox/mail`)).json()).mail as Body[];
const status = async (id: string) => (await h.api('GET', `timeactivity/${id}`)).json.TimeActivity.BillableStatus;

describe('invoice e-mail', () => {
  it('sends nothing until the invoice is sent, then records the filled-in message', async () => {
    const { inv } = await invoiceWithTime();
    expect(await mail()).toEqual([]);
    const prefs = (await h.api('GET', 'preferences')).json.Preferences;
    expect(prefs.EmailMessagesPrefs.InvoiceMessage.Message).toContain('Your invoice is attached.');
    await h.api('POST', `invoice/${inv.Id}/send?sendTo=${encodeURIComponent('ap@coolcars.example')}`, '', { contentType: 'application/octet-stream' });
    expect(await mail()).toEqual([expect.objectContaining({ invoiceId: inv.Id, to: 'ap@coolcars.example', subject: `Invoice ${inv.DocNumber} from Track Nexus Demo Company` })]);
  });

  it("uses the company's own wording once it is changed through preferences", async () => {
    const { inv } = await invoiceWithTime();
    const prefs = (await h.api('GET', 'preferences')).json.Preferences;
    const update = await h.api('POST', 'preferences', { SyncToken: prefs.SyncToken, EmailMessagesPrefs: { InvoiceMessage: { Subject: 'Your bill [Invoice No.]', Message: 'Dear [Customer Name], [Balance Due] is due on [Due Date].' } } });
    expect(update.status).toBe(200);
    await h.api('POST', `invoice/${inv.Id}/send`, '', { contentType: 'application/octet-stream' });
    expect((await mail()).at(-1)).toMatchObject({ to: 'cool_cars@example.com', subject: `Your bill ${inv.DocNumber}`, message: `Dear Cool Cars, USD 150.00 is due on ${inv.DueDate}.` });
  });
});

describe('a bookkeeper in QuickBooks', () => {
  it('changes a line: the amount follows the quantity, SyncToken and LastUpdatedTime move, CDC sees it', async () => {
    const { inv } = await invoiceWithTime();
    const since = new Date(c.now()).toISOString();
    c.advance(60_000);
    const lineId = inv.Line[0].Id;
    const r = await h.control(`invoices/${inv.Id}/lines/${lineId}`, { Qty: 3, Description: 'Three hours, agreed' });
    expect(r.status).toBe(200);
    const changed = r.json.Invoice;
    expect(changed.Line[0]).toMatchObject({ Amount: 225, Description: 'Three hours, agreed', SalesItemLineDetail: { Qty: 3, UnitPrice: 75 } });
    expect(changed.Line[0].LinkedTxn).toEqual(inv.Line[0].LinkedTxn);
    expect(changed).toMatchObject({ TotalAmt: 225, Balance: 225, SyncToken: String(Number(inv.SyncToken) + 1) });
    expect(changed.MetaData.LastUpdatedTime).not.toBe(inv.MetaData.LastUpdatedTime);
    const cdc = await h.api('GET', `cdc?entities=Invoice&changedSince=${encodeURIComponent(since)}`);
    expect(cdc.json.CDCResponse[0].QueryResponse[0].Invoice.map((x: Body) => x.Id)).toContain(inv.Id);
    const amount = (await h.control(`invoices/${inv.Id}/lines/${lineId}`, { Amount: 200 })).json.Invoice;
    expect(amount.Line[0]).toMatchObject({ Amount: 200, SalesItemLineDetail: { Qty: 3 } });
    expect(amount.TotalAmt).toBe(200);
  });

  it('records payments: partly paid, then paid, never more than the balance', async () => {
    const { inv } = await invoiceWithTime();
    expect((await h.control(`invoices/${inv.Id}/payment`, { amount: 50.25 })).json.Invoice).toMatchObject({ TotalAmt: 150, Balance: 99.75 });
    expect((await h.control(`invoices/${inv.Id}/payment`, { amount: 100 })).json.Fault.Error[0].code).toBe('6000');
    expect((await h.control(`invoices/${inv.Id}/payment`, { amount: 99.75 })).json.Invoice.Balance).toBe(0);
  });

  it('keeps what was paid when a line changes afterwards', async () => {
    const { inv } = await invoiceWithTime();
    await h.control(`invoices/${inv.Id}/payment`, { amount: 100 });
    const changed = (await h.control(`invoices/${inv.Id}/lines/${inv.Line[0].Id}`, { Qty: 3 })).json.Invoice;
    expect(changed).toMatchObject({ TotalAmt: 225, Balance: 125 });
  });

  it('voids and deletes, and the time is Billable again either way', async () => {
    const voided = await invoiceWithTime();
    expect((await h.control(`invoices/${voided.inv.Id}/void`)).json.Invoice).toMatchObject({ TotalAmt: 0, PrivateNote: 'Voided' });
    expect(await status(voided.timeId)).toBe('Billable');
    const deleted = await invoiceWithTime();
    expect((await h.control(`invoices/${deleted.inv.Id}/delete`)).json.Invoice).toMatchObject({ status: 'Deleted', Id: deleted.inv.Id });
    expect(await status(deleted.timeId)).toBe('Billable');
    expect((await h.api('GET', `invoice/${deleted.inv.Id}`)).status).toBe(400);
  });

  it('answers 404 for an unknown line or invoice route', async () => {
    const { inv } = await invoiceWithTime();
    expect((await h.control(`invoices/${inv.Id}/lines/999`, { Qty: 1 })).status).toBe(404);
    expect((await h.control(`invoices/${inv.Id}/refund`)).status).toBe(404);
  });

  it('is not offered when the control routes are off', async () => {
    const off = await startSandbox({ port: 0, controlRoutes: false });
    try {
      expect((await fetch(`${off.url}/_sandbox/invoices/1/void`, { method: 'POST', body: '{}' })).status).toBe(404);
      expect((await fetch(`${off.url}/_sandbox/mail`)).status).toBe(404);
    } finally {
      await off.close();
    }
  });
});
