// What an invoice is built from and what the builder gives back. Pure data: the renderer's invoice
// store fills the input from its tables and the QuickBooks mirror, the builder (build.ts) turns it
// into lines and the exact Invoice payload, and the preview, the engine and the benchmark read the
// result. Money is integer minor units until the payload; durations are ms of billed (rounded) time.
import type { ArrangementCharge, StepKey } from '../billing/types';
import type { MultiplierKind, MultiplierRules } from '../rates/multipliers';
import type { LocalDate } from '../time/local-date';

/** One invoice per project, or one per client with a section and subtotal per project. */
export type InvoiceGrouping = 'perProject' | 'perClient';
/** One line per entry, per task per day, per task, or one per project. */
export type LineDetail = 'entry' | 'taskDay' | 'task' | 'project';

export interface InvoiceLayout {
  grouping: InvoiceGrouping;
  detail: LineDetail;
  /**
   * Line descriptions (shared/qbo/template.ts syntax: {client} {project} {task} {description}
   * {date}). For grouped lines {description} is the distinct descriptions joined with "; ".
   */
  descriptionTemplate: string;
}

const DEFAULT_LINE_TEMPLATE = '{project}{task? — task}{description?: description}';
export const DEFAULT_INVOICE_LAYOUT: InvoiceLayout = { grouping: 'perClient', detail: 'taskDay', descriptionTemplate: DEFAULT_LINE_TEMPLATE };

/**
 * One entry's billable time as QuickBooks holds it: the entry's share of one TimeActivity that is
 * synced and still Billable there. Several pieces share a TimeActivity when its project is sent as
 * one TimeActivity per task and day.
 */
export interface BillableTime {
  entryId: string;
  /** The sync key (shared/qbo/transform) and the QuickBooks TimeActivity Id it was written as. */
  key: string;
  timeActivityId: string;
  /** The QuickBooks customer (or job) the TimeActivity is on. */
  customerId: string;
  clientId: string | null;
  clientName: string | null;
  projectId: string;
  projectName: string;
  taskId: string | null;
  taskName: string | null;
  /** The service item the TimeActivity carries; the line sells it. */
  itemId: string;
  classId: string | null;
  /** The TimeActivity's TxnDate: the entry's local start date. */
  localDate: LocalDate;
  /** Start instant and zone: order of work (overtime falls on the latest) and weekday/holiday. */
  start: number;
  zone: string;
  /** Billed (rounded) time; a whole number of minutes, as the TimeActivity says. */
  billedMs: number;
  /** The TimeActivity's HourlyRate in minor units of the home currency. */
  rateMinor: number;
  description: string;
}

/** The QuickBooks customer the invoice is for, from the mirror. */
export interface InvoiceCustomer {
  id: string;
  name: string;
  /** The customer's currency (home currency without multicurrency). */
  currency: string;
  active: boolean;
  /** Customer.Taxable; false = its lines are NON whatever the item says. */
  taxable: boolean;
  /** Customer.DefaultTaxCodeRef (outside the US: the code its lines get; US: the sales tax rate). */
  taxCodeId: string | null;
  email: string | null;
  /** Customer.SalesTermRef. */
  termId: string | null;
}

/** A service item as the mirror knows it. */
export interface InvoiceItem {
  id: string;
  name: string;
  active: boolean;
  taxable: boolean;
  /** Item.IncomeAccountRef; a service item without one cannot be sold. */
  incomeAccountId: string | null;
  /** Item.SalesTaxCodeRef (outside the US). */
  taxCodeId: string | null;
}

/** A sales tax code or rate as QuickBooks defines it; `percent` is a decimal string ("8.25"). */
export interface TaxCodeInfo {
  id: string;
  name: string;
  percent: string;
}

/**
 * How tax is put on lines. 'none': the company does not charge sales tax. 'us': lines carry the
 * pseudo codes TAX/NON and the invoice one rate (TxnTaxDetail.TxnTaxCodeRef, the customer's).
 * 'codes' (outside the US): every line carries a real code (the customer's, else the item's).
 */
export interface TaxSetup {
  mode: 'none' | 'us' | 'codes';
  codes: readonly TaxCodeInfo[];
}

/** QuickBooks' exchange rate: home-currency units per one unit of the customer's currency. */
export interface ExchangeRateInfo {
  sourceCurrency: string;
  targetCurrency: string;
  rate: string;
  asOf: LocalDate;
}

/** Header fields from QuickBooks (customer, terms), changeable per invoice. */
export interface InvoiceHeader {
  txnDate: LocalDate;
  dueDate: LocalDate | null;
  termId: string | null;
  /** PrivateNote: seen only by the business. */
  memo: string;
  /** CustomerMemo: the message printed on the invoice. */
  message: string;
  billEmail: string | null;
  /** DocNumber; null lets QuickBooks number it. */
  docNumber: string | null;
}

/**
 * A billable expense pushed to QuickBooks as a Purchase line: QuickBooks holds it as a
 * ReimburseCharge of the customer until an invoice line links it.
 */
export interface BillableExpense {
  expenseId: string;
  reimburseChargeId: string;
  /** The QuickBooks customer the charge is billable to (its top customer gets the invoice). */
  customerId: string;
  projectId: string | null;
  localDate: LocalDate;
  /** Minor units of the home currency (what the Purchase recorded). */
  amountMinor: number;
  description: string;
  /** The service item expense lines sell ("Reimbursable expenses"), chosen in the expense settings. */
  itemId: string;
}

export interface InvoiceInput {
  customer: InvoiceCustomer;
  /** Hourly time to bill; every piece ends up on exactly one line (split by multiplier portions). */
  time: readonly BillableTime[];
  /** Lines of billing arrangements (retainer, fixed fee, progress), each with the time it covers. */
  charges?: readonly ArrangementCharge[];
  /** Billable expenses, each a line of its own linked to its ReimburseCharge. */
  expenses?: readonly BillableExpense[];
  /** A QuickBooks Estimate the invoice bills against (progress billing): linked on the invoice. */
  estimateId?: string;
  /** Time already billed in the same weeks: counts towards overtime thresholds, never billed again. */
  alreadyBilled?: readonly BillableTime[];
  layout: InvoiceLayout;
  multipliers: MultiplierRules;
  homeCurrency: string;
  /** Required when the customer's currency is not the home currency. */
  exchangeRate: ExchangeRateInfo | null;
  tax: TaxSetup;
  items: ReadonlyMap<string, InvoiceItem>;
  header: InvoiceHeader;
}

type InvoiceLineKind = 'time' | 'charge' | 'expense' | 'section' | 'subtotal';

export interface InvoiceLine {
  kind: InvoiceLineKind;
  description: string;
  /** Time lines: the item sold, the service date (single-day lines), the project. */
  itemId?: string;
  serviceDate?: LocalDate;
  projectId?: string;
  classId?: string | null;
  /** Time lines: billed minutes, Qty (decimal hours string) and unit price (decimal string) as sent. */
  minutes?: number;
  qty?: string;
  unitPrice?: string;
  /** Unit price in minor units of the invoice currency before the multiplier. */
  rateMinor?: number;
  percent?: number;
  multiplier?: MultiplierKind | null;
  /** The rule in words, e.g. "Overtime ×1.5: hours beyond 8 h in a day". */
  rule?: string;
  /** Time lines and subtotals: integer minor units of the invoice currency; sections: 0. */
  amountMinor: number;
  /** 'TAX' / 'NON' (US) or a tax code id; absent without sales tax. */
  taxCodeId?: string;
  /** Charge lines: the arrangement step billed (shared/billing/types StepKey). */
  step?: StepKey;
  /** Charge lines: the amount in the home currency, what the arrangement counts as billed. */
  homeAmountMinor?: number;
  /** Expense lines: the expense and the ReimburseCharge linked. */
  expenseId?: string;
  reimburseChargeId?: string;
  /** TimeActivities linked on this line (each TimeActivity on exactly one line of the invoice). */
  timeActivityIds: string[];
  /** The entries whose time is on this line, with how much of each (ms). */
  parts: Array<{ entryId: string; ms: number }>;
}

export interface TaxLine {
  taxCodeId: string;
  name: string;
  percent: string;
  taxableMinor: number;
  taxMinor: number;
}

export interface InvoiceDraft {
  customerId: string;
  currency: string;
  /** Set when the invoice is not in the home currency: the rate shown in the preview and sent. */
  exchangeRate: ExchangeRateInfo | null;
  lines: InvoiceLine[];
  /** Sum of the time, charge and expense lines. */
  subtotalMinor: number;
  tax: TaxLine[];
  taxMinor: number;
  totalMinor: number;
  /** Each entry's share of the time and charge lines (split by time, largest remainder). */
  entryAmounts: Array<{ entryId: string; amountMinor: number }>;
  /** Each expense's line amount (absent on drafts made before expenses existed). */
  expenseAmounts?: Array<{ expenseId: string; amountMinor: number }>;
  /** The exact Invoice body to create (no Id/SyncToken). */
  payload: Record<string, unknown>;
  /** Non-blocking remarks for the preview (e.g. a line whose Qty had to be rounded). */
  notes: string[];
}
