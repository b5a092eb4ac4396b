// The qbXML queries that fill a Desktop company's mirror (name lists, inactive ones too, page by
// page; time by TxnID, by date and by change) checked against Intuit's qbXML 16.0 schema, and the
// list pages read through the simulated company file until the iterator runs out.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadSchema } from '../../../electron/qbd-sim/schema';
import { listQueryRq, QBD_ITERABLE_LISTS, qbxmlDocument, timeTrackingQueryRq, type QbdIterator, type QbdListQueryKind } from '../../../shared/qbd/qbxml';
import { parseQbxmlResponse } from '../../../shared/qbd/response';
import { createCompany } from '../../../electron/qbd-sim/company';

/** Every document here goes through Intuit's schema (0.3–0.5 s each); CI may run on a busy machine. */
const SCHEMA_TIMEOUT = 90_000;


/** Intuit's qbXML 16.0 schema, as the simulated company file checks every document. */
const schemaErrors = loadSchema();

const KINDS: QbdListQueryKind[] = ['Customer', 'Employee', 'Vendor', 'OtherName', 'ItemService', 'Class'];
const iterator: fc.Arbitrary<QbdIterator> = fc.oneof(fc.constant({ start: true as const }), fc.uuid().map((u) => ({ continueId: `{${u}}` })));
const stamp = fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 19) + '-08:00');
const day = fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('qbXML queries for the mirror', { timeout: SCHEMA_TIMEOUT }, () => {
  it('every list query, first page or next, with or without a since-stamp, is one Intuit’s schema accepts', async () => {
    const page = fc.option(fc.record({ maxReturned: fc.integer({ min: 1, max: 500 }), iterator }), { nil: undefined });
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...KINDS), page, fc.option(stamp, { nil: undefined })), { minLength: 1, maxLength: 8 }), async (queries) => {
      const requests = queries.map(([kind, p, fromModified], i) => listQueryRq(kind, `l${i}`, {
        ...(p !== undefined && QBD_ITERABLE_LISTS.has(kind) ? { page: p } : {}), ...(fromModified === undefined ? {} : { fromModified }),
      }));
      expect(await schemaErrors(qbxmlDocument('16.0', requests))).toEqual([]);
    }), { numRuns: 10 });
  }, 120_000);

  it('every time query (by TxnID, by dates, changed since) is one Intuit’s schema accepts', async () => {
    const filter = fc.oneof(
      fc.array(fc.stringMatching(/^[0-9A-F]{1,8}-[0-9]{10}$/), { minLength: 1, maxLength: 3 }).map((txnIds) => ({ txnIds })),
      fc.tuple(day, day).map(([from, to]) => ({ txnDates: { from, to } })),
      stamp.map((modifiedSince) => ({ modifiedSince })),
      fc.constant({ everything: true as const }),
    );
    const page = fc.option(fc.record({ maxReturned: fc.integer({ min: 1, max: 500 }), iterator }), { nil: undefined });
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(filter, page), { minLength: 1, maxLength: 8 }), async (queries) => {
      const requests = queries.map(([f, p], i) => timeTrackingQueryRq(`t${i}`, f, 'txnIds' in f ? undefined : p));
      expect(await schemaErrors(qbxmlDocument('16.0', requests))).toEqual([]);
    }), { numRuns: 10 });
  }, 120_000);

  it('employees, other names and classes are read whole: qbXML gives their queries no iterator', () => {
    expect(() => listQueryRq('Employee', '1', { page: { maxReturned: 5, iterator: { start: true } } })).toThrow('no iterator');
  });

  it('a query by TxnID has no pages', () => {
    expect(() => timeTrackingQueryRq('1', { txnIds: ['1-1'] }, { maxReturned: 5, iterator: { start: true } })).toThrow('no pages');
  });

  it('reads every customer, inactive and jobs too, two at a time through an iterator', async () => {
    const company = createCompany({ customers: ['Cool Cars', 'Cool Cars:Showroom', { name: 'Old Barn', isActive: false }, 'Zed', 'Abby'] });
    const names: string[] = [];
    let it: QbdIterator = { start: true };
    for (let pages = 0; pages < 10; pages++) {
      const [rs] = parseQbxmlResponse(await company.process(qbxmlDocument('16.0', [listQueryRq('Customer', 'c', { page: { maxReturned: 2, iterator: it } })])));
      names.push(...rs!.rets.map((r) => String(r['FullName'])));
      if (rs!.iteratorRemainingCount === 0) break;
      it = { continueId: rs!.iteratorId! };
    }
    expect(names.sort()).toEqual(['Abby', 'Cool Cars', 'Cool Cars:Showroom', 'Old Barn', 'Zed']);
  });
});
