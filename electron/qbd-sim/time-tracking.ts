// TimeTracking transactions in the simulated company file: TimeTrackingAddRq, TimeTrackingModRq,
// TxnDelRq (TxnDelType TimeTracking) and TimeTrackingQueryRq, answered as QuickBooks Desktop does,
// each Ret in the element order of qbxml160.xsd's TimeTrackingRet. The query takes TxnIDs or the
// TimeTrackingTxnFilter (MaxReturned, ModifiedDateRangeFilter or TxnDateRangeFilter,
// TimeTrackingEntityFilter) and iterators; ExternalGUID comes back as sent.
import { refElement, type ListEntry, type ListKind, type Lists } from './lists';
import { iterate, type Iterators } from './iterators';
import { withinModified, type Stamps } from './stamps';
import { child, childText, childTexts, el, error, NO_MATCH, notFound, ok, optionalEl, unknownChild, unsupported, type Answer, type XmlNode } from './xml';

/** One piece of time as the simulated QuickBooks holds it. */
export interface TimeTrackingRecord {
  txnId: string;
  timeCreated: string;
  timeModified: string;
  editSequence: string;
  txnNumber: number;
  txnDate: string;
  entity: ListEntry;
  customer?: ListEntry;
  item?: ListEntry;
  rate?: string;
  /** As sent ("PT1H30M"). */
  duration: string;
  class?: ListEntry;
  notes?: string;
  billableStatus?: string;
  externalGuid?: string;
}

/** A time entry as kept in a saved company file: each reference by its ListID. */
export type SavedTime = Omit<TimeTrackingRecord, 'entity' | 'customer' | 'item' | 'class'> & { entity: string; customer?: string; item?: string; class?: string };

/** The fields a TimeTrackingAdd or TimeTrackingMod sets, names resolved to list entries. */
type TimeFields = Omit<TimeTrackingRecord, 'txnId' | 'timeCreated' | 'timeModified' | 'editSequence' | 'txnNumber' | 'txnDate'> & { txnDate?: string };

/** What the simulator reads from TimeTrackingAdd/Mod; anything else there (PayrollItemWageRef) is refused as not handled. */
const TIME_FIELDS = ['TxnDate', 'EntityRef', 'CustomerRef', 'ItemServiceRef', 'Rate', 'Duration', 'ClassRef', 'Notes', 'BillableStatus', 'ExternalGUID'];

/** The list each reference is looked up in, and the name QuickBooks gives that list in its 3140 message. */
const REFS: { element: string; kinds: ListKind[]; label: string }[] = [
  { element: 'EntityRef', kinds: ['Employee', 'Vendor', 'OtherName'], label: 'Entity' },
  { element: 'CustomerRef', kinds: ['Customer'], label: 'Customer' },
  { element: 'ItemServiceRef', kinds: ['ItemService'], label: 'Item' },
  { element: 'ClassRef', kinds: ['Class'], label: 'Class' },
];

/**
 * QuickBooks' 3140 for a name or ListID it does not hold. Wording follows a real 3140 a Web Connector
 * user quoted ("There is an invalid reference to QuickBooks Item in the Invoice line. The specified
 * record does not exist in the list.", https://github.com/consolibyte/quickbooks-php/issues/256), with
 * the quoted value and "QuickBooks error message: Invalid argument." as QuickBooks' 3120 carries them
 * (qbwc/qbwc spec/qbwc/session_spec.rb); "Entity" for EntityRef is this simulator's guess.
 */
const invalidReference = (label: string, value: string): Answer =>
  error(3140, `There is an invalid reference to QuickBooks ${label} "${value}" in the TimeTracking.  QuickBooks error message: Invalid argument.  The specified record does not exist in the list.`);

function resolve(ref: XmlNode, kinds: ListKind[], lists: Lists): ListEntry | undefined {
  const id = childText(ref, 'ListID');
  const name = childText(ref, 'FullName');
  for (const kind of kinds) {
    const found = id !== undefined ? lists.byListId(kind, id) : lists.byFullName(kind, name ?? '');
    if (found) return found;
  }
  return undefined;
}

/** The fields of a TimeTrackingAdd or TimeTrackingMod, or QuickBooks' refusal. */
function readFields(node: XmlNode, lists: Lists): TimeFields | Answer {
  const other = unknownChild(node, [...TIME_FIELDS, 'TxnID', 'EditSequence']);
  if (other !== undefined) return unsupported(`${other} in a ${node.name}`);
  const refs: Partial<Record<string, ListEntry>> = {};
  for (const { element, kinds, label } of REFS) {
    const ref = child(node, element);
    if (!ref) continue;
    const found = resolve(ref, kinds, lists);
    if (!found) return invalidReference(label, childText(ref, 'ListID') ?? childText(ref, 'FullName') ?? '');
    refs[element] = found;
  }
  const text = (name: string) => childText(node, name);
  const fields = {
    txnDate: text('TxnDate'), entity: refs['EntityRef']!, customer: refs['CustomerRef'], item: refs['ItemServiceRef'], rate: text('Rate'),
    duration: text('Duration')!, class: refs['ClassRef'], notes: text('Notes'), billableStatus: text('BillableStatus'), externalGuid: text('ExternalGUID'),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as TimeFields;
}

/** A TimeTrackingRet, elements in the schema's order (TxnCore, then TxnDate … ExternalGUID). */
function timeTrackingRet(t: TimeTrackingRecord): string {
  const ref = (name: string, e: ListEntry | undefined) => (e ? refElement(name, e) : '');
  return '<TimeTrackingRet>' +
    el('TxnID', t.txnId) + el('TimeCreated', t.timeCreated) + el('TimeModified', t.timeModified) + el('EditSequence', t.editSequence) +
    el('TxnNumber', String(t.txnNumber)) + el('TxnDate', t.txnDate) + ref('EntityRef', t.entity) + ref('CustomerRef', t.customer) +
    ref('ItemServiceRef', t.item) + optionalEl('Rate', t.rate) + el('Duration', t.duration) + ref('ClassRef', t.class) +
    optionalEl('Notes', t.notes) + optionalEl('BillableStatus', t.billableStatus) + optionalEl('ExternalGUID', t.externalGuid) +
    '</TimeTrackingRet>';
}

/** The company's time and the requests on it. */
export interface TimeTracking {
  records(): readonly TimeTrackingRecord[];
  saved(): SavedTime[];
  add(rq: XmlNode): Answer;
  mod(rq: XmlNode): Answer;
  del(rq: XmlNode): Answer;
  query(rq: XmlNode): Answer;
  /** Someone working in QuickBooks changes this time (a new EditSequence and TimeModified), as a Mod would. */
  editInQuickBooks(txnId: string, notes?: string): TimeTrackingRecord | undefined;
}

export function createTimeTracking(lists: Lists, stamps: Stamps, iterators: Iterators, saved: readonly SavedTime[] = []): TimeTracking {
  const records = new Map<string, TimeTrackingRecord>(saved.map((t) => [t.txnId, restore(t, lists)]));
  let txnNumber = Math.max(0, ...saved.map((t) => t.txnNumber));
  return {
    records: () => [...records.values()],
    saved: () => [...records.values()].map(save),
    add: (rq) => add(rq, lists, stamps, records, ++txnNumber),
    mod: (rq) => mod(rq, lists, stamps, records),
    del: (rq) => del(rq, stamps, records),
    query: (rq) => query(rq, records, iterators),
    editInQuickBooks: (txnId, notes) => {
      const current = records.get(txnId);
      if (!current) return undefined;
      const changed = { ...current, ...(notes === undefined ? {} : { notes }), timeModified: stamps.time(), editSequence: stamps.editSequence() };
      records.set(txnId, changed);
      return changed;
    },
  };
}

const ALL_KINDS: ListKind[] = ['Employee', 'Vendor', 'OtherName', 'Customer', 'ItemService', 'Class'];
const byId = (lists: Lists, listId: string | undefined) => (listId === undefined ? undefined : ALL_KINDS.map((k) => lists.byListId(k, listId)).find((e) => e !== undefined));

function restore(t: SavedTime, lists: Lists): TimeTrackingRecord {
  const { entity, customer, item, class: klass, ...rest } = t;
  const person = byId(lists, entity);
  if (!person) throw new Error(`The saved company file names a person (${entity}) its lists do not hold.`);
  const refs = { customer: byId(lists, customer), item: byId(lists, item), class: byId(lists, klass) };
  return { ...rest, entity: person, ...withoutUndefined(refs) };
}

function save(t: TimeTrackingRecord): SavedTime {
  const { entity, customer, item, class: klass, ...rest } = t;
  return { ...rest, entity: entity.listId, ...withoutUndefined({ customer: customer?.listId, item: item?.listId, class: klass?.listId }) };
}

const withoutUndefined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

function add(rq: XmlNode, lists: Lists, stamps: Stamps, records: Map<string, TimeTrackingRecord>, txnNumber: number): Answer {
  const other = unknownChild(rq, ['TimeTrackingAdd']);
  if (other !== undefined) return unsupported(`${other} in a TimeTrackingAddRq`);
  const fields = readFields(child(rq, 'TimeTrackingAdd')!, lists);
  if ('statusCode' in fields) return fields;
  const created = stamps.time();
  const record: TimeTrackingRecord = {
    ...fields, txnId: stamps.txnId(), timeCreated: created, timeModified: created, editSequence: stamps.editSequence(),
    txnNumber, txnDate: fields.txnDate ?? stamps.today(),
  };
  records.set(record.txnId, record);
  return ok(timeTrackingRet(record));
}

/**
 * A change at the EditSequence last read. A stale one is refused with QuickBooks' 3200 (wording as
 * consolibyte/quickbooks-php's error handler quotes it) and changes nothing. Optional fields the
 * Mod leaves out keep their values: qbXML's rule for Mod requests.
 */
function mod(rq: XmlNode, lists: Lists, stamps: Stamps, records: Map<string, TimeTrackingRecord>): Answer {
  const other = unknownChild(rq, ['TimeTrackingMod']);
  if (other !== undefined) return unsupported(`${other} in a TimeTrackingModRq`);
  const node = child(rq, 'TimeTrackingMod')!;
  const txnId = childText(node, 'TxnID')!;
  const current = records.get(txnId);
  if (!current) return notFound(txnId);
  if (childText(node, 'EditSequence') !== current.editSequence) return error(3200, 'The provided edit sequence is out-of-date.');
  const fields = readFields(node, lists);
  if ('statusCode' in fields) return fields;
  const changed: TimeTrackingRecord = { ...current, ...fields, timeModified: stamps.time(), editSequence: stamps.editSequence() };
  records.set(txnId, changed);
  return ok(timeTrackingRet(changed));
}

function del(rq: XmlNode, stamps: Stamps, records: Map<string, TimeTrackingRecord>): Answer {
  const type = childText(rq, 'TxnDelType')!;
  if (type !== 'TimeTracking') return unsupported(`deleting a ${type}`);
  const txnId = childText(rq, 'TxnID')!;
  if (!records.delete(txnId)) return notFound(txnId);
  return ok(el('TxnDelType', type) + el('TxnID', txnId) + el('TimeDeleted', stamps.time()));
}

/** By TxnID (an unknown one is 3120, as for a ListID), or by the filters of TimeTrackingTxnFilter, optionally through an iterator. */
function query(rq: XmlNode, records: Map<string, TimeTrackingRecord>, iterators: Iterators): Answer {
  const other = unknownChild(rq, ['TxnID', 'MaxReturned', 'TxnDateRangeFilter', 'ModifiedDateRangeFilter', 'TimeTrackingEntityFilter']);
  if (other !== undefined) return unsupported(`${other} in a TimeTrackingQueryRq`);
  const max = childText(rq, 'MaxReturned');
  const limit = max === undefined ? Infinity : Number(max);
  const retOf = (txnId: string) => () => { const t = records.get(txnId); return t ? timeTrackingRet(t) : ''; };
  if (rq.attrs['iterator'] === 'Continue' || rq.attrs['iterator'] === 'Stop') return iterate(rq.attrs, limit, iterators, () => []);
  const ids = childTexts(rq, 'TxnID');
  if (ids.length > 0) {
    const missing = ids.find((id) => !records.has(id));
    return missing === undefined ? ok(ids.map((id) => timeTrackingRet(records.get(id)!)).join('')) : notFound(missing);
  }
  const found = filtered(rq, records);
  if (!Array.isArray(found)) return found;
  if (rq.attrs['iterator'] === 'Start') return iterate(rq.attrs, limit, iterators, () => found.map((t) => retOf(t.txnId)));
  return found.length === 0 ? NO_MATCH : ok(found.slice(0, limit).map(timeTrackingRet).join(''));
}

/**
 * Time matching TxnDateRangeFilter (dates as written), ModifiedDateRangeFilter (instants, whatever
 * zone each side is written in) and TimeTrackingEntityFilter (ListID or FullName of the person),
 * by date then number. The schema lets only one of the two date filters appear.
 */
function filtered(rq: XmlNode, records: Map<string, TimeTrackingRecord>): TimeTrackingRecord[] | Answer {
  const range = child(rq, 'TxnDateRangeFilter');
  if (range && unknownChild(range, ['FromTxnDate', 'ToTxnDate']) !== undefined) return unsupported('date macros in a TxnDateRangeFilter');
  const from = range && childText(range, 'FromTxnDate');
  const to = range && childText(range, 'ToTxnDate');
  const modified = child(rq, 'ModifiedDateRangeFilter');
  const [fromModified, toModified] = modified ? [childText(modified, 'FromModifiedDate'), childText(modified, 'ToModifiedDate')] : [];
  const entity = child(rq, 'TimeTrackingEntityFilter');
  const [entityIds, entityNames] = entity ? [childTexts(entity, 'ListID'), childTexts(entity, 'FullName')] : [[], []];
  const forEntity = (t: TimeTrackingRecord) => !entity || entityIds.includes(t.entity.listId) || entityNames.some((n) => n.localeCompare(t.entity.fullName, 'en', { sensitivity: 'accent' }) === 0);
  return [...records.values()]
    .filter((t) => (from === undefined || t.txnDate >= from) && (to === undefined || t.txnDate <= to))
    .filter((t) => withinModified(t.timeModified, fromModified, toModified) && forEntity(t))
    .sort((a, b) => a.txnDate.localeCompare(b.txnDate) || a.txnNumber - b.txnNumber);
}
