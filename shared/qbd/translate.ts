// Between the sync engine's QuickBooks Online shapes and QuickBooks Desktop's qbXML. A Desktop
// company is driven by the same outbox, engine, mapping and reconciliation as an Online one: what
// the engine sends (a TimeActivity body) becomes a TimeTracking transaction, and what QuickBooks
// Desktop returns (TimeTrackingRet, CustomerRet…) is read back as the Online entities the rest of
// the app already understands. Status codes become the batch-item faults the engine classifies.
import type { QboTimeActivity } from '../qbo/types';
import type { QbdTime } from './qbxml';
import type { QbdResponse, QbdRet } from './response';

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

/**
 * The TimeActivity body the engine sends (create; update carries Id and SyncToken) as a Desktop
 * time entry: EntityRef from EmployeeRef or VendorRef (ListIDs), CustomerRef, ItemRef as
 * ItemServiceRef, ClassRef, Hours/Minutes as the duration, HourlyRate as Rate, Description as
 * Notes, BillableStatus, TxnDate. Throws QbdTranslateError when it cannot be expressed.
 */
export function qbdTimeOf(body: Record<string, unknown>, currency: string): QbdTime {
  void body;
  void currency;
  throw new Error('not yet');
}

/**
 * A TimeTrackingRet as the TimeActivity the engine and reconciliation read: Id = TxnID, SyncToken =
 * EditSequence, refs by ListID with their names, NameOf Employee or Vendor, Hours/Minutes,
 * Description = Notes, BillableStatus, HourlyRate, TxnDate, MetaData from TimeCreated/TimeModified.
 */
export function timeActivityOf(ret: QbdRet): QboTimeActivity {
  void ret;
  throw new Error('not yet');
}

/**
 * A list record (CustomerRet, EmployeeRet, VendorRet, OtherNameRet, ItemServiceRet, ClassRet) as
 * the Online mirror entity the mapping reads (QboCustomer with Job/ParentRef/FullyQualifiedName,
 * QboItem of Type Service, QboEmployee, QboVendor (other names too), QboClass), Id = ListID,
 * SyncToken = EditSequence, Active = IsActive, MetaData.LastUpdatedTime = TimeModified.
 */
export function mirrorEntityOf(kind: QbdListKind, ret: QbdRet): Record<string, unknown> {
  void kind;
  void ret;
  throw new Error('not yet');
}

/**
 * A refused write as the fault the engine classifies (shared/sync/classify): a stale EditSequence
 * (3200) as Online's 5010, so the engine reads the entry again; a missing record on delete as 610;
 * an unknown name (3140) as 2500 with the reference's element; the closing date as 6210; QuickBooks
 * busy or the record in use as QBD_LATER (sent again later); anything else as QBD<code> with the
 * bookkeeper's words of shared/qbd/status.ts as its detail.
 */
export function batchFaultOf(response: QbdResponse): QbdItemFault {
  void response;
  throw new Error('not yet');
}
