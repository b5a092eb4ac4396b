// The payments QuickBooks records against invoices, each kept as last seen (what it pays per invoice,
// what it leaves unapplied, whether it was deleted there). Read only: nothing here goes to QuickBooks.
import type { SeenPayment } from '../../../../../shared/invoice/payments';
import type { RepoContext } from '../../../db/context';
import type { PaymentRow } from '../../../db/schema';

/** What a save changed: payments newly deleted, and the QuickBooks invoices whose payments changed. */
export interface PaymentChanges {
  deleted: PaymentRow[];
  invoiceQboIds: Set<string>;
}

const rowId = (companyId: string, qboId: string) => `${companyId}:${qboId}`;
const sameApplied = (a: PaymentRow['applied'], b: PaymentRow['applied']) => JSON.stringify(a) === JSON.stringify(b);

export function createPaymentStore(ctx: RepoContext) {
  const { db } = ctx;
  return {
    /** Every payment of the company as last seen, deleted ones included. */
    list: (companyId: string): Promise<PaymentRow[]> => db.payments.where('companyId').equals(companyId).toArray(),

    /**
     * Keeps what QuickBooks now says: `seen` as read, `deletedQboIds` deleted there (a payment never
     * seen before is not kept: there is nothing to tell about it). One transaction.
     */
    async save(companyId: string, seen: readonly SeenPayment[], deletedQboIds: readonly string[]): Promise<PaymentChanges> {
      return db.transaction('rw', db.payments, async () => {
        const changes: PaymentChanges = { deleted: [], invoiceQboIds: new Set() };
        const touch = (row: PaymentRow | undefined) => row?.applied.forEach((a) => changes.invoiceQboIds.add(a.invoiceQboId));
        const at = ctx.now();
        const before = await db.payments.bulkGet([...seen.map((p) => rowId(companyId, p.qboId)), ...deletedQboIds.map((id) => rowId(companyId, id))]);
        const rows: PaymentRow[] = seen.map((p, i) => {
          const old = before[i];
          const row: PaymentRow = { ...p, id: rowId(companyId, p.qboId), companyId, updatedAt: at };
          if (!old || old.deleted || !sameApplied(old.applied, row.applied)) [old, row].forEach(touch);
          return row;
        });
        for (const old of before.slice(seen.length)) {
          if (!old || old.deleted) continue;
          const row: PaymentRow = { ...old, deleted: true, updatedAt: at };
          changes.deleted.push(row);
          touch(old);
          rows.push(row);
        }
        await db.payments.bulkPut(rows);
        return changes;
      });
    },
  };
}

export type PaymentStore = ReturnType<typeof createPaymentStore>;
