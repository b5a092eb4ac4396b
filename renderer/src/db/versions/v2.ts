import type { Transaction } from 'dexie';
import { isValidZone, localDate } from '../../../../shared/time/zone';
import type { SchemaVersion } from './types';

/**
 * Stores each entry's local start date (in the zone it was recorded in) and indexes it, so a day,
 * week or month is one index range instead of instant ranges that depend on the viewer's zone, and
 * the timesheet groups by a field instead of formatting every entry's date on each render.
 */
export const v2: SchemaVersion = {
  version: 2,
  why: 'Denormalise the local start date onto entries for the day/week/month views and the timesheet.',
  stores: {
    entries: 'id, start, [projectId+start], status, &importKey, deletedAt, running, localDate, [projectId+localDate]',
  },
  upgrade: async (tx: Transaction) => {
    await tx
      .table('entries')
      .toCollection()
      .modify((entry: { start: number; zone: string; localDate?: string }) => {
        entry.localDate = localDateForUpgrade(entry.start, entry.zone);
      });
  },
};

/**
 * A zone this runtime no longer knows (or a corrupt row) must not stop the database from opening:
 * such an entry is dated in UTC and keeps its recorded zone, so nothing measured is lost.
 */
function localDateForUpgrade(start: number, zone: string): string {
  return localDate(start, isValidZone(zone) ? zone : 'UTC');
}
