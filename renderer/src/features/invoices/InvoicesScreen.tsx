// The Invoices screen, opened at month end: the unbilled approved time of a period for one
// QuickBooks company, a preview of the invoices it makes, creating them in QuickBooks, the
// overtime and holiday rates, and the invoices made so far.
import { useState } from 'react';
import type { QboStatus } from '../../../../shared/ipc/contract';
import { EmptyState } from '../../components/EmptyState';
import { ScreenHeader } from '../../components/ScreenHeader';
import { today as clockToday } from '../../app/clock';
import { useUi } from '../../app/ui-store';
import { companyLabel, isDesktop, useQboCompanies } from '../quickbooks/use-companies';
import type { DateRange, InvoiceService } from './invoice-service';
import { InvoiceList } from './InvoiceList';
import { MultipliersPanel } from './MultipliersPanel';
import { PeriodPicker, usePeriod } from './PeriodPicker';
import { ArrangementsSection } from './ArrangementsSection';
import { PreviewSection, type PreviewTarget } from './PreviewSection';
import { UnbilledSection } from './UnbilledSection';
import { useInvoiceService } from './use-invoice-service';
import { useLoad } from './use-load';
import '../quickbooks/quickbooks.css';
import '../quickbooks/qbo-sync.css';
import './invoices.css';

function CompanyChips({ companies, chosen, onChoose }: { companies: QboStatus[]; chosen: string; onChoose: (id: string) => void }) {
  return (
    <nav className="qbo-companies" aria-label="QuickBooks companies">
      {companies.map((c) => (
        <button key={c.companyId} type="button" className="qbo-company-chip" aria-pressed={c.companyId === chosen} onClick={() => onChoose(c.companyId)}>{companyLabel(c)}</button>
      ))}
    </nav>
  );
}

function Billing({ service, range }: { service: InvoiceService; range: DateRange }) {
  const [version, setVersion] = useState(0);
  const [previewing, setPreviewing] = useState<PreviewTarget | null>(null);
  const unbilled = useLoad(() => service.unbilled(range), JSON.stringify([service.companyId, range, version]));
  const changed = () => setVersion((v) => v + 1);
  return (
    <>
      {unbilled.error ? <p role="alert" className="banner error">The unbilled time could not be read: {unbilled.error}</p> : null}
      <ArrangementsSection service={service} version={version} onPreview={(keys) => setPreviewing({ arrangements: keys })} />
      {unbilled.data ? <UnbilledSection key={JSON.stringify(range)} view={unbilled.data} onPreview={(ids) => setPreviewing({ customers: ids })} /> : unbilled.error ? null : <p className="card muted">Reading the unbilled time…</p>}
      {previewing ? <PreviewSection key={JSON.stringify(previewing)} service={service} range={range} target={previewing} version={version} onCreated={changed} /> : null}
      <MultipliersPanel service={service} />
      <InvoiceList service={service} version={version} onRefreshed={changed} />
    </>
  );
}

function NotConnected() {
  const go = useUi((s) => s.go);
  return (
    <EmptyState icon="invoices" title="Connect QuickBooks to make invoices" action={<button type="button" className="button primary" onClick={() => go('quickbooks')}>Open QuickBooks</button>}>
      <p>Invoices are made in QuickBooks Online from the approved time you sync there.</p>
    </EmptyState>
  );
}

/** `today` is the clock's unless a test gives one. */
export function InvoicesScreen({ today = clockToday() }: { today?: string }) {
  const { companies } = useQboCompanies();
  const [companyId, setCompanyId] = useState<string | null>(null);
  // QuickBooks Desktop companies cannot be invoiced from here yet (their time goes through the Web Connector).
  const usable = (companies ?? []).filter((c) => !isDesktop(c) && (c.state === 'connected' || c.state === 'reconnect_required'));
  const desktop = (companies ?? []).filter(isDesktop);
  const chosen = usable.find((c) => c.companyId === companyId) ?? usable[0] ?? null;
  const service = useInvoiceService(chosen?.companyId ?? null);
  const period = usePeriod(today);
  const subtitle = chosen ? `Bill approved time in ${companyLabel(chosen)}` : 'Bill approved time in QuickBooks';
  return (
    <>
      <ScreenHeader title="Invoices" subtitle={subtitle} actions={<PeriodPicker period={period} />} />
      {usable.length > 1 && chosen ? <CompanyChips companies={usable} chosen={chosen.companyId} onChoose={setCompanyId} /> : null}
      {desktop.length > 0 ? <p className="muted">Not listed: {desktop.map(companyLabel).join(', ')}. Track Nexus cannot make invoices in QuickBooks Desktop yet; the time synced there can be invoiced in QuickBooks Desktop itself.</p> : null}
      {chosen?.state === 'reconnect_required' ? <p role="alert" className="banner error">QuickBooks asks you to reconnect {companyLabel(chosen)}; until then invoices cannot be created or read.</p> : null}
      {companies === null ? <p className="card muted">Checking the QuickBooks connection…</p>
        : chosen === null ? <NotConnected />
        : service === null ? <p className="card muted">Getting invoicing ready…</p>
        : period.range ? <Billing key={service.companyId} service={service} range={period.range} />
        : <p className="card error" role="alert">{period.error}</p>}
    </>
  );
}
