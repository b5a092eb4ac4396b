import type { SchemaVersion } from './types';

/**
 * Invoices made from synced time (features/invoices): one row per invoice, stored with its requestid
 * before it is first sent, so a crash or a dropped connection resends the same request and
 * QuickBooks answers the first invoice again instead of making a second. Indexed by company and
 * state (the engine resumes a company's unsent invoices), by QuickBooks Id (following changes made
 * there) and by the entries it bills (an entry's invoice, for the lock message).
 */
export const v8: SchemaVersion = {
  version: 8,
  why: 'Invoices created in QuickBooks from synced time, with the entries each one bills.',
  stores: {
    invoices: 'id, [companyId+state], qboId, *entryIds, createdAt',
  },
};
