// QuickBooks Online shapes we send and mirror, with QBO's exact field names so a payload can be
// posted as-is (docs/qbo-api.md §3). Only the fields Track Nexus reads or writes are typed; QBO
// ignores read-only fields in a write body, and unknown fields it returns are kept by callers.

/** A reference to another QBO object: `value` is the Id; `name` is display only and ignored on write. */
export interface QboRef {
  value: string;
  name?: string;
}

export type BillableStatus = 'Billable' | 'NotBillable' | 'HasBeenBilled';

/**
 * A TimeActivity write body (duration form: Hours + Minutes). `Id` and `SyncToken` are present on
 * update and delete only. Updates are always full (sparse is unreliable for TimeActivity, §3.1),
 * so `sparse` is only ever `false` when set.
 */
export interface TimeActivityPayload {
  TxnDate: string;
  NameOf: 'Employee' | 'Vendor';
  EmployeeRef?: QboRef;
  VendorRef?: QboRef;
  CustomerRef?: QboRef;
  ItemRef?: QboRef;
  ClassRef?: QboRef;
  BillableStatus: BillableStatus;
  /** Decimal in the home currency with at most the currency's minor digits; absent when NotBillable. */
  HourlyRate?: number;
  Hours: number;
  Minutes: number;
  Description?: string;
  Id?: string;
  SyncToken?: string;
  sparse?: boolean;
}

/** A TimeActivity as QBO returns it (read, query, or a batch item answer). */
export interface QboTimeActivity extends TimeActivityPayload {
  Id: string;
  SyncToken: string;
  /**
   * The start/end form, for time entered that way in QuickBooks (which then returns no
   * Hours/Minutes, whatever the type above says; read durations through shared/sync/adopt's
   * qboMinutes). QuickBooks refuses it mixed with Hours/Minutes; we never send it.
   */
  StartTime?: string;
  EndTime?: string;
  BreakHours?: number;
  BreakMinutes?: number;
  MetaData?: { CreateTime?: string; LastUpdatedTime?: string };
}

// ---- Name lists mirrored locally (read-only for us; refreshed by query/CDC) ------------------

export interface QboCustomer {
  Id: string;
  /** QuickBooks sends it with every entity; an update must carry the current one. */
  SyncToken?: string;
  DisplayName: string;
  /** "Parent:Job" for sub-customers and projects; what a bookkeeper sees in QBO lists. */
  FullyQualifiedName: string;
  ParentRef?: QboRef;
  Job?: boolean;
  IsProject?: boolean;
  Active: boolean;
  CurrencyRef?: QboRef;
}

export interface QboItem {
  Id: string;
  Name: string;
  FullyQualifiedName?: string;
  Type: 'Service' | 'NonInventory' | 'Inventory' | 'Category' | 'Group' | string;
  Active: boolean;
  UnitPrice?: number;
}

export interface QboEmployee {
  Id: string;
  DisplayName: string;
  Active: boolean;
  BillableTime?: boolean;
  BillRate?: number;
}

export interface QboVendor {
  Id: string;
  DisplayName: string;
  Active: boolean;
  /** Contractors are vendors with Vendor1099 = true. */
  Vendor1099?: boolean;
  BillRate?: number;
  CurrencyRef?: QboRef;
}

export interface QboClass {
  Id: string;
  Name: string;
  FullyQualifiedName?: string;
  Active: boolean;
}

/** The local mirror of QBO's name lists, as pre-flight reads it. */
export interface QboMirror {
  customers: readonly QboCustomer[];
  items: readonly QboItem[];
  employees: readonly QboEmployee[];
  vendors: readonly QboVendor[];
  classes: readonly QboClass[];
}

/** The subset of /preferences that changes what we may send (§3.8). */
export interface QboPreferences {
  TimeTrackingPrefs?: {
    UseServices?: boolean;
    DefaultTimeItem?: QboRef;
    BillCustomers?: boolean;
    ShowBillRateToAll?: boolean;
  };
  AccountingInfoPrefs?: {
    ClassTrackingPerTxn?: boolean;
    TrackDepartments?: boolean;
    /** Books are closed through this date (inclusive), 'YYYY-MM-DD'. */
    BookCloseDate?: string;
  };
  CurrencyPrefs?: {
    MultiCurrencyEnabled?: boolean;
    HomeCurrency?: QboRef;
  };
}

// ---- Faults -------------------------------------------------------------------------------

export interface QboFaultError {
  /** QBO's numeric code as a string ("5010", "3200"); gateway codes are normalised without zero padding. */
  code: string;
  message: string;
  detail?: string;
  element?: string;
}

/**
 * A QBO error, normalised from either shape QBO answers with (service `Fault.Error[]`, gateway
 * `fault.error[]`, or the XML throttle body): see `parseFault`.
 */
export interface QboFault {
  /** HTTP status of the request; absent for a fault inside a batch item (HTTP 200 overall). */
  status?: number;
  type: string;
  errors: QboFaultError[];
  intuitTid?: string;
}

// ---- Batch ---------------------------------------------------------------------------------

export type BatchOperation = 'create' | 'update' | 'delete';

/** One answer in `BatchItemResponse`: the entity, a delete acknowledgement, or a raw fault. */
export interface BatchItemResponse {
  bId: string;
  TimeActivity?: QboTimeActivity | { status: 'Deleted'; Id: string; domain?: string };
  /** As QBO sends it (capitalised service shape); `parseFault` normalises it. */
  Fault?: unknown;
}

export interface BatchResponse {
  BatchItemResponse: BatchItemResponse[];
  time?: string;
}
