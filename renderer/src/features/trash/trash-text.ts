// What the delete question, the undo notice and the trash say, in one place: each names what
// happens in QuickBooks, with the instant its hold ends (repos/trash-repo.ts) in the viewer's format.
import { formatTimeRange, formatWeekdayTime } from '../../../../shared/time/display';
import { NotFoundError } from '../../db/errors';
import { heldInQbo } from '../../db/repos';
import { TRASH_KEEP_DAYS } from '../../db/repos/trash-repo';
import type { EntryRow } from '../../db/schema';

/** "09:00–10:00 Acme · Website": how a notice names an entry. */
export function entryName(e: Pick<EntryRow, 'start' | 'end'>, label: string, zone: string): string {
  return `${formatTimeRange(e.start, e.end, zone)} ${label}`;
}

/**
 * The one question before a delete. `holdUntil` is when QuickBooks would delete its copy: set when
 * QuickBooks holds (or may hold) the entry's time, null when nothing of it left this machine.
 */
export function deleteQuestion(e: Pick<EntryRow, 'status'>, holdUntil: number | null, zone: string): { title: string; body: string } {
  const title = e.status === 'approved' || e.status === 'synced' ? `Delete this ${e.status} entry?` : 'Delete this entry?';
  if (holdUntil !== null) {
    const where = e.status === 'synced' ? 'It is in QuickBooks.' : 'It may already be in QuickBooks.';
    return {
      title,
      body: `${where} It moves to the trash, and QuickBooks keeps it until ${formatWeekdayTime(holdUntil, zone)} or until you empty the trash; the first sync after that deletes it there. Restore it before then and nothing changes in QuickBooks.`,
    };
  }
  if (e.status === 'approved') {
    return { title, body: 'It has not been sent to QuickBooks yet, so deleting it cancels the send. It moves to the trash; restore it and it is approved and queued again.' };
  }
  return { title, body: `It moves to the trash, where you can restore it for ${TRASH_KEEP_DAYS} days. The audit log keeps its history.` };
}

/** "Deleted 09:00–10:00 Acme · Website. QuickBooks keeps it until Fri 14:05." */
export function undoText(name: string, holdUntil: number | null, zone: string): string {
  return `Deleted ${name}.${holdUntil !== null ? ` QuickBooks keeps it until ${formatWeekdayTime(holdUntil, zone)}.` : ''}`;
}

/** What QuickBooks holds of a trashed entry, for its row in the trash. */
export function qboLine(e: EntryRow, now: number, zone: string): { text: string; held: boolean } {
  if (heldInQbo(e)) {
    const until = e.qboHold!.until;
    const when = until > now ? `Still in QuickBooks until ${formatWeekdayTime(until, zone)}` : 'Still in QuickBooks; the next sync deletes it there';
    return { text: `${when}. Restoring it now changes nothing there.`, held: true };
  }
  if (e.qboHold) return { text: 'QuickBooks no longer keeps it. Restored, it comes back as a draft; approve it to send it again.', held: false };
  if (e.status === 'approved') return { text: 'Never reached QuickBooks. Restoring it approves and queues it again.', held: false };
  return { text: 'Not in QuickBooks.', held: false };
}

/** Why a restore did not happen, in the user's words. */
export function restoreFailure(e: unknown): string {
  if (e instanceof NotFoundError) return 'This entry is no longer in the trash, so it cannot be restored.';
  return e instanceof Error ? `Not restored: ${e.message}` : 'Not restored.';
}
