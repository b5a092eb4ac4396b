// The shapes of the rows stored in IndexedDB. Times are UTC epoch ms plus the IANA zone they were
// recorded in; money is integer minor units plus a currency code (see docs "Data rules").
import type { ActivitySegment, AwayPeriod } from '../../../shared/capture/types';
import type { RateScope } from '../../../shared/rates/resolve';
import type { RoundingPolicy } from '../../../shared/rounding/policy';
import type { BillingArrangement, ProjectBudget } from '../../../shared/billing/types';
import type { SeenPayment } from '../../../shared/invoice/payments';
import type { TimeEntry } from './time-entry';

export type { TimeEntry, EntrySource, EntryStatus } from './time-entry';
export type { ActivitySegment, AwayPeriod } from '../../../shared/capture/types';
export type { RoundingPolicy } from '../../../shared/rounding/policy';
export type { RateScope } from '../../../shared/rates/resolve';

/** 'YYYY-MM-DD' calendar date. */
export type LocalDate = string;

export interface ClientRow {
  id: string;
  name: string;
  archived: boolean;
  /** The QuickBooks Online customer this client maps to (the mapping screen sets it). */
  qboCustomerId: string | null;
  /** The QuickBooks company the client's projects go to (shared/qbo/company.ts); absent: the primary one. */
  qboCompanyId?: string;
  createdAt: number;
  updatedAt: number;
}

export interface ProjectRow {
  id: string;
  clientId: string | null;
  name: string;
  /** CSS colour for the UI, e.g. '#3b82f6'. */
  color: string;
  /** Default billable flag for new entries on this project. */
  billable: boolean;
  defaultTaskId: string | null;
  /** Hourly rate override in minor units; null = use rate cards / workspace default. */
  rateMinor: number | null;
  currency: string;
  /** null = use the workspace rounding policy; fields left out fall back to it (shared/rounding). */
  rounding: Partial<RoundingPolicy> | null;
  archived: boolean;
  qboCustomerId: string | null;
  qboItemId: string | null;
  qboClassId: string | null;
  /** A company of its own, overriding its client's; absent: the client's (or the primary one without a client). */
  qboCompanyId?: string;
  /** How the project is billed (shared/billing/types.ts); absent: hourly. */
  billing?: BillingArrangement;
  /** Hours or amount watched for scope creep, alerting at 80% and 100%; absent: none. */
  budget?: ProjectBudget;
  createdAt: number;
  updatedAt: number;
}

export interface TaskRow {
  id: string;
  projectId: string;
  name: string;
  archived: boolean;
  qboItemId: string | null;
  createdAt: number;
  updatedAt: number;
}


/** A rate record as stored; structurally a shared/rates RateRecord, so resolveRate takes these rows. */
export interface RateCardRow {
  id: string;
  scope: RateScope;
  /** The client/project/task id; '' for 'default' (IndexedDB cannot index null in a compound key). */
  scopeId: string;
  rateMinor: number;
  currency: string;
  /** First local date the rate applies to, 'YYYY-MM-DD'. */
  effectiveFrom: LocalDate;
  createdAt: number;
}

/**
 * A time entry as stored. Beyond the shared TimeEntry it carries two derived, indexed fields:
 * - `localDate`: the entry's start date in its own zone (v2). An entry belongs to the day it started
 *   on where it was recorded, which is also the TxnDate QuickBooks gets; the Today, week, month and
 *   timesheet views query this index instead of scanning instants.
 * - `running`: 1 while `end` is null, absent otherwise. IndexedDB does not index null, so this is
 *   how "the running timer" is found without a scan.
 * Both are written only by the entries repository, from `start`/`zone`/`end`, never by callers.
 */
export interface EntryRow extends TimeEntry {
  localDate: LocalDate;
  running?: 1;
  /** 1 while the entry waits to be billed (db/entry-rules isWaiting), absent otherwise (v10). */
  waiting?: 1;
  /**
   * In the trash since (v6): set by a delete the user can undo, absent once the entry is restored or
   * leaves the trash for good (the row then stays as a tombstone with its deletedAt). Merged-away
   * entries and zero-length timers are deleted without entering the trash.
   */
  trashedAt?: number;
  /**
   * A trashed entry whose time QuickBooks holds (or may hold): QuickBooks keeps it until `until`, the
   * trash being emptied, or "Delete forever", whichever comes first. Until then sync treats the entry
   * as still holding its key, so restoring it costs nothing in QuickBooks. `releasedAt` is when its
   * delete there was planned (see repos/trash-repo.ts).
   */
  qboHold?: { until: number; releasedAt?: number };
}

/** An activity segment as stored, with the fields the review screen adds. */
export interface SegmentRow extends ActivitySegment {
  /** Start date in the zone the machine was in when it was stored. */
  localDate: LocalDate;
  suggestedProjectId: string | null;
  reviewed: boolean;
  /** The review decision that marked it reviewed; absent on rows reviewed before decisions were kept. */
  review?: SegmentReview;
}

/**
 * One review decision (accept, assign, or "not work") as each of its segments keeps it: what it
 * created and what the matcher learned, so it can be undone or the day reopened without leaving
 * the model taught or an entry counted twice. Not indexed: it is read with the day's segments.
 */
export interface SegmentReview {
  decisionId: string;
  kind: 'accept' | 'assign' | 'reject';
  at: number;
  /** The project chosen (null for "not work"). */
  projectId: string | null;
  /** Draft entries the decision created (none when its time was already in entries, or for "not work"). */
  entryIds: string[];
  /** What the matcher learned from this segment, in the order the decision taught it. */
  lesson: {
    order: number;
    /** null: learned as personal / unassigned. */
    projectId: string | null;
    taskId: string | null;
    durationMs: number;
    input: { app: string; title: string; url: string | null; start: number; end: number };
  };
}

export interface AwayPeriodRow extends AwayPeriod {
  localDate: LocalDate;
  /** What the user decided about the away time; null until asked. */
  resolution: 'discard' | 'keep' | 'assign' | null;
}

export interface SettingRow {
  key: string;
  value: unknown;
  updatedAt: number;
}

export type AuditEntityType = 'entry' | 'client' | 'project' | 'task' | 'rateCard' | 'setting';
export type AuditAction = 'create' | 'update' | 'delete' | 'approve' | 'status' | 'restore' | 'purge';
/** 'system': the app on its own schedule (the trash's 30-day purge). */
export type AuditActor = 'user' | 'timer' | 'import' | 'sync' | 'capture' | 'system';

export interface AuditRow {
  /** Auto-incremented, so it also orders the log. */
  id?: number;
  entityType: AuditEntityType;
  entityId: string;
  action: AuditAction;
  at: number;
  actor: AuditActor;
  /** Full snapshots, null on create (before) and never null after a change. */
  before: unknown;
  after: unknown;
  /** The entity's version after the change, where it has one. */
  version: number | null;
  /** Why, when the change was not the user's own (e.g. "Deleted in QuickBooks"). */
  note?: string;
}

/** A matcher rule as the user saved it (shared/matcher's Rule plus bookkeeping). */
export interface RuleRow {
  id: string;
  field: 'app' | 'title' | 'url' | 'any';
  kind: 'contains' | 'glob' | 'regex';
  pattern: string;
  caseSensitive?: boolean;
  projectId: string;
  taskId?: string | null;
  priority?: number;
  createdAt: number;
  updatedAt: number;
}

/** Serialised matcher state, one row per key ('model': the learned model's JSON). */
export interface MatcherStateRow {
  key: string;
  value: unknown;
  updatedAt: number;
}

// --- QuickBooks sync (v4). Row shapes come from shared/sync so the engine and its policy agree. ---
import type { AuditRecord as SyncAuditRecord } from '../../../shared/sync/audit';
import type { BatchPlan } from '../../../shared/sync/batch-plan';
import type { OutboxRow as SyncOutboxRow, SyncRecord } from '../../../shared/sync/outbox';

export type OutboxRowRecord = SyncOutboxRow;
export type SyncRecordRow = SyncRecord & { updatedAt: number };
export type SyncAuditRow = SyncAuditRecord;

/** A batch as planned, stored before it is sent; 'answered' once its response has been applied. */
export interface BatchPlanRow extends BatchPlan {
  state: 'planned' | 'sent' | 'answered';
  createdAt: number;
}

/** A change made in QuickBooks that the configured rule says to ask the user about. */
export interface ConflictRow {
  id: string;
  key: string;
  kind: 'changedInQbo' | 'deletedInQbo';
  /** Field-by-field differences or the deleted activity, for the ask-list screen. */
  detail: unknown;
  status: 'open' | 'resolved';
  resolution?: 'tracker' | 'quickbooks';
  createdAt: number;
}

export type QboEntityKind = 'customer' | 'item' | 'employee' | 'vendor' | 'class';

/** One name-list entity as last imported from QuickBooks (inactive ones are kept and shown as such). */
export interface QboEntityRow {
  /** Stored with `@<companyId>` for a company other than the primary one (features/quickbooks/store/mirror-repo.ts). */
  kind: QboEntityKind;
  id: string;
  name: string;
  /** Customers and items: "Parent:Job". */
  fullyQualifiedName?: string;
  parentId?: string | null;
  active: boolean;
  /** Items: 'Service', 'NonInventory'…; vendors: '1099' when Vendor1099. */
  subtype?: string;
  /** Customers in a multicurrency company. */
  currency?: string;
  syncToken?: string;
  /** Customers: PrimaryEmailAddr.Address, where invoices are e-mailed. */
  email?: string;
  /** Customers: SalesTermRef, their payment terms. */
  termId?: string;
  /** Customers and items: Taxable (absent when QuickBooks did not say). */
  taxable?: boolean;
  /** Customers: DefaultTaxCodeRef; items: SalesTaxCodeRef. */
  taxCodeId?: string;
  /** Items: IncomeAccountRef (a service item without one cannot be sold). */
  incomeAccountId?: string;
  updatedAt: number;
}

/** Key-value state of the QuickBooks side: company info, preferences, worker mapping, sync settings. */
export interface QboStateRow {
  key: string;
  value: unknown;
  updatedAt: number;
}

// --- Invoices (v8): features/invoices. ---
import type { InvoiceDraft } from '../../../shared/invoice/types';
import type { QboInvoice } from '../../../shared/qbo/types';

/**
 * One invoice made from synced time. Written with its requestid in state 'sending' before it is first
 * sent; 'created' once QuickBooks answered with its Id (the entries then turn invoiced in the same
 * transaction); 'failed' when QuickBooks refused it for good (its entries stay unbilled). `ended`
 * records QuickBooks voiding or deleting it later, which released its time.
 */
export interface InvoiceRow {
  id: string;
  companyId: string;
  customerId: string;
  customerName: string;
  clientId: string | null;
  state: 'sending' | 'created' | 'failed';
  /** Given once, reused by every resend: QuickBooks answers a repeat with the first invoice. */
  requestId: string;
  attempts: number;
  /** The builder's result: lines, totals, per-entry amounts, the exact payload sent. */
  draft: InvoiceDraft;
  /** Every entry still billed (indexed); released ones leave the list. */
  entryIds: string[];
  /** The TimeActivities still billed, with their sync keys (shared/qbo/transform). */
  links: Array<{ timeActivityId: string; key: string }>;
  qboId?: string;
  /** QuickBooks' invoice as last read (number, balance, e-mail status, lines). */
  qbo?: QboInvoice;
  ended?: { kind: 'voided' | 'deleted'; at: number };
  /** QuickBooks' version the user accepted after a conflict: later changes are compared with it. */
  accepted?: QboInvoice;
  /** Lines changed in QuickBooks, in words (both sides), until the user accepts QuickBooks' version. */
  conflict?: { differences: string[]; seenAt: number };
  lastError?: string;
  /** Expenses billed on it (v9; absent on invoices made before expenses existed). */
  expenseIds?: string[];
  createdAt: number;
  updatedAt: number;
}

/**
 * An expense (v9): money spent for work, billable to the project's customer or not. Pushed to
 * QuickBooks as a Purchase exactly once (its requestid is stored before the first send); a billable
 * one becomes a ReimburseCharge there, which the client's next invoice bills on a line of its own.
 */
export interface ExpenseRow {
  id: string;
  /** The QuickBooks company it goes to (its project's); absent until it has a project or is pushed. */
  companyId: string;
  localDate: LocalDate;
  amountMinor: number;
  currency: string;
  /** An expense category of the settings (`expenseCategories`), mapped to a QuickBooks expense account. */
  categoryId: string;
  projectId: string | null;
  note: string;
  billable: boolean;
  /** Receipt kept on this computer only (the `receipts` table), never sent anywhere. */
  receiptId: string | null;
  /**
   * 'local': not in QuickBooks; 'sending': a create, update or delete is stored with its requestid
   * and not answered yet; 'pushed': QuickBooks holds it as it is here; 'failed': refused (lastError
   * says why); 'invoiced' and 'paid' follow its invoice.
   */
  state: 'local' | 'sending' | 'pushed' | 'failed' | 'invoiced' | 'paid';
  /** The write waiting for QuickBooks' answer, with its requestid (same on every resend). */
  pending?: { op: 'create' | 'update' | 'delete'; requestId: string; attempts: number };
  qboId?: string;
  syncToken?: string;
  /** The ReimburseCharge QuickBooks made from a billable Purchase line; invoices link it. */
  reimburseChargeId?: string;
  invoiceId?: string;
  lastError?: string;
  deletedAt?: number;
  createdAt: number;
  updatedAt: number;
}

/** A receipt image or PDF (v9), kept locally beside its expense. */
export interface ReceiptRow {
  id: string;
  expenseId: string;
  name: string;
  type: string;
  size: number;
  data: Blob;
  createdAt: number;
}

/**
 * A payment recorded in QuickBooks (v9), as last read (CDC on Payment): which invoices it pays and
 * how much is unapplied. Read only: nothing here is ever written to QuickBooks.
 */
export interface PaymentRow extends SeenPayment {
  /** `${companyId}:${qboId}`. */
  id: string;
  companyId: string;
  updatedAt: number;
}
