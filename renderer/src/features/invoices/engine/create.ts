// Creating invoices exactly once. Each invoice is stored with a requestid before it is first sent
// (store.saveSending); every resend of it carries that same requestid, so when QuickBooks made the
// invoice but the answer was lost (a crash, a connection dropped after the commit, a 503 retried),
// QuickBooks answers the first invoice again instead of making a second. A refused invoice fails for
// good and keeps its reason; an expired connection leaves it waiting, resumed once reconnected.
// Invoices go one at a time: QuickBooks' per-company limits are kept by main's rate limiter, and one
// at a time keeps invoice numbers in the order the user saw them.
import { classifyFault } from '../../../../../shared/sync/classify';
import type { InvoiceRow } from '../../../db/schema';
import { sendFailureOf, type QboPort } from '../../quickbooks/engine/qbo-port';
import type { InvoiceStore } from '../store/invoice-store';
import type { InvoicePreview } from '../invoice-service';
import { timeOf } from './preflight';

export interface CreateDeps {
  store: InvoiceStore;
  port: QboPort;
  newId: () => string;
  now: () => number;
  /** Waits between tries (injected: tests and the benchmark do not sleep for real). */
  sleep: (ms: number) => Promise<void>;
  /** Tries per invoice within one run before it is left waiting for the next (same requestid). */
  maxTries?: number;
}

const DEFAULT_TRIES = 6;

/** A row for one previewed invoice, with a fresh requestid (a UUID fits QuickBooks' 50, and 36 in a batch). */
export function invoiceRow(preview: InvoicePreview, companyId: string, deps: Pick<CreateDeps, 'newId' | 'now'>): InvoiceRow {
  const at = deps.now();
  const time = timeOf(preview.input);
  const entryIds = [...new Set(time.map((t) => t.entryId))].sort();
  const expenseIds = (preview.input.expenses ?? []).map((e) => e.expenseId);
  return {
    id: deps.newId(),
    companyId,
    customerId: preview.input.customer.id,
    customerName: preview.customerName,
    clientId: preview.clientId,
    state: 'sending',
    requestId: deps.newId(),
    attempts: 0,
    draft: preview.draft,
    entryIds,
    links: [...new Map(time.map((t) => [t.timeActivityId, { timeActivityId: t.timeActivityId, key: t.key }])).values()],
    ...(expenseIds.length > 0 ? { expenseIds } : {}),
    createdAt: at,
    updatedAt: at,
  };
}

/** Sends one stored invoice until QuickBooks answers, refuses, needs a reconnect, or the tries run out. */
async function sendInvoice(row: InvoiceRow, deps: CreateDeps): Promise<InvoiceRow> {
  const tries = deps.maxTries ?? DEFAULT_TRIES;
  let current = row;
  for (let attempt = 1; attempt <= tries; attempt++) {
    try {
      const { data } = await deps.port.createInvoice(row.requestId, row.draft.payload);
      return await deps.store.applyCreated(row.id, data);
    } catch (error) {
      const verdict = classifyFault(sendFailureOf(error), { attempt: current.attempts + 1, what: 'invoice' });
      // A stale object cannot happen on a create; anything else that is not a retry is QuickBooks' final word.
      const refused = verdict.action === 'flag' || verdict.action === 'reread_and_retry';
      const waiting = verdict.action === 'pause_auth' ? `${verdict.userMessage} The invoice is kept and is created once you reconnect, never twice.` : verdict.userMessage;
      current = (await deps.store.noteAttempt(row.id, { failed: refused, message: waiting })) ?? current;
      if (refused || verdict.action === 'pause_auth' || attempt === tries) return current;
      await deps.sleep(verdict.retryAfterMs ?? 1_000);
    }
  }
  return current;
}

/** Stores the invoices (with requestids) and sends them in order. */
export async function createInvoices(previews: readonly InvoicePreview[], companyId: string, deps: CreateDeps): Promise<InvoiceRow[]> {
  const ready = previews.filter((p) => !p.issues.some((i) => i.blocking) && p.draft.lines.length > 0);
  if (ready.length === 0) return [];
  const rows = ready.map((p) => invoiceRow(p, companyId, deps));
  await deps.store.saveSending(rows);
  const results: InvoiceRow[] = [];
  for (const row of rows) results.push(await sendInvoice(row, deps));
  return results;
}

/** Invoices left waiting (a crash, a drop, an expired connection): sent again with their own requestids. */
export async function resumeInvoices(companyId: string, deps: CreateDeps): Promise<InvoiceRow[]> {
  const results: InvoiceRow[] = [];
  for (const row of await deps.store.sending(companyId)) results.push(await sendInvoice(row, deps));
  return results;
}
