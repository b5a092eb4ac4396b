// The QuickBooks Desktop simulator's company file, driven with the requests the app itself builds
// (shared/qbd/qbxml.ts): time added, changed, deleted and found again; QuickBooks' refusals (stale
// EditSequence, unknown name, unknown TxnID) and what they leave unchanged; list queries through
// iterators; documents Intuit's schema refuses; and every answer checked against that same schema.
import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { loadSchema } from '../../../electron/qbd-sim/schema';
import { createCompany, QbxmlParseError } from '../../../electron/qbd-sim/company';
import { qbxmlDocument, QBD_NOTES_MAX, timeTrackingAddRq, timeTrackingDelRq, timeTrackingModRq, type QbdTime } from '../../../shared/qbd/qbxml';

/** Every document here goes through Intuit's schema (0.3–0.5 s each); CI may run on a busy machine. */
const SCHEMA_TIMEOUT = 90_000;


/** Intuit's qbXML 16.0 schema, as the simulated company file checks every document. */
const schemaErrors = loadSchema();

type Rs = Record<string, unknown> & { statusCode: string; statusSeverity: string; statusMessage: string };
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, parseAttributeValue: false, isArray: (name) => name !== 'QBXMLMsgsRs' && (name.endsWith('Rs') || name.endsWith('Ret')) });

/** The Rs elements of a response, in document order, with their Rets. */
function responses(xml: string): (Rs & { name: string })[] {
  const msgs = (parser.parse(xml) as { QBXML: { QBXMLMsgsRs: Record<string, Rs[]> } }).QBXML.QBXMLMsgsRs;
  return Object.entries(msgs).flatMap(([name, list]) => list.map((rs) => ({ ...rs, name })));
}
/** Each Rs's name and statusCode in document order (the parse above groups Rs elements by name). */
const statusCodes = (xml: string) => [...xml.matchAll(/<(\w+Rs) [^>]*?statusCode="(-?\d+)"/g)].map((m) => `${m[1]} ${m[2]}`);
const only = (xml: string) => {
  const all = responses(xml);
  expect(all).toHaveLength(1);
  return all[0]!;
};

const work: QbdTime = {
  txnDate: '2026-12-03', entity: { fullName: 'Emily Platt' }, customer: { fullName: 'Cool Cars:Showroom Landscaping' },
  item: { fullName: 'Design' }, minutes: 90, class: { fullName: 'Landscaping' }, notes: 'Plans & <sketches>', billable: 'Billable',
};
const GUID = '{6B29FC40-CA47-1067-B31D-00DD010662DA}';
const doc = (requests: string[], onError?: 'continueOnError' | 'stopOnError') => qbxmlDocument('16.0', requests, onError);

async function addOne(company: ReturnType<typeof createCompany>, t: QbdTime = work) {
  const rs = only(await company.process(doc([timeTrackingAddRq('a1', t, GUID)])));
  expect(rs.statusCode).toBe('0');
  return (rs['TimeTrackingRet'] as Record<string, string>[])[0]!;
}

describe('QuickBooks Desktop simulator: time tracking', { timeout: SCHEMA_TIMEOUT }, () => {
  it('adds time, stamps it as QuickBooks does, and finds it again by TxnID and by date', async () => {
    const company = createCompany();
    const ret = await addOne(company);
    expect(ret['TxnID']).toMatch(/^[0-9A-F]+-\d{10}$/);
    expect(ret['Notes']).toBe('Plans & <sketches>');
    expect(ret['ExternalGUID']).toBe(GUID);
    expect(ret['CustomerRef']).toMatchObject({ FullName: 'Cool Cars:Showroom Landscaping' });
    const byId = only(await company.process(doc([`<TimeTrackingQueryRq requestID="q"><TxnID>${ret['TxnID']}</TxnID></TimeTrackingQueryRq>`])));
    expect(byId).toMatchObject({ requestID: 'q', statusCode: '0', TimeTrackingRet: [ret] });
    const byDate = only(await company.process(doc(['<TimeTrackingQueryRq><TxnDateRangeFilter><FromTxnDate>2026-12-01</FromTxnDate><ToTxnDate>2026-12-31</ToTxnDate></TxnDateRangeFilter></TimeTrackingQueryRq>'])));
    expect(byDate['TimeTrackingRet']).toEqual([ret]);
    const outside = only(await company.process(doc(['<TimeTrackingQueryRq><TxnDateRangeFilter><FromTxnDate>2027-01-01</FromTxnDate></TxnDateRangeFilter></TimeTrackingQueryRq>'])));
    expect(outside).toMatchObject({ statusCode: '1', statusSeverity: 'Info' });
  });

  it('changes time at the current EditSequence, refuses a stale one with 3200 and changes nothing', async () => {
    const company = createCompany();
    const ret = await addOne(company);
    const txn = { txnId: ret['TxnID']!, editSequence: ret['EditSequence']! };
    const changed = only(await company.process(doc([timeTrackingModRq('m1', txn, { ...work, minutes: 120, notes: 'Revised' })])));
    expect(changed.statusCode).toBe('0');
    const newRet = (changed['TimeTrackingRet'] as Record<string, string>[])[0]!;
    expect(newRet).toMatchObject({ Duration: 'PT2H0M', Notes: 'Revised', TxnID: txn.txnId });
    expect(newRet['EditSequence']).not.toBe(txn.editSequence);

    const stale = only(await company.process(doc([timeTrackingModRq('m2', txn, { ...work, minutes: 5 })])));
    expect(stale).toMatchObject({ requestID: 'm2', statusCode: '3200', statusSeverity: 'Error', statusMessage: 'The provided edit sequence is out-of-date.' });
    expect(company.timeTracking()).toMatchObject([{ duration: 'PT2H0M', notes: 'Revised', editSequence: newRet['EditSequence'] }]);
  });

  it('refuses an unknown customer with 3140 and, with continueOnError, still carries out the next request', async () => {
    const company = createCompany();
    const bad = timeTrackingAddRq('bad', { ...work, customer: { fullName: 'Nobody & Sons' } });
    const all = responses(await company.process(doc([bad, timeTrackingAddRq('good', work)], 'continueOnError')));
    expect(all.map((r) => [r.requestID, r.statusCode])).toEqual([['bad', '3140'], ['good', '0']]);
    expect(all[0]!.statusMessage).toContain('invalid reference to QuickBooks Customer "Nobody & Sons" in the TimeTracking');
    expect(company.timeTracking()).toHaveLength(1);
  });

  it('stops at the first error with stopOnError, leaving the later requests undone and unanswered', async () => {
    const company = createCompany();
    const bad = timeTrackingAddRq('bad', { ...work, entity: { fullName: 'Ghost' } });
    const all = responses(await company.process(doc([bad, timeTrackingAddRq('good', work)], 'stopOnError')));
    expect(all.map((r) => [r.requestID, r.statusCode])).toEqual([['bad', '3140']]);
    expect(company.timeTracking()).toHaveLength(0);
  });

  it('deletes time; afterwards a query finds nothing (1) and the TxnID is unknown (3120)', async () => {
    const company = createCompany();
    const { TxnID: txnId } = await addOne(company);
    const deleted = only(await company.process(doc([timeTrackingDelRq('d', txnId!)])));
    expect(deleted).toMatchObject({ statusCode: '0', TxnDelType: 'TimeTracking', TxnID: txnId });
    expect(deleted['TimeDeleted']).toBeTypeOf('string');
    expect(only(await company.process(doc(['<TimeTrackingQueryRq><MaxReturned>10</MaxReturned></TimeTrackingQueryRq>'])))).toMatchObject({
      statusCode: '1', statusSeverity: 'Info', statusMessage: 'A query request did not find a matching object in QuickBooks',
    });
    expect(only(await company.process(doc([timeTrackingDelRq('again', txnId!)]))).statusCode).toBe('3120');
    expect(only(await company.process(doc([timeTrackingModRq('m', { txnId: txnId!, editSequence: '1' }, work)]))).statusCode).toBe('3120');
  });
});

describe('QuickBooks Desktop simulator: lists, host and the schema', { timeout: SCHEMA_TIMEOUT }, () => {
  const seed = { customers: ['Alpha', 'Beta', 'Beta:Job 1', 'Gamma', 'Delta', { name: 'Zeta', isActive: false }] };
  const customerQuery = (attrs: string, body: string) => doc([`<CustomerQueryRq requestID="c"${attrs}>${body}</CustomerQueryRq>`]);

  it('hands out five active customers two at a time through an iterator, each once, inactive ones only with All', async () => {
    const company = createCompany(seed);
    const names: string[] = [];
    let rs = only(await company.process(customerQuery(' iterator="Start"', '<MaxReturned>2</MaxReturned>')));
    const calls = [rs];
    while (rs['iteratorRemainingCount'] !== '0') {
      rs = only(await company.process(customerQuery(` iterator="Continue" iteratorID="${rs['iteratorID'] as string}"`, '<MaxReturned>2</MaxReturned>')));
      calls.push(rs);
    }
    for (const c of calls) names.push(...(c['CustomerRet'] as { FullName: string }[]).map((r) => r.FullName));
    expect(calls.map((c) => c['iteratorRemainingCount'])).toEqual(['3', '1', '0']);
    expect(names).toEqual(['Alpha', 'Beta', 'Beta:Job 1', 'Delta', 'Gamma']);
    const all = only(await company.process(customerQuery('', '<ActiveStatus>All</ActiveStatus>')));
    expect((all['CustomerRet'] as { FullName: string }[]).map((r) => r.FullName)).toContain('Zeta');
    const inactive = only(await company.process(customerQuery('', '<ActiveStatus>InactiveOnly</ActiveStatus>')));
    expect((inactive['CustomerRet'] as { FullName: string }[]).map((r) => r.FullName)).toEqual(['Zeta']);
  });

  it('answers an iterator that is finished as an unknown object', async () => {
    const company = createCompany(seed);
    const rs = only(await company.process(customerQuery(' iterator="Start"', '<MaxReturned>10</MaxReturned>')));
    expect(rs['iteratorRemainingCount']).toBe('0');
    expect(only(await company.process(customerQuery(` iterator="Continue" iteratorID="${rs['iteratorID'] as string}"`, ''))).statusCode).toBe('3120');
  });

  it('reads an indented document as QuickBooks does, whitespace between elements ignored', async () => {
    const company = createCompany();
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<?qbxml version="13.0"?>
<QBXML>
  <QBXMLMsgsRq onError="stopOnError">
    <TimeTrackingAddRq requestID="1">
      <TimeTrackingAdd>
        <TxnDate>2025-01-15</TxnDate>
        <EntityRef><FullName>Emily Platt</FullName></EntityRef>
        <Duration>PT3H30M</Duration>
      </TimeTrackingAdd>
    </TimeTrackingAddRq>
  </QBXMLMsgsRq>
</QBXML>`;
    expect(only(await company.process(xml)).statusCode).toBe('0');
    expect(company.timeTracking()).toMatchObject([{ txnDate: '2025-01-15', duration: 'PT3H30M', entity: { fullName: 'Emily Platt' } }]);
  });

  it('says plainly what it does not handle instead of pretending', async () => {
    const company = createCompany();
    const rs = only(await company.process(doc(['<InvoiceQueryRq requestID="i" />'])));
    expect(rs).toMatchObject({ name: 'InvoiceQueryRs', statusCode: '3', statusSeverity: 'Error' });
    expect(rs.statusMessage).toContain('does not handle InvoiceQueryRq');
  });

  it('refuses a document with elements out of the schema’s order, answering no request of it', async () => {
    const company = createCompany();
    const swapped = timeTrackingAddRq('1', work).replace('<Duration>PT1H30M</Duration>', '').replace('</Notes>', '</Notes><Duration>PT1H30M</Duration>');
    const refusal = company.process(doc([timeTrackingAddRq('0', work), swapped]));
    await expect(refusal).rejects.toBeInstanceOf(QbxmlParseError);
    await expect(refusal).rejects.toMatchObject({ hresult: '0x80040400', detail: expect.stringMatching(/'ClassRef': This element is not expected/) });
    expect(company.timeTracking()).toHaveLength(0);
  });

  it('writes every answer so Intuit’s schema accepts it', async () => {
    const company = createCompany();
    const ret = await addOne(company);
    const xml = await company.process(doc([
      '<HostQueryRq requestID="h" />',
      '<CustomerQueryRq requestID="c1" iterator="Start"><MaxReturned>2</MaxReturned></CustomerQueryRq>',
      '<EmployeeQueryRq requestID="e" />', '<VendorQueryRq requestID="v" />', '<OtherNameQueryRq requestID="o" />',
      '<ItemServiceQueryRq requestID="i"><FullName>Design</FullName><FullName>Nope</FullName></ItemServiceQueryRq>', '<ClassQueryRq requestID="k" />',
      timeTrackingModRq('m', { txnId: ret['TxnID']!, editSequence: ret['EditSequence']! }, work),
      timeTrackingModRq('stale', { txnId: ret['TxnID']!, editSequence: ret['EditSequence']! }, work),
      timeTrackingAddRq('bad', { ...work, item: { fullName: 'Nope' } }),
      '<TimeTrackingQueryRq requestID="q" />', timeTrackingDelRq('d', ret['TxnID']!), '<TimeTrackingQueryRq requestID="none" />',
      '<InvoiceQueryRq requestID="x" />',
    ]));
    expect(statusCodes(xml)).toEqual([
      'HostQueryRs 0', 'CustomerQueryRs 0', 'EmployeeQueryRs 0', 'VendorQueryRs 0', 'OtherNameQueryRs 0', 'ItemServiceQueryRs 500', 'ClassQueryRs 0',
      'TimeTrackingModRs 0', 'TimeTrackingModRs 3200', 'TimeTrackingAddRs 3140', 'TimeTrackingQueryRs 0', 'TxnDelRs 0', 'TimeTrackingQueryRs 1', 'InvoiceQueryRs 3',
    ]);
    expect(await schemaErrors(xml)).toEqual([]);
    expect(responses(xml)[0]).toMatchObject({ HostRet: [{ Country: 'US', SupportedQBXMLVersion: expect.arrayContaining(['13.0', '16.0']) }] });
  });
});

describe('QuickBooks Desktop simulator: whatever the names and notes', { timeout: SCHEMA_TIMEOUT }, () => {
  const text = (max: number) => fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '&', '<', '>', '"', "'", 'é', '€', '9', '\n'), minLength: 1, maxLength: max })
    .filter((t) => t.trim() === t && !t.includes(':'));

  it('keeps each note and customer name exactly and answers in a document Intuit’s schema accepts', async () => {
    await fc.assert(fc.asyncProperty(text(30), text(QBD_NOTES_MAX), async (customer, notes) => {
      const company = createCompany({ customers: [customer] });
      const xml = await company.process(doc([timeTrackingAddRq('a', { ...work, customer: { fullName: customer }, notes })]));
      expect(await schemaErrors(xml)).toEqual([]);
      const ret = (only(xml)['TimeTrackingRet'] as Record<string, unknown>[])[0]!;
      expect(ret['Notes']).toBe(notes);
      expect(ret['CustomerRef']).toMatchObject({ FullName: customer });
    }), { numRuns: 15 });
  }, 120_000);
});
