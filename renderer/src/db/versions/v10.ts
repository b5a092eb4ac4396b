import type { Transaction } from 'dexie';
import { isWaiting } from '../entry-rules';
import type { SchemaVersion } from './types';

/**
 * Work still waiting to be billed (`waiting`: drafts, approved time, and synced billable time not
 * yet on an invoice), indexed so the reports' unbilled work and cash forecast read those entries
 * alone, not every synced non-billable entry of the years. Existing entries get the field here.
 */
export const v10: SchemaVersion = {
  version: 10,
  why: 'Index the entries still waiting to be billed.',
  stores: {
    entries: 'id, start, [projectId+start], status, &importKey, deletedAt, running, localDate, [projectId+localDate], trashedAt, waiting',
  },
  upgrade: async (tx: Transaction) => {
    // Only these statuses can be waiting; invoiced and paid entries (most of them) are not touched.
    await tx
      .table('entries')
      .where('status')
      .anyOf(['draft', 'approved', 'synced'])
      .modify((entry: Parameters<typeof isWaiting>[0] & { waiting?: 1 }) => {
        if (isWaiting(entry)) entry.waiting = 1;
      });
  },
};
