// Reading QuickBooks Desktop's answers. Each sample answer below is first checked against Intuit's
// qbXML 16.0 schema (tests/fixtures/qbd) by libxml2, so the samples are shaped as QuickBooks
// writes them; then what the parser makes of it is checked exactly. The list of elements read as
// lists is checked against the schema, and durations written by qbxml.ts read back unchanged.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { loadSchema } from '../../../electron/qbd-sim/schema';
import { qbdDuration } from '../../../shared/qbd/qbxml';
import { durationMinutes, parseQbxmlResponse, QBD_REPEATING, supportedVersions, timeTrackingOf, type QbdRet } from '../../../shared/qbd/response';

/** Every document here goes through Intuit's schema (0.3–0.5 s each); CI may run on a busy machine. */
const SCHEMA_TIMEOUT = 90_000;

const dir = new URL('../../fixtures/qbd/', import.meta.url);

/** Intuit's qbXML 16.0 schema, as the simulated company file checks every document. */
const schemaErrors = loadSchema();

const doc = (body: string) => `<?xml version="1.0" encoding="utf-8"?>\n<QBXML>\n<QBXMLMsgsRs>\n${body}\n</QBXMLMsgsRs>\n</QBXML>\n`;

const TIME_ADDED = doc(`<TimeTrackingAddRs requestID="a1" statusCode="0" statusSeverity="Info" statusMessage="Status OK">
  <TimeTrackingRet>
    <TxnID>1A2B-1733300000</TxnID>
    <TimeCreated>2026-12-03T10:15:00-05:00</TimeCreated>
    <TimeModified>2026-12-03T10:15:00-05:00</TimeModified>
    <EditSequence>1733300000</EditSequence>
    <TxnNumber>17</TxnNumber>
    <TxnDate>2026-12-03</TxnDate>
    <EntityRef><ListID>80000005-1733200000</ListID><FullName>Emily Platt</FullName></EntityRef>
    <CustomerRef><ListID>80000010-1733200000</ListID><FullName>Cool Cars:Showroom</FullName></CustomerRef>
    <ItemServiceRef><ListID>80000020-1733200000</ListID><FullName>Design</FullName></ItemServiceRef>
    <Duration>PT1H30M0S</Duration>
    <Notes>Plans &amp; drawings</Notes>
    <BillableStatus>Billable</BillableStatus>
    <ExternalGUID>{8E3C1A2B-0000-4000-8000-000000000001}</ExternalGUID>
  </TimeTrackingRet>
</TimeTrackingAddRs>`);

const NAME_NOT_FOUND = doc(`<TimeTrackingAddRs requestID="a2" statusCode="3140" statusSeverity="Error" statusMessage="There is an invalid reference to QuickBooks Customer &quot;Cool Cars:Old Job&quot; in the TimeTracking. QuickBooks error message: Invalid argument. The specified record does not exist in the list." />`);

const CUSTOMERS = doc(`<CustomerQueryRs requestID="c1" statusCode="0" statusSeverity="Info" statusMessage="Status OK" retCount="2" iteratorRemainingCount="40" iteratorID="{0B7C1A2B-3C4D-4E5F-8A9B-0C1D2E3F4A5B}">
  <CustomerRet>
    <ListID>80000010-1733200000</ListID>
    <TimeCreated>2026-01-05T09:00:00-05:00</TimeCreated>
    <TimeModified>2026-11-20T16:42:10-05:00</TimeModified>
    <EditSequence>0012</EditSequence>
    <Name>Cool Cars</Name>
    <FullName>Cool Cars</FullName>
    <IsActive>true</IsActive>
    <Sublevel>0</Sublevel>
  </CustomerRet>
  <CustomerRet>
    <ListID>80000011-1733200000</ListID>
    <TimeCreated>2026-01-05T09:05:00-05:00</TimeCreated>
    <TimeModified>2026-01-05T09:05:00-05:00</TimeModified>
    <EditSequence>1736085900</EditSequence>
    <Name>Showroom</Name>
    <FullName>Cool Cars:Showroom</FullName>
    <IsActive>true</IsActive>
    <ParentRef><ListID>80000010-1733200000</ListID><FullName>Cool Cars</FullName></ParentRef>
    <Sublevel>1</Sublevel>
  </CustomerRet>
</CustomerQueryRs>`);

const HOST = doc(`<HostQueryRs requestID="h1" statusCode="0" statusSeverity="Info" statusMessage="Status OK">
  <HostRet>
    <ProductName>QuickBooks Pro 2024</ProductName>
    <MajorVersion>34</MajorVersion>
    <MinorVersion>0</MinorVersion>
    <Country>US</Country>
    <SupportedQBXMLVersion>1.0</SupportedQBXMLVersion>
    <SupportedQBXMLVersion>16.0</SupportedQBXMLVersion>
    <SupportedQBXMLVersion>2.1</SupportedQBXMLVersion>
    <SupportedQBXMLVersion>13.0</SupportedQBXMLVersion>
    <SupportedQBXMLVersion>1.1</SupportedQBXMLVersion>
    <IsAutomaticLogin>false</IsAutomaticLogin>
    <QBFileMode>SingleUser</QBFileMode>
  </HostRet>
</HostQueryRs>
<CompanyQueryRs requestID="h2" statusCode="0" statusSeverity="Info" statusMessage="Status OK" />`);

describe('sample answers are shaped as QuickBooks writes them', { timeout: SCHEMA_TIMEOUT }, () => {
  it.each([['time added', TIME_ADDED], ['name not found', NAME_NOT_FOUND], ['customers', CUSTOMERS], ['host', HOST]])('%s passes Intuit’s schema', async (_, xml) => {
    expect(await schemaErrors(xml)).toEqual([]);
  });

  it('and the schema check can fail: a Ret element out of order is refused', async () => {
    const swapped = TIME_ADDED.replace('<TxnNumber>17</TxnNumber>', '').replace('</TxnDate>', '</TxnDate><TxnNumber>17</TxnNumber>');
    expect((await schemaErrors(swapped))[0]).toMatch(/TxnNumber.*not expected/);
  });
});

describe('parseQbxmlResponse', { timeout: SCHEMA_TIMEOUT }, () => {
  it('reads a time entry QuickBooks added, every value as the text sent', () => {
    const [r] = parseQbxmlResponse(TIME_ADDED);
    expect(r).toEqual({
      requestId: 'a1', type: 'TimeTrackingAddRs', statusCode: 0, severity: 'Info', message: 'Status OK',
      rets: [{
        TxnID: '1A2B-1733300000', TimeCreated: '2026-12-03T10:15:00-05:00', TimeModified: '2026-12-03T10:15:00-05:00',
        EditSequence: '1733300000', TxnNumber: '17', TxnDate: '2026-12-03',
        EntityRef: { ListID: '80000005-1733200000', FullName: 'Emily Platt' },
        CustomerRef: { ListID: '80000010-1733200000', FullName: 'Cool Cars:Showroom' },
        ItemServiceRef: { ListID: '80000020-1733200000', FullName: 'Design' },
        Duration: 'PT1H30M0S', Notes: 'Plans & drawings', BillableStatus: 'Billable',
        ExternalGUID: '{8E3C1A2B-0000-4000-8000-000000000001}',
      }],
    });
  });

  it('reads a refusal with no record', () => {
    expect(parseQbxmlResponse(NAME_NOT_FOUND)).toEqual([{
      requestId: 'a2', type: 'TimeTrackingAddRs', statusCode: 3140, severity: 'Error', rets: [],
      message: 'There is an invalid reference to QuickBooks Customer "Cool Cars:Old Job" in the TimeTracking. QuickBooks error message: Invalid argument. The specified record does not exist in the list.',
    }]);
  });

  it('reads every record of a query and where its iterator stands; "0012" stays "0012"', () => {
    const [r] = parseQbxmlResponse(CUSTOMERS);
    expect(r!.iteratorId).toBe('{0B7C1A2B-3C4D-4E5F-8A9B-0C1D2E3F4A5B}');
    expect(r!.iteratorRemainingCount).toBe(40);
    expect(r!.rets.map((c) => [c.FullName, c.EditSequence, c.Sublevel])).toEqual([['Cool Cars', '0012', '0'], ['Cool Cars:Showroom', '1736085900', '1']]);
    expect(r!.rets[1]!.ParentRef).toEqual({ ListID: '80000010-1733200000', FullName: 'Cool Cars' });
    expect(r!.rets[0]).not.toHaveProperty('ParentRef');
  });

  it('keeps the answers in QuickBooks’ order, whatever their kinds', () => {
    const mixed = doc([
      '<TimeTrackingAddRs requestID="1" statusCode="0" statusSeverity="Info"/>',
      '<TxnDelRs requestID="2" statusCode="3120" statusSeverity="Error" statusMessage="Object &quot;5-1&quot; specified in the request cannot be found."/>',
      '<TimeTrackingAddRs requestID="3" statusCode="0" statusSeverity="Info"/>',
      '<TimeTrackingModRs requestID="4" statusCode="3200" statusSeverity="Error" statusMessage="The provided edit sequence is out-of-date."/>',
    ].join('\n'));
    expect(parseQbxmlResponse(mixed).map((r) => [r.requestId, r.type, r.statusCode])).toEqual([
      ['1', 'TimeTrackingAddRs', 0], ['2', 'TxnDelRs', 3120], ['3', 'TimeTrackingAddRs', 0], ['4', 'TimeTrackingModRs', 3200],
    ]);
  });

  it('reads a repeating element as a list even when only one came', () => {
    const one = HOST.replace(/<SupportedQBXMLVersion>(?!13\.0).*<\/SupportedQBXMLVersion>\n\s*/g, '');
    expect(parseQbxmlResponse(one)[0]!.rets[0]!.SupportedQBXMLVersion).toEqual(['13.0']);
  });

  it.each([
    ['broken XML', '<QBXML><QBXMLMsgsRs>', /XML is broken/],
    ['another document', '<?xml version="1.0"?><Invoice/>', /no QBXML element/],
    ['a request, not an answer', '<QBXML><QBXMLMsgsRq onError="stopOnError"/></QBXML>', /no QBXMLMsgsRs/],
    ['an answer without a status', doc('<TimeTrackingAddRs requestID="1" statusSeverity="Info"/>'), /has no status/],
    ['an unknown severity', doc('<TimeTrackingAddRs statusCode="0" statusSeverity="Fine"/>'), /unknown status "Fine"/],
    ['a record with a single element twice', doc('<TimeTrackingAddRs statusCode="0" statusSeverity="Info"><TimeTrackingRet><TxnID>1-1</TxnID><TxnID>2-2</TxnID></TimeTrackingRet></TimeTrackingAddRs>'), /TxnID twice/],
  ])('refuses %s with a clear message', (_, xml, message) => {
    expect(() => parseQbxmlResponse(xml)).toThrow(message);
  });
});

/**
 * Elements (other than *Ret) that may repeat anywhere inside what a *Ret element holds, per the
 * schema: an element with maxOccurs above 1, or any element inside a choice, sequence or group
 * that may repeat (JournalEntryRet's debit and credit lines, ReportData's rows).
 */
function repeatingUnderRets(): Set<string> {
  const xsd = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (_n: string, _p: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute });
  const defs = new Map<string, Record<string, unknown>>();
  for (const f of ['qbxml160.xsd', 'qbxmltypes160.xsd']) {
    const schema = xsd.parse(readFileSync(new URL(f, dir), 'utf8'))['xsd:schema'][0];
    for (const kind of ['xsd:element', 'xsd:complexType', 'xsd:group']) for (const d of schema[kind] ?? []) defs.set(`${kind}:${d.name}`, d);
  }
  const found = new Set<string>();
  const seen = new Set<string>();
  const ids = new Map<unknown, number>();
  const many = (n: Record<string, unknown>) => n.maxOccurs !== undefined && n.maxOccurs !== '1';
  const walk = (n: Record<string, unknown> | undefined, repeating: boolean): void => {
    if (n === undefined) return;
    const key = `${ids.get(n) ?? ids.set(n, ids.size).size - 1}:${repeating}`;
    if (seen.has(key)) return;
    seen.add(key);
    for (const [kind, children] of Object.entries(n)) {
      if (!kind.startsWith('xsd:')) continue;
      for (const c of children as Record<string, unknown>[]) {
        const rep = repeating || many(c);
        if (kind === 'xsd:element') {
          const name = (c.ref ?? c.name) as string;
          if (rep && !name.endsWith('Ret')) found.add(name);
          walk(defs.get(`xsd:element:${c.ref as string}`), false);
          walk(defs.get(`xsd:complexType:${c.type as string}`), false);
          walk(c, false);
        } else if (kind === 'xsd:group' && c.ref !== undefined) walk(defs.get(`xsd:group:${c.ref as string}`), rep);
        else if (kind === 'xsd:extension') { walk(defs.get(`xsd:complexType:${c.base as string}`), repeating); walk(c, repeating); }
        else walk(c, rep);
      }
    }
  };
  for (const [key, def] of defs) if (key.startsWith('xsd:element:') && key.endsWith('Ret')) walk(def, false);
  return found;
}

describe('elements read as lists', { timeout: SCHEMA_TIMEOUT }, () => {
  it('are exactly those the schema lets repeat inside a returned record', () => {
    expect([...QBD_REPEATING].sort()).toEqual([...repeatingUnderRets()].sort());
  });
});

describe('timeTrackingOf', { timeout: SCHEMA_TIMEOUT }, () => {
  it('reads the time entry QuickBooks returned', () => {
    expect(timeTrackingOf(parseQbxmlResponse(TIME_ADDED)[0]!.rets[0]!)).toEqual({
      txnId: '1A2B-1733300000', editSequence: '1733300000', txnDate: '2026-12-03', minutes: 90,
      entityFullName: 'Emily Platt', customerFullName: 'Cool Cars:Showroom', itemFullName: 'Design',
      notes: 'Plans & drawings', billableStatus: 'Billable', externalGuid: '{8E3C1A2B-0000-4000-8000-000000000001}',
    });
  });

  it('leaves out what QuickBooks left out, and refuses an entry without its identity', () => {
    const bare: QbdRet = { TxnID: '9-1', EditSequence: '1', TxnDate: '2026-12-01', EntityRef: { FullName: 'Ann' }, Duration: 'PT15M' };
    expect(timeTrackingOf(bare)).toEqual({ txnId: '9-1', editSequence: '1', txnDate: '2026-12-01', entityFullName: 'Ann', minutes: 15 });
    const { EditSequence: _, ...noStamp } = bare;
    expect(() => timeTrackingOf(noStamp)).toThrow('without its version stamp');
  });

  it.each([
    ['PT2H30M', 150], ['PT1H30M0S', 90], ['PT45M', 45], ['PT8H', 480], ['PT0H0M29S', 0], ['PT0H0M30S', 1], ['PT90S', 2],
    ['-PT0H15M', -15], ['+PT1H', 60], ['-PT0H0M10S', 0],
  ])('reads the duration %s as %i minutes', (duration, minutes) => {
    expect(durationMinutes(duration)).toBe(minutes);
    expect(Object.is(durationMinutes(duration), -0)).toBe(false);
  });

  it.each(['', 'PT', '1:30', 'PT1.5H', 'P1D', 'PT1M2H'])('refuses "%s" as a duration', (duration) => {
    expect(() => durationMinutes(duration)).toThrow('length of time');
  });

  it('reads back every duration qbxml.ts writes', () => {
    fc.assert(fc.property(fc.nat({ max: 1_000_000 }), (minutes) => {
      const ret: QbdRet = { TxnID: '1-1', EditSequence: '1', TxnDate: '2026-12-01', EntityRef: { FullName: 'Ann' }, Duration: qbdDuration(minutes) };
      expect(timeTrackingOf(ret).minutes).toBe(minutes);
    }));
  });
});

describe('supportedVersions', { timeout: SCHEMA_TIMEOUT }, () => {
  it('lists the versions lowest first, compared as numbers (2.1 before 13.0)', () => {
    expect(supportedVersions(HOST)).toEqual(['1.0', '1.1', '2.1', '13.0', '16.0']);
  });

  it('refuses an answer that does not describe QuickBooks', () => {
    expect(() => supportedVersions(CUSTOMERS)).toThrow('no HostQueryRs');
  });
});
