// Following QuickBooks after an invoice is made: someone may void it, delete it, take time off it or
// change its lines there. Change data capture on Invoice says what changed since the last look (it
// looks back 30 days at most; after a longer pause each open invoice is read by its Id). A voided or
// deleted invoice releases its time: QuickBooks holds it as unbilled again, and so does the app. Time
// taken off an invoice is released the same way. Other changes to the lines are kept as a conflict
// with both sides in words until the user accepts QuickBooks' version. Balance, number and e-mail
// status are simply taken. Payments are followed in the same look (CDC on Payment; after a long
// pause, a query of each open invoice's customer's payments): an invoice paid in full turns its
// entries and expenses paid, one open again (a payment deleted or changed) turns them back to
// invoiced, and a deleted payment is told once. Nothing is written to QuickBooks here.
import { compareInvoice, invoiceStatus, statusFields, type QboInvoiceLike } from '../../../../../shared/invoice/follow';
import type { LocalDate } from '../../../../../shared/time/local-date';
import type { InvoiceRow, PaymentRow } from '../../../db/schema';
import type { QboPort } from '../../quickbooks/engine/qbo-port';
import type { QboMirrorRepo } from '../../quickbooks/store/mirror-repo';
import { deletedWords, invoicePaid, paymentFromQbo, type SeenPayment } from '../../../../../shared/invoice/payments';
import type { QboInvoice, QboPayment } from '../../../../../shared/qbo/types';
import type { InvoiceStore } from '../store/invoice-store';
import type { PaymentStore } from '../store/payment-store';

export interface FollowDeps {
  store: InvoiceStore;
  payments: PaymentStore;
  port: QboPort;
  mirror: QboMirrorRepo;
  now: () => number;
  today: () => LocalDate;
}

/** CDC looks back 30 days; a day less leaves room for clocks that disagree. */
const CDC_WINDOW_MS = 29 * 24 * 60 * 60 * 1000;
/** Start each look a minute before the last one began, so a change made during it is not missed. */
const OVERLAP_MS = 60_000;
const WATERMARK = 'invoicesCheckedAt';
/** Deleted payments told to the user and not dismissed yet (PaymentNotice[] in the company's mirror state). */
export const PAYMENT_NOTICES = 'paymentNotices';

/** A deleted payment, told once: shown until the user dismisses it. */
export interface PaymentNotice {
  id: string;
  message: string;
  at: number;
}

/** An invoice as CDC or a read gives it; a deleted one is only its Id with status 'Deleted'. */
type Seen = QboInvoice & { status?: string };

/** What QuickBooks now holds for the open invoices and their customers' payments. */
interface SeenInQbo {
  invoices: Seen[];
  payments: QboPayment[];
  deletedPayments: string[];
}

/** By CDC when the last look is recent, else one read per invoice and one query per customer. */
async function changedInQbo(open: readonly InvoiceRow[], deps: FollowDeps): Promise<SeenInQbo> {
  const since = await deps.mirror.getState<number>(WATERMARK);
  if (since !== undefined && deps.now() - since < CDC_WINDOW_MS) {
    const changes = await deps.port.changes(['Invoice', 'Payment'], new Date(since - OVERLAP_MS).toISOString());
    const payments = (changes['Payment'] ?? []) as unknown as Array<QboPayment & { status?: string }>;
    return {
      invoices: (changes['Invoice'] ?? []) as unknown as Seen[],
      payments: payments.filter((p) => p.status !== 'Deleted'),
      deletedPayments: payments.filter((p) => p.status === 'Deleted').map((p) => String(p.Id)),
    };
  }
  const invoices: Seen[] = [];
  for (const row of open) {
    const inv = await deps.port.read('Invoice', row.qboId!);
    invoices.push(inv ?? ({ Id: row.qboId!, status: 'Deleted' } as Seen));
  }
  return { invoices, ...(await customersPayments(open, deps)) };
}

/** Every payment of the open invoices' customers; a payment kept here that QuickBooks no longer has was deleted. */
async function customersPayments(open: readonly InvoiceRow[], deps: FollowDeps): Promise<Omit<SeenInQbo, 'invoices'>> {
  const kept = await deps.payments.list(deps.port.companyId);
  const payments: QboPayment[] = [];
  const deletedPayments: string[] = [];
  for (const customerId of new Set(open.map((r) => r.customerId))) {
    const found = await deps.port.queryAll('Payment', `CustomerRef = '${customerId.replace(/'/g, "\\'")}'`);
    const ids = new Set(found.map((p) => p.Id));
    payments.push(...found);
    deletedPayments.push(...kept.filter((p) => p.customerId === customerId && !p.deleted && !ids.has(p.qboId)).map((p) => p.qboId));
  }
  return { payments, deletedPayments };
}

/** Applies what QuickBooks says about one invoice; resolves to whether it still bills anything (not voided or deleted). */
async function followOne(row: InvoiceRow, inv: Seen, deps: FollowDeps): Promise<boolean> {
  const number = inv.DocNumber ?? row.qbo?.DocNumber ?? row.qboId;
  const ended = inv.status === 'Deleted' ? 'deleted' : invoiceStatus(statusFields(inv), deps.today()) === 'voided' ? 'voided' : null;
  if (ended) {
    // Paid time goes back to invoiced first, so releasing it finds it there.
    await deps.store.setPaid(row.id, false, `Invoice ${String(number)} was ${ended} in QuickBooks`);
    await deps.store.release(row.id, { timeActivityIds: 'all', ended, ...(ended === 'voided' ? { qbo: inv } : {}), note: `Invoice ${String(number)} was ${ended} in QuickBooks` });
    return false;
  }
  const baseline: QboInvoiceLike = row.accepted ?? row.draft.payload;
  const { differences, released } = compareInvoice(baseline, inv, row.draft.currency);
  if (released.length > 0) await deps.store.release(row.id, { timeActivityIds: released, note: `Taken off invoice ${String(number)} in QuickBooks` });
  await deps.store.saveSeen(row.id, { qbo: inv, conflict: differences.length > 0 ? { differences, seenAt: deps.now() } : null });
  return true;
}

/**
 * Entries and expenses of an invoice paid in full turn paid; of one that is not (any more), back to
 * invoiced. Resolves to whether the invoice is paid.
 */
async function settle(row: InvoiceRow, inv: QboInvoice, payments: readonly SeenPayment[], deletedIds: ReadonlySet<string>, deps: FollowDeps): Promise<boolean> {
  const number = String(inv.DocNumber ?? row.qboId);
  const paid = invoicePaid(inv, row.draft.currency, payments);
  if (paid.state === 'paid') {
    await deps.store.setPaid(row.id, true, `Invoice ${number} paid on ${paid.lastPaidOn ?? deps.today()}`);
    return true;
  }
  const deleted = payments.some((p) => deletedIds.has(p.qboId) && p.applied.some((a) => a.invoiceQboId === row.qboId));
  await deps.store.setPaid(row.id, false, `Payment ${deleted ? 'deleted' : 'changed'} in QuickBooks: invoice ${number} is open again`);
  return false;
}

/** Keeps the payments QuickBooks gave, in the app's terms (names and currency from the invoices when QuickBooks leaves them out). */
async function savePayments(open: readonly InvoiceRow[], seen: SeenInQbo, deps: FollowDeps) {
  const ofCustomer = new Map(open.map((r) => [r.customerId, r]));
  const fallback = open[0]!.draft.currency;
  const payments = seen.payments.map((p) => {
    const row = ofCustomer.get(p.CustomerRef.value);
    return paymentFromQbo(p, row?.draft.currency ?? fallback, row?.customerName);
  });
  return deps.payments.save(deps.port.companyId, payments, seen.deletedPayments);
}

/** Each newly deleted payment is told once, naming the invoices it leaves open. */
async function tellDeleted(deleted: readonly PaymentRow[], stillOpen: ReadonlyMap<string, string>, deps: FollowDeps): Promise<void> {
  if (deleted.length === 0) return;
  const notices = (await deps.mirror.getState<PaymentNotice[]>(PAYMENT_NOTICES)) ?? [];
  for (const p of deleted) {
    const reopened = p.applied.flatMap((a) => (stillOpen.has(a.invoiceQboId) ? [stillOpen.get(a.invoiceQboId)!] : []));
    notices.push({ id: p.id, message: deletedWords(p, reopened), at: deps.now() });
  }
  await deps.mirror.setState(PAYMENT_NOTICES, notices);
}

/** Reads what changed in QuickBooks for this company's invoices and payments and applies it. */
export async function followInvoices(companyId: string, deps: FollowDeps): Promise<void> {
  const open = (await deps.store.list(companyId)).filter((r) => r.state === 'created' && r.qboId && !r.ended);
  const startedAt = deps.now();
  if (open.length > 0) {
    const seen = await changedInQbo(open, deps);
    const changes = await savePayments(open, seen, deps);
    const payments = await deps.payments.list(companyId);
    const deletedIds = new Set(changes.deleted.map((p) => p.qboId));
    const byQboId = new Map(open.map((r) => [r.qboId!, r]));
    // Invoices whose payments changed (as last read), then QuickBooks' answer for those it gave.
    const toSettle = new Map<string, QboInvoice>();
    for (const qboId of changes.invoiceQboIds) {
      const row = byQboId.get(qboId);
      if (row?.qbo) toSettle.set(qboId, row.qbo);
    }
    for (const inv of seen.invoices) {
      const row = byQboId.get(String(inv.Id));
      if (row && (await followOne(row, inv, deps))) toSettle.set(row.qboId!, inv);
      else toSettle.delete(String(inv.Id));
    }
    const stillOpen = new Map<string, string>();
    for (const [qboId, inv] of toSettle) {
      const row = byQboId.get(qboId)!;
      if (!(await settle(row, inv, payments, deletedIds, deps))) stillOpen.set(qboId, String(inv.DocNumber ?? qboId));
    }
    await tellDeleted(changes.deleted, stillOpen, deps);
  }
  await deps.mirror.setState(WATERMARK, startedAt);
}
