// How the repository applies shared/entries' locking to a confirmed edit. shared/entries says an
// approved (or later) entry is locked; the app asks before changing approved or synced time. These
// functions are that policy, in one place.
import type { EntryRow, EntryStatus } from './schema';

/** Statuses the user may edit after confirming. */
const CONFIRM_TO_EDIT: ReadonlySet<EntryStatus> = new Set(['approved', 'synced']);
/** Statuses whose time is on an invoice: editing would silently change what was billed. */
const FROZEN: ReadonlySet<EntryStatus> = new Set(['invoiced', 'paid']);

export type EditPermission = 'free' | 'confirm' | 'frozen';

/**
 * Time billed in another product and imported as invoiced: QuickBooks never got it from us, so
 * deleting it (the wrong file imported) changes no invoice here. Its times stay frozen.
 */
export const billedElsewhere = (row: Pick<EntryRow, 'status' | 'imported'>): boolean =>
  row.status === 'invoiced' && row.imported?.status === 'invoiced';

export function editPermission(status: EntryStatus): EditPermission {
  if (FROZEN.has(status)) return 'frozen';
  if (CONFIRM_TO_EDIT.has(status)) return 'confirm';
  return 'free';
}

/**
 * Status after a confirmed edit of a locked entry. The edit invalidates the approval (the user approved
 * different numbers), so it returns to draft unless the caller says the user re-approved in the same
 * step (`keepApproved`). A synced entry that keeps its approval becomes 'approved' again: the edited
 * version has not been synced yet.
 */
export function statusAfterEdit(status: EntryStatus, keepApproved: boolean): EntryStatus {
  if (editPermission(status) === 'free') return status;
  return keepApproved ? 'approved' : 'draft';
}

/**
 * In the trash, with QuickBooks still holding its time because the hold has not ended: for sync, such
 * an entry still holds its key, as it did before it was deleted.
 */
export const heldInQbo = (e: EntryRow): boolean => e.deletedAt != null && e.qboHold !== undefined && e.qboHold.releasedAt === undefined;

/**
 * Work still waiting to be billed: a draft or approved entry (billable or not: someone still has to
 * look at it), or synced billable time not yet on an invoice. Live entries only. Stored as the
 * indexed `waiting` field (v10) by the one place rows are written (entry-writes.ts).
 */
export const isWaiting = (e: Pick<EntryRow, 'status' | 'billable' | 'deletedAt'>): boolean =>
  e.deletedAt == null && (e.status === 'draft' || e.status === 'approved' || (e.status === 'synced' && e.billable));
