// Between the sync engine's QuickBooks Online shapes and QuickBooks Desktop's qbXML. A Desktop
// company is driven by the same outbox, engine, mapping and reconciliation as an Online one: what
// the engine sends (a TimeActivity body) becomes a TimeTracking transaction, and what QuickBooks
// Desktop returns (TimeTrackingRet, CustomerRet…) is read back as the Online entities the rest of
// the app already understands. Status codes become the batch-item faults the engine classifies.
import type { BillableStatus, QboRef, QboTimeActivity } from '../qbo/types';
import { isLocalDate } from '../time/local-date';
import { QBD_NOTES_MAX, type QbdRef, type QbdTime } from './qbxml';
import { durationMinutes, type QbdResponse, type QbdRet } from './response';
import { statusWords } from './status';

/** The name lists Track Nexus reads from QuickBooks Desktop. */
export type QbdListKind = 'Customer' | 'Employee' | 'Vendor' | 'OtherName' | 'ItemService' | 'Class';

/** A batch item's fault, as QuickBooks Online writes one (shared/ipc/domains/qbo QboFaultData). */
export interface QbdItemFault {
  type: string;
  errors: { code: string; message: string; detail?: string; element?: string }[];
}

/**
 * The `remote.type` of the retryable 'network' error a Desktop company's batch answers while the
 * Web Connector has not yet taken it to QuickBooks: the engine sends the same batch again later
 * (same requestid) and is then answered from the journal. The renderer reads it as a queued send.
 */
export const QBD_QUEUED = 'DesktopQueued';

/** A TimeActivity body Desktop cannot take, in the user's words. */
export class QbdTranslateError extends Error {
  override readonly name = 'QbdTranslateError';
}

const BILLABLE: readonly BillableStatus[] = ['Billable', 'NotBillable', 'HasBeenBilled'];

function refIn(body: Record<string, unknown>, name: string): QbdRef | undefined {
  const ref = body[name] as QboRef | undefined;
  if (ref === undefined) return undefined;
  if (typeof ref.value !== 'string' || ref.value === '') throw new QbdTranslateError(`The entry's ${name.replace(/Ref$/, '').toLowerCase()} is not linked to a QuickBooks name.`);
  return { listId: ref.value };
}

function minutesOf(body: Record<string, unknown>): number {
  const minutes = Number(body['Hours'] ?? 0) * 60 + Number(body['Minutes'] ?? 0);
  if (!Number.isInteger(minutes) || minutes < 0) throw new QbdTranslateError('The entry\'s length of time is not whole minutes, which QuickBooks Desktop needs.');
  return minutes;
}

/**
 * The TimeActivity body the engine sends (create; update carries Id and SyncToken) as a Desktop
 * time entry: EntityRef from EmployeeRef or VendorRef (ListIDs), CustomerRef, ItemRef as
 * ItemServiceRef, ClassRef, Hours/Minutes as the duration, Description as Notes, BillableStatus,
 * TxnDate. Throws QbdTranslateError when it cannot be expressed. HourlyRate is not sent: Intuit's
 * qbXML reference marks TimeTrackingAdd/Mod's Rate "not in QBD" (US Desktop takes the rate from the
 * service item or the customer's price level), though the 16.0 schema has the element.
 */
export function qbdTimeOf(body: Record<string, unknown>): QbdTime {
  const txnDate = String(body['TxnDate'] ?? '');
  if (!isLocalDate(txnDate)) throw new QbdTranslateError('The entry has no date QuickBooks Desktop can take.');
  const entity = refIn(body, body['NameOf'] === 'Vendor' ? 'VendorRef' : 'EmployeeRef');
  if (entity === undefined) throw new QbdTranslateError('The entry names no employee or vendor, which QuickBooks Desktop needs on every time entry.');
  const notes = body['Description'] === undefined ? undefined : String(body['Description']);
  if (notes !== undefined && notes.length > QBD_NOTES_MAX) throw new QbdTranslateError(`The entry's notes are longer than QuickBooks Desktop keeps (${QBD_NOTES_MAX} characters).`);
  const billable = body['BillableStatus'] as BillableStatus | undefined;
  if (billable !== undefined && !BILLABLE.includes(billable)) throw new QbdTranslateError(`QuickBooks Desktop does not know the billable status "${String(billable)}".`);
  const optional = {
    customer: refIn(body, 'CustomerRef'), item: refIn(body, 'ItemRef'), class: refIn(body, 'ClassRef'),
    notes, billable,
  };
  return {
    txnDate, entity, minutes: minutesOf(body),
    ...(Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)) as Partial<QbdTime>),
  };
}

const text = (ret: QbdRet, name: string) => (typeof ret[name] === 'string' ? ret[name] : undefined);

/** A reference in a Ret (ListID and FullName) as Online's { value, name }. */
function qboRef(ret: QbdRet, name: string): QboRef | undefined {
  const ref = ret[name];
  if (typeof ref !== 'object' || Array.isArray(ref)) return undefined;
  const value = text(ref, 'ListID');
  if (value === undefined) return undefined;
  const label = text(ref, 'FullName');
  return label === undefined ? { value } : { value, name: label };
}

function metaData(ret: QbdRet): { CreateTime?: string; LastUpdatedTime?: string } {
  const created = text(ret, 'TimeCreated');
  const modified = text(ret, 'TimeModified');
  return { ...(created === undefined ? {} : { CreateTime: created }), ...(modified === undefined ? {} : { LastUpdatedTime: modified }) };
}

/**
 * A TimeTrackingRet as the TimeActivity the engine and reconciliation read: Id = TxnID, SyncToken =
 * EditSequence, refs by ListID with their names, NameOf Employee or Vendor, Hours/Minutes,
 * Description = Notes, BillableStatus, HourlyRate, TxnDate, MetaData from TimeCreated/TimeModified.
 * QuickBooks' EntityRef does not say which list the name is in: `vendorIds` holds the ListIDs of
 * vendors and other names (Online has no other names; they are vendors there), anything else is
 * taken as an employee.
 */
export function timeActivityOf(ret: QbdRet, vendorIds: ReadonlySet<string> = new Set()): QboTimeActivity {
  const need = (name: string) => {
    const v = text(ret, name);
    if (v === undefined) throw new Error(`QuickBooks sent a time entry without its ${name}.`);
    return v;
  };
  const entity = qboRef(ret, 'EntityRef');
  if (entity === undefined) throw new Error('QuickBooks sent a time entry without its EntityRef.');
  const minutes = durationMinutes(need('Duration'));
  const nameOf = vendorIds.has(entity.value) ? 'Vendor' : 'Employee';
  const optional = {
    CustomerRef: qboRef(ret, 'CustomerRef'), ItemRef: qboRef(ret, 'ItemServiceRef'), ClassRef: qboRef(ret, 'ClassRef'),
    HourlyRate: text(ret, 'Rate') === undefined ? undefined : Number(text(ret, 'Rate')), Description: text(ret, 'Notes'),
  };
  return {
    Id: need('TxnID'), SyncToken: need('EditSequence'), TxnDate: need('TxnDate'), NameOf: nameOf, [`${nameOf}Ref`]: entity,
    BillableStatus: (text(ret, 'BillableStatus') ?? 'NotBillable') as BillableStatus,
    Hours: Math.floor(minutes / 60), Minutes: minutes % 60, MetaData: metaData(ret),
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
}

/** Lists whose entries nest ("Parent:Job") and carry FullName and ParentRef in their Ret. */
const NESTED: readonly QbdListKind[] = ['Customer', 'ItemService', 'Class'];

/**
 * A list record (CustomerRet, EmployeeRet, VendorRet, OtherNameRet, ItemServiceRet, ClassRet) as
 * the Online mirror entity the mapping reads (QboCustomer with Job/ParentRef/FullyQualifiedName,
 * QboItem of Type Service, QboEmployee, QboVendor (other names too), QboClass), Id = ListID,
 * SyncToken = EditSequence, Active = IsActive, MetaData.LastUpdatedTime = TimeModified.
 */
export function mirrorEntityOf(kind: QbdListKind, ret: QbdRet): Record<string, unknown> {
  const id = text(ret, 'ListID');
  const name = text(ret, 'Name');
  if (id === undefined || name === undefined) throw new Error(`QuickBooks sent a ${kind} without its ListID or name.`);
  const base = { Id: id, SyncToken: text(ret, 'EditSequence'), Active: text(ret, 'IsActive') !== 'false', MetaData: metaData(ret) };
  if (!NESTED.includes(kind)) return { ...base, DisplayName: name };
  const parent = qboRef(ret, 'ParentRef');
  const nested = { ...base, FullyQualifiedName: text(ret, 'FullName') ?? name, ...(parent === undefined ? {} : { ParentRef: parent }) };
  if (kind === 'Customer') return { ...nested, DisplayName: name, Job: parent !== undefined };
  if (kind === 'ItemService') return { ...nested, Name: name, Type: 'Service' };
  return { ...nested, Name: name };
}

/** QuickBooks' 3140 names the list it looked in ("invalid reference to QuickBooks Customer"): the Online element. */
const REFERENCE_ELEMENTS: [RegExp, string][] = [[/QuickBooks Customer/i, 'CustomerRef'], [/QuickBooks Item/i, 'ItemRef'], [/QuickBooks Class/i, 'ClassRef']];

/** The closing date, recognised as shared/qbd/status.ts recognises it. */
const CLOSING_DATE = /closing date/i;

/**
 * A refused write as the fault the engine classifies (shared/sync/classify): a stale EditSequence
 * (3200) as Online's 5010, so the engine reads the entry again; a missing record on delete as 610;
 * an unknown name (3140) as 2500 with the reference's element; the closing date as 6210; QuickBooks
 * busy or the record in use as QBD_LATER (sent again later); anything else as QBD<code> with the
 * bookkeeper's words of shared/qbd/status.ts as its detail.
 */
export function batchFaultOf(response: QbdResponse): QbdItemFault {
  const { retry, words } = statusWords(response);
  const said = response.message || `QuickBooks Desktop status ${response.statusCode}`;
  const fault = (code: string, extra: { element?: string } = {}): QbdItemFault => ({ type: 'ValidationFault', errors: [{ code, message: said, detail: words, ...extra }] });
  if (response.statusCode === 3200) return fault('5010');
  if (response.statusCode === 3120) return fault('610');
  if (response.statusCode === 3140) {
    const element = REFERENCE_ELEMENTS.find(([pattern]) => pattern.test(response.message))?.[1];
    return fault('2500', element === undefined ? {} : { element });
  }
  if (CLOSING_DATE.test(response.message)) return fault('6210');
  if (retry === 'later') return fault('QBD_LATER');
  return fault(`QBD${response.statusCode}`);
}
