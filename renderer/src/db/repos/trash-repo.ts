// The trash: deleted entries stay recoverable for TRASH_KEEP_MS. A delete (repos.entries.delete)
// keeps the row with its status and puts it here; time QuickBooks holds stays there untouched for
// QBO_HOLD_MS (the hold, EntryRow.qboHold), during which sync planning sees the entry as it was, so
// restoring it writes nothing to QuickBooks. The hold ends, and the QuickBooks delete is planned
// through the same door as any other entry change (repos.entries), when the trash is emptied,
// the entry is deleted forever, it is purged after TRASH_KEEP_MS, or the engine's planning step finds
// the hold's time has come (releaseDueHolds). An entry whose hold ended comes back as a draft.
import type { RepoContext } from '../context';
import { heldInQbo } from '../entry-rules';
import type { AuditActor, EntryRow } from '../schema';
import type { EntriesRepo } from './entries-repo';

/** How long QuickBooks keeps time the user deleted here, unless the trash is emptied first. */
export const QBO_HOLD_MS = 24 * 60 * 60 * 1000;
/** How long a deleted entry stays in the trash: elapsed time (30 × 24 h), not calendar days. */
export const TRASH_KEEP_DAYS = 30;
export const TRASH_KEEP_MS = TRASH_KEEP_DAYS * 24 * 60 * 60 * 1000;

export interface RestoreResult {
  restored: EntryRow[];
  /** Outbox rows planned: an approved entry that never reached QuickBooks is queued again. */
  planned: number;
}

export function createTrashRepo(ctx: RepoContext, deps: { entries: EntriesRepo }) {
  const { db } = ctx;
  const trashed = () => db.entries.where('trashedAt').above(0);

  /**
   * Ends the holds of the entries `pick` chooses among the trash (and, with `purge`, takes them out
   * of it) and plans QuickBooks for them, in one transaction. A cheap look first: the engine calls
   * this on every run.
   */
  async function endHolds(pick: (rows: EntryRow[]) => EntryRow[], opts: { purge: boolean; actor: AuditActor; note: string }): Promise<EntryRow[]> {
    if (pick(await trashed().toArray()).length === 0) return [];
    const { value } = await deps.entries.transaction([], async (tx) => {
      const rows = pick(await trashed().toArray());
      return rows.length === 0 ? [] : deps.entries.endHoldInTx(tx, rows, opts);
    });
    return value;
  }

  const purge = (pick: (rows: EntryRow[]) => EntryRow[], actor: AuditActor, note: string) => endHolds(pick, { purge: true, actor, note });

  return {
    /** The trash, most recently deleted first. */
    async list(): Promise<EntryRow[]> {
      return trashed().reverse().toArray();
    },

    async count(): Promise<number> {
      return trashed().count();
    },

    /**
     * Brings entries back from the trash, same id and status, and plans QuickBooks in the same
     * transaction. Within the hold that plans nothing (QuickBooks still holds the time as it was);
     * an approved entry whose create was cancelled is queued again; an entry whose hold ended is a
     * draft already (endHoldInTx) and waits to be approved again.
     */
    async restore(ids: string[]): Promise<RestoreResult> {
      const { value: restored, plan } = await deps.entries.transaction([], async (tx) => {
        const rows: EntryRow[] = [];
        for (const id of ids) rows.push(await deps.entries.restoreInTx(tx, id));
        return rows;
      });
      return { restored, planned: plan.planned };
    },

    /** "Delete forever": these entries leave the trash for good; QuickBooks' copy is deleted at the next sync. */
    deleteForever(ids: string[]): Promise<EntryRow[]> {
      const chosen = new Set(ids);
      return purge((rows) => rows.filter((e) => chosen.has(e.id)), 'user', 'Deleted forever from the trash.');
    },

    /** Empties the trash; QuickBooks deletes what it still held at the next sync. */
    empty(): Promise<EntryRow[]> {
      return purge((rows) => rows, 'user', 'Deleted forever: the trash was emptied.');
    },

    /** The automatic purge: entries deleted TRASH_KEEP_MS ago or earlier leave the trash for good. */
    purgeExpired(): Promise<EntryRow[]> {
      const cutoff = ctx.now() - TRASH_KEEP_MS;
      return purge((rows) => rows.filter((e) => e.trashedAt! <= cutoff), 'system', `Deleted for good after ${TRASH_KEEP_DAYS} days in the trash.`);
    },

    /**
     * The engine's planning step for the trash: entries whose hold's time has come go back to draft
     * (they stay in the trash) and their QuickBooks delete, or the update of their aggregate, is
     * planned now.
     */
    releaseDueHolds(): Promise<EntryRow[]> {
      const now = ctx.now();
      return endHolds((rows) => rows.filter((e) => heldInQbo(e) && e.qboHold!.until <= now), {
        purge: false,
        actor: 'sync',
        note: 'The hold ended: the next sync deletes this time from QuickBooks.',
      });
    },
  };
}
