// qbXML requests for QuickBooks Desktop, which the Web Connector hands to QuickBooks: the envelope
// and the time-tracking requests (add, modify, delete). Intuit's schema fixes the order of every
// element (xsd:sequence; tests/fixtures/qbd/qbxml160.xsd), so each builder writes its elements in
// exactly that order, and escapes every value: names and notes are the user's text.
import type { LocalDate } from '../time/local-date';

/** A list entry (customer, employee, item, class) by QuickBooks' ListID or its full name ("Parent:Job"). */
export type QbdRef = { listId: string } | { fullName: string };

type QbdBillableStatus = 'Billable' | 'NotBillable' | 'HasBeenBilled';

/** One piece of time as QuickBooks Desktop's TimeTracking transaction holds it. */
export interface QbdTime {
  txnDate: LocalDate;
  /** The employee, vendor or other name whose time it is. */
  entity: QbdRef;
  customer?: QbdRef;
  item?: QbdRef;
  minutes: number;
  class?: QbdRef;
  notes?: string;
  billable?: QbdBillableStatus;
}

/** QuickBooks' limit on a TimeTracking's Notes (qbxml160.xsd). */
export const QBD_NOTES_MAX = 4095;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text as XML character data; characters XML 1.0 cannot carry at all (most control characters) are dropped. */
export function xmlText(value: string): string {
  // Exactly the characters XML 1.0 forbids, then the five it reserves.
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const el = (name: string, value: string) => `<${name}>${xmlText(value)}</${name}>`;
const ref = (name: string, r: QbdRef) => `<${name}>${'listId' in r ? el('ListID', r.listId) : el('FullName', r.fullName)}</${name}>`;
const optional = <T>(value: T | undefined, write: (v: T) => string) => (value === undefined ? '' : write(value));

/** Minutes as qbXML's duration ("PT2H30M"); whole minutes only. */
export function qbdDuration(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 0) throw new RangeError(`A duration is whole minutes, not ${minutes}`);
  return `PT${Math.floor(minutes / 60)}H${minutes % 60}M`;
}

/** The shared body of TimeTrackingAdd and TimeTrackingMod, TxnDate to BillableStatus, in the schema's order. */
function timeBody(t: QbdTime): string {
  return [
    el('TxnDate', t.txnDate),
    ref('EntityRef', t.entity),
    optional(t.customer, (r) => ref('CustomerRef', r)),
    optional(t.item, (r) => ref('ItemServiceRef', r)),
    el('Duration', qbdDuration(t.minutes)),
    optional(t.class, (r) => ref('ClassRef', r)),
    optional(t.notes, (n) => el('Notes', n)),
    optional(t.billable, (b) => el('BillableStatus', b)),
  ].join('');
}

/**
 * A new TimeTracking. `externalGuid` ("{8-4-4-4-12}" hex) is stamped on it in QuickBooks, so a
 * request QuickBooks applied before the session dropped can be found again instead of added twice.
 */
export function timeTrackingAddRq(requestId: string, t: QbdTime, externalGuid?: string): string {
  return `<TimeTrackingAddRq requestID="${xmlText(requestId)}"><TimeTrackingAdd>${timeBody(t)}${optional(externalGuid, (g) => el('ExternalGUID', g))}</TimeTrackingAdd></TimeTrackingAddRq>`;
}

/** A change to a TimeTracking QuickBooks holds, at the EditSequence last read (a stale one is refused). */
export function timeTrackingModRq(requestId: string, txn: { txnId: string; editSequence: string }, t: QbdTime): string {
  return `<TimeTrackingModRq requestID="${xmlText(requestId)}"><TimeTrackingMod>${el('TxnID', txn.txnId)}${el('EditSequence', txn.editSequence)}${timeBody(t)}</TimeTrackingMod></TimeTrackingModRq>`;
}

/** Deletes a TimeTracking. */
export function timeTrackingDelRq(requestId: string, txnId: string): string {
  return `<TxnDelRq requestID="${xmlText(requestId)}">${el('TxnDelType', 'TimeTracking')}${el('TxnID', txnId)}</TxnDelRq>`;
}

/**
 * The whole qbXML document for one sendRequestXML answer. `continueOnError`: one refused request
 * (a name not found, a closed period) does not stop the others, each answered under its requestID.
 */
export function qbxmlDocument(version: string, requests: readonly string[], onError: 'continueOnError' | 'stopOnError' = 'continueOnError'): string {
  if (!/^\d+\.\d+$/.test(version)) throw new RangeError(`"${version}" is not a qbXML version`);
  return `<?xml version="1.0" encoding="utf-8"?><?qbxml version="${version}"?><QBXML><QBXMLMsgsRq onError="${onError}">${requests.join('')}</QBXMLMsgsRq></QBXML>`;
}

/** Where a query stands: the first page of a new iterator, or the next page of one QuickBooks opened. */
export type QbdIterator = { start: true } | { continueId: string };

const iteratorAttrs = (it: QbdIterator | undefined) =>
  it === undefined ? '' : 'start' in it ? ' iterator="Start"' : ` iterator="Continue" iteratorID="${xmlText(it.continueId)}"`;

/** The name lists QuickBooks Desktop answers list queries for. */
export type QbdListQueryKind = 'Customer' | 'Employee' | 'Vendor' | 'OtherName' | 'ItemService' | 'Class';

/**
 * The lists whose queries take an iterator in qbXML 16.0 (the `iterator` attribute of their
 * *QueryRqType in qbxmlops160.xsd). Employees, other names and classes have none: they come whole.
 */
export const QBD_ITERABLE_LISTS: ReadonlySet<QbdListQueryKind> = new Set(['Customer', 'Vendor', 'ItemService']);

/**
 * One name list, inactive entries too (ActiveStatus All); for the lists with iterators a page of at
 * most `maxReturned` through one. `fromModified` (QuickBooks' own TimeModified of an earlier read)
 * keeps only what changed since. ListFilter's order: MaxReturned, ActiveStatus, FromModifiedDate
 * (qbxml160.xsd); a Continue carries MaxReturned only, as Intuit's iterator examples do.
 */
export function listQueryRq(kind: QbdListQueryKind, requestId: string, query: { page?: { maxReturned: number; iterator: QbdIterator }; fromModified?: string }): string {
  const { page } = query;
  if (page !== undefined && !QBD_ITERABLE_LISTS.has(kind)) throw new RangeError(`QuickBooks has no iterator for ${kind} queries.`);
  const max = optional(page, (p) => el('MaxReturned', String(p.maxReturned)));
  const filter = page !== undefined && 'continueId' in page.iterator ? max : max + el('ActiveStatus', 'All') + optional(query.fromModified, (d) => el('FromModifiedDate', d));
  return `<${kind}QueryRq requestID="${xmlText(requestId)}"${iteratorAttrs(page?.iterator)}>${filter}</${kind}QueryRq>`;
}

/** Which time entries a TimeTrackingQuery asks for: by TxnID, by date (inclusive), changed since a TimeModified, or all. */
export type QbdTimeFilter = { txnIds: readonly string[] } | { txnDates: { from: LocalDate; to: LocalDate } } | { modifiedSince: string } | { everything: true };

/** A TimeTrackingQueryRq; a filtered one may page through an iterator (TimeTrackingTxnFilter's order: MaxReturned, then the range). */
export function timeTrackingQueryRq(requestId: string, filter: QbdTimeFilter, page?: { maxReturned: number; iterator: QbdIterator }): string {
  if ('txnIds' in filter) {
    if (page !== undefined) throw new RangeError('A query by TxnID has no pages.');
    return `<TimeTrackingQueryRq requestID="${xmlText(requestId)}">${filter.txnIds.map((id) => el('TxnID', id)).join('')}</TimeTrackingQueryRq>`;
  }
  const range = 'everything' in filter ? ''
    : 'txnDates' in filter ? `<TxnDateRangeFilter>${el('FromTxnDate', filter.txnDates.from)}${el('ToTxnDate', filter.txnDates.to)}</TxnDateRangeFilter>`
    : `<ModifiedDateRangeFilter>${el('FromModifiedDate', filter.modifiedSince)}</ModifiedDateRangeFilter>`;
  const continuing = page !== undefined && 'continueId' in page.iterator;
  const max = optional(page, (p) => el('MaxReturned', String(p.maxReturned)));
  return `<TimeTrackingQueryRq requestID="${xmlText(requestId)}"${iteratorAttrs(page?.iterator)}>${max}${continuing ? '' : range}</TimeTrackingQueryRq>`;
}
