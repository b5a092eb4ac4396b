// Invoice rows and what QuickBooks' answers change, each in one transaction. Entries change only
// through the entries repository's door (advanceInTx to invoiced, releaseInvoicedInTx back to
// synced), in the same transaction as the invoice row and the sync records, so an invoice, its
// entries' status and the billed lock on their TimeActivities always commit together.
import type { RepoContext } from '../../../db/context';
import type { TrackNexusDb } from '../../../db/database';
import type { EntriesRepo, EntryTx } from '../../../db/repos/entries-repo';
import type { InvoiceRow } from '../../../db/schema';
import type { SyncContext } from '../../quickbooks/store/sync-context';
import type { DateRange } from '../invoice-service';
import type { LocalDate } from '../../../../../shared/time/local-date';
import { arrangedContexts, arrangedProjects, type ArrangedProject } from './arranged';
import { entriesOnInvoices, scanBillable, unbilledView } from './billable-time';

/** Thrown when the time previewed changed before the invoice was stored; nothing was written. */
class StaleInvoiceError extends Error {
  override readonly name = 'StaleInvoiceError';
}

/** Arrangement steps (project and step) an invoice's charge lines bill. */
const stepsOf = (row: InvoiceRow) => row.draft.lines.filter((l) => l.kind === 'charge' && l.step).map((l) => `${l.projectId ?? ''}|${l.step!}`);

/**
 * Refuses new invoices billing an expense another invoice took, or an arrangement step (a retainer
 * period, a milestone) another live invoice of the company bills: a second window or a preview made
 * before an automatic invoice must not bill it twice.
 */
async function refuseTaken(db: TrackNexusDb, rows: readonly InvoiceRow[]): Promise<void> {
  const expenseIds = rows.flatMap((r) => r.expenseIds ?? []);
  const expenses = await db.expenses.bulkGet(expenseIds);
  if (expenses.some((e) => !e || e.invoiceId || e.state !== 'pushed')) throw new StaleInvoiceError('An expense changed since the preview (edited, or billed on another invoice). Preview the invoices again.');
  const live = await db.invoices.where('[companyId+state]').anyOf([[rows[0]?.companyId ?? '', 'sending'], [rows[0]?.companyId ?? '', 'created']]).toArray();
  const billed = new Set(live.filter((r) => !r.ended).flatMap(stepsOf));
  if (rows.flatMap(stepsOf).some((s) => billed.has(s))) throw new StaleInvoiceError('Part of this billing arrangement was invoiced meanwhile (another window, or the automatic retainer invoice). Preview the invoices again.');
}

/** Expenses follow their invoice: invoiced when it is made, back to pushed when it is voided or deleted. */
async function setExpenses(db: TrackNexusDb, ids: readonly string[], to: { state: 'invoiced' | 'pushed'; invoiceId: string | null }, at: number): Promise<void> {
  if (ids.length === 0) return;
  const rows = (await db.expenses.bulkGet([...ids])).filter((e) => e !== undefined);
  await db.expenses.bulkPut(rows.map((e) => {
    const next = { ...e, state: to.state, updatedAt: at };
    if (to.invoiceId) next.invoiceId = to.invoiceId;
    else delete next.invoiceId;
    return next;
  }));
}

/** The company's invoices, newest first. */
async function listRows(db: TrackNexusDb, companyId: string): Promise<InvoiceRow[]> {
  const rows = await db.invoices.where('[companyId+state]').between([companyId, ''], [companyId, '\uffff']).toArray();
  return rows.sort((a, b) => b.createdAt - a.createdAt);
}

/** Reads: the billable time, the invoices of a company, one invoice, an entry's invoice. */
function invoiceReads(db: TrackNexusDb) {
  return {
    /** What can be billed in the range, and what cannot yet (billable-time.ts). */
    scan: (sc: SyncContext, range: DateRange, skip?: ReadonlySet<string>) => scanBillable(db, sc, range, skip),
    unbilled: (sc: SyncContext, range: DateRange, skip: ReadonlySet<string>) => unbilledView(db, sc, range, skip),

    /** Ids of the company's projects billed by arrangement (their time is not billed by the hour). */
    arrangedIds: async (sc: SyncContext) => new Set((await arrangedProjects(db, sc)).map((p) => p.id)),

    /** The company's projects billed by arrangement, each with what its proposals are worked out from. */
    async arranged(sc: SyncContext, today: LocalDate): Promise<ArrangedProject[]> {
      const projects = await arrangedProjects(db, sc);
      if (projects.length === 0) return [];
      const arranged = new Set(projects.map((p) => p.id));
      // Only the arranged projects' time, however old: a retainer's first month may be long ago.
      const others = new Set(sc.transform.projects.map((p) => p.id).filter((id) => !arranged.has(id)));
      const [{ pieces }, rows] = await Promise.all([scanBillable(db, sc, { from: '1970-01-01', to: today }, others), listRows(db, sc.companyId)]);
      return arrangedContexts({ db, sc, today, projects, pieces, rows });
    },

    list: (companyId: string) => listRows(db, companyId),

    get: (id: string) => db.invoices.get(id),

    /** Invoices still waiting for QuickBooks' answer (a crash, a drop, a 503 or an expired token interrupted them). */
    sending: (companyId: string) => db.invoices.where('[companyId+state]').equals([companyId, 'sending']).sortBy('createdAt'),

    /**
     * Each entry's share of the invoices in `currency` that bill it (created, not voided or deleted):
     * what the reconciliation report shows beside the approved amounts.
     */
    async invoicedAmounts(companyId: string, currency: string): Promise<Map<string, number>> {
      const rows = await db.invoices.where('[companyId+state]').equals([companyId, 'created']).toArray();
      const amounts = new Map<string, number>();
      for (const row of rows.filter((r) => !r.ended && r.draft.currency === currency)) {
        for (const { entryId, amountMinor } of row.draft.entryAmounts) if (row.entryIds.includes(entryId)) amounts.set(entryId, (amounts.get(entryId) ?? 0) + amountMinor);
      }
      return amounts;
    },

    /** The invoice (not voided or deleted) that bills an entry, for the lock message. */
    async ofEntry(entryId: string): Promise<InvoiceRow | undefined> {
      return (await db.invoices.where('entryIds').equals(entryId).toArray()).find((r) => !r.ended && r.state !== 'failed');
    },
  };
}

/** What QuickBooks says about an invoice that changes no entry: its current state, a conflict taken over. */
function seenWrites(ctx: RepoContext) {
  const { db } = ctx;
  return {
    /** QuickBooks' current invoice (balance, e-mail status, number…) and any conflict, without touching entries. */
    async saveSeen(id: string, patch: Pick<InvoiceRow, 'qbo'> & { conflict?: InvoiceRow['conflict'] | null }): Promise<void> {
      await db.transaction('rw', db.invoices, async () => {
        const row = await db.invoices.get(id);
        if (!row) return;
        const next: InvoiceRow = { ...row, ...(patch.qbo ? { qbo: patch.qbo } : {}), updatedAt: ctx.now() };
        if (patch.conflict === null) delete next.conflict;
        else if (patch.conflict) next.conflict = patch.conflict;
        await db.invoices.put(next);
      });
    },

    /** The user takes QuickBooks' version of a changed invoice: the conflict closes, later changes compare with it. */
    async accept(id: string): Promise<void> {
      await db.transaction('rw', db.invoices, async () => {
        const row = await db.invoices.get(id);
        if (!row?.qbo) return;
        const next: InvoiceRow = { ...row, accepted: row.qbo, updatedAt: ctx.now() };
        delete next.conflict;
        await db.invoices.put(next);
      });
    },
  };
}

// Long because it holds the four writes that move entries (store, created, not settled, released),
// each a transaction read on its own, sharing the door and the billing-status helper.
export function createInvoiceStore(ctx: RepoContext, entries: EntriesRepo) {
  const { db } = ctx;
  const inDoor = <T>(fn: (tx: EntryTx) => Promise<T>) => entries.transaction([db.invoices, db.expenses], fn).then((r) => r.value);

  /** Records of the keys, with QuickBooks' billing status as it now is. */
  async function setBilling(tx: EntryTx, keys: readonly string[], status: 'Billable' | 'HasBeenBilled'): Promise<void> {
    const at = ctx.now();
    const records = (await tx.db.syncRecords.bulkGet([...keys])).filter((r) => r !== undefined);
    await tx.db.syncRecords.bulkPut(records.map((r) => ({ ...r, billableStatus: status, updatedAt: at })));
  }

  return {
    ...invoiceReads(db),
    ...seenWrites(ctx),
    ...paidWrites(ctx, entries),

    /**
     * Stores new invoices in state 'sending' with their requestids, before anything is sent. Refuses
     * (StaleInvoiceError) when an entry is no longer synced or another invoice took it meanwhile.
     */
    async saveSending(rows: readonly InvoiceRow[]): Promise<void> {
      await inDoor(async (tx) => {
        const taken = await entriesOnInvoices(tx.db, rows[0]?.companyId ?? '');
        const ids = rows.flatMap((r) => r.entryIds);
        const current = await tx.db.entries.bulkGet(ids);
        const changed = current.filter((e, i) => !e || e.status !== 'synced' || taken.has(ids[i]!)).length;
        if (changed > 0) throw new StaleInvoiceError(`${changed === 1 ? 'One entry' : `${changed} entries`} changed since the preview (edited, invoiced or sent again). Preview the invoices again.`);
        await refuseTaken(tx.db, rows);
        await tx.db.invoices.bulkAdd([...rows]);
      });
    },

    /** QuickBooks made the invoice: keep its answer, lock the entries as invoiced and their time as billed. */
    async applyCreated(id: string, qbo: NonNullable<InvoiceRow['qbo']>): Promise<InvoiceRow> {
      return inDoor(async (tx) => {
        const row = await tx.db.invoices.get(id);
        if (!row) throw new Error(`Invoice ${id} is gone`);
        const next: InvoiceRow = { ...row, state: 'created', qboId: qbo.Id, qbo, updatedAt: ctx.now() };
        delete next.lastError;
        await tx.db.invoices.put(next);
        await entries.advanceInTx(tx, new Map(row.entryIds.map((e) => [e, undefined])), 'invoiced');
        await setBilling(tx, row.links.map((l) => l.key), 'HasBeenBilled');
        await setExpenses(tx.db, row.expenseIds ?? [], { state: 'invoiced', invoiceId: row.id }, ctx.now());
        return next;
      });
    },

    /** A try that did not settle: count it and keep the reason; the row stays 'sending' (same requestid) or fails for good. */
    async noteAttempt(id: string, outcome: { failed: boolean; message: string }): Promise<InvoiceRow | undefined> {
      return db.transaction('rw', db.invoices, async () => {
        const row = await db.invoices.get(id);
        if (!row || row.state !== 'sending') return row;
        const next: InvoiceRow = { ...row, attempts: row.attempts + 1, lastError: outcome.message, state: outcome.failed ? 'failed' : 'sending', updatedAt: ctx.now() };
        await db.invoices.put(next);
        return next;
      });
    },

    /**
     * QuickBooks no longer bills some of the invoice's TimeActivities (or all, when the invoice was
     * voided or deleted there): they are Billable again, and their entries go back to synced.
     */
    async release(id: string, released: { timeActivityIds: readonly string[] | 'all'; ended?: 'voided' | 'deleted'; qbo?: InvoiceRow['qbo']; note: string }): Promise<string[]> {
      return inDoor(async (tx) => {
        const row = await tx.db.invoices.get(id);
        if (!row) return [];
        const ids = released.timeActivityIds;
        const gone = ids === 'all' ? row.links : row.links.filter((l) => ids.includes(l.timeActivityId));
        const keys = gone.map((l) => l.key);
        const records = await tx.db.syncRecords.bulkGet(keys);
        const entryIds = records.flatMap((r) => r?.entryIds ?? []).filter((e) => row.entryIds.includes(e));
        await setBilling(tx, keys, 'Billable');
        const moved = await entries.releaseInvoicedInTx(tx, entryIds, released.note);
        if (ids === 'all') await setExpenses(tx.db, row.expenseIds ?? [], { state: 'pushed', invoiceId: null }, ctx.now());
        const next: InvoiceRow = {
          ...row,
          links: row.links.filter((l) => !gone.includes(l)),
          entryIds: row.entryIds.filter((e) => !entryIds.includes(e)),
          ...(released.ended ? { ended: { kind: released.ended, at: ctx.now() } } : {}),
          ...(released.qbo ? { qbo: released.qbo } : {}),
          updatedAt: ctx.now(),
        };
        await tx.db.invoices.put(next);
        return moved;
      });
    },

  };
}

export type InvoiceStore = ReturnType<typeof createInvoiceStore>;

/**
 * Payments only: an invoice paid in full in QuickBooks turns its entries and expenses paid; open
 * again (a payment deleted or changed there), they go back to invoiced. One transaction through the
 * entries' door; only rows in the state being left move.
 */
function paidWrites(ctx: RepoContext, entries: EntriesRepo) {
  const { db } = ctx;
  return {
    async setPaid(id: string, paid: boolean, note: string): Promise<{ entryIds: string[]; expenseIds: string[] }> {
      const { value } = await entries.transaction([db.invoices, db.expenses], async (tx) => {
        const row = await tx.db.invoices.get(id);
        if (!row) return { entryIds: [], expenseIds: [] };
        const entryIds = await entries.setPaidInTx(tx, row.entryIds, paid, note);
        const [from, to] = paid ? (['invoiced', 'paid'] as const) : (['paid', 'invoiced'] as const);
        const linked = await tx.db.expenses.where('invoiceId').equals(id).toArray();
        const listed = (await tx.db.expenses.bulkGet(row.expenseIds ?? [])).filter((e) => e !== undefined);
        const moving = [...new Map([...linked, ...listed].map((e) => [e.id, e])).values()].filter((e) => e.state === from && e.deletedAt === undefined);
        const at = ctx.now();
        await tx.db.expenses.bulkPut(moving.map((e) => ({ ...e, state: to, updatedAt: at })));
        return { entryIds, expenseIds: moving.map((e) => e.id) };
      });
      return value;
    },
  };
}
