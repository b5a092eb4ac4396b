// Company tab: what was imported from QuickBooks (name, home currency, the preferences that change
// the push, how many of each name list, inactive ones apart) and the import / refresh button.
// The first import reads every list (paged by STARTPOSITION offsets in main); a refresh asks
// QuickBooks' change feed (CDC) for what changed since, and falls back to a full import when the
// last one is older than CDC's 30 days.
import { formatDateTime } from '../../../../shared/time/display';
import { currentZone } from '../../app/clock';
import { useState } from 'react';
import { useRepos } from '../../data/repos-context';
import type { QboEntityKind } from '../../db/schema';
import { importMirror } from './engine/import-mirror';
import { ENTITY_LABELS, homeCurrency, preferenceWarnings, useCompanySnapshot } from './mirror-hooks';
import { useSyncService } from './SyncServiceProvider';

const KINDS: QboEntityKind[] = ['customer', 'item', 'employee', 'vendor', 'class'];

export function CompanySection() {
  const repos = useRepos();
  const { port } = useSyncService();
  const snap = useCompanySnapshot();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  async function runImport(forceFull: boolean) {
    setBusy(true);
    setMessage(null);
    try {
      const r = await importMirror({ repos, port, forceFull });
      const total = Object.values(r.counts).reduce((a, b) => a + b, 0);
      setMessage({
        kind: 'ok',
        text: r.mode === 'full' ? `Imported ${total} records from ${r.companyName ?? 'QuickBooks'}.` : total === 0 ? 'Up to date: nothing changed in QuickBooks since the last import.' : `Refreshed ${total} changed records.`,
      });
    } catch (error) {
      setMessage({ kind: 'error', text: `The import did not finish: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      setBusy(false);
    }
  }

  if (!snap) return <p className="muted">Loading…</p>;
  const name = typeof snap.company?.['CompanyName'] === 'string' ? snap.company['CompanyName'] : null;
  const currency = homeCurrency(snap.preferences, snap.company);
  const warnings = preferenceWarnings(snap.preferences);
  const imported = snap.importedAt !== null;

  return (
    <section className="card qbo-tabpanel-card" aria-labelledby="qbo-company-title">
      <h2 id="qbo-company-title">Company</h2>
      {imported ? (
        <dl className="facts">
          <dt>Company</dt><dd>{name ?? '—'}</dd>
          <dt>Home currency</dt><dd>{currency ?? '—'}</dd>
          <dt>Last import</dt><dd>{formatDateTime(snap.importedAt!, currentZone())}</dd>
        </dl>
      ) : (
        <p>Import your customers, jobs, service items, employees, vendors and classes so each project can be linked to them. Nothing is sent to QuickBooks.</p>
      )}
      <div className="qbo-actions">
        <button type="button" className="button primary" disabled={busy} onClick={() => void runImport(false)}>
          {busy ? 'Importing…' : imported ? 'Refresh' : 'Import from QuickBooks'}
        </button>
        {imported ? <button type="button" className="button" disabled={busy} onClick={() => void runImport(true)}>Import everything again</button> : null}
      </div>
      {message ? <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error' : 'qbo-ok'}>{message.text}</p> : null}

      {warnings.length > 0 ? (
        <div className="qbo-warnings">
          <h3>Settings in QuickBooks that affect syncing</h3>
          <ul>{warnings.map((w) => <li key={w.id} data-warning={w.id}>{w.text}</li>)}</ul>
        </div>
      ) : imported ? <p className="muted">No QuickBooks setting stands in the way of syncing time.</p> : null}

      {imported ? (
        <table className="qbo-table qbo-counts" aria-label="Imported from QuickBooks">
          <thead><tr><th scope="col">List</th><th scope="col">Active</th><th scope="col">Inactive</th></tr></thead>
          <tbody>
            {KINDS.map((k) => {
              const rows = snap.lists[k];
              const inactive = rows.filter((r) => !r.active).length;
              return (
                <tr key={k}>
                  <th scope="row">{ENTITY_LABELS[k]}</th>
                  <td>{rows.length - inactive}</td>
                  <td>{inactive > 0 ? <span className="qbo-badge qbo-badge-inactive">{inactive} inactive</span> : '0'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {imported ? <p className="muted">Inactive records are listed so you can see them, but time is never sent to them.</p> : null}
    </section>
  );
}
