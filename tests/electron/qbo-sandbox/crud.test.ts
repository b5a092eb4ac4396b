import { beforeEach, describe, expect, it } from 'vitest';
import { boot, findId, firstError, rows } from './helpers';
import { useSandbox } from '../../fixtures/use-sandbox';

const h = useSandbox(() => boot());
beforeEach(async () => {
  await h.control('reset');
});

describe('create and read', () => {
  it('answers in the entity envelope with time, Id, SyncToken, MetaData and intuit_tid', async () => {
    const r = await h.api('POST', 'customer?minorversion=75', { DisplayName: 'Birch Landscaping', PrimaryEmailAddr: { Address: 'b@example.com' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('intuit_tid')).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(r.json.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[-+]\d{2}:\d{2}$/);
    const c = r.json.Customer;
    expect(c).toMatchObject({ DisplayName: 'Birch Landscaping', SyncToken: '0', domain: 'QBO', Active: true, FullyQualifiedName: 'Birch Landscaping', CurrencyRef: { value: 'USD', name: 'United States Dollar' } });
    expect(c.Id).toMatch(/^\d+$/);
    expect(c.MetaData.CreateTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[-+]\d{2}:\d{2}$/);
    const read = await h.api('GET', `customer/${c.Id}`);
    expect(read.json.Customer).toEqual(c);
  });

  it('fills reference names', async () => {
    const emily = await findId(h, 'Employee', 'DisplayName', 'Emily Platt');
    const r = await h.api('POST', 'timeactivity', { NameOf: 'Employee', EmployeeRef: { value: emily }, Hours: 1, Minutes: 0, TxnDate: '2026-01-05' });
    expect(r.json.TimeActivity.EmployeeRef).toEqual({ value: emily, name: 'Emily Platt' });
  });

  it('answers 610 Object Not Found for a missing id', async () => {
    const r = await h.api('GET', 'customer/999999');
    expect(r.status).toBe(400);
    expect(firstError(r)?.code).toBe('610');
  });

  it('creates a job under a job, three levels of FullyQualifiedName', async () => {
    const phase2 = await findId(h, 'Customer', 'DisplayName', 'Feeder Phase 2');
    const r = await h.api('POST', 'customer', { DisplayName: 'Phase 2 Paint', ParentRef: { value: phase2 }, Job: true });
    expect(r.json.Customer).toMatchObject({ Level: 3, Job: true, FullyQualifiedName: "Amy's Bird Sanctuary:Bird Feeder Project:Feeder Phase 2:Phase 2 Paint" });
  });
});

describe('update', () => {
  it('full update clears omitted fields and bumps SyncToken', async () => {
    const created = (await h.api('POST', 'customer', { DisplayName: 'Aspen Co', PrimaryEmailAddr: { Address: 'a@example.com' }, Notes: 'keep?' })).json.Customer;
    const r = await h.api('POST', 'customer', { Id: created.Id, SyncToken: created.SyncToken, DisplayName: 'Aspen Company' });
    expect(r.status).toBe(200);
    expect(r.json.Customer.SyncToken).toBe('1');
    expect(r.json.Customer.DisplayName).toBe('Aspen Company');
    expect(r.json.Customer.Notes).toBeUndefined();
    expect(r.json.Customer.PrimaryEmailAddr).toBeUndefined();
  });

  it('sparse update changes only the fields sent', async () => {
    const created = (await h.api('POST', 'customer', { DisplayName: 'Cedar Co', Notes: 'keep me' })).json.Customer;
    const r = await h.api('POST', 'customer?operation=update', { Id: created.Id, SyncToken: '0', sparse: true, CompanyName: 'Cedar Holdings' });
    expect(r.json.Customer).toMatchObject({ DisplayName: 'Cedar Co', Notes: 'keep me', CompanyName: 'Cedar Holdings', SyncToken: '1' });
  });

  it('refuses a stale SyncToken with 5010 and keeps the newer write', async () => {
    const created = (await h.api('POST', 'customer', { DisplayName: 'Dogwood Co' })).json.Customer;
    await h.api('POST', 'customer', { Id: created.Id, SyncToken: '0', sparse: true, Notes: 'first writer' });
    const stale = await h.api('POST', 'customer', { Id: created.Id, SyncToken: '0', sparse: true, Notes: 'second writer' });
    expect(stale.status).toBe(400);
    expect(stale.json.Fault.type).toBe('ValidationFault');
    expect(firstError(stale)).toMatchObject({ code: '5010', Message: 'Stale Object Error' });
    expect((await h.api('GET', `customer/${created.Id}`)).json.Customer).toMatchObject({ Notes: 'first writer', SyncToken: '1' });
  });

  it('wants Id and SyncToken on update (2020)', async () => {
    const r = await h.api('POST', 'customer?operation=update', { Id: '1', DisplayName: 'x' });
    expect(firstError(r)).toMatchObject({ code: '2020', Detail: 'Required parameter SyncToken is missing in the request' });
  });

  it('renaming a parent renames its jobs', async () => {
    const cars = await findId(h, 'Customer', 'DisplayName', 'Cool Cars');
    await h.api('POST', 'customer', { Id: cars, SyncToken: '0', sparse: true, DisplayName: 'Cooler Cars' });
    const job = (await rows(h, 'Customer', "where DisplayName = 'Showroom Landscaping'"))[0];
    expect(job.FullyQualifiedName).toBe('Cooler Cars:Showroom Landscaping');
  });
});

describe('delete and deactivate', () => {
  it('deletes a TimeActivity with Id and SyncToken', async () => {
    const emily = await findId(h, 'Employee', 'DisplayName', 'Emily Platt');
    const ta = (await h.api('POST', 'timeactivity', { NameOf: 'Employee', EmployeeRef: { value: emily }, Hours: 2, Minutes: 15 })).json.TimeActivity;
    const r = await h.api('POST', 'timeactivity?operation=delete', { Id: ta.Id, SyncToken: ta.SyncToken });
    expect(r.json.TimeActivity).toEqual({ status: 'Deleted', domain: 'QBO', Id: ta.Id });
    expect(firstError(await h.api('GET', `timeactivity/${ta.Id}`))?.code).toBe('610');
  });

  it('refuses to delete with a stale SyncToken', async () => {
    const emily = await findId(h, 'Employee', 'DisplayName', 'Emily Platt');
    const ta = (await h.api('POST', 'timeactivity', { NameOf: 'Employee', EmployeeRef: { value: emily }, Hours: 2, Minutes: 15 })).json.TimeActivity;
    await h.api('POST', 'timeactivity', { ...ta, Hours: 3 });
    const r = await h.api('POST', 'timeactivity?operation=delete', { Id: ta.Id, SyncToken: '0' });
    expect(firstError(r)?.code).toBe('5010');
  });

  it('does not delete name-list entities; deactivating a customer deactivates its jobs', async () => {
    const amy = await findId(h, 'Customer', 'DisplayName', "Amy's Bird Sanctuary");
    const del = await h.api('POST', 'customer?operation=delete', { Id: amy, SyncToken: '0' });
    expect(del.status).toBe(400);
    expect(firstError(del)?.Message).toBe('Unsupported Operation');
    const r = await h.api('POST', 'customer', { Id: amy, SyncToken: '0', sparse: true, Active: false });
    expect(r.json.Customer.Active).toBe(false);
    const jobs = await rows(h, 'Customer', "where FullyQualifiedName like 'Amy%' and Active in (true, false)");
    expect(jobs.map((j) => j.Active)).toEqual([false, false, false]);
  });
});

describe('malformed requests', () => {
  it('answers 2010 for broken JSON', async () => {
    const r = await h.api('POST', 'customer', '{"DisplayName": "x",');
    expect(r.status).toBe(400);
    expect(firstError(r)?.code).toBe('2010');
  });

  it('answers 2010 for an unknown property and for a reference sent as a string', async () => {
    expect(firstError(await h.api('POST', 'customer', { DisplayName: 'x', FavouriteColour: 'green' }))?.code).toBe('2010');
    const r = await h.api('POST', 'invoice', { CustomerRef: '1', Line: [] });
    expect(firstError(r)).toMatchObject({ code: '2010', element: 'CustomerRef' });
  });
});
