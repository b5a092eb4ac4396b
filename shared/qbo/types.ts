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
  /** False: the customer's invoice lines are not taxed whatever the item says. */
  Taxable?: boolean;
  /** The customer's default sales tax code (US: the rate put on its invoices). */
  DefaultTaxCodeRef?: QboRef;
  SalesTermRef?: QboRef;
  PrimaryEmailAddr?: { Address?: string };
}

export interface QboItem {
  Id: string;
  Name: string;
  FullyQualifiedName?: string;
  Type: 'Service' | 'NonInventory' | 'Inventory' | 'Category' | 'Group' | string;
  Active: boolean;
  UnitPrice?: number;
  Taxable?: boolean;
  /** Outside the US: the tax code the item's sales lines get. */
  SalesTaxCodeRef?: QboRef;
  /** Required for a service item to be sold on an invoice. */
  IncomeAccountRef?: QboRef;
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

// ---- Invoicing (§3.5, §3.7, §8) ----------------------------------------------------------

/** A link from an invoice (or one of its lines) to what it bills, e.g. `{TxnId, TxnType: "TimeActivity"}`. */
interface QboLinkedTxn {
  TxnId: string;
  TxnType: string;
  TxnLineId?: string;
}

interface QboInvoiceLine {
  Id?: string;
  LineNum?: number;
  DetailType: 'SalesItemLineDetail' | 'SubTotalLineDetail' | 'DescriptionOnly' | 'GroupLineDetail' | string;
  Amount?: number;
  Description?: string;
  LinkedTxn?: QboLinkedTxn[];
  SalesItemLineDetail?: {
    ItemRef?: QboRef;
    Qty?: number;
    UnitPrice?: number;
    TaxCodeRef?: QboRef;
    ServiceDate?: string;
    ClassRef?: QboRef;
  };
}

/** Invoice.TxnTaxDetail: the invoice's tax code (US) and the tax QuickBooks computed. */
interface QboTxnTaxDetail {
  TxnTaxCodeRef?: QboRef;
  TotalTax?: number;
  TaxLine?: Array<{ Amount?: number; DetailType?: string; TaxLineDetail?: { TaxRateRef?: QboRef; PercentBased?: boolean; TaxPercent?: number; NetAmountTaxable?: number } }>;
}

/** An Invoice as QuickBooks returns it; `TotalAmt` and `Balance` are read-only. */
export interface QboInvoice {
  Id: string;
  SyncToken: string;
  DocNumber?: string;
  TxnDate?: string;
  DueDate?: string;
  CustomerRef: QboRef;
  Line: QboInvoiceLine[];
  LinkedTxn?: QboLinkedTxn[];
  TxnTaxDetail?: QboTxnTaxDetail;
  TotalAmt?: number;
  Balance?: number;
  EmailStatus?: 'NotSet' | 'NeedToSend' | 'EmailSent';
  DeliveryInfo?: { DeliveryType?: string; DeliveryTime?: string };
  BillEmail?: { Address?: string };
  CurrencyRef?: QboRef;
  /** Home-currency units per one unit of the invoice's currency. */
  ExchangeRate?: number;
  /** Seen only by the business; a voided invoice's starts with "Voided". */
  PrivateNote?: string;
  /** The message printed on the invoice. */
  CustomerMemo?: { value: string };
  SalesTermRef?: QboRef;
  MetaData?: { CreateTime?: string; LastUpdatedTime?: string };
}

/** Payment terms: a fixed number of days (`DueDays`) or a day of the month. */
/** A Payment as QuickBooks returns it: `Line[].LinkedTxn` names the invoices it pays; the rest is unapplied. */
export interface QboPayment {
  Id: string;
  SyncToken: string;
  TxnDate?: string;
  CustomerRef: QboRef;
  TotalAmt: number;
  UnappliedAmt?: number;
  CurrencyRef?: QboRef;
  Line?: Array<{ Amount: number; LinkedTxn?: QboLinkedTxn[] }>;
  PrivateNote?: string;
  MetaData?: { CreateTime?: string; LastUpdatedTime?: string };
}

/** An Estimate (read only here): a progress-billing budget can come from its total. */
export interface QboEstimate {
  Id: string;
  SyncToken: string;
  DocNumber?: string;
  TxnDate?: string;
  CustomerRef: QboRef;
  TotalAmt?: number;
  TxnStatus?: 'Pending' | 'Accepted' | 'Closed' | 'Rejected' | string;
  CurrencyRef?: QboRef;
  Line?: QboInvoiceLine[];
  LinkedTxn?: QboLinkedTxn[];
  MetaData?: { CreateTime?: string; LastUpdatedTime?: string };
}

/** One expense line of a Purchase: the expense account, and the customer it is billable to. */
export interface QboPurchaseLine {
  Id?: string;
  DetailType: 'AccountBasedExpenseLineDetail';
  Amount: number;
  Description?: string;
  /** The ReimburseCharge QuickBooks made of a billable line. */
  LinkedTxn?: QboLinkedTxn[];
  AccountBasedExpenseLineDetail: {
    AccountRef: QboRef;
    BillableStatus?: BillableStatus;
    CustomerRef?: QboRef;
    ClassRef?: QboRef;
    TaxCodeRef?: QboRef;
  };
}

/** A Purchase (expense): money paid from a bank or credit card account (AccountRef). */
export interface QboPurchase {
  Id: string;
  SyncToken: string;
  TxnDate?: string;
  PaymentType: 'Cash' | 'Check' | 'CreditCard';
  AccountRef: QboRef;
  EntityRef?: QboRef;
  Line: QboPurchaseLine[];
  /** The ReimburseCharges of its billable lines. */
  LinkedTxn?: QboLinkedTxn[];
  TotalAmt?: number;
  CurrencyRef?: QboRef;
  PrivateNote?: string;
  MetaData?: { CreateTime?: string; LastUpdatedTime?: string };
}

/**
 * What QuickBooks makes of a billable expense line (read only): a charge to the customer waiting
 * for an invoice; `HasBeenInvoiced` turns true once an invoice line links it.
 */
export interface QboReimburseCharge {
  Id: string;
  SyncToken: string;
  TxnDate?: string;
  CustomerRef: QboRef;
  Amount: number;
  HasBeenInvoiced: boolean;
  LinkedTxn?: QboLinkedTxn[];
  CurrencyRef?: QboRef;
  PrivateNote?: string;
}

/** An Account of the chart of accounts (expense categories map to these; Purchases are paid from Bank or Credit Card ones). */
export interface QboAccount {
  Id: string;
  SyncToken?: string;
  Name: string;
  FullyQualifiedName?: string;
  AccountType: string;
  AccountSubType?: string;
  Classification?: string;
  Active?: boolean;
  CurrencyRef?: QboRef;
}

export interface QboTerm {
  Id: string;
  Name: string;
  Active?: boolean;
  Type?: 'STANDARD' | 'DATE_DRIVEN' | string;
  DueDays?: number;
  DayOfMonthDue?: number;
}

interface QboTaxRateDetail {
  TaxRateRef: QboRef;
  TaxTypeApplicable?: string;
  TaxOrder?: number;
}

/** A sales tax code; its rates (several for a combined code) are in SalesTaxRateList. */
export interface QboTaxCode {
  Id: string;
  Name: string;
  Active?: boolean;
  Taxable?: boolean;
  TaxGroup?: boolean;
  SalesTaxRateList?: { TaxRateDetail?: QboTaxRateDetail[] };
}

export interface QboTaxRate {
  Id: string;
  Name: string;
  Active?: boolean;
  /** Percent, e.g. 8.25. */
  RateValue?: number;
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
  TaxPrefs?: {
    UsingSalesTax?: boolean;
    PartnerTaxEnabled?: boolean;
  };
  SalesFormsPrefs?: {
    /** The company's default payment terms for new invoices. */
    DefaultTerms?: QboRef;
    CustomTxnNumbers?: boolean;
  };
  /** The subject and message QuickBooks e-mails every invoice with. */
  EmailMessagesPrefs?: {
    InvoiceMessage?: { Subject?: string; Message?: string };
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
