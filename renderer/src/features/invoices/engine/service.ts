// The InvoiceService of one QuickBooks company, over the repositories and that company's port: the
// Invoices screen's only way to invoicing. Reads go to the store and the mirror; writes to QuickBooks
// go through create.ts (exactly once) and, for the e-mail, one explicit call per click.
import { invoiceStatus, statusFields } from '../../../../../shared/invoice/follow';
import { invoicePaid, paidWords, unappliedByCustomer, unappliedWords, type SeenPayment } from '../../../../../shared/invoice/payments';
import { decimalToMinor } from '../../../../../shared/qbo/decimal';
import type { QboInvoice } from '../../../../../shared/qbo/types';
import type { LocalDate } from '../../../../../shared/time/local-date';
import type { Repos } from '../../../db/repos';
import type { InvoiceRow } from '../../../db/schema';
import type { QboPort } from '../../quickbooks/engine/qbo-port';
import type { EmailTemplate, InvoiceService, InvoiceStatus, InvoiceSummary, PaymentsView } from '../invoice-service';
import { createInvoices, resumeInvoices, type CreateDeps } from './create';
import { followInvoices, PAYMENT_NOTICES, type PaymentNotice } from './follow';
import { previewInvoices, type PreviewDeps } from './preview';
import { previewArrangements, summariesOf } from './arrangements';
import { billableExpenses } from '../../expenses/engine/billable';
import { clientOfCustomer, withExpenses } from '../store/billable-time';
import type { BillableExpense } from '../../../../../shared/invoice/types';
import type { SyncContext } from '../../quickbooks/store/sync-context';

export interface InvoiceServiceDeps {
  repos: Repos;
  port: QboPort;
  today: () => LocalDate;
  now?: () => number;
  newId?: () => string;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function statusOf(row: InvoiceRow, today: LocalDate): InvoiceStatus {
  if (row.state !== 'created') return row.state;
  if (row.ended) return row.ended.kind;
  return row.qbo ? invoiceStatus(statusFields(row.qbo), today) : 'draft';
}

/** A QuickBooks amount in minor units of the invoice's currency (the draft's total when QuickBooks sent none). */
const minor = (amount: unknown, currency: string, fallback: number) => (typeof amount === 'number' ? (decimalToMinor(amount, currency) ?? fallback) : fallback);

/** An invoice row as the screen lists it. */
function summaryOf(row: InvoiceRow, today: LocalDate): InvoiceSummary {
  const q: Partial<QboInvoice> = row.qbo ?? {};
  return {
    id: row.id,
    companyId: row.companyId,
    qboId: row.qboId ?? null,
    docNumber: q.DocNumber ?? null,
    customerId: row.customerId,
    customerName: row.customerName,
    txnDate: q.TxnDate ?? (row.draft.payload['TxnDate'] as string),
    dueDate: q.DueDate ?? (row.draft.payload['DueDate'] as string | undefined) ?? null,
    currency: row.draft.currency,
    totalMinor: row.draft.totalMinor,
    balanceMinor: row.state === 'created' ? minor(q.Balance, row.draft.currency, row.draft.totalMinor) : row.draft.totalMinor,
    status: statusOf(row, today),
    emailStatus: q.EmailStatus ?? 'NotSet',
    emailedTo: q.EmailStatus === 'EmailSent' ? (q.BillEmail?.Address ?? null) : null,
    emailedAt: q.DeliveryInfo?.DeliveryTime ?? null,
    lastError: row.lastError ?? null,
    conflict: row.conflict ?? null,
    entryCount: row.draft.entryAmounts.length,
    lines: row.draft.lines,
    billEmail: q.BillEmail?.Address ?? (row.draft.payload['BillEmail'] as { Address?: string } | undefined)?.Address ?? null,
    createdAt: row.createdAt,
  };
}

/** The summary with what is paid, once QuickBooks has the invoice. */
function withPaid(summary: InvoiceSummary, row: InvoiceRow, payments: readonly SeenPayment[], today: LocalDate): InvoiceSummary {
  if (!row.qbo || row.state !== 'created' || row.ended) return summary;
  const paid = invoicePaid(row.qbo, row.draft.currency, payments);
  return { ...summary, paid: { words: paidWords(paid, row.draft.currency, summary.dueDate, today), payments: paid.payments } };
}

/** Unapplied money per customer, in words, and the deleted payments still to tell. */
function paymentsView(payments: readonly SeenPayment[], notices: readonly PaymentNotice[], today: LocalDate): PaymentsView {
  return {
    unapplied: unappliedByCustomer(payments).map((c) => ({ ...c, sentences: c.payments.map((p) => unappliedWords(c.customerName, p, c.currency, today)) })),
    notices: notices.map(({ id, message }) => ({ id, message })),
  };
}

// Long because it is the service's table of methods, most one line over the store, the port or the engine.
export function createInvoiceService(deps: InvoiceServiceDeps): InvoiceService {
  const { repos, port } = deps;
  const companyId = port.companyId;
  const store = repos.invoices;
  const mirror = repos.mirrorOf(companyId);
  const now = deps.now ?? (() => Date.now());
  const createDeps: CreateDeps = { store, port, now, newId: deps.newId ?? (() => crypto.randomUUID()), sleep: deps.sleep ?? realSleep };
  const summary = (row: InvoiceRow) => summaryOf(row, deps.today());
  const context = () => repos.sync.loadContext(companyId);

  async function row(id: string): Promise<InvoiceRow & { qboId: string }> {
    const found = await store.get(id);
    if (!found?.qboId) throw new Error('This invoice is not in QuickBooks yet.');
    return found as InvoiceRow & { qboId: string };
  }

  /** Everything a preview reads besides the time: the layouts, the multipliers, today. */
  async function previewDeps(sc: SyncContext): Promise<PreviewDeps> {
    const [layouts, multipliers] = await Promise.all([repos.settings.get('invoiceLayouts'), repos.settings.get('invoiceMultipliers')]);
    return { sc, mirror, port, layouts, multipliers, today: deps.today(), clientOfCustomer: clientOfCustomer(sc) };
  }

  /** Pushed billable expenses on no invoice: those of hourly projects (or none), or of arranged ones. */
  async function expenses(arranged: ReadonlySet<string>, of: 'hourly' | 'arranged'): Promise<BillableExpense[]> {
    const all = await billableExpenses(repos, companyId, deps.today());
    return all.filter((e) => (e.projectId !== null && arranged.has(e.projectId)) === (of === 'arranged'));
  }

  /** Retainer invoices the user asked to be made without asking, made once they are due. */
  async function createAutomatic(): Promise<void> {
    const sc = await context();
    const arranged = await store.arranged(sc, deps.today());
    const keys = summariesOf(arranged).filter((a) => a.autoCreate).flatMap((a) => a.proposals.map((p) => p.key));
    if (keys.length === 0) return;
    const previews = await previewArrangements(keys, arranged, await expenses(new Set(arranged.map((a) => a.project.id)), 'arranged'), await previewDeps(sc), {});
    await createInvoices(previews, companyId, createDeps);
  }

  return {
    companyId,
    async unbilled(range) {
      const sc = await context();
      const skip = await store.arrangedIds(sc);
      return withExpenses(await store.unbilled(sc, range, skip), await expenses(skip, 'hourly'), sc);
    },
    async preview(customerIds, range, overrides = {}) {
      const sc = await context();
      const skip = await store.arrangedIds(sc);
      const [{ pieces }, spent] = await Promise.all([store.scan(sc, range, skip), expenses(skip, 'hourly')]);
      return previewInvoices(pieces, spent, customerIds, await previewDeps(sc), overrides);
    },
    arrangements: async () => summariesOf(await store.arranged(await context(), deps.today())),
    async previewArrangements(keys, overrides = {}) {
      const sc = await context();
      const arranged = await store.arranged(sc, deps.today());
      return previewArrangements(keys, arranged, await expenses(new Set(arranged.map((a) => a.project.id)), 'arranged'), await previewDeps(sc), overrides);
    },
    async create(previews) {
      const rows = await createInvoices(previews, companyId, createDeps);
      return { created: rows.filter((r) => r.state === 'created').map(summary), failed: rows.filter((r) => r.state !== 'created').map(summary) };
    },
    async list() {
      const [rows, payments] = await Promise.all([store.list(companyId), repos.payments.list(companyId)]);
      return rows.map((r) => withPaid(summary(r), r, payments, deps.today()));
    },
    async refresh() {
      await resumeInvoices(companyId, createDeps);
      await followInvoices(companyId, { store, payments: repos.payments, port, mirror, now, today: deps.today });
      await createAutomatic();
    },
    pdf: async (id) => port.invoicePdf((await row(id)).qboId),
    emailTemplate: async () => templateOf(await mirror.preferences()),
    async email(id, to, template) {
      const target = await row(id);
      const current = templateOf(await mirror.preferences());
      if (template && (template.subject !== current.subject || template.message !== current.message)) {
        await mirror.setState('preferences', (await port.saveInvoiceEmailMessage(template.subject, template.message)).preferences);
      }
      const sent = await port.sendInvoice(target.qboId, to, createDeps.newId());
      await store.saveSeen(id, { qbo: sent });
      return summary((await store.get(id))!);
    },
    layouts: () => repos.settings.get('invoiceLayouts'),
    saveLayouts: async (settings) => void (await repos.settings.set('invoiceLayouts', settings)),
    multipliers: () => repos.settings.get('invoiceMultipliers'),
    saveMultipliers: async (rules) => void (await repos.settings.set('invoiceMultipliers', { dailyOvertime: null, weeklyOvertime: null, weekend: null, holidays: null, ...rules })),
    acceptQuickBooks: (id) => store.accept(id),
    async payments() {
      const [payments, notices] = await Promise.all([repos.payments.list(companyId), mirror.getState<PaymentNotice[]>(PAYMENT_NOTICES)]);
      return paymentsView(payments, notices ?? [], deps.today());
    },
    async dismissPaymentNotice(id) {
      const notices = (await mirror.getState<PaymentNotice[]>(PAYMENT_NOTICES)) ?? [];
      await mirror.setState(PAYMENT_NOTICES, notices.filter((n) => n.id !== id));
    },
  };
}

function templateOf(prefs: unknown): EmailTemplate {
  const message = (prefs as { EmailMessagesPrefs?: { InvoiceMessage?: { Subject?: string; Message?: string } } }).EmailMessagesPrefs?.InvoiceMessage;
  return { subject: message?.Subject ?? '', message: message?.Message ?? '' };
}
