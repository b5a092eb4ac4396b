// The QuickBooks screen: the workspace's companies side by side (one chosen at a time), the chosen
// company's connection, and its tabs (company, mapping, sync, conflicts, audit, reconciliation),
// each about that company only. Adding a company opens the same connect form as the first time;
// a QuickBooks Desktop company (through the Web Connector) is added beside Online ones with its own
// form, and its card shows the Web Connector's side instead of Intuit's consent and reconnect.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import type { QboStatus } from '../../../../shared/ipc/contract';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useRepos } from '../../data/repos-context';
import { ConnectionCard } from './ConnectionCard';
import { DesktopConnectionCard, DesktopSetupForm } from './DesktopConnectionCard';
import { QboTabs } from './QboTabs';
import { useQboTab } from './qbo-tab-store';
import { companyLabel, isDesktop, useQboCompanies } from './use-companies';
import { useDesktopConnections } from './use-desktop-connections';
import './quickbooks.css';
import './qbo-sync.css';

const STATE_WORDS: Record<QboStatus['state'], string> = {
  connected: 'connected',
  connecting: 'connecting…',
  reconnect_required: 'reconnect needed',
  disconnected: 'disconnected',
  error: 'not connected',
};

/** What is being added: an Online company (the connect form) or a Desktop one. */
type Adding = 'online' | 'desktop' | null;

function CompanyBar({ companies, chosen, adding, onChoose, onAdd }: { companies: QboStatus[]; chosen: string | null; adding: Adding; onChoose: (id: string) => void; onAdd: (what: 'online' | 'desktop') => void }) {
  return (
    <nav className="qbo-companies" aria-label="QuickBooks companies">
      {companies.map((c) => (
        <button key={c.companyId} type="button" className="qbo-company-chip" aria-pressed={adding === null && c.companyId === chosen} onClick={() => onChoose(c.companyId)}>
          <span>{companyLabel(c)}</span> <span className={`qbo-company-state ${c.state}`}>{STATE_WORDS[c.state]}</span>
        </button>
      ))}
      <button type="button" className="button" aria-pressed={adding === 'online'} onClick={() => onAdd('online')}>Add a company…</button>
      <button type="button" className="button" aria-pressed={adding === 'desktop'} onClick={() => onAdd('desktop')}>Add QuickBooks Desktop…</button>
    </nav>
  );
}

/** Offered beside connecting QuickBooks Online while the workspace has no company yet. */
function DesktopOffer({ onAdd }: { onAdd: () => void }) {
  return (
    <section className="card" aria-labelledby="qbd-offer-title">
      <h2 id="qbd-offer-title">Books in QuickBooks Desktop?</h2>
      <p className="muted">QuickBooks Desktop Pro, Premier and Enterprise are reached through Intuit's QuickBooks Web Connector on this computer.</p>
      <button type="button" className="button" onClick={onAdd}>Add QuickBooks Desktop…</button>
    </section>
  );
}

function subtitleOf(chosen: QboStatus | null): string {
  if (chosen === null) return 'QuickBooks Online or QuickBooks Desktop';
  if (isDesktop(chosen)) return `${companyLabel(chosen)}, through the QuickBooks Web Connector`;
  if (chosen.state === 'connected') return `Connected to ${companyLabel(chosen)}`;
  return chosen.state === 'reconnect_required' ? `Reconnect ${companyLabel(chosen)} to keep syncing` : `${companyLabel(chosen)} is not connected`;
}

// Long because it is the screen's one layout: the company bar, the card that fits what is chosen or
// being added, and the tabs, each shown only in the states that need it.
export function QuickBooksScreen() {
  const repos = useRepos();
  const { companies, incoming } = useQboCompanies();
  const { connections: desktop, noted } = useDesktopConnections();
  const { companyId, setCompany } = useQboTab();
  const [adding, setAdding] = useState<Adding>(null);
  const chosen = companies?.find((c) => c.companyId === companyId) ?? companies?.[0] ?? null;
  useEffect(() => {
    if (chosen && chosen.companyId !== companyId) setCompany(chosen.companyId);
  }, [chosen, companyId, setCompany]);
  // A company that is being connected (a new one included) shows its progress whatever is chosen.
  const waiting = incoming ?? companies?.find((c) => !isDesktop(c) && (c.awaitingBrowser || c.state === 'connecting')) ?? null;
  const count = companies?.length ?? 0;
  const known = useRef<number | null>(null);
  useEffect(() => {
    if (!companies) return;
    // A company was added (not the list arriving): show it.
    if (known.current !== null && count > known.current) {
      setAdding(null);
      setCompany(companies[companies.length - 1]!.companyId);
    }
    known.current = count;
  }, [count, companies, setCompany]);
  const conflicts = useLiveQuery(async () => (await repos.sync.conflicts('open', companyId)).length, [repos, companyId]);
  // A Desktop company's data is in its mirror whatever the Web Connector is doing, so its tabs stay.
  const withTabs = chosen !== null && (isDesktop(chosen) || chosen.state === 'connected' || chosen.state === 'reconnect_required');

  const card = waiting ?? (adding || chosen === null ? null : chosen);
  const onlineCard = <ConnectionCard status={card} others={count} demoExists={companies?.some((c) => c.environment === 'demo') ?? false} />;
  return (
    <>
      <ScreenHeader title="QuickBooks" subtitle={subtitleOf(chosen)} />
      {count > 0 ? <CompanyBar companies={companies!} chosen={chosen?.companyId ?? null} adding={adding} onChoose={(id) => (setAdding(null), setCompany(id))} onAdd={setAdding} /> : null}
      {companies === null ? (
        <section className="card"><p className="muted">Checking the QuickBooks connection…</p></section>
      ) : adding === 'desktop' && !waiting ? (
        <DesktopSetupForm onCreated={(c) => (noted(c), setAdding(null), setCompany(c.companyId))} />
      ) : card && isDesktop(card) ? (
        <DesktopConnectionCard connection={desktop?.find((d) => d.companyId === card.companyId) ?? null} />
      ) : count === 0 ? (
        <>{onlineCard}<DesktopOffer onAdd={() => setAdding('desktop')} /></>
      ) : onlineCard}
      {/* While QuickBooks asks for a reconnect the tabs stay: what waits, the audit and the mapping are still here. */}
      {!adding && !waiting && withTabs ? <QboTabs badges={{ conflicts: conflicts ?? 0 }} {...(count > 1 && chosen ? { company: companyLabel(chosen) } : {})} /> : null}
    </>
  );
}
