import type { Transaction } from 'dexie';
import type { SchemaVersion } from './types';

/**
 * The trash: deleted entries are recoverable for 30 days. `trashedAt` is set only while an entry is
 * in the trash, so the trash (and the 30-day purge) is one index range however many tombstones the
 * years leave behind. Entries deleted before this version were promised a trash ("It moves to the
 * trash"): they enter it as of their deletion, except the zero-length timers a stop deleted (they
 * measured nothing). Their QuickBooks deletes were already planned then, so they hold nothing there.
 */
export const v6: SchemaVersion = {
  version: 6,
  why: 'The trash: index the entries that are in it.',
  stores: {
    entries: 'id, start, [projectId+start], status, &importKey, deletedAt, running, localDate, [projectId+localDate], trashedAt',
  },
  upgrade: async (tx: Transaction) => {
    await tx
      .table('entries')
      .where('deletedAt')
      .above(0)
      .modify((entry: { start: number; end: number | null; deletedAt: number; trashedAt?: number }) => {
        if (entry.end !== null && entry.end - entry.start <= 1) return;
        entry.trashedAt = entry.deletedAt;
      });
  },
};
