import { describe, expect, it } from 'vitest';
import { boot, clock, findId, firstError } from './helpers';
import { useSandbox } from '../../fixtures/use-sandbox';

const DAY = 86_400_000;
const c = clock();
const h = useSandbox(() => boot({ now: c.now }));

const iso = (ms: number) => new Date(ms).toISOString();

describe('cdc', () => {
  it('returns changed and deleted objects since a moment, deleted marked', async () => {
    const since = c.now();
    c.advance(60_000);
    const customer = (await h.api('POST', 'customer', { DisplayName: 'Ginkgo Co' })).json.Customer;
    const cars = await findId(h, 'Customer', 'DisplayName', 'Cool Cars');
    const carsItem = (await h.api('GET', `customer/${cars}`)).json.Customer;
    await h.api('POST', 'customer', { Id: cars, SyncToken: carsItem.SyncToken, sparse: true, Notes: 'changed' });
    const design = await findId(h, 'Item', 'Name', 'Design');
    const inv = (await h.api('POST', 'invoice', { CustomerRef: { value: cars }, Line: [{ DetailType: 'SalesItemLineDetail', Amount: 10, SalesItemLineDetail: { ItemRef: { value: design } } }] })).json.Invoice;
    await h.api('POST', 'invoice?operation=delete', { Id: inv.Id, SyncToken: inv.SyncToken });

    const r = await h.api('GET', `cdc?entities=Customer,Invoice,Vendor&changedSince=${encodeURIComponent(iso(since))}`);
    expect(r.status).toBe(200);
    const [customers, invoices, vendors] = r.json.CDCResponse[0].QueryResponse;
    expect(customers.Customer.map((x: { Id: string }) => x.Id).sort()).toEqual([cars, customer.Id].sort());
    expect(invoices.Invoice).toEqual([expect.objectContaining({ Id: inv.Id, status: 'Deleted' })]);
    expect(vendors).toEqual({});
  });

  it('refuses TimeActivity, which CDC does not support', async () => {
    const r = await h.api('GET', `cdc?entities=TimeActivity&changedSince=${encodeURIComponent(iso(c.now() - DAY))}`);
    expect(r.status).toBe(400);
    expect(firstError(r)?.Detail).toContain('TimeActivity');
  });

  it('answers a changedSince more than 30 days back with the changes, as a recorded real answer does', async () => {
    const since = c.now();
    c.advance(45 * DAY);
    h.token = (await h.control('tokens')).json.access_token; // the old one expired long ago
    const customer = (await h.api('POST', 'customer', { DisplayName: 'Old Friend Ltd' })).json.Customer;
    const r = await h.api('GET', `cdc?entities=Customer&changedSince=${encodeURIComponent(iso(since))}`);
    expect(r.status).toBe(200);
    expect(r.json.CDCResponse[0].QueryResponse[0].Customer.map((x: { Id: string }) => x.Id)).toContain(customer.Id);
    expect((await h.api('GET', 'cdc?entities=Customer&changedSince=2011-10-10T09:00:00-07:00')).status).toBe(200);
  });

  it('answers at most 1000 objects', async () => {
    const since = c.now();
    c.advance(1000);
    await h.control('reset', { extraCustomers: 1100 });
    // Reset seeds in the past; touch 1100 customers now, through batches.
    const all = (await h.control('state')).json.entities.Customer.filter((x: { DisplayName: string }) => x.DisplayName.startsWith('Paging'));
    for (let i = 0; i < all.length; i += 30) {
      const chunk = all.slice(i, i + 30).map((x: { Id: string; SyncToken: string }, j: number) => ({ bId: `u${j}`, operation: 'update', Customer: { Id: x.Id, SyncToken: x.SyncToken, sparse: true, Notes: 'touched' } }));
      await h.api('POST', 'batch', { BatchItemRequest: chunk });
    }
    const r = await h.api('GET', `cdc?entities=Customer&changedSince=${encodeURIComponent(iso(since))}`);
    expect(r.json.CDCResponse[0].QueryResponse[0].Customer).toHaveLength(1000);
  });
});
