// How the Invoices screen reaches invoicing: App provides a factory that gives one QuickBooks
// company's InvoiceService (null while the database or the company is not ready); tests provide a fake.
import { createContext, useContext, useMemo } from 'react';
import type { InvoiceService } from './invoice-service';

type InvoiceServiceFactory = (companyId: string) => InvoiceService;

export const InvoiceServiceContext = createContext<InvoiceServiceFactory | null>(null);

/** The chosen company's service, the same object while the company stays chosen; null until ready. */
export function useInvoiceService(companyId: string | null): InvoiceService | null {
  const factory = useContext(InvoiceServiceContext);
  return useMemo(() => (factory && companyId ? factory(companyId) : null), [factory, companyId]);
}
