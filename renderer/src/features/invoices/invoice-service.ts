// What the Invoices screen can ask of invoicing: the unbilled time, a preview of the invoices it
// would create, creating them exactly once, the invoices made and their state in QuickBooks, the
// PDF and the e-mail. The screen depends on this interface only; store/ and engine/ implement it
// (createInvoiceService) over the database and one QuickBooks company's port.
import type { InvoiceDraft, InvoiceHeader, InvoiceInput, InvoiceLayout, InvoiceLine } from '../../../../shared/invoice/types';
import type { ArrangementKind, ArrangementStatus } from '../../../../shared/billing/types';
import type { PaymentOnInvoice } from '../../../../shared/invoice/payments';
import type { MultiplierRules } from '../../../../shared/rates/multipliers';
import type { LocalDate } from '../../../../shared/time/local-date';

export interface DateRange {
  from: LocalDate;
  to: LocalDate;
}

/** Unbilled hours and money of one task of one project (amounts at the TimeActivities' rates, home currency). */
interface UnbilledTask {
  taskId: string | null;
  taskName: string | null;
  minutes: number;
  amountMinor: number;
  oldest: LocalDate;
  entryCount: number;
}

export interface UnbilledProject {
  projectId: string;
  projectName: string;
  minutes: number;
  amountMinor: number;
  oldest: LocalDate;
  tasks: UnbilledTask[];
}

/** One QuickBooks customer with unbilled time (approved, synced, Billable in QuickBooks, on no invoice). */
export interface UnbilledCustomer {
  customerId: string;
  customerName: string;
  /** The app's client the time belongs to (layouts are chosen per client); null when projects have none. */
  clientId: string | null;
  clientName: string | null;
  minutes: number;
  amountMinor: number;
  /** Home currency (the TimeActivities' rates). */
  currency: string;
  oldest: LocalDate;
  projects: UnbilledProject[];
}

/** Billable time in the period that cannot be invoiced yet, so nothing is left behind unnoticed. */
export interface LeftBehind {
  status: 'draft' | 'approved';
  /** In words: "3 draft entries (4:30) are not approved yet". */
  message: string;
  entryCount: number;
  minutes: number;
  clientName: string | null;
}

export interface UnbilledView {
  customers: UnbilledCustomer[];
  /** Pushed billable expenses not on any invoice, per customer (hourly projects or none). */
  expenses?: Array<{ customerId: string; count: number; amountMinor: number }>;
  leftBehind: LeftBehind[];
}

/** A problem found before sending, in bookkeeper words; `blocking` ones stop the invoice. */
export interface InvoicePreflightIssue {
  code: 'customer_inactive' | 'item_inactive' | 'item_no_income_account' | 'item_no_tax_code' | 'currency' | 'already_billed' | 'books_closed' | 'no_exchange_rate' | 'unpriced' | 'no_customer';
  blocking: boolean;
  message: string;
}

/** What the user can change per invoice before creating it. */
export interface InvoiceOverrides {
  layout?: Partial<InvoiceLayout>;
  header?: Partial<InvoiceHeader>;
}

/** One invoice as it would be created: the builder's draft, what it was built from, and pre-flight. */
export interface InvoicePreview {
  /** Stable within one preview: `${customerId}` or `${customerId}:${projectId}` per grouping. */
  previewId: string;
  customerName: string;
  clientId: string | null;
  input: InvoiceInput;
  draft: InvoiceDraft;
  issues: InvoicePreflightIssue[];
  /** The terms QuickBooks offers (for the header's Terms picker). */
  terms: Array<{ id: string; name: string; dueDays: number | null }>;
  /** Set for an arrangement's invoice: the proposal it bills (ArrangementProposal.key). */
  arrangement?: string;
}

/** An invoice a billing arrangement has due: "Retainer — December 2026", due on its first day. */
interface ArrangementProposal {
  /** The project and its steps (shared/billing/propose.ts): what previewArrangements takes. */
  key: string;
  title: string;
  dueOn: LocalDate;
  totalMinor: number;
  currency: string;
}

/** A project billed by retainer, fixed fee or progress: where it stands and what is due. */
export interface ArrangementSummary {
  projectId: string;
  projectName: string;
  clientName: string | null;
  kind: Exclude<ArrangementKind, 'hourly'>;
  /** False while the project has no QuickBooks customer (nothing can be invoiced). */
  linked: boolean;
  status: ArrangementStatus;
  /** Retainer invoices are created without asking (after each sync run, at start and every hour). */
  autoCreate: boolean;
  proposals: ArrangementProposal[];
}

export type InvoiceStatus = 'sending' | 'failed' | 'draft' | 'sent' | 'overdue' | 'partlyPaid' | 'paid' | 'voided' | 'deleted';

/** An invoice the app created (or is creating), as last seen in QuickBooks. */
export interface InvoiceSummary {
  id: string;
  companyId: string;
  qboId: string | null;
  docNumber: string | null;
  customerId: string;
  customerName: string;
  txnDate: LocalDate;
  dueDate: LocalDate | null;
  currency: string;
  totalMinor: number;
  balanceMinor: number;
  status: InvoiceStatus;
  /** EmailStatus and DeliveryInfo from QuickBooks, in words: "Sent to ap@acme.com on 3 Dec 2026". */
  emailStatus: 'NotSet' | 'NeedToSend' | 'EmailSent';
  emailedTo: string | null;
  /** The invoice's BillEmail: where the e-mail dialog sends it unless told otherwise. */
  billEmail?: string | null;
  emailedAt: string | null;
  /** The last problem (failed create, refused e-mail), in the user's words. */
  lastError: string | null;
  /** Changed in QuickBooks so it no longer matches what the app sent: both sides in words. */
  conflict: InvoiceConflict | null;
  entryCount: number;
  createdAt: number;
  /** The lines as sent to QuickBooks (the invoice's detail); absent when the app does not hold them. */
  lines?: InvoiceLine[];
  /** What is paid, from QuickBooks' Balance and Payments; absent before QuickBooks has the invoice. */
  paid?: InvoicePaidView;
}

/** An invoice's payments as the list and its detail show them. */
interface InvoicePaidView {
  /** "Paid $1,200.00 on 3 Dec 2026", "Partly paid: $500.00 of $1,200.00, $700.00 due 15 Dec"; null when nothing is paid. */
  words: string | null;
  /** The payments QuickBooks applied to it, oldest first. */
  payments: PaymentOnInvoice[];
}

/** Money QuickBooks holds from one customer that no invoice has been paid with yet. */
interface UnappliedView {
  customerId: string;
  customerName: string;
  currency: string;
  unappliedMinor: number;
  /** One per payment: "Acme Corp paid $300.00 on 2 Dec that is not applied to any invoice — apply it in QuickBooks". */
  sentences: string[];
}

/** The payments panel: unapplied money per customer, and deleted payments told once until dismissed. */
export interface PaymentsView {
  unapplied: UnappliedView[];
  notices: Array<{ id: string; message: string }>;
}

interface InvoiceConflict {
  /** One sentence per difference: "Line 2: 2:30 h × $150.00 = $375.00 here, 2:00 h … in QuickBooks". */
  differences: string[];
  seenAt: number;
}

export interface CreateResult {
  created: InvoiceSummary[];
  failed: InvoiceSummary[];
}

export interface InvoiceService {
  readonly companyId: string;
  unbilled(range: DateRange): Promise<UnbilledView>;
  /** Invoices the selected customers' time would make, with the layout in force (client's, else workspace default) and overrides. */
  preview(customerIds: readonly string[], range: DateRange, overrides?: Readonly<Record<string, InvoiceOverrides>>): Promise<InvoicePreview[]>;
  /** Stores each invoice with its requestid, then sends it; survives a crash, a drop or a 503 without a second invoice. */
  create(previews: readonly InvoicePreview[]): Promise<CreateResult>;
  list(): Promise<InvoiceSummary[]>;
  /** Reads changes from QuickBooks (CDC on Invoice and Payment): voided or deleted invoices release their time, changes become conflicts, paid invoices turn their entries and expenses paid. */
  refresh(): Promise<void>;
  /** The invoice's PDF as QuickBooks renders it. */
  pdf(invoiceId: string): Promise<Uint8Array>;
  /**
   * QuickBooks e-mails every invoice with the company's one invoice message
   * (Preferences.EmailMessagesPrefs.InvoiceMessage): this is it, to show as the cover message.
   */
  emailTemplate(): Promise<EmailTemplate>;
  /**
   * E-mails the invoice through QuickBooks; only ever called from an explicit click. A changed
   * template is saved to QuickBooks first (it then applies to later invoices too; the screen says so).
   */
  email(invoiceId: string, to: string, template?: EmailTemplate): Promise<InvoiceSummary>;
  layouts(): Promise<InvoiceLayoutSettings>;
  saveLayouts(settings: InvoiceLayoutSettings): Promise<void>;
  /** Overtime, weekend and holiday rules applied on invoices (shared/rates/multipliers.ts). */
  multipliers(): Promise<MultiplierRules>;
  saveMultipliers(rules: MultiplierRules): Promise<void>;
  /** Marks a conflict seen: the app takes QuickBooks' version as the invoice. */
  acceptQuickBooks(invoiceId: string): Promise<void>;
  /** Projects billed by arrangement, with what is due today. */
  arrangements(): Promise<ArrangementSummary[]>;
  /** The invoices of the chosen proposals (ArrangementProposal.key). */
  previewArrangements(keys: readonly string[], overrides?: Readonly<Record<string, InvoiceOverrides>>): Promise<InvoicePreview[]>;
  /** Payments QuickBooks holds that are not applied to an invoice, and deleted payments not dismissed yet (read locally; refresh reads QuickBooks). */
  payments(): Promise<PaymentsView>;
  /** The user has read the notice of a deleted payment: it is not shown again. */
  dismissPaymentNotice(id: string): Promise<void>;
}

export interface EmailTemplate {
  subject: string;
  message: string;
}

/** Layout settings: the workspace default and per-client choices. */
export interface InvoiceLayoutSettings {
  defaultLayout: InvoiceLayout;
  byClient: Record<string, InvoiceLayout>;
}

