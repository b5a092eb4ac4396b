// QuickBooks' invoice as the app keeps it beside its own row (features/invoices/store).
export type QboInvoiceSnapshot = Record<string, unknown> & { Id: string; SyncToken?: string };
