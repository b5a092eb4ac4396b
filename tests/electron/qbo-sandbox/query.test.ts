import { describe, expect, it } from 'vitest';
import { boot, findId, firstError, rows } from './helpers';
import { useSandbox } from '../../fixtures/use-sandbox';

const h = useSandbox(() => boot());

const query = (q: string) => h.api('GET', `query?query=${encodeURIComponent(q)}&minorversion=75`);

describe('query grammar', () => {
  it('answers QueryResponse with startPosition and maxResults', async () => {
    const r = await query("select * from Customer where DisplayName = 'Cool Cars'");
    expect(r.json.QueryResponse).toMatchObject({ startPosition: 1, maxResults: 1, Customer: [{ DisplayName: 'Cool Cars' }] });
    expect(r.json.time).toBeTruthy();
  });

  it('counts with COUNT(*)', async () => {
    const r = await query('SELECT COUNT(*) FROM Customer WHERE Active IN (true, false)');
    expect(r.json.QueryResponse).toEqual({ totalCount: 12 });
  });

  it('filters with LIKE, IN, comparison operators and AND', async () => {
    expect((await rows(h, 'Customer', "where DisplayName like 'Cool%'")).map((c) => c.DisplayName)).toEqual(['Cool Cars']);
    expect((await rows(h, 'Customer', "where FullyQualifiedName like '%:%' and Level >= 2")).map((c) => c.DisplayName)).toEqual(['Feeder Phase 2']);
    expect((await rows(h, 'Item', "where Name in ('Design', 'Consulting')")).map((i) => i.Name).sort()).toEqual(['Consulting', 'Design']);
    expect((await rows(h, 'Item', "where Type = 'Service' and Name > 'H'")).map((i) => i.Name).sort()).toEqual(['Hours', 'Installation', 'Reimbursable expenses']);
  });

  it('escapes quotes with a backslash', async () => {
    expect((await rows(h, 'Customer', "where DisplayName = 'Amy\\'s Bird Sanctuary'")).length).toBe(1);
  });

  it('orders with ORDERBY … DESC', async () => {
    const names = (await rows(h, 'Employee', '', 'ORDERBY DisplayName DESC')).map((e) => e.DisplayName);
    expect(names).toEqual(['John Johnson', 'Emily Platt']);
  });

  it('answers an empty QueryResponse when nothing matches', async () => {
    const r = await query("select * from Customer where DisplayName = 'Nobody'");
    expect(r.json.QueryResponse).toEqual({});
  });

  it('answers 4000 for syntax QBO does not parse', async () => {
    for (const q of ['select Id from Customer', "select * from Customer where DisplayName = 'a' or Active = true", 'select * Customer', "select * from Customer where DisplayName = 'open", 'select * from Customer order by Id']) {
      const r = await query(q);
      expect(r.status, q).toBe(400);
      expect(firstError(r)?.code, q).toBe('4000');
    }
  });

  it('answers 4001 for unknown entities, unfilterable properties, Id ranges and MAXRESULTS over 1000', async () => {
    for (const q of ['select * from Customers', "select * from TimeActivity where Description = 'x'", "select * from Customer where Id > '3'", 'select * from Customer MAXRESULTS 1001']) {
      expect(firstError(await query(q))?.code, q).toBe('4001');
    }
  });

  it('accepts a query POSTed as application/text', async () => {
    const r = await h.api('POST', 'query', 'select count(*) from Vendor', { contentType: 'application/text' });
    expect(r.json.QueryResponse.totalCount).toBe(3);
  });
});

describe('TimeActivity reconciliation query', () => {
  it('selects a month of time by TxnDate range', async () => {
    await h.control('reset');
    const emily = await findId(h, 'Employee', 'DisplayName', 'Emily Platt');
    for (const TxnDate of ['2025-12-31', '2026-01-01', '2026-01-15', '2026-01-31', '2026-02-01']) {
      await h.api('POST', 'timeactivity', { TxnDate, NameOf: 'Employee', EmployeeRef: { value: emily }, Hours: 1, Minutes: 0 });
    }
    const r = await query("select * from TimeActivity where TxnDate >= '2026-01-01' and TxnDate <= '2026-01-31' STARTPOSITION 1 MAXRESULTS 1000");
    // Newest first, as QBO answers time without ORDERBY.
    expect(r.json.QueryResponse.TimeActivity.map((t: { TxnDate: string }) => t.TxnDate)).toEqual(['2026-01-31', '2026-01-15', '2026-01-01']);
    const ordered = await query("select * from TimeActivity where TxnDate >= '2026-01-01' ORDERBY TxnDate");
    expect(ordered.json.QueryResponse.TimeActivity.map((t: { TxnDate: string }) => t.TxnDate)).toEqual(['2026-01-01', '2026-01-15', '2026-01-31', '2026-02-01']);
  });
});

describe('order without ORDERBY', () => {
  it('answers customers by name with each job right after its parent, not by Id', async () => {
    await h.control('reset');
    const amy = await findId(h, 'Customer', 'DisplayName', "Amy's Bird Sanctuary");
    await h.api('POST', 'customer', { DisplayName: 'Aardvark Cafe' });
    await h.api('POST', 'customer', { DisplayName: 'Nest Boxes', ParentRef: { value: amy }, Job: true });
    await h.api('POST', 'customer', { DisplayName: "Amy's Bird Sanctuary Two" });
    const names = (await rows(h, 'Customer', '', 'MAXRESULTS 7')).map((c) => c.FullyQualifiedName);
    expect(names).toEqual([
      'Aardvark Cafe',
      "Amy's Bird Sanctuary",
      "Amy's Bird Sanctuary:Bird Feeder Project",
      "Amy's Bird Sanctuary:Bird Feeder Project:Feeder Phase 2",
      "Amy's Bird Sanctuary:Nest Boxes",
      "Amy's Bird Sanctuary Two",
      'Cool Cars',
    ]);
  });

  it('answers vendors and items by name', async () => {
    const vendors = (await rows(h, 'Vendor')).map((v) => v.DisplayName);
    expect(vendors).toEqual([...vendors].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    await h.api('POST', 'item', { Name: 'Aaa Survey', Type: 'Service', IncomeAccountRef: (await rows(h, 'Item'))[0].IncomeAccountRef });
    expect((await rows(h, 'Item'))[0].Name).toBe('Aaa Survey');
  });
});

describe('names in any case, MetaData filters, SELECT *, Field', () => {
  it('reads entity and property names whatever their case', async () => {
    const r = await query("SELECT * FROM customer WHERE displayname = 'Cool Cars' ORDERBY metadata.lastupdatedtime DESC");
    expect(r.status).toBe(200);
    expect(r.json.QueryResponse.Customer.map((c: { DisplayName: string }) => c.DisplayName)).toEqual(['Cool Cars']);
    expect((await query('select count(*) from TIMEACTIVITY')).status).toBe(200);
  });

  it('filters by MetaData.LastUpdatedTime for an incremental pull', async () => {
    const created = (await h.api('POST', 'customer', { DisplayName: 'Fresh Customer' })).json.Customer;
    const at = created.MetaData.LastUpdatedTime;
    expect(await rows(h, 'Customer', `where MetaData.LastUpdatedTime > '${at}'`)).toEqual([]);
    expect((await rows(h, 'Customer', `where MetaData.LastUpdatedTime >= '${at}'`)).map((c) => c.DisplayName)).toContain('Fresh Customer');
    const emily = await findId(h, 'Employee', 'DisplayName', 'Emily Platt');
    const time = (await h.api('POST', 'timeactivity', { TxnDate: '2026-01-05', NameOf: 'Employee', EmployeeRef: { value: emily }, Hours: 1, Minutes: 0 })).json.TimeActivity;
    expect((await rows(h, 'TimeActivity', `where MetaData.LastUpdatedTime >= '${time.MetaData.LastUpdatedTime}'`)).map((t) => t.Id)).toEqual([time.Id]);
    expect(await rows(h, 'TimeActivity', `where MetaData.LastUpdatedTime > '${time.MetaData.LastUpdatedTime}'`)).toEqual([]);
  });

  it('accepts SELECT *, Field and answers every field', async () => {
    const r = await query("SELECT *, Sku FROM Item WHERE Name = 'Design'");
    expect(r.status).toBe(200);
    expect(r.json.QueryResponse.Item[0]).toMatchObject({ Name: 'Design', Type: 'Service' });
    expect(firstError(await query('SELECT Sku FROM Item'))?.code).toBe('4000');
  });
});

describe('paging', () => {
  it('pages through 2,500 customers with STARTPOSITION, each exactly once', async () => {
    await h.control('reset', { extraCustomers: 2500 });
    const total = (await query("select count(*) from Customer where DisplayName like 'Paging%'")).json.QueryResponse.totalCount;
    expect(total).toBe(2500);
    const seen: string[] = [];
    const pageSizes: number[] = [];
    for (let start = 1; ; start += 1000) {
      const r = await query(`select * from Customer where DisplayName like 'Paging%' STARTPOSITION ${start} MAXRESULTS 1000`);
      const page = r.json.QueryResponse.Customer ?? [];
      if (page.length === 0) break;
      expect(r.json.QueryResponse.startPosition).toBe(start);
      pageSizes.push(r.json.QueryResponse.maxResults);
      seen.push(...page.map((c: { Id: string }) => c.Id));
    }
    expect(pageSizes).toEqual([1000, 1000, 500]);
    expect(new Set(seen).size).toBe(2500);
    expect(seen).toEqual([...seen].sort((a, b) => Number(a) - Number(b)));
  });

  it('defaults MAXRESULTS to 100', async () => {
    const r = await query("select * from Customer where DisplayName like 'Paging%'");
    expect(r.json.QueryResponse.Customer).toHaveLength(100);
  });
});
