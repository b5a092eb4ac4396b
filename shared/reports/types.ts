// The reports' shapes. The store (renderer/src/features/reports/store) reads IndexedDB into one
// ReportData; pure builders here turn it into ReportViews; the Reports screen draws a view's charts
// and tables and exports them. A view carries its numbers once: the charts and the tables are made
// from the same figures by the same builder, so a picture never disagrees with its table.
// Money is integer minor units of the workspace (home) currency; time is milliseconds; dates are
// the workspace's local dates ('YYYY-MM-DD').
import type { BillingArrangement } from '../billing/types';
import type { EntryStatus } from '../entries/entry';
import type { LocalDate, Weekday } from '../time/local-date';

export type ReportId = 'profitability' | 'utilization' | 'leakage' | 'receivables' | 'forecast' | 'taxSummary';

// ---------------------------------------------------------------------------------------------
// Input: what the store reads.

/** Who did the work: employees and contractors are counted apart (W-2 / 1099 style). */
export type WorkerKind = 'employee' | 'contractor';

/** A cost rate per hour, in force from its date until the next one (like the billing rates). */
export interface CostRate {
  effectiveFrom: LocalDate;
  rateMinor: number;
}

export interface ReportPerson {
  /** 'me' for the workspace's own time; an imported file's person name otherwise. */
  id: string;
  name: string;
  kind: WorkerKind;
  /** Hours a week this person can work (the utilization capacity), in minutes. */
  capacityMinutesPerWeek: number;
  costRates: CostRate[];
}

export interface ReportClient {
  id: string;
  name: string;
}

export interface ReportProject {
  id: string;
  name: string;
  clientId: string | null;
  /** How it is billed; null: hourly. */
  arrangement: BillingArrangement | null;
}

interface ReportTask {
  id: string;
  projectId: string;
  /** The service line. */
  name: string;
}

/** One live, finished time entry, with the money the app already knows for it. */
export interface ReportEntry {
  id: string;
  localDate: LocalDate;
  personId: string;
  clientId: string | null;
  projectId: string | null;
  taskId: string | null;
  status: EntryStatus;
  billable: boolean;
  rawMs: number;
  /** After the project's rounding (shared/rounding/billed). */
  billedMs: number;
  /** The billing rate in force (shared/rates/resolve), in the home currency; null: no rate or another currency. */
  rateMinor: number | null;
  /** billedMs × rate for billable time, else 0 (shared/money/multiply). */
  valueMinor: number;
  /** rawMs × rate for billable time, else 0: the difference to valueMinor is rounding's write-up. */
  rawValueMinor: number;
  /** On a live invoice: its id and this entry's share of it (InvoiceDraft.entryAmounts). */
  invoiceId: string | null;
  invoicedMinor: number | null;
}

/** Captured activity not yet reviewed: work that is in no entry yet. */
export interface ReportSegment {
  id: string;
  localDate: LocalDate;
  ms: number;
  /** The project the matcher suggests, for its rate; null: none. */
  projectId: string | null;
  /** ms × the suggested project's rate; 0 without one. */
  valueMinor: number;
}

export interface ReportInvoice {
  id: string;
  /** QuickBooks' DocNumber, or '' while not created. */
  number: string;
  clientId: string | null;
  customerId: string;
  customerName: string;
  txnDate: LocalDate;
  dueDate: LocalDate;
  /** In the home currency (converted at the invoice's own exchange rate where it had one). */
  totalMinor: number;
  balanceMinor: number;
  /** Time and arrangement charges on it (subtotal less expense lines), for revenue. */
  serviceMinor: number;
  /** Of serviceMinor, what no entry's share covers (e.g. a retainer fee for a month without time), by project. */
  unattributed: Array<{ projectId: string | null; amountMinor: number }>;
  /** Voided or deleted in QuickBooks: counted nowhere. */
  ended: boolean;
}

export interface ReportPayment {
  id: string;
  customerId: string;
  clientId: string | null;
  txnDate: LocalDate;
  totalMinor: number;
  applied: Array<{ invoiceId: string; amountMinor: number }>;
}

export interface ReportData {
  currency: string;
  today: LocalDate;
  weekStartsOn: Weekday;
  /** Billable share of capacity a person aims at, in percent (e.g. 75). */
  utilizationTargetPercent: number;
  clients: ReportClient[];
  projects: ReportProject[];
  tasks: ReportTask[];
  people: ReportPerson[];
  /** Entries dated in the range read, plus every entry not yet invoiced (for leakage and the forecast). */
  entries: ReportEntry[];
  /** Unreviewed captured activity of the recent days (from `segmentsFrom`). */
  segments: ReportSegment[];
  /** The first day captured activity was looked at (the store reads the last two weeks); absent: all. */
  segmentsFrom?: LocalDate;
  /** Every invoice made by the app that QuickBooks created (state 'created'). */
  invoices: ReportInvoice[];
  payments: ReportPayment[];
  /** Entries left out of money because their rate is in another currency. */
  otherCurrencyEntries: number;
}

// ---------------------------------------------------------------------------------------------
// Filters.

export type PeriodPreset = 'week' | 'month' | 'quarter' | 'year' | 'custom';

/** What a report looks at: an inclusive date range and, optionally, some clients and projects only. */
export interface ReportScope {
  from: LocalDate;
  to: LocalDate;
  /** Empty: all. */
  clientIds: string[];
  projectIds: string[];
}

// ---------------------------------------------------------------------------------------------
// Output: what the screen draws and exports.

export type ValueKind = 'text' | 'ms' | 'money' | 'percent' | 'days' | 'date' | 'count';

/** Where a click on a row goes to fix what it shows (the app's screens; `section` as in the URL). */
export interface ReportLink {
  screen: 'today' | 'review' | 'timesheet' | 'invoices' | 'quickbooks' | 'settings';
  /** The day for Today and Review. */
  day?: LocalDate;
  section?: string;
  /** What the link says, e.g. "Review 3 Dec". */
  label: string;
}

/** A headline figure above the charts; with a comparison, `previous` holds the earlier period's. */
export interface ReportFigure {
  label: string;
  kind: ValueKind;
  value: number;
  previous?: number;
  /** Which way is good news, for the change's colour; absent: up. */
  good?: 'up' | 'down';
}

export interface ChartSeries {
  label: string;
  /** One value per category; null: nothing there. */
  values: Array<number | null>;
  /** 'previous': the comparison period's (drawn lighter). */
  role?: 'current' | 'previous' | 'target';
}

export interface ChartSpec {
  id: string;
  title: string;
  kind: 'bar' | 'stackedBar' | 'line';
  /** The x axis: names (clients, weeks, buckets) in order. */
  categories: string[];
  /** Every series shares the chart's unit. */
  unit: Exclude<ValueKind, 'text' | 'date'>;
  series: ChartSeries[];
  /** Categories are names (clients, people), so a previous period's values line up by name. */
  comparable?: boolean;
}

export interface ReportColumn {
  key: string;
  label: string;
  kind: ValueKind;
}

export type Cell = string | number | null;

export interface ReportRow {
  cells: Record<string, Cell>;
  link?: ReportLink;
}

export interface ReportTable {
  id: string;
  title: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  /** The sum row (text columns say "Total"); absent when summing means nothing. */
  total?: Record<string, Cell>;
}

export interface ReportView {
  id: ReportId;
  title: string;
  /** The period in words, e.g. "1 Dec 2026 – 31 Dec 2026", or "As of 4 Dec 2026". */
  period: string;
  currency: string;
  figures: ReportFigure[];
  charts: ChartSpec[];
  tables: ReportTable[];
  /** Things the reader should know (left-out currencies, missing cost rates), in words. */
  notes: string[];
}

/** Profitability's grouping; the other reports ignore it. */
export type ProfitabilityBy = 'client' | 'project' | 'task' | 'person';

export interface ReportOptions {
  by?: ProfitabilityBy;
}
