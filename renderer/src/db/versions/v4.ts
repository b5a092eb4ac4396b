import type { SchemaVersion } from './types';

/**
 * QuickBooks Online: the outbox the sync engine drains, what QuickBooks holds per key (sync records),
 * batch plans persisted before they are sent (so a retry resends the identical batch with the same
 * requestid), the sync audit trail, conflicts waiting for the user, and a local mirror of the
 * company's customers, items, employees, vendors and classes for mapping and pre-flight checks.
 */
export const v4: SchemaVersion = {
  version: 4,
  why: 'QuickBooks sync: outbox, sync records, batch plans, audit, conflicts and the QBO mirror.',
  stores: {
    outbox: 'id, key, state, batchId, createdAt',
    syncRecords: 'key, qboId',
    batchPlans: 'batchId, state, createdAt',
    syncAudit: 'id, at, requestId, outcome',
    conflicts: 'id, key, status',
    qboEntities: '[kind+id], kind',
    qboState: 'key',
  },
};
