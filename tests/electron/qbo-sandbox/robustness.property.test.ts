// Property: whatever a client sends, the sandbox answers like QBO (200 or a 400 fault with a
// code), never with a crash of its own.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { boot } from './helpers';
import { useSandbox } from '../../fixtures/use-sandbox';

const h = useSandbox(() => boot());

const FIELDS = ['DisplayName', 'Name', 'Type', 'NameOf', 'EmployeeRef', 'VendorRef', 'CustomerRef', 'ItemRef', 'ParentRef', 'Hours', 'Minutes', 'StartTime', 'EndTime', 'BillableStatus', 'HourlyRate', 'Line', 'Active', 'Id', 'SyncToken', 'sparse', 'TxnDate', 'CurrencyRef', 'LinkedTxn'];
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.record({ value: fc.constantFrom('1', '2', '5', '17', '20', '99999', 'TAX') }),
  fc.constantFrom('Employee', 'Vendor', 'Billable', 'NotBillable', 'HasBeenBilled', 'Service', '2026-01-12', '2026-01-12T08:00:00-08:00', 0, 1, 59, -1),
  fc.array(fc.record({ DetailType: fc.constantFrom('SalesItemLineDetail', 'DescriptionOnly', 'Bogus'), Amount: fc.double({ noNaN: true }), SalesItemLineDetail: fc.record({ ItemRef: fc.record({ value: fc.constantFrom('1', '7', '9') }) }) }), { maxLength: 3 }),
);
const body = fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 8 });

it('answers 200 or a QBO fault for any body on any entity', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom('customer', 'vendor', 'employee', 'item', 'class', 'timeactivity', 'invoice', 'taxcode'), fc.constantFrom('', '?operation=update', '?operation=delete'), body, async (path, op, b) => {
      const r = await h.api('POST', `${path}${op}`, b);
      expect([200, 400]).toContain(r.status);
      if (r.status === 400) expect(r.json.Fault.Error[0].code).toMatch(/^\d+$/);
    }),
    { numRuns: 300 },
  );
});

const token = fc.constantFrom('select', '*', 'count(*)', 'from', 'Customer', 'TimeActivity', 'where', 'and', 'or', 'Id', 'TxnDate', 'DisplayName', 'Active', '=', '<', '>=', 'in', '(', ')', ',', 'like', "'%a%'", "'2026-01-01'", "'x", '\\', 'true', '12', '-3', '1.5', 'ORDERBY', 'DESC', 'STARTPOSITION', 'MAXRESULTS', 'MetaData.LastUpdatedTime', ';');

it('answers 200 or a 4000/4001 fault for any query text', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(token, { maxLength: 14 }), async (words) => {
      const r = await h.api('GET', `query?query=${encodeURIComponent(words.join(' '))}`);
      expect([200, 400]).toContain(r.status);
      if (r.status === 400) expect(['4000', '4001', '2020']).toContain(r.json.Fault.Error[0].code);
    }),
    { numRuns: 300 },
  );
});
