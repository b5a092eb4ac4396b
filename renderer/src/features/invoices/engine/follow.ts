// Following QuickBooks after an invoice is made: someone may void it, delete it, take time off it or
// change its lines there. Change data capture on Invoice says what changed since the last look (it
// looks back 30 days at most; after a longer pause each open invoice is read by its Id). A voided or
// deleted invoice releases its time: QuickBooks holds it as unbilled again, and so does the app. Time
// taken off an invoice is released the same way. Other changes to the lines are kept as a conflict
// with both sides in words until the user accepts QuickBooks' version. Balance, number and e-mail
// status are simply taken. Nothing is written to QuickBooks here.
import { compareInvoice, invoiceStatus, statusFields, type QboInvoiceLike } from '../../../../../shared/invoice/follow';
import type { LocalDate } from '../../../../../shared/time/local-date';
import type { InvoiceRow } from '../../../db/schema';
import type { QboPort } from '../../quickbooks/engine/qbo-port';
import type { QboMirrorRepo } from '../../quickbooks/store/mirror-repo';
import type { QboInvoice } from '../../../../../shared/qbo/types';
import type { InvoiceStore } from '../store/invoice-store';

export interface FollowDeps {
  store: InvoiceStore;
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

/** An invoice as CDC or a read gives it; a deleted one is only its Id with status 'Deleted'. */
type Seen = QboInvoice & { status?: string };

/** What QuickBooks now holds for the open invoices: by CDC when the last look is recent, else one read each. */
async function changedInvoices(open: readonly InvoiceRow[], deps: FollowDeps): Promise<Seen[]> {
  const since = await deps.mirror.getState<number>(WATERMARK);
  if (since !== undefined && deps.now() - since < CDC_WINDOW_MS) {
    const changes = await deps.port.changes(['Invoice'], new Date(since - OVERLAP_MS).toISOString());
    return (changes['Invoice'] ?? []) as unknown as Seen[];
  }
  const seen: Seen[] = [];
  for (const row of open) {
    const inv = await deps.port.read('Invoice', row.qboId!);
    seen.push(inv ?? ({ Id: row.qboId!, status: 'Deleted' } as Seen));
  }
  return seen;
}

async function followOne(row: InvoiceRow, inv: Seen, deps: FollowDeps): Promise<void> {
  const number = inv.DocNumber ?? row.qbo?.DocNumber ?? row.qboId;
  if (inv.status === 'Deleted') {
    await deps.store.release(row.id, { timeActivityIds: 'all', ended: 'deleted', note: `Invoice ${String(number)} was deleted in QuickBooks` });
    return;
  }
  if (invoiceStatus(statusFields(inv), deps.today()) === 'voided') {
    await deps.store.release(row.id, { timeActivityIds: 'all', ended: 'voided', qbo: inv, note: `Invoice ${String(number)} was voided in QuickBooks` });
    return;
  }
  const baseline: QboInvoiceLike = row.accepted ?? row.draft.payload;
  const { differences, released } = compareInvoice(baseline, inv, row.draft.currency);
  if (released.length > 0) await deps.store.release(row.id, { timeActivityIds: released, note: `Taken off invoice ${String(number)} in QuickBooks` });
  await deps.store.saveSeen(row.id, { qbo: inv, conflict: differences.length > 0 ? { differences, seenAt: deps.now() } : null });
}

/** Reads what changed in QuickBooks for this company's invoices and applies it. */
export async function followInvoices(companyId: string, deps: FollowDeps): Promise<void> {
  const open = (await deps.store.list(companyId)).filter((r) => r.state === 'created' && r.qboId && !r.ended);
  const startedAt = deps.now();
  if (open.length > 0) {
    const byQboId = new Map(open.map((r) => [r.qboId!, r]));
    for (const inv of await changedInvoices(open, deps)) {
      const row = byQboId.get(String(inv.Id));
      if (row) await followOne(row, inv, deps);
    }
  }
  await deps.mirror.setState(WATERMARK, startedAt);
}
