// Between the engine's Online shapes and QuickBooks Desktop: a TimeActivity body sent through the
// simulated company file and read back keeps what the bookkeeper entered; list records land in the
// mirror in the shapes the mapping reads; refusals become the faults the engine classifies.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCompany } from '../../../electron/qbd-sim/company';
import { listQueryRq, qbxmlDocument, timeTrackingAddRq } from '../../../shared/qbd/qbxml';
import { parseQbxmlResponse, type QbdResponse } from '../../../shared/qbd/response';
import { batchFaultOf, mirrorEntityOf, qbdTimeOf, QbdTranslateError, timeActivityOf } from '../../../shared/qbd/translate';
import { classifyFault } from '../../../shared/sync/classify';

/** Every document here goes through Intuit's schema (0.3–0.5 s each); CI may run on a busy machine. */
const SCHEMA_TIMEOUT = 90_000;

const company = createCompany({ customers: ['Cool Cars', 'Cool Cars:Showroom'], employees: ['Emily Platt'], vendors: ['Timberloft Lumber'], items: ['Design'], classes: ['Landscaping'] });
const id = (kind: Parameters<typeof company.names>[0], fullName: string) => company.names(kind).find((e) => e.fullName === fullName)!.listId;

async function roundTrip(body: Record<string, unknown>, vendorIds: Set<string>) {
  const xml = qbxmlDocument('16.0', [timeTrackingAddRq('1', qbdTimeOf(body))]);
  const [rs] = parseQbxmlResponse(await company.process(xml));
  expect(rs!.statusCode).toBe(0);
  return timeActivityOf(rs!.rets[0]!, vendorIds);
}

describe('time entries between Online shapes and QuickBooks Desktop', { timeout: SCHEMA_TIMEOUT }, () => {
  it('keeps date, minutes, notes, billable status and every reference through the company file, and sends no rate', async () => {
    const vendorIds = new Set([id('Vendor', 'Timberloft Lumber')]);
    const body = fc.record({
      TxnDate: fc.constantFrom('2026-01-01', '2026-12-04', '2027-02-28'),
      person: fc.constantFrom('Employee' as const, 'Vendor' as const),
      Hours: fc.integer({ min: 0, max: 23 }),
      Minutes: fc.integer({ min: 0, max: 59 }),
      Description: fc.option(fc.string({ minLength: 1, maxLength: 80 }).map((s) => s.trim()).filter((s) => s !== ''), { nil: undefined }),
      BillableStatus: fc.constantFrom('Billable' as const, 'NotBillable' as const),
      HourlyRate: fc.option(fc.integer({ min: 0, max: 50_000 }).map((c) => c / 100), { nil: undefined }),
      withJob: fc.boolean(),
    });
    await fc.assert(fc.asyncProperty(body, async ({ person, withJob, ...b }) => {
      const personRef = person === 'Employee' ? { value: id('Employee', 'Emily Platt') } : { value: id('Vendor', 'Timberloft Lumber') };
      const sent = {
        ...b, NameOf: person, [`${person}Ref`]: personRef, ...(b.Description === undefined ? {} : { Description: b.Description }),
        ...(b.HourlyRate === undefined ? {} : { HourlyRate: b.HourlyRate }),
        ...(withJob ? { CustomerRef: { value: id('Customer', 'Cool Cars:Showroom') }, ItemRef: { value: id('ItemService', 'Design') }, ClassRef: { value: id('Class', 'Landscaping') } } : {}),
      };
      const back = await roundTrip(sent, vendorIds);
      expect(back).toMatchObject({ TxnDate: b.TxnDate, NameOf: person, Hours: b.Hours, Minutes: b.Minutes, BillableStatus: b.BillableStatus });
      expect(back[`${person}Ref`]?.value).toBe(personRef.value);
      expect(back.Description).toBe(b.Description);
      expect(back.HourlyRate).toBeUndefined(); // Desktop keeps no rate on time: never sent
      if (withJob) expect(back.CustomerRef).toEqual({ value: id('Customer', 'Cool Cars:Showroom'), name: 'Cool Cars:Showroom' });
      expect(back.Id).toMatch(/\S/);
      expect(back.SyncToken).toMatch(/\S/);
    }), { numRuns: 15 });
  });

  it('refuses, in words, an entry QuickBooks Desktop cannot hold', () => {
    const ok = { TxnDate: '2026-12-04', NameOf: 'Employee', EmployeeRef: { value: '1-1' }, Hours: 1, Minutes: 0, BillableStatus: 'NotBillable' };
    expect(() => qbdTimeOf({ ...ok, EmployeeRef: undefined })).toThrow(/names no employee or vendor/);
    expect(() => qbdTimeOf({ ...ok, Minutes: 0.5 })).toThrow(QbdTranslateError);
    expect(() => qbdTimeOf({ ...ok, Description: 'x'.repeat(4096) })).toThrow(/notes are longer/);
  });
});

describe('name lists as the mirror reads them', { timeout: SCHEMA_TIMEOUT }, () => {
  it('jobs carry "Parent:Job", their parent and Job; inactive names stay, marked inactive; items are services', async () => {
    const c = createCompany({ customers: ['Cool Cars:Showroom', { name: 'Old Barn', isActive: false }], items: ['Design'], vendors: ['Timberloft Lumber'] });
    const read = async (kind: 'Customer' | 'ItemService' | 'Vendor') => {
      const [rs] = parseQbxmlResponse(await c.process(qbxmlDocument('16.0', [listQueryRq(kind, '1', {})])));
      return rs!.rets.map((r) => mirrorEntityOf(kind, r));
    };
    const customers = await read('Customer');
    const parent = customers.find((e) => e['DisplayName'] === 'Cool Cars')!;
    expect(customers.find((e) => e['FullyQualifiedName'] === 'Cool Cars:Showroom')).toMatchObject({ DisplayName: 'Showroom', Job: true, Active: true, ParentRef: { value: parent['Id'] } });
    expect(customers.find((e) => e['DisplayName'] === 'Old Barn')).toMatchObject({ Active: false, Job: false });
    expect((await read('ItemService'))[0]).toMatchObject({ Name: 'Design', Type: 'Service', Active: true });
    expect((await read('Vendor'))[0]).toMatchObject({ DisplayName: 'Timberloft Lumber', Active: true });
  });
});

describe('refusals as the engine classifies them', { timeout: SCHEMA_TIMEOUT }, () => {
  const rs = (statusCode: number, message: string): QbdResponse => ({ requestId: '1', type: 'TimeTrackingModRs', statusCode, severity: 'Error', message, rets: [] });
  it.each([
    [3200, 'The provided edit sequence is out-of-date.', 'reread_and_retry', /changed in QuickBooks/],
    [3140, 'There is an invalid reference to QuickBooks Customer "X" in the TimeTracking.', 'flag', /^The customer is inactive or was deleted/],
    [3170, 'The record is currently in use.', 'retry_after', /Someone is working on this time entry/],
    [3180, 'The transaction date is on or before the closing date.', 'flag', /books are closed/],
    [3999, 'Something odd happened.', 'flag', /Something odd happened/],
  ] as const)('status %i', (code, message, action, words) => {
    const fault = batchFaultOf(rs(code, message));
    const c = classifyFault(fault);
    expect(c.action).toBe(action);
    expect(c.userMessage).toMatch(words);
  });
});
