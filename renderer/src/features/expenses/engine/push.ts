// Sending expenses to QuickBooks as Purchases exactly once. Each write (create, update, delete) is
// stored with a requestid before it is first sent (store.markSending); every resend of it carries
// that same requestid, so when QuickBooks made the Purchase but the answer was lost (a crash, a drop
// after the commit, a 503 retried), QuickBooks answers the first write again instead of making a
// second. A refusal fails the expense with QuickBooks' reason (the next try is a new request); an
// expired connection leaves it waiting, resumed by the next push. After a billable create the
// ReimburseCharge QuickBooks made from its line is looked up and kept: invoices link it.
import { classifyFault } from '../../../../../shared/sync/classify';
import type { Repos } from '../../../db/repos';
import type { ExpenseRow } from '../../../db/schema';
import { sendFailureOf, type QboPort } from '../../quickbooks/engine/qbo-port';
import { loadPurchaseContext, preflight, purchaseBody, type PurchaseContext } from './purchase';

export interface PushDeps {
  repos: Pick<Repos, 'expenses' | 'settings' | 'mirrorOf'>;
  port: QboPort;
  newId: () => string;
  /** Waits between tries (injected: tests do not sleep for real). */
  sleep: (ms: number) => Promise<void>;
  /** Tries per write within one run before it is left waiting for the next (same requestid). */
  maxTries?: number;
  /** Send refused expenses again (the "Send to QuickBooks" button); runs after a sync leave them. */
  retryRefused?: boolean;
}

export interface PushResult {
  /** Writes QuickBooks answered (created, changed or deleted). */
  sent: number;
  /** Refused by QuickBooks, or stopped by pre-flight: each expense keeps the reason. */
  failed: number;
  blocked: number;
  /** Left waiting (no answer, or the connection expired): sent again by the next push. */
  waiting: number;
}

const DEFAULT_TRIES = 6;
type Op = NonNullable<ExpenseRow['pending']>['op'];
/** 'paused': the connection expired; the run stops, as every other expense would wait the same way. */
type Outcome = 'sent' | 'failed' | 'waiting' | 'paused';

const STALE = 'QuickBooks refused this expense: it kept being changed in QuickBooks while we were sending. Send it again.';
const GONE = 'QuickBooks refused this expense: it was deleted in QuickBooks. Delete it here too, or record it again.';

const opOf = (e: ExpenseRow): Op => (e.deletedAt ? 'delete' : e.qboId ? 'update' : 'create');

/** The body of the stored write, as it is now (a resend with the same requestid is answered with the first write). */
function bodyOf(e: ExpenseRow, op: Op, ctx: PurchaseContext) {
  const qbo = e.qboId ? { Id: e.qboId, SyncToken: e.syncToken ?? '0' } : undefined;
  return op === 'delete' ? { ...qbo } : purchaseBody(e, ctx, qbo);
}

/** 5010: the Purchase changed in QuickBooks. Re-read its SyncToken; a new body needs a new requestid. */
async function reread(e: ExpenseRow, deps: PushDeps): Promise<ExpenseRow | 'gone'> {
  const current = e.qboId ? await deps.port.read('Purchase', e.qboId) : null;
  if (!current) return 'gone';
  return (await deps.repos.expenses.renewPending(e.id, current.SyncToken, deps.newId())) ?? e;
}

// Long because it is one loop over the answers a write can get (QuickBooks' answer, a refusal, a
// changed Purchase, a wait, a reconnect), in the order classify.ts decides them.
async function send(row: ExpenseRow, ctx: PurchaseContext, deps: PushDeps): Promise<Outcome> {
  const store = deps.repos.expenses;
  let current = row;
  const tries = deps.maxTries ?? DEFAULT_TRIES;
  for (let attempt = 1; attempt <= tries; attempt++) {
    const { op, requestId } = current.pending!;
    try {
      const answer = await deps.port.writePurchase(op, requestId, bodyOf(current, op, ctx));
      const written = await store.applyWritten(current.id, op, answer);
      if (written?.billable) await findCharge(written, deps);
      return 'sent';
    } catch (error) {
      const verdict = classifyFault(sendFailureOf(error), { attempt: (current.pending?.attempts ?? 0) + 1, what: 'expense' });
      let stale = verdict.action === 'reread_and_retry' ? STALE : null;
      if (stale && attempt < tries) {
        const fresh = await reread(current, deps);
        if (fresh === 'gone' && op === 'delete') {
          await store.applyWritten(current.id, op, { Id: current.qboId!, SyncToken: '' });
          return 'sent';
        }
        if (fresh !== 'gone') {
          current = fresh;
          continue;
        }
        stale = GONE;
      }
      const refused = verdict.action === 'flag' || stale !== null;
      const message = stale ?? (verdict.action === 'pause_auth' ? `${verdict.userMessage} The expense is kept and sent once you reconnect, never twice.` : verdict.userMessage);
      current = (await store.noteAttempt(current.id, { failed: refused, message })) ?? current;
      if (refused) return 'failed';
      if (verdict.action === 'pause_auth') return 'paused';
      if (attempt === tries) return 'waiting';
      await deps.sleep(verdict.retryAfterMs ?? 1_000);
    }
  }
  return 'waiting';
}

/**
 * The ReimburseCharge QuickBooks made from the billable line, as the Purchase names it (its line's
 * LinkedTxn, TxnType ReimburseCharge: Intuit's charge sample links the charge only to the invoice
 * that bills it, never back to the Purchase). Not there yet (QuickBooks may make it a moment
 * later): the next push looks again.
 */
async function findCharge(e: ExpenseRow, deps: PushDeps): Promise<void> {
  if (!e.billable || !e.qboId) return;
  const purchase = await deps.port.read('Purchase', e.qboId);
  const links = [...(purchase?.Line ?? []).flatMap((l) => l.LinkedTxn ?? []), ...(purchase?.LinkedTxn ?? [])];
  const charge = links.find((l) => l.TxnType === 'ReimburseCharge');
  if (charge) await deps.repos.expenses.setReimburseCharge(e.id, charge.TxnId);
}

/**
 * One expense of the run: pre-flight, then its stored write resent or a new one stored and sent. A
 * stored write that pre-flight now stops (a category unmapped since) keeps its requestid and waits.
 */
async function pushOne(row: ExpenseRow, ctx: PurchaseContext, deps: PushDeps): Promise<Outcome | 'blocked' | 'skipped'> {
  if (row.state === 'pushed') {
    await findCharge(row, deps);
    return 'skipped';
  }
  const problem = preflight(row, ctx);
  if (problem) {
    await deps.repos.expenses.noteProblem(row.id, problem);
    return 'blocked';
  }
  const stored = row.pending ? row : await deps.repos.expenses.markSending(row.id, { op: opOf(row), requestId: deps.newId() });
  return stored ? send(stored, ctx, deps) : 'skipped';
}

/** Sends the company's expenses that QuickBooks does not have as they are here, one at a time. */
export async function pushExpenses(deps: PushDeps): Promise<PushResult> {
  const companyId = deps.port.companyId;
  const ctx = await loadPurchaseContext(deps.repos, companyId, await deps.repos.settings.get('currency'));
  const result: PushResult = { sent: 0, failed: 0, blocked: 0, waiting: 0 };
  for (const row of await deps.repos.expenses.toPush(companyId, deps.retryRefused ?? false)) {
    const outcome = await pushOne(row, ctx, deps);
    if (outcome === 'paused') {
      result.waiting++;
      break;
    }
    if (outcome !== 'skipped') result[outcome]++;
  }
  return result;
}
