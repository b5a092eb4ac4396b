// Conflicts tab: the ask-list. When the conflict rule is "Ask me", each TimeActivity changed or
// deleted in QuickBooks after we sent it waits here, field by field (what Track Nexus sent beside
// what QuickBooks now holds), until the user keeps the Track Nexus version or takes QuickBooks'.
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { AskItem, FieldDiff } from '../../../../shared/sync/reconcile';
import { useRepos } from '../../data/repos-context';
import type { ConflictRow } from '../../db/schema';
import { resolveConflict } from '../../sync/reconcile-run';

const FIELD_WORDS: Record<string, string> = {
  TxnDate: 'Date',
  CustomerRef: 'Customer',
  ItemRef: 'Service item',
  ClassRef: 'Class',
  EmployeeRef: 'Employee',
  VendorRef: 'Vendor',
  NameOf: 'Person type',
  BillableStatus: 'Billable',
  HourlyRate: 'Hourly rate',
  Hours: 'Hours',
  Minutes: 'Minutes',
  Description: 'Description',
};

type Choice = 'tracker' | 'quickbooks';

interface ConflictDetail {
  diffs: FieldDiff[];
  message?: string;
  txnDate?: string;
  qboId?: string;
}

/** The stored detail: `ask` (the ask-list item: diffs and message) and `conflict` (what reconcile found). */
export function detailOf(row: ConflictRow): ConflictDetail {
  const d = (row.detail ?? {}) as { ask?: Partial<AskItem>; conflict?: { qboId?: string; record?: { payload?: { TxnDate?: string } }; diffs?: FieldDiff[] } | null };
  const diffs = d.ask?.diffs ?? d.conflict?.diffs ?? [];
  const qboId = d.ask?.qboId ?? d.conflict?.qboId;
  const txnDate = d.conflict?.record?.payload?.TxnDate;
  return { diffs, ...(d.ask?.message ? { message: d.ask.message } : {}), ...(qboId ? { qboId } : {}), ...(txnDate ? { txnDate } : {}) };
}

const show = (v: unknown) => (v === undefined || v === null || v === '' ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

export function ConflictsSection() {
  const repos = useRepos();
  const open = useLiveQuery(() => repos.sync.conflicts('open'), [repos]);
  const queued = useLiveQuery(async () => repos.sync.keysWithQueuedChange((open ?? []).map((c) => c.key)), [repos, open], new Set<string>());
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

  if (!open) return <p className="muted">Loading…</p>;
  return (
    <section className="card qbo-tabpanel-card qbo-conflicts" aria-labelledby="qbo-conflicts-title">
      <h2 id="qbo-conflicts-title">Conflicts</h2>
      {open.length === 0 ? <p className="qbo-ok">No conflicts: nothing changed in QuickBooks is waiting for your decision.</p> : (
        <>
          <p className="muted">These were changed or deleted in QuickBooks after Track Nexus sent them. Choose which version stands; time billed in QuickBooks is never overwritten.</p>
          {error ? <p role="alert" className="error">{error}</p> : null}
          <ul className="qbo-conflict-list">
            {open.map((c) => {
              const d = detailOf(c);
              const mine = queued.has(c.key);
              return (
                <li key={c.id} className="qbo-conflict" aria-label={`Conflict ${d.txnDate ?? c.key}`}>
                  <p><strong>{c.kind === 'deletedInQbo' ? 'Deleted in QuickBooks' : 'Changed in QuickBooks'}</strong>{d.txnDate ? ` — time on ${d.txnDate}` : ''}{d.qboId ? ` (QuickBooks Id ${d.qboId})` : ''}</p>
                  {/* A queued local change wins whichever side is chosen (see resolveConflicts), so the
                      stored question, which offers both sides, would mislead: say what will happen. */}
                  {mine ? (
                    <p className="muted">You changed this time in Track Nexus after it was sent. Your change is newer than QuickBooks’ {c.kind === 'deletedInQbo' ? 'deletion, so it is sent again as new time' : 'edit, so it replaces that edit'}.</p>
                  ) : d.message ? <p className="muted">{d.message}</p> : null}
                  {d.diffs.length > 0 ? (
                    <table className="qbo-table qbo-conflict-diffs" aria-label="Differences">
                      <thead><tr><th scope="col">Field</th><th scope="col">Track Nexus</th><th scope="col">QuickBooks</th></tr></thead>
                      <tbody>{d.diffs.map((f) => <tr key={f.field}><th scope="row">{FIELD_WORDS[f.field] ?? f.field}</th><td>{show(f.sent)}</td><td>{show(f.inQbo)}</td></tr>)}</tbody>
                    </table>
                  ) : null}
                  <div className="qbo-actions">
                    {mine ? (
                      <button type="button" className="button" disabled={busy === c.id} onClick={() => void choose(c.id, 'tracker')}>Send my newer change</button>
                    ) : (
                      <>
                        <button type="button" className="button" disabled={busy === c.id} onClick={() => void choose(c.id, 'tracker')}>{c.kind === 'deletedInQbo' ? 'Keep Track Nexus (send it again)' : 'Keep Track Nexus'}</button>
                        <button type="button" className="button" disabled={busy === c.id} onClick={() => void choose(c.id, 'quickbooks')}>{c.kind === 'deletedInQbo' ? 'Take QuickBooks (back to draft)' : 'Take QuickBooks'}</button>
                      </>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
