// Audit tab: every QuickBooks write as a person knows it — when, what happened in words, which
// time (date, client · project, start–end), how long and for how much — newest first, filtered by
// outcome. The machine side (operation, key, entries@versions, payload hash, QuickBooks Id and
// SyncToken, request id, intuit_tid: what Intuit support asks for) is one Details click away, and
// the CSV export carries both (formula-guarded, shared/sync/audit).
import { useCompanyId } from './qbo-tab-store';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { AuditOutcome, AuditRecord } from '../../../../shared/sync/audit';
import { formatDateTime } from '../../../../shared/time/display';
import { currentZone } from '../../app/clock';
import { useRepos } from '../../data/repos-context';
import { downloadText } from '../import/export';
import { loadAuditCsv, loadAuditPage, type AuditLine } from './history-read-model';
import { amountText, durationText, timeLine } from './history-view';

const OUTCOMES: Array<{ id: AuditOutcome | 'all'; label: string }> = [
  { id: 'all', label: 'All outcomes' },
  { id: 'ok', label: 'Succeeded' },
  { id: 'failed', label: 'Failed' },
  { id: 'retrying', label: 'Retrying' },
  { id: 'conflict', label: 'Conflict' },
];

const PAGE = 100;

function MachineDetails({ r }: { r: AuditRecord }) {
  const fields: Array<[string, string]> = [
    ['Operation', r.op],
    ['Key', r.key ?? '—'],
    ['Entries @ version', r.entryIds.map((id, i) => `${id} @ ${r.entryVersions[i] ?? '?'}`).join(', ') || '—'],
    ['Payload hash', r.payloadHash || '—'],
    ['QuickBooks Id', r.qboId ?? '—'],
    ['SyncToken', r.syncToken ?? '—'],
    ['Request id', r.requestId || '—'],
    ['intuit_tid', r.intuitTid ?? '—'],
    ['Outcome', r.outcome],
  ];
  if (r.message) fields.push(['Message', r.message]);
  return (
    <dl className="qbo-details-list">
      {fields.map(([k, v]) => <div key={k}><dt>{k}</dt><dd className={k === 'Message' ? undefined : 'qbo-mono'}>{v}</dd></div>)}
    </dl>
  );
}

function AuditRow({ line, currency, open, toggle }: { line: AuditLine; currency: string; open: boolean; toggle: () => void }) {
  const { record: r, event, facts } = line;
  const detailsId = `qbo-audit-details-${r.id}`;
  return (
    <>
      <tr data-outcome={r.outcome}>
        <td className="qbo-nowrap">{formatDateTime(r.at, currentZone())}</td>
        <td>
          <span className={`qbo-badge qbo-outcome-${r.outcome}`}>{event.title}</span>
          {event.detail ? <div className="qbo-status-detail">{event.detail}</div> : null}
        </td>
        <td>{facts.entries === 0 ? '—' : timeLine(facts)}</td>
        <td className="qbo-num">{durationText(facts)}</td>
        <td className="qbo-num">{amountText(facts, currency)}</td>
        <td>
          <button type="button" className="button small" aria-expanded={open} aria-controls={detailsId} onClick={toggle}>Details</button>
        </td>
      </tr>
      {open ? (
        <tr className="qbo-details-row" id={detailsId}>
          <td colSpan={6}><MachineDetails r={r} /></td>
        </tr>
      ) : null}
    </>
  );
}

export function AuditSection() {
  const repos = useRepos();
  const companyId = useCompanyId();
  const [filter, setFilter] = useState<AuditOutcome | 'all'>('all');
  const [limit, setLimit] = useState(PAGE);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const page = useLiveQuery(() => loadAuditPage(repos, companyId, filter, limit), [repos, companyId, filter, limit]);
  if (!page) return <p className="muted">Loading…</p>;
  const toggle = (id: string) => setOpen((was) => {
    const next = new Set(was);
    if (!next.delete(id)) next.add(id);
    return next;
  });

  return (
    <section className="card qbo-tabpanel-card qbo-audit" aria-labelledby="qbo-audit-title">
      <div className="qbo-section-head">
        <h2 id="qbo-audit-title">Audit</h2>
        <span className="muted">{page.total} operation{page.total === 1 ? '' : 's'} recorded</span>
      </div>
      <div className="qbo-actions">
        <label className="qbo-map-field qbo-inline"><span>Show</span>
          <select value={filter} onChange={(e) => { setFilter(e.target.value as AuditOutcome | 'all'); setLimit(PAGE); }}>
            {OUTCOMES.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
          </select>
        </label>
        <button type="button" className="button" disabled={page.total === 0}
          onClick={() => void loadAuditCsv(repos, companyId).then((csv) => downloadText(csv, `track-nexus-quickbooks-audit-${new Date().toISOString().slice(0, 10)}.csv`))}>Export CSV</button>
      </div>
      {page.lines.length === 0 ? <p className="muted">{page.total === 0 ? 'Nothing has been sent to QuickBooks yet.' : 'No operation with this outcome.'}</p> : (
        <div className="qbo-table-scroll">
          <table className="qbo-table qbo-audit-table" aria-label="Sync operations">
            <thead>
              <tr><th scope="col">When</th><th scope="col">What happened</th><th scope="col">Time</th><th scope="col" className="qbo-num">Duration</th><th scope="col" className="qbo-num">Amount</th><th scope="col"><span className="qbo-visually-hidden">Details</span></th></tr>
            </thead>
            <tbody>
              {page.lines.map((line) => <AuditRow key={line.record.id} line={line} currency={page.currency} open={open.has(line.record.id)} toggle={() => toggle(line.record.id)} />)}
            </tbody>
          </table>
        </div>
      )}
      {page.matching > page.lines.length ? (
        <div className="qbo-actions">
          <span className="muted">Showing the newest {page.lines.length} of {page.matching}.</span>
          <button type="button" className="button small" onClick={() => setLimit((l) => l + PAGE)}>Show {Math.min(PAGE, page.matching - page.lines.length)} more</button>
        </div>
      ) : null}
    </section>
  );
}
