// The QuickBooks screen: the workspace's companies side by side (one chosen at a time), the chosen
// company's connection, and its tabs (company, mapping, sync, conflicts, audit, reconciliation),
// each about that company only. Adding a company opens the same connect form as the first time.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import type { QboStatus } from '../../../../shared/ipc/contract';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useRepos } from '../../data/repos-context';
import { ConnectionCard } from './ConnectionCard';
import { QboTabs } from './QboTabs';
import { useQboTab } from './qbo-tab-store';
import { companyLabel, useQboCompanies } from './use-companies';
import './quickbooks.css';
import './qbo-sync.css';

const STATE_WORDS: Record<QboStatus['state'], string> = {
  connected: 'connected',
  connecting: 'connecting…',
  reconnect_required: 'reconnect needed',
  disconnected: 'disconnected',
  error: 'not connected',
};

function CompanyBar({ companies, chosen, adding, onChoose, onAdd }: { companies: QboStatus[]; chosen: string | null; adding: boolean; onChoose: (id: string) => void; onAdd: () => void }) {
  return (
    <nav className="qbo-companies" aria-label="QuickBooks companies">
      {companies.map((c) => (
        <button key={c.companyId} type="button" className="qbo-company-chip" aria-pressed={!adding && c.companyId === chosen} onClick={() => onChoose(c.companyId)}>
          <span>{companyLabel(c)}</span> <span className={`qbo-company-state ${c.state}`}>{STATE_WORDS[c.state]}</span>
        </button>
      ))}
      <button type="button" className="button" aria-pressed={adding} onClick={onAdd}>Add a company…</button>
    </nav>
  );
}

export function QuickBooksScreen() {
  const repos = useRepos();
  const { companies, incoming } = useQboCompanies();
  const { companyId, setCompany } = useQboTab();
  const [adding, setAdding] = useState(false);
  const chosen = companies?.find((c) => c.companyId === companyId) ?? companies?.[0] ?? null;
  useEffect(() => {
    if (chosen && chosen.companyId !== companyId) setCompany(chosen.companyId);
  }, [chosen, companyId, setCompany]);
  // A company that is being connected (a new one included) shows its progress whatever is chosen.
  const waiting = incoming ?? companies?.find((c) => c.awaitingBrowser || c.state === 'connecting') ?? null;
  const count = companies?.length ?? 0;
  const known = useRef<number | null>(null);
  useEffect(() => {
    if (!companies) return;
    // A company was added (not the list arriving): show it.
    if (known.current !== null && count > known.current) {
      setAdding(false);
      setCompany(companies[companies.length - 1]!.companyId);
    }
    known.current = count;
  }, [count, companies, setCompany]);
  const conflicts = useLiveQuery(async () => (await repos.sync.conflicts('open', companyId)).length, [repos, companyId]);
  const connected = chosen?.state === 'connected';
  const reconnect = chosen?.state === 'reconnect_required';

  const subtitle = chosen === null ? 'QuickBooks Online' : connected ? `Connected to ${companyLabel(chosen)}` : reconnect ? `Reconnect ${companyLabel(chosen)} to keep syncing` : `${companyLabel(chosen)} is not connected`;
  const card = waiting ?? (adding || chosen === null ? null : chosen);
  return (
    <>
      <ScreenHeader title="QuickBooks" subtitle={subtitle} />
      {count > 0 ? <CompanyBar companies={companies!} chosen={chosen?.companyId ?? null} adding={adding} onChoose={(id) => (setAdding(false), setCompany(id))} onAdd={() => setAdding(true)} /> : null}
      {companies === null ? (
        <section className="card"><p className="muted">Checking the QuickBooks connection…</p></section>
      ) : (
        <ConnectionCard status={card} others={count} demoExists={companies.some((c) => c.environment === 'demo')} />
      )}
      {/* While QuickBooks asks for a reconnect the tabs stay: what waits, the audit and the mapping are still here. */}
      {!adding && !waiting && (connected || reconnect) ? <QboTabs badges={{ conflicts: conflicts ?? 0 }} {...(count > 1 && chosen ? { company: companyLabel(chosen) } : {})} /> : null}
    </>
  );
}
