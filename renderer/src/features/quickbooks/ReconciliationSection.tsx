// Reconciliation tab: choose dates, compare approved minutes and amounts per customer and day with
// what QuickBooks holds. Differences are highlighted; a correct sync shows zeros everywhere. The
// run also lists what changed in QuickBooks since we sent it (conflicts), and time there we never sent.
import { today } from '../../app/clock';
import { useState } from 'react';
import { addLocalDays } from '../../../../shared/time/local-date';
import { useRepos } from '../../data/repos-context';
import { displayName, formatMinutes, formatMoney, useCompanySnapshot } from './mirror-hooks';
import { runReconciliationReport, type ReportOutcome } from './engine/reconcile-run';
import { useQboTab } from './qbo-tab-store';
import { useSyncService } from './SyncServiceProvider';
import { qboMinutes } from '../../../../shared/sync/adopt';

/** A difference with its sign: "+0:30" when QuickBooks holds more (negatives carry their own sign). */
const signed = (value: number, text: string) => (value > 0 ? `+${text}` : text);

export function ReconciliationSection() {
  const repos = useRepos();
  const { port } = useSyncService();
  const snap = useCompanySnapshot();
  const setTab = useQboTab((s) => s.setTab);
  const [from, setFrom] = useState(() => addLocalDays(today(), -30));
  const [to, setTo] = useState(() => today());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<(ReportOutcome & { from: string; to: string }) | null>(null);

  async function run() {
    setBusy(true);
    setError(null);
    try {
      setReport({ ...(await runReconciliationReport(repos, port, { from, to })), from, to });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  const customerName = (id: string | null) => {
    if (id === null) return 'No customer';
    const row = snap?.lists.customer.find((c) => c.id === id);
    return row ? displayName(row) : `Customer ${id}`;
  };
  const differing = report ? report.rows.filter((r) => r.diffMinutes !== 0 || r.diffAmountMinor !== 0) : [];
  const f = report?.findings;

  return (
    <section className="card qbo-tabpanel-card qbo-reconcile" aria-labelledby="qbo-reconcile-title">
      <h2 id="qbo-reconcile-title">Reconciliation</h2>
      <p className="muted">Approved time beside what QuickBooks holds, per customer and day. When every approved minute landed exactly once, every difference is zero.</p>
      <form className="qbo-actions" onSubmit={(e) => { e.preventDefault(); void run(); }}>
        <label className="qbo-map-field qbo-inline"><span>From</span><input type="date" value={from} onChange={(e) => setFrom(e.target.value)} /></label>
        <label className="qbo-map-field qbo-inline"><span>To</span><input type="date" value={to} onChange={(e) => setTo(e.target.value)} /></label>
        <button type="submit" className="button primary" disabled={busy}>{busy ? 'Comparing…' : 'Run reconciliation'}</button>
      </form>
      {error ? <p role="alert" className="error">{error}</p> : null}
      {report ? (
        <>
          <p role="status" className={differing.length === 0 ? 'qbo-ok' : 'error'}>
            {report.rows.length === 0
              ? `Nothing approved and nothing in QuickBooks between ${report.from} and ${report.to}.`
              : differing.length === 0
                ? `QuickBooks matches: ${report.rows.length} customer-day${report.rows.length === 1 ? '' : 's'}, zero difference.`
                : `${differing.length} of ${report.rows.length} customer-day${report.rows.length === 1 ? '' : 's'} differ${differing.length === 1 ? 's' : ''}: a positive difference means QuickBooks holds more than was approved.`}
            {report.heldBack > 0 ? ` ${report.heldBack} approved entr${report.heldBack === 1 ? 'y is' : 'ies are'} held back by pre-flight and not counted.` : ''}
          </p>
          {report.rows.length > 0 ? (
            <div className="qbo-table-scroll">
              <table className="qbo-table qbo-reconcile-table" aria-label="Reconciliation">
                <thead>
                  <tr><th scope="col">Customer</th><th scope="col">Date</th><th scope="col">Approved time</th><th scope="col">In QuickBooks</th><th scope="col">Difference</th><th scope="col">Approved amount</th><th scope="col">In QuickBooks</th><th scope="col">Difference</th><th scope="col">Invoiced</th></tr>
                </thead>
                <tbody>
                  {report.rows.map((r) => (
                    <tr key={`${r.customerId}:${r.date}`} className={r.diffMinutes !== 0 || r.diffAmountMinor !== 0 ? 'qbo-reconcile-diff' : undefined}>
                      <th scope="row">{customerName(r.customerId)}</th>
                      <td>{r.date}</td>
                      <td className="qbo-num">{formatMinutes(r.approvedMinutes)}</td>
                      <td className="qbo-num">{formatMinutes(r.qboMinutes)}</td>
                      <td className={r.diffMinutes !== 0 ? 'qbo-num qbo-diff' : 'qbo-num'} data-diff-minutes={r.diffMinutes}>{signed(r.diffMinutes, formatMinutes(r.diffMinutes))}</td>
                      <td className="qbo-num">{formatMoney(r.approvedAmountMinor, report.currency)}</td>
                      <td className="qbo-num">{formatMoney(r.qboAmountMinor, report.currency)}</td>
                      <td className={r.diffAmountMinor !== 0 ? 'qbo-num qbo-diff' : 'qbo-num'} data-diff-amount={r.diffAmountMinor}>{signed(r.diffAmountMinor, formatMoney(r.diffAmountMinor, report.currency))}</td>
                      <td className="qbo-num" data-invoiced={r.invoicedAmountMinor}>{r.invoicedAmountMinor > 0 ? formatMoney(r.invoicedAmountMinor, report.currency) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {f ? (
            <div className="qbo-findings">
              <h3>Conflicts found</h3>
              {f.changedInQbo + f.deletedInQbo + f.unknownInQbo === 0 ? <p className="muted">None: QuickBooks holds exactly what Track Nexus sent.</p> : (
                <ul>
                  {f.changedInQbo > 0 ? <li>{f.changedInQbo} changed in QuickBooks after Track Nexus sent {f.changedInQbo === 1 ? 'it' : 'them'}.</li> : null}
                  {f.deletedInQbo > 0 ? <li>{f.deletedInQbo} deleted in QuickBooks.</li> : null}
                  {f.asked > 0 ? <li><button type="button" className="link-button qbo-link" onClick={() => setTab('conflicts')}>{f.asked} waiting for your decision on the Conflicts tab</button></li> : null}
                  {f.queued > 0 ? <li>{f.queued} sent again with Track Nexus’ version at the next sync (Track Nexus wins).</li> : null}
                  {report.rule === 'quickbooks' && f.changedInQbo + f.deletedInQbo > 0 ? <li>QuickBooks’ version was taken (QuickBooks wins).</li> : null}
                  {(f.result?.unknownInQbo ?? []).map((a) => <li key={a.Id}>In QuickBooks but not sent by Track Nexus: Id {a.Id}, {a.TxnDate}, {formatMinutes(qboMinutes(a))}</li>)}
                </ul>
              )}
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
