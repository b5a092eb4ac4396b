import type { SchemaVersion } from './types';

/**
 * Expenses pushed to QuickBooks as Purchases (by company and state: the push engine resumes a
 * company's unanswered writes; by project and date for the screens), their receipts kept locally,
 * and the payments QuickBooks records against invoices (by company and customer).
 */
export const v9: SchemaVersion = {
  version: 9,
  why: 'Expenses with their receipts, and the payments QuickBooks records against invoices.',
  stores: {
    expenses: 'id, [companyId+state], projectId, localDate, reimburseChargeId, invoiceId',
    receipts: 'id, expenseId',
    payments: 'id, [companyId+customerId], companyId',
  },
};
