// The QuickBooks screen's sections once connected, behind an in-page tab strip (WAI-ARIA tabs:
// arrow keys move between tabs, only the selected tab is in the tab order). Which tab is open is
// transient UI state (qbo-tab-store.ts).
import { useRef, type ComponentType, type KeyboardEvent } from 'react';
import { AuditSection } from './AuditSection';
import { CompanySection } from './CompanySection';
import { ConflictsSection } from './ConflictsSection';
import { MappingSection } from './MappingSection';
import { ReconciliationSection } from './ReconciliationSection';
import { SyncSection } from './SyncSection';
import { useQboTab, type QboTabId } from './qbo-tab-store';

const QBO_TABS: ReadonlyArray<{ id: QboTabId; label: string; View: ComponentType }> = [
  { id: 'company', label: 'Company', View: CompanySection },
  { id: 'mapping', label: 'Mapping', View: MappingSection },
  { id: 'sync', label: 'Sync', View: SyncSection },
  { id: 'conflicts', label: 'Conflicts', View: ConflictsSection },
  { id: 'audit', label: 'Audit', View: AuditSection },
  { id: 'reconciliation', label: 'Reconciliation', View: ReconciliationSection },
];

/** `company`: named above the tabs when the workspace has several, so every tab says whose it is. */
export function QboTabs({ badges = {}, company }: { badges?: Partial<Record<QboTabId, number>>; company?: string }) {
  const { tab, setTab } = useQboTab();
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const current = QBO_TABS.find((t) => t.id === tab) ?? QBO_TABS[0]!;
  const onKey = (e: KeyboardEvent) => {
    const i = QBO_TABS.findIndex((t) => t.id === tab);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? QBO_TABS.length - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const t = QBO_TABS[(next + QBO_TABS.length) % QBO_TABS.length]!;
    setTab(t.id);
    refs.current[t.id]?.focus();
  };
  const View = current.View;
  return (
    <div className="qbo-tabs">
      {company ? <p className="qbo-company-caption">Mapping, sync, conflicts, audit and reconciliation of <strong>{company}</strong></p> : null}
      <div role="tablist" aria-label="QuickBooks" className="qbo-tablist" onKeyDown={onKey}>
        {QBO_TABS.map((t) => (
          <button key={t.id} ref={(el) => { refs.current[t.id] = el; }} type="button" role="tab" id={`qbo-tab-${t.id}`} aria-controls={`qbo-panel-${t.id}`}
            aria-selected={t.id === tab} tabIndex={t.id === tab ? 0 : -1} className="qbo-tab" onClick={() => setTab(t.id)}>
            {t.label}{badges[t.id] ? <span className="qbo-tab-count" aria-label={`${badges[t.id]} open`}>{badges[t.id]}</span> : null}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`qbo-panel-${current.id}`} aria-labelledby={`qbo-tab-${current.id}`} className="qbo-tabpanel">
        <View />
      </div>
    </div>
  );
}
