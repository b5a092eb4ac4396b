// Gives the Invoices screen one InvoiceService per QuickBooks company, built over that company's
// sync port (features/quickbooks/SyncServiceProvider), and keeps invoices following QuickBooks:
// after every finished sync run of a company (scheduled or Sync now) its invoices are refreshed,
// so a voided or paid invoice shows without opening the screen; so they are at start and every
// hour, which also makes a retainer invoice the user asked to be created without asking on the day
// it falls due, even when nobody syncs. Mounted once, inside the sync services' provider.
import { useEffect, useMemo, type ReactNode } from 'react';
import { today } from '../../app/clock';
import { useRepos } from '../../data/repos-context';
import { useSyncServices } from '../quickbooks/SyncServiceProvider';
import { isDesktop, useQboCompanies } from '../quickbooks/use-companies';
import { createInvoiceService } from './engine/service';
import type { InvoiceService } from './invoice-service';
import { InvoiceServiceContext } from './use-invoice-service';

const HOUR = 60 * 60 * 1000;

/** One service per company, made on first use. */
function perCompany(make: (companyId: string) => InvoiceService): (companyId: string) => InvoiceService {
  const services = new Map<string, InvoiceService>();
  return (companyId) => {
    let service = services.get(companyId);
    if (!service) services.set(companyId, (service = make(companyId)));
    return service;
  };
}

export function InvoiceServiceProvider({ children }: { children: ReactNode }) {
  const repos = useRepos();
  const syncs = useSyncServices();
  const factory = useMemo(() => perCompany((companyId) => createInvoiceService({ repos, port: syncs.of(companyId).port, today: () => today() })), [repos, syncs]);
  const { companies } = useQboCompanies();
  useEffect(() => {
    const stops = (companies ?? []).filter((c) => c.state === 'connected' && !isDesktop(c)).map((c) =>
      syncs.of(c.companyId).ui.subscribe((state, previous) => {
        if (state.lastRunAt !== null && state.lastRunAt !== previous.lastRunAt) void factory(c.companyId).refresh().catch(() => {});
      }),
    );
    return () => stops.forEach((stop) => stop());
  }, [companies, syncs, factory]);
  const connected = (companies ?? []).filter((c) => c.state === 'connected' && !isDesktop(c)).map((c) => c.companyId).join();
  useEffect(() => {
    const refreshAll = () => connected.split(',').filter(Boolean).forEach((id) => void factory(id).refresh().catch(() => {}));
    refreshAll();
    const timer = setInterval(refreshAll, HOUR);
    return () => clearInterval(timer);
  }, [connected, factory]);
  return <InvoiceServiceContext.Provider value={factory}>{children}</InvoiceServiceContext.Provider>;
}
