// Renders the Invoices screen as App does, with the given fake service behind the context. The
// test file mocks platform/api (the QuickBooks company list) before importing this.
import { render, type RenderResult } from '@testing-library/react';
import { InvoicesScreen } from '../../../renderer/src/features/invoices/InvoicesScreen';
import { InvoiceServiceContext } from '../../../renderer/src/features/invoices/use-invoice-service';
import type { InvoiceService } from '../../../renderer/src/features/invoices/invoice-service';

export function renderScreen(service: InvoiceService, today = '2026-12-04'): RenderResult {
  return render(
    <InvoiceServiceContext.Provider value={() => service}>
      <InvoicesScreen today={today} />
    </InvoiceServiceContext.Provider>,
  );
}

export const connected = (companyId: string, companyName: string) =>
  ({ companyId, state: 'connected', environment: 'custom', realmId: companyId, companyName, message: null, connectedAt: 1, awaitingBrowser: false });
