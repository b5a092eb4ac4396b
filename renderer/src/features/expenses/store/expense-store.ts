// Expense rows and their receipts, and what QuickBooks' answers change, each in one transaction.
// A write QuickBooks has not answered is stored with its requestid (`pending`) before it is first
// sent, so every resend — the same run, after a crash, after reconnecting — carries the same one.
// Expenses on an invoice are locked: the invoice store (features/invoices) moves them to 'invoiced'
// and 'paid' in its own transactions.
import { PRIMARY_COMPANY } from '../../../../../shared/qbo/company';
import type { QboPurchase } from '../../../../../shared/qbo/types';
import type { RepoContext } from '../../../db/context';
import type { TrackNexusDb } from '../../../db/database';
import type { ExpenseRow, ReceiptRow } from '../../../db/schema';
import { companyOfProject } from '../../quickbooks/store/sync-context';

/** What the person enters; the receipt is undefined to keep the current one, null to remove it. */
export type ExpenseInput = Pick<ExpenseRow, 'localDate' | 'amountMinor' | 'currency' | 'categoryId' | 'projectId' | 'note' | 'billable'> & {
  receipt?: { name: string; type: string; data: Blob } | null;
};

/** Thrown when an expense cannot be changed now; the message says why and what to do. */
class ExpenseLockedError extends Error {
  override readonly name = 'ExpenseLockedError';
}

type Pending = NonNullable<ExpenseRow['pending']>;

/** Why an expense cannot be edited or deleted now, in words; null when it can. */
async function lockOf(db: TrackNexusDb, row: ExpenseRow): Promise<string | null> {
  if (row.state === 'invoiced' || row.state === 'paid') {
    const invoice = row.invoiceId ? await db.invoices.get(row.invoiceId) : undefined;
    const number = invoice?.qbo?.DocNumber ? `invoice ${invoice.qbo.DocNumber}` : 'an invoice';
    return `This expense is on ${number}${row.state === 'paid' ? ', which is paid' : ''}. To change it, remove its line from the invoice in QuickBooks (or void the invoice) first; the expense unlocks after the next sync.`;
  }
  if (row.deletedAt) return 'This expense was deleted; it is removed from QuickBooks at the next send.';
  if (row.state === 'sending') return 'This expense is being sent to QuickBooks. Try again once QuickBooks has answered.';
  return null;
}

/** Reads for the screen, the push engine and invoicing. */
function expenseReads(db: TrackNexusDb) {
  return {
    get: (id: string) => db.expenses.get(id),
    receipt: (id: string) => db.receipts.get(id),

    /** Expenses dated in the month ('YYYY-MM'), newest first, with the invoice numbers they are on. */
    async month(month: string): Promise<Array<ExpenseRow & { invoiceNumber?: string }>> {
      const rows = await db.expenses.where('localDate').between(`${month}-01`, `${month}-31\uffff`).toArray();
      const invoiceIds = [...new Set(rows.flatMap((r) => (r.invoiceId ? [r.invoiceId] : [])))];
      const invoices = await db.invoices.bulkGet(invoiceIds);
      const numbers = new Map(invoices.flatMap((i) => (i?.qbo?.DocNumber ? [[i.id, i.qbo.DocNumber] as const] : [])));
      return rows
        .map((r) => ({ ...r, ...(r.invoiceId && numbers.has(r.invoiceId) ? { invoiceNumber: numbers.get(r.invoiceId)! } : {}) }))
        .sort((a, b) => b.localDate.localeCompare(a.localDate) || b.createdAt - a.createdAt);
    },

    /** What a push run of the company looks at: not sent, unanswered, billable without its charge yet, and (when asked) refused. */
    async toPush(companyId: string, withRefused: boolean): Promise<ExpenseRow[]> {
      const states = ['local', 'sending', 'pushed', ...(withRefused ? ['failed'] : [])];
      const rows = await db.expenses.where('[companyId+state]').anyOf(states.map((s) => [companyId, s])).toArray();
      return rows.filter((r) => r.state !== 'pushed' || (r.billable && !r.reimburseChargeId)).sort((a, b) => a.createdAt - b.createdAt);
    },

    /** Pushed billable expenses with their ReimburseCharge, on no invoice yet. */
    async billable(companyId: string): Promise<ExpenseRow[]> {
      const rows = await db.expenses.where('[companyId+state]').equals([companyId, 'pushed']).toArray();
      return rows.filter((r) => r.billable && r.reimburseChargeId && !r.invoiceId && !r.deletedAt);
    },

    projects: () => db.projects.toArray(),
  };
}

// What QuickBooks' answers change. Long because it is a table of six small writes over one expense,
// most of them one `change` (a transaction over the expense and its receipts).
function answerWrites(ctx: RepoContext) {
  const { db } = ctx;
  const change = (id: string, fn: (row: ExpenseRow) => ExpenseRow | null) =>
    db.transaction('rw', [db.expenses, db.receipts], async () => {
      const row = await db.expenses.get(id);
      if (!row) return undefined;
      const next = fn(row);
      if (next) await db.expenses.put({ ...next, updatedAt: ctx.now() });
      else {
        await db.expenses.delete(id);
        await db.receipts.where('expenseId').equals(id).delete();
      }
      return next ?? undefined;
    });
  return {
    /**
     * Stores the write before it is first sent: from here on every send carries this requestid.
     * Undefined when another run stored one first (two runs never make two writes).
     */
    async markSending(id: string, pending: Omit<Pending, 'attempts'>): Promise<ExpenseRow | undefined> {
      return db.transaction('rw', db.expenses, async () => {
        const row = await db.expenses.get(id);
        if (!row || row.pending) return undefined;
        const next: ExpenseRow = { ...row, state: 'sending', pending: { ...pending, attempts: 0 }, updatedAt: ctx.now() };
        await db.expenses.put(next);
        return next;
      });
    },

    /** QuickBooks did what was asked: a deleted expense goes away with its receipt. */
    applyWritten: (id: string, op: Pending['op'], purchase: Pick<QboPurchase, 'Id' | 'SyncToken'>) =>
      change(id, (r) => {
        if (op === 'delete') return null;
        // After an update the charge is looked up again: QuickBooks may have made a new one, or none.
        const { pending: _sent, lastError: _gone, reimburseChargeId: _charge, ...rest } = r;
        return { ...rest, ...(op === 'create' && r.reimburseChargeId ? { reimburseChargeId: r.reimburseChargeId } : {}), state: 'pushed', qboId: purchase.Id, syncToken: purchase.SyncToken };
      }),

    /** A try that got no answer (kept waiting, same requestid) or QuickBooks' refusal (a new requestid next time). */
    noteAttempt: (id: string, outcome: { failed: boolean; message: string }) =>
      change(id, (r) => {
        if (outcome.failed) {
          const { pending: _dropped, ...rest } = r;
          return { ...rest, state: 'failed', lastError: outcome.message };
        }
        return { ...r, lastError: outcome.message, ...(r.pending ? { pending: { ...r.pending, attempts: r.pending.attempts + 1 } } : {}) };
      }),

    /** The Purchase changed in QuickBooks meanwhile: its new SyncToken, and a new request for the new body. */
    renewPending: (id: string, syncToken: string, requestId: string) =>
      change(id, (r) => (r.pending ? { ...r, syncToken, pending: { ...r.pending, requestId } } : r)),

    /** A problem to fix before it can be sent (pre-flight), shown next to the expense. */
    noteProblem: (id: string, message: string) => change(id, (r) => ({ ...r, state: r.state === 'failed' ? 'local' : r.state, lastError: message })),

    setReimburseCharge: (id: string, chargeId: string) => change(id, (r) => ({ ...r, reimburseChargeId: chargeId })),
  };
}

// Long because it holds the person's three writes (add, edit, delete) over one expense and its receipt.
export function createExpenseStore(ctx: RepoContext) {
  const { db } = ctx;

  async function companyOf(projectId: string | null): Promise<string> {
    if (!projectId) return PRIMARY_COMPANY;
    const project = await db.projects.get(projectId);
    if (!project) return PRIMARY_COMPANY;
    const client = project.clientId ? await db.clients.get(project.clientId) : undefined;
    return companyOfProject(project, new Map(client ? [[client.id, client]] : []));
  }

  async function putReceipt(expenseId: string, receipt: ExpenseInput['receipt'], current: string | null): Promise<string | null> {
    if (receipt === undefined) return current;
    if (current) await db.receipts.delete(current);
    if (receipt === null) return null;
    const row: ReceiptRow = { id: ctx.newId(), expenseId, name: receipt.name, type: receipt.type, size: receipt.data.size, data: receipt.data, createdAt: ctx.now() };
    await db.receipts.add(row);
    return row.id;
  }

  return {
    ...expenseReads(db),
    ...answerWrites(ctx),

    /** Adds an expense (id absent) or changes one; a change of an expense QuickBooks has is sent as an update. */
    async save(input: ExpenseInput, id?: string): Promise<ExpenseRow> {
      const { receipt, ...fields } = input;
      return db.transaction('rw', [db.expenses, db.receipts, db.projects, db.clients, db.invoices], async () => {
        const before = id ? await db.expenses.get(id) : undefined;
        if (id && !before) throw new ExpenseLockedError('This expense was deleted meanwhile.');
        const locked = before ? await lockOf(db, before) : null;
        if (locked) throw new ExpenseLockedError(locked);
        const companyId = await companyOf(fields.projectId);
        if (before?.qboId && before.companyId !== companyId) {
          throw new ExpenseLockedError('This expense is already in another QuickBooks company. Delete it and record it again for this project.');
        }
        const at = ctx.now();
        const expenseId = before?.id ?? ctx.newId();
        const receiptId = await putReceipt(expenseId, receipt, before?.receiptId ?? null);
        const base = before ?? { id: expenseId, createdAt: at, state: 'local' as const };
        const { lastError: _old, ...kept } = { ...base, ...fields } as ExpenseRow;
        const row: ExpenseRow = { ...kept, companyId, receiptId, state: 'local', updatedAt: at };
        await db.expenses.put(row);
        return row;
      });
    },

    /**
     * Deletes an expense: one QuickBooks never had goes at once with its receipt; one it has is
     * marked and deleted there by the next push (then removed here).
     */
    async remove(id: string): Promise<void> {
      await db.transaction('rw', [db.expenses, db.receipts, db.invoices], async () => {
        const row = await db.expenses.get(id);
        if (!row) return;
        const locked = await lockOf(db, row);
        if (locked) throw new ExpenseLockedError(locked);
        if (!row.qboId) {
          await db.expenses.delete(id);
          await db.receipts.where('expenseId').equals(id).delete();
          return;
        }
        await db.expenses.put({ ...row, state: 'local', deletedAt: ctx.now(), updatedAt: ctx.now() });
      });
    },
  };
}

