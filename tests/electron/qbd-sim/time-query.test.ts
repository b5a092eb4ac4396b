// TimeTrackingQuery in the simulated company file as the app uses it to refresh its mirror: time
// changed since a moment (compared as instants, whatever zone the request is written in), handed out
// through an iterator a page at a time, and for one person only; every answer valid against Intuit's schema.
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { createCompany } from '../../../electron/qbd-sim/company';
import { qbxmlDocument, timeTrackingAddRq, type QbdTime } from '../../../shared/qbd/qbxml';

/** Every document here goes through Intuit's schema (0.3–0.5 s each); CI may run on a busy machine. */
const SCHEMA_TIMEOUT = 90_000;

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, isArray: (n) => n.endsWith('Ret') });
type Rs = Record<string, string> & { TimeTrackingRet?: Record<string, string>[] };
const rsOf = (xml: string) => (parser.parse(xml) as { QBXML: { QBXMLMsgsRs: Record<string, Rs> } }).QBXML.QBXMLMsgsRs['TimeTrackingQueryRs']!;

const work = (notes: string, entity = 'Emily Platt'): QbdTime => ({
  txnDate: '2026-12-03', entity: { fullName: entity }, customer: { fullName: 'Cool Cars' }, item: { fullName: 'Design' },
  minutes: 60, notes, billable: 'Billable',
});

/** A company whose clock the test moves: entries added at 09:00, 10:00 and 11:00 UTC. */
async function companyWithThree() {
  let now = new Date('2026-12-04T09:00:00Z');
  const company = createCompany({}, { now: () => now });
  for (const [i, notes] of ['nine', 'ten', 'eleven'].entries()) {
    now = new Date(Date.UTC(2026, 11, 4, 9 + i));
    await company.process(qbxmlDocument('16.0', [timeTrackingAddRq(String(i), work(notes, i === 1 ? 'Timberloft Lumber' : 'Emily Platt'), `{6B29FC40-CA47-1067-B31D-00DD0106620${i}}`)]));
  }
  return { company, setNow: (d: Date) => { now = d; } };
}

const query = (attrs: string, body: string) => qbxmlDocument('16.0', [`<TimeTrackingQueryRq requestID="q"${attrs}>${body}</TimeTrackingQueryRq>`]);
const notesOf = (rs: Rs) => (rs.TimeTrackingRet ?? []).map((r) => r['Notes']);

describe('simulated TimeTrackingQuery', { timeout: SCHEMA_TIMEOUT }, () => {
  it('finds time modified since a moment written in another zone, as the same instant', async () => {
    const { company } = await companyWithThree();
    // 01:30 at UTC-08:00 is 09:30 UTC: after "nine", before "ten".
    const rs = rsOf(await company.process(query('', '<ModifiedDateRangeFilter><FromModifiedDate>2026-12-04T01:30:00-08:00</FromModifiedDate></ModifiedDateRangeFilter>')));
    expect(notesOf(rs)).toEqual(['ten', 'eleven']);
    const upTo = rsOf(await company.process(query('', '<ModifiedDateRangeFilter><ToModifiedDate>2026-12-04T11:00:00+01:00</ToModifiedDate></ModifiedDateRangeFilter>')));
    expect(notesOf(upTo)).toEqual(['nine', 'ten']);
  });

  it('returns TimeModified as QuickBooks wrote it and an edit made in QuickBooks moves it', async () => {
    const { company, setNow } = await companyWithThree();
    const [first] = company.timeTracking();
    setNow(new Date('2026-12-04T12:00:00Z'));
    company.editInQuickBooks(first!.txnId, 'nine, corrected');
    const rs = rsOf(await company.process(query('', '<ModifiedDateRangeFilter><FromModifiedDate>2026-12-04T11:30:00+00:00</FromModifiedDate></ModifiedDateRangeFilter>')));
    expect(rs.TimeTrackingRet).toMatchObject([{ Notes: 'nine, corrected', TimeModified: '2026-12-04T12:00:00+00:00', TimeCreated: '2026-12-04T09:00:00+00:00' }]);
  });

  it('hands out all time through an iterator, each entry once, with the remaining count, and keeps ExternalGUID', async () => {
    const { company } = await companyWithThree();
    const start = rsOf(await company.process(query(' iterator="Start"', '<MaxReturned>2</MaxReturned>')));
    expect(start).toMatchObject({ statusCode: '0', iteratorRemainingCount: '1' });
    expect(start.TimeTrackingRet![0]!['ExternalGUID']).toMatch(/^\{[0-9A-F-]+\}$/);
    const next = rsOf(await company.process(query(` iterator="Continue" iteratorID="${start['iteratorID']!}"`, '<MaxReturned>2</MaxReturned>')));
    expect(next).toMatchObject({ iteratorRemainingCount: '0', iteratorID: start['iteratorID'] });
    expect([...notesOf(start), ...notesOf(next)]).toEqual(['nine', 'ten', 'eleven']);
  });

  it('finds one person’s time with TimeTrackingEntityFilter', async () => {
    const { company } = await companyWithThree();
    const rs = rsOf(await company.process(query('', '<TimeTrackingEntityFilter><FullName>Timberloft Lumber</FullName></TimeTrackingEntityFilter>')));
    expect(notesOf(rs)).toEqual(['ten']);
  });
});

describe('simulated list queries by modified date', { timeout: SCHEMA_TIMEOUT }, () => {
  it('gives only the names changed since the moment asked, inactive ones too with ActiveStatus All', async () => {
    const company = createCompany({ customers: ['Alpha', { name: 'Zeta', isActive: false }] }, { now: () => new Date('2026-12-04T09:00:00Z') });
    const ask = (from: string) => company.process(qbxmlDocument('16.0', [`<CustomerQueryRq requestID="c"><ActiveStatus>All</ActiveStatus><FromModifiedDate>${from}</FromModifiedDate></CustomerQueryRq>`]));
    expect(await ask('2026-12-04T08:59:00+00:00')).toMatch(/statusCode="0"[\s\S]*Alpha[\s\S]*Zeta/);
    expect(await ask('2026-12-04T02:00:01-07:00')).toContain('statusCode="1"');
  });
});
