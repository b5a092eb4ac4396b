// Conflicts tab: the ask-list. When the conflict rule is "Ask me", each TimeActivity changed or
// deleted in QuickBooks after we sent it waits here until the user keeps the Track Nexus version or
// takes QuickBooks'. Each one names its time (date, client · project, start–end) and says what
// changed in the user's units ("Duration: QuickBooks has 2:00, Track Nexus has 0:45"); the raw
// field differences and ids are behind Details.
import { useCompanyId } from './qbo-tab-store';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useRepos } from '../../data/repos-context';
import { resolveConflict } from './engine/reconcile-run';
import { loadConflicts, type ConflictLine } from './history-read-model';
import { amountText, durationText, timeLine } from './history-view';

type Choice = 'tracker' | 'quickbooks';

const raw = (v: unknown) => (v === undefined || v === null || v === '' ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function ConflictDetails({ line, id }: { line: ConflictLine; id: string }) {
  return (
    <div className="qbo-details" id={id}>
      <dl className="qbo-details-list">
        <div><dt>Key</dt><dd className="qbo-mono">{line.row.key}</dd></div>
        <div><dt>QuickBooks Id</dt><dd className="qbo-mono">{line.qboId ?? '—'}</dd></div>
        <div><dt>SyncToken in QuickBooks</dt><dd className="qbo-mono">{line.syncToken ?? '—'}</dd></div>
      </dl>
      {line.diffs.length > 0 ? (
        <table className="qbo-table qbo-conflict-diffs" aria-label="Differences">
          <thead><tr><th scope="col">Field</th><th scope="col">Track Nexus sent</th><th scope="col">QuickBooks holds</th></tr></thead>
          <tbody>{line.diffs.map((f) => <tr key={f.field}><th scope="row" className="qbo-mono">{f.field}</th><td className="qbo-mono">{raw(f.sent)}</td><td className="qbo-mono">{raw(f.inQbo)}</td></tr>)}</tbody>
        </table>
      ) : null}
    </div>
  );
}

function Conflict({ line, currency, mine, busy, choose }: { line: ConflictLine; currency: string; mine: boolean; busy: boolean; choose: (c: Choice) => void }) {
  const [open, setOpen] = useState(false);
  const deleted = line.row.kind === 'deletedInQbo';
  const title = deleted ? 'Deleted in QuickBooks' : 'Changed in QuickBooks';
  const what = line.facts.entries === 0 ? 'time Track Nexus sent' : timeLine(line.facts);
  const detailsId = `qbo-conflict-details-${line.row.id}`;
  return (
    <li className="qbo-conflict" aria-label={`${title}: ${what}`}>
      <p><strong>{title}</strong>: {what}</p>
      {deleted ? (
        <p>Someone deleted this time in QuickBooks after Track Nexus sent it ({durationText(line.facts)}, {amountText(line.facts, currency)}).</p>
      ) : (
        <ul className="qbo-conflict-changes" aria-label="What changed">
          {line.changes.map((c) => <li key={c.field}><strong>{c.field}</strong>: {c.text}.</li>)}
        </ul>
      )}
      {/* A queued local change wins whichever side is chosen (see resolveConflicts), so the
          question, which offers both sides, would mislead: say what will happen. */}
      {mine ? (
        <p className="muted">You changed this time in Track Nexus after it was sent. Your change is newer than QuickBooks’ {deleted ? 'deletion, so it is sent again as new time' : 'edit, so it replaces that edit'}.</p>
      ) : (
        <p className="muted">{deleted ? 'Send it again from Track Nexus, or take QuickBooks’ side (the time becomes a draft here and is not sent)?' : 'Keep the Track Nexus version (it is sent again over QuickBooks’ change), or take QuickBooks’ version into Track Nexus?'}</p>
      )}
      <div className="qbo-actions">
        {mine ? (
          <button type="button" className="button" disabled={busy} onClick={() => choose('tracker')}>Send my newer change</button>
        ) : (
          <>
            <button type="button" className="button" disabled={busy} onClick={() => choose('tracker')}>{deleted ? 'Keep Track Nexus (send it again)' : 'Keep Track Nexus'}</button>
            <button type="button" className="button" disabled={busy} onClick={() => choose('quickbooks')}>{deleted ? 'Take QuickBooks (back to draft)' : 'Take QuickBooks'}</button>
          </>
        )}
        <button type="button" className="button small" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen(!open)}>Details</button>
      </div>
      {open ? <ConflictDetails line={line} id={detailsId} /> : null}
    </li>
  );
}

export function ConflictsSection() {
  const repos = useRepos();
  const companyId = useCompanyId();
  const view = useLiveQuery(() => loadConflicts(repos, companyId), [repos, companyId]);
  const keys = view?.lines.map((l) => l.row.key) ?? [];
  const queued = useLiveQuery(async () => repos.sync.keysWithQueuedChange(keys), [repos, keys.join('\n')], new Set<string>());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  async function choose(id: string, choice: Choice) {
    setBusy(id);
    setError(null);
    try {
      await resolveConflict({ repos }, id, choice);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }

  if (!view) return <p className="muted">Loading…</p>;
  return (
    <section className="card qbo-tabpanel-card qbo-conflicts" aria-labelledby="qbo-conflicts-title">
      <h2 id="qbo-conflicts-title">Conflicts</h2>
      {view.lines.length === 0 ? <p className="qbo-ok">No conflicts: nothing changed in QuickBooks is waiting for your decision.</p> : (
        <>
          <p className="muted">These were changed or deleted in QuickBooks after Track Nexus sent them. Choose which version stands; time billed in QuickBooks is never overwritten.</p>
          {error ? <p role="alert" className="error">{error}</p> : null}
          <ul className="qbo-conflict-list">
            {view.lines.map((line) => (
              <Conflict key={line.row.id} line={line} currency={view.currency} mine={queued.has(line.row.key)} busy={busy === line.row.id} choose={(c) => void choose(line.row.id, c)} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
