import type { SchemaVersion } from './types';

/**
 * Which sync records and outbox rows hold an entry, by index: planning an approval (and asking
 * before a delete) looks up the keys an entry was sent or queued under. Without the index that was
 * a scan of every sync record, which grows with every entry ever synced (20,000 records: 300 ms per
 * approval in the store the tests use).
 */
export const v5: SchemaVersion = {
  version: 5,
  why: 'Index sync records and outbox rows by the entries they hold (multi-entry).',
  stores: {
    outbox: 'id, key, state, batchId, createdAt, *entryIds',
    syncRecords: 'key, qboId, *entryIds',
  },
};
