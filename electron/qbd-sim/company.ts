// The heart of the QuickBooks Desktop simulator: an in-memory company file that takes a qbXML
// request document, as the Web Connector hands one to QuickBooks, and answers the qbXML response
// document QuickBooks would. The later Web Connector simulator calls `process` for each
// sendRequestXML. The document is first checked against Intuit's qbXML 16.0 schema, as QuickBooks'
// parser checks it; then each request inside QBXMLMsgsRq is answered in order, honouring onError.
import type { Iterators } from './iterators';
import { createLists, listQuery, type CompanySeed, type ListEntry, type ListKind, type SavedListEntry } from './lists';
import { loadSchema } from './schema';
import { createStamps, type StampCounters } from './stamps';
import { createTimeTracking, type SavedTime, type TimeTrackingRecord } from './time-tracking';
import { child, el, ok, parseDocument, responseDocument, responseElement, unknownChild, unsupported, type Answer, type XmlNode } from './xml';

export type { CompanySeed } from './lists';

/**
 * QuickBooks could not read the document, so it answered no request. QuickBooks gives no qbXML
 * for this: its request processor fails with HRESULT 0x80040400, "QuickBooks found an error when
 * parsing the provided XML text stream." (the HRESULTs listed in Intuit's WCWebService sample,
 * IntuitDeveloper/QBXML_SDK_Samples), and the Web Connector passes that hresult and message to
 * receiveResponseXML with an empty response (shared/docs/qbo-api.md §9.3). `detail` is the schema
 * validator's first complaint, for people reading test failures; QuickBooks does not say which element.
 */
export class QbxmlParseError extends Error {
  readonly hresult = '0x80040400';
  constructor(readonly detail: string) {
    super('QuickBooks found an error when parsing the provided XML text stream.');
    this.name = 'QbxmlParseError';
  }
}

export interface CompanyOptions {
  /** Folder holding Intuit's qbXML 16.0 schema; by default tests/fixtures/qbd in this repository. */
  schemaDir?: string;
  /** The company's clock, for TimeCreated, TimeModified, IDs and EditSequences. */
  now?: () => Date;
  /** A company file saved earlier with `save()`: it replaces the seed. */
  saved?: SavedCompany;
}

/** The whole simulated company file as plain JSON, to keep it between runs. */
export interface SavedCompany {
  lists: SavedListEntry[];
  time: SavedTime[];
  counters: StampCounters;
}

export interface Company {
  /** Answers one qbXML request document; rejects with QbxmlParseError when QuickBooks could not read it. */
  process(requestXml: string): Promise<string>;
  timeTracking(): readonly TimeTrackingRecord[];
  /** A QuickBooks user edits this time entry in QuickBooks itself (new EditSequence and TimeModified; new Notes if given). */
  editInQuickBooks(txnId: string, notes?: string): TimeTrackingRecord | undefined;
  names(kind: ListKind): readonly ListEntry[];
  save(): SavedCompany;
}

const LIST_QUERIES: Record<string, ListKind> = {
  CustomerQueryRq: 'Customer', EmployeeQueryRq: 'Employee', VendorQueryRq: 'Vendor',
  OtherNameQueryRq: 'OtherName', ItemServiceQueryRq: 'ItemService', ClassQueryRq: 'Class',
};

/** Every qbXML version the 16.0 SDK's QuickBooks (2023) lists in HostRet. */
const SUPPORTED_VERSIONS = ['1.0', '1.1', '2.0', '2.1', '3.0', '4.0', '4.1', '5.0', '6.0', '7.0', '8.0', '9.0', '10.0', '11.0', '12.0', '13.0', '14.0', '15.0', '16.0'];

/** The simulated QuickBooks: Pro 2023 (major version 33), the release that brought qbXML 16.0 (shared/docs/qbo-api.md §9.4). */
function hostQuery(rq: XmlNode): Answer {
  const other = unknownChild(rq, []);
  if (other !== undefined) return unsupported(`${other} in a HostQueryRq`);
  const versions = SUPPORTED_VERSIONS.map((v) => el('SupportedQBXMLVersion', v)).join('');
  return ok(`<HostRet>${el('ProductName', 'QuickBooks Pro 2023')}${el('MajorVersion', '33')}${el('MinorVersion', '0')}${el('Country', 'US')}${versions}</HostRet>`);
}

/** A company file seeded with `seed` (each list left out gets the default entries of lists.ts). */
export function createCompany(seed: CompanySeed = {}, options: CompanyOptions = {}): Company {
  const check = loadSchema(options.schemaDir);
  const stamps = createStamps(options.now, options.saved?.counters);
  const lists = createLists(seed, stamps, options.saved?.lists);
  const iterators: Iterators = new Map();
  const time = createTimeTracking(lists, stamps, iterators, options.saved?.time);

  const answer = (rq: XmlNode): Answer => {
    const kind = LIST_QUERIES[rq.name];
    if (kind) return listQuery(kind, rq, lists, iterators);
    switch (rq.name) {
      case 'HostQueryRq': return hostQuery(rq);
      case 'TimeTrackingAddRq': return time.add(rq);
      case 'TimeTrackingModRq': return time.mod(rq);
      case 'TimeTrackingQueryRq': return time.query(rq);
      case 'TxnDelRq': return time.del(rq);
      default: return unsupported(`${rq.name} requests`);
    }
  };

  return {
    async process(requestXml) {
      const [problem] = await check(requestXml);
      if (problem !== undefined) throw new QbxmlParseError(problem);
      const msgs = child(parseDocument(requestXml), 'QBXMLMsgsRq');
      if (!msgs) throw new Error('The QuickBooks Desktop simulator answers QBXMLMsgsRq documents only.');
      return responseDocument(answerAll(msgs, answer));
    },
    timeTracking: () => time.records(),
    editInQuickBooks: (txnId, notes) => time.editInQuickBooks(txnId, notes),
    names: (kind) => lists.all(kind),
    save: () => ({ lists: lists.saved(), time: time.saved(), counters: stamps.counters() }),
  };
}

/**
 * Each request's Rs, in order. After an error, stopOnError stops there; so does rollbackOnError,
 * since every request here either fully happens or not at all, so rolling back the failing one
 * leaves the same company file. continueOnError answers every request.
 */
function answerAll(msgs: XmlNode, answer: (rq: XmlNode) => Answer): string[] {
  const responses: string[] = [];
  for (const rq of msgs.children) {
    const a = answer(rq);
    responses.push(responseElement(rq, a));
    if (a.statusSeverity === 'Error' && msgs.attrs['onError'] !== 'continueOnError') break;
  }
  return responses;
}
