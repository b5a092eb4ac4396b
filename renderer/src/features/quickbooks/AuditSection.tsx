// Audit tab: every QuickBooks write with when, which entries at which versions, a short hash of the
// exact payload, QuickBooks' Id and SyncToken, intuit_tid (what Intuit support asks for) and the
// outcome; filter by outcome; export everything as CSV (formula-guarded, shared/sync/audit).
import { formatDateTime } from '../../../../shared/time/display';
import { currentZone } from '../../app/clock';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { auditCsv, type AuditOutcome } from '../../../../shared/sync/audit';
import { useRepos } from '../../data/repos-context';

const OUTCOMES: Array<{ id: AuditOutcome | 'all'; label: string }> = [
  { id: 'all', label: 'All outcomes' },
  { id: 'ok', label: 'Succeeded' },
  { id: 'failed', label: 'Failed' },
  { id: 'retrying', label: 'Retrying' },
  { id: 'conflict', label: 'Conflict' },
];

const OUTCOME_WORDS: Record<AuditOutcome, string> = { ok: 'OK', failed: 'Failed', retrying: 'Retrying', conflict: 'Conflict' };

export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

export function AuditSection() {
  const repos = useRepos();
  const records = useLiveQuery(() => repos.sync.audit(), [repos]);
  const [filter, setFilter] = useState<AuditOutcome | 'all'>('all');
  if (!records) return <p className="muted">Loading…</p>;
  const shown = [...records].reverse().filter((r) => filter === 'all' || r.outcome === filter);

  return (
    <section className="card qbo-tabpanel-card qbo-audit" aria-labelledby="qbo-audit-title">
      <div className="qbo-section-head">
        <h2 id="qbo-audit-title">Audit</h2>
        <span className="muted">{records.length} operation{records.length === 1 ? '' : 's'} recorded</span>
      </div>
      <div className="qbo-actions">
        <label className="qbo-map-field qbo-inline"><span>Show</span>
          <select value={filter} onChange={(e) => setFilter(e.target.value as AuditOutcome | 'all')}>
            {OUTCOMES.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
          </select>
        </label>
        <button type="button" className="button" disabled={records.length === 0}
          onClick={() => downloadText(`track-nexus-quickbooks-audit-${new Date().toISOString().slice(0, 10)}.csv`, auditCsv(records))}>Export CSV</button>
      </div>
      {shown.length === 0 ? <p className="muted">{records.length === 0 ? 'Nothing has been sent to QuickBooks yet.' : 'No operation with this outcome.'}</p> : (
        <div className="qbo-table-scroll">
          <table className="qbo-table qbo-audit-table" aria-label="Sync operations">
            <thead>
              <tr><th scope="col">When</th><th scope="col">Operation</th><th scope="col">Entries @ version</th><th scope="col">Payload hash</th><th scope="col">QBO Id</th><th scope="col">SyncToken</th><th scope="col">intuit_tid</th><th scope="col">Outcome</th><th scope="col">Message</th></tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.id} data-outcome={r.outcome}>
                  <td>{formatDateTime(r.at, currentZone())}</td>
                  <td>{r.op}</td>
                  <td className="qbo-mono">{r.entryIds.map((id, i) => `${id.slice(0, 8)}@${r.entryVersions[i] ?? '?'}`).join(', ')}</td>
                  <td className="qbo-mono" title={r.payloadHash}>{r.payloadHash.slice(0, 10)}</td>
                  <td>{r.qboId ?? ''}</td>
                  <td>{r.syncToken ?? ''}</td>
                  <td className="qbo-mono">{r.intuitTid ?? ''}</td>
                  <td><span className={`qbo-badge qbo-outcome-${r.outcome}`}>{OUTCOME_WORDS[r.outcome]}</span></td>
                  <td>{r.message ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
