import type { Transaction } from 'dexie';
import { companyOfName } from '../../../../shared/qbo/company';
import type { SchemaVersion } from './types';

/**
 * Several QuickBooks companies: each company's engine picks its own pending rows. The company is in
 * the key (a suffix, shared/qbo/company.ts), which an index cannot range over, so each row also
 * carries it (`companyId`, set with the key), indexed with the state. Reading every pending row
 * and filtering cost 75–200 ms per look with 10,000 rows waiting; the index reads only the
 * company's. Rows from before are all the primary company's.
 */
export const v7: SchemaVersion = {
  version: 7,
  why: "Index outbox rows by their QuickBooks company and state, so each company's engine reads only its own.",
  stores: {
    outbox: 'id, key, state, batchId, createdAt, *entryIds, [companyId+state]',
  },
  upgrade: async (tx: Transaction) => {
    await tx
      .table('outbox')
      .toCollection()
      .modify((row: { key: string; companyId?: string }) => {
        row.companyId = companyOfName(row.key);
      });
  },
};
