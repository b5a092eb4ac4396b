// Sync tab: when to push (on approval, every N minutes, hourly, daily, or only on demand), what to do
// with changes made in QuickBooks, the description template; the pre-flight list of what holds
// which entries back; Sync now with a progress bar; a test sync that shows the exact TimeActivity
// payloads for chosen entries and pushes just those; and every approved entry's status.
import { formatClockTime } from '../../../../shared/time/display';
import { currentZone } from '../../app/clock';
import { useState } from 'react';
import { DEFAULT_DESCRIPTION_TEMPLATE, renderDescription, TEMPLATE_PLACEHOLDERS } from '../../../../shared/qbo/template';
import type { ConflictRule } from '../../../../shared/sync/reconcile';
import { useRepos } from '../../data/repos-context';
import type { SyncMode, SyncSettings } from './store/sync-context';
import { useSyncService, useSyncServices, useSyncUi } from './SyncServiceProvider';
import { useQboCompanies } from './use-companies';
import { compactJson, entryStatus, groupIssues, progressBar, unknownPlaceholders } from './sync-view';
import { useSyncData, useTestSync, type SyncData } from './use-sync-section';

const MODES: Array<{ id: SyncMode; label: string }> = [
  { id: 'onApproval', label: 'When I approve entries' },
  { id: 'interval', label: 'Every few minutes' },
  { id: 'hourly', label: 'Every hour' },
  { id: 'daily', label: 'Once a day' },
  { id: 'manual', label: 'Only when I click Sync now' },
];

const RULES: Array<{ id: ConflictRule; label: string }> = [
  { id: 'ask', label: 'Ask me (Conflicts tab)' },
  { id: 'tracker', label: 'Track Nexus wins: send my version again' },
  { id: 'quickbooks', label: 'QuickBooks wins: take its version' },
];

function SettingsForm({ settings }: { settings: SyncSettings }) {
  const repos = useRepos();
  const services = useSyncServices();
  const several = (useQboCompanies().companies?.length ?? 0) > 1;
  const [template, setTemplate] = useState(settings.descriptionTemplate ?? '');
  // The settings are the workspace's: every company's schedule follows them.
  const save = (patch: Partial<SyncSettings>) => void repos.sync.saveSettings(patch).then(services.rescheduleAll);
  return (
    <div className="qbo-sync-settings">
      {several ? <p className="muted qbo-sync-shared">These settings apply to every company in this workspace.</p> : null}
      <label className="qbo-map-field"><span>Send approved time</span>
        <select value={settings.mode} onChange={(e) => save({ mode: e.target.value as SyncMode })}>
          {MODES.map((m) => <option key={m.id} value={m.id}>{m.label}</option>)}
        </select>
      </label>
      {settings.mode === 'interval' ? (
        <label className="qbo-map-field"><span>Every (minutes)</span>
          <input type="number" min={5} max={720} value={settings.intervalMinutes} onChange={(e) => {
            const n = Math.round(Number(e.target.value));
            if (Number.isFinite(n) && n >= 5 && n <= 720) save({ intervalMinutes: n });
          }} />
        </label>
      ) : null}
      {settings.mode === 'daily' ? (
        <label className="qbo-map-field"><span>At</span>
          <input type="time" value={settings.dailyAt} onChange={(e) => e.target.value && save({ dailyAt: e.target.value })} />
        </label>
      ) : null}
      <label className="qbo-map-field"><span>When time was changed or deleted in QuickBooks</span>
        <select value={settings.conflictRule} onChange={(e) => save({ conflictRule: e.target.value as ConflictRule })}>
          {RULES.map((r) => <option key={r.id} value={r.id}>{r.label}</option>)}
        </select>
      </label>
      <label className="qbo-map-field qbo-sync-template"><span>Description in QuickBooks</span>
        <input value={template} placeholder={DEFAULT_DESCRIPTION_TEMPLATE} onChange={(e) => setTemplate(e.target.value)}
          onBlur={() => save({ descriptionTemplate: template.trim() ? template : undefined })} />
        <small className="muted">Placeholders: {TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}; {'{task? — task}'} only when there is a task.</small>
        <small className="qbo-template-example">Example: {renderDescription(template.trim() ? template : DEFAULT_DESCRIPTION_TEMPLATE, { client: 'Cool Cars', project: 'Showroom', task: 'Design', description: 'Site visit', date: '2026-03-09' }) || '(empty)'}</small>
        {unknownPlaceholders(template).length > 0 ? <small className="error" role="alert">Not a placeholder, sent as written: {unknownPlaceholders(template).join(' ')}</small> : null}
      </label>
    </div>
  );
}

export function SyncSection() {
  const data = useSyncData();
  if (!data) return <p className="muted">Loading…</p>;
  return (
    <section className="card qbo-tabpanel-card qbo-sync" aria-labelledby="qbo-sync-title">
      <h2 id="qbo-sync-title">Sync</h2>
      <SettingsForm key={String(data.settings.descriptionTemplate)} settings={data.settings} />
      <SyncNow />
      <Preflight data={data} />
      <TestSync data={data} />
      <EntryStatuses data={data} />
    </section>
  );
}

/** Sync now, its progress bar, and how the last run ended. */
function SyncNow() {
  const sync = useSyncService();
  const { progress, running, lastResult, lastRunAt } = useSyncUi();
  const when = lastRunAt ? `Last sync, ${formatClockTime(lastRunAt, currentZone())}: ` : '';
  const bar = progressBar(progress, running, lastResult);
  return (
    <>
      <div className="qbo-sync-now">
        <button type="button" className="button primary" disabled={running} onClick={() => void sync.run()}>{running ? 'Syncing…' : 'Sync now'}</button>
        <progress className="qbo-progress" aria-label="Sync progress" aria-valuetext={bar.text || undefined} max={100} value={bar.percent} />
        <span className="muted" aria-live="polite">{bar.text}</span>
      </div>
      {lastResult && !running ? (
        lastResult.status === 'paused_auth' ? (
          <p role="alert" className="error">{when}{lastResult.message ?? 'Reconnect QuickBooks to continue sending; nothing was lost.'}</p>
        ) : lastResult.status === 'error' ? (
          <p role="alert" className="error">{when}the sync stopped: {lastResult.message}</p>
        ) : (
          <p role="status" className={lastResult.failed > 0 ? 'error' : 'qbo-ok'}>
            {when}{lastResult.sent === 0 && lastResult.remaining === 0 ? 'Nothing to send: QuickBooks is up to date.' : `Sent ${lastResult.sent}: ${lastResult.done} in QuickBooks, ${lastResult.failed} failed${lastResult.remaining > 0 ? `, ${lastResult.remaining} still waiting` : ''}.`}
            {progress.lastError && (lastResult.failed > 0 || lastResult.remaining > 0) ? ` ${lastResult.failed > 0 ? 'Last problem: ' : ''}${progress.lastError}` : ''}
          </p>
        )
      ) : null}
    </>
  );
}

/** What holds which approved entries back, grouped by cause. */
function Preflight({ data: { approved, issues, entryLabel } }: { data: SyncData }) {
  const groups = groupIssues(issues);
  const blocking = groups.filter((g) => g.blocking);
  return (
    <>
      <h3>Pre-flight check</h3>
      {groups.length === 0 ? (
        <p className="qbo-ok">{approved.length === 0 ? 'No approved entries are waiting.' : approved.length === 1 ? 'The approved entry is ready for QuickBooks.' : `All ${approved.length} approved entries are ready for QuickBooks.`}</p>
      ) : (
        <div className="qbo-preflight">
          {blocking.length > 0 ? <p>{blocking.reduce((n, g) => n + g.entryCount, 0)} entr{blocking.reduce((n, g) => n + g.entryCount, 0) === 1 ? 'y is' : 'ies are'} held back until these are fixed:</p> : null}
          {groups.map((g) => (
            <details key={g.code} className={g.blocking ? 'qbo-preflight-group blocking' : 'qbo-preflight-group'} open={g.blocking}>
              <summary><strong>{g.title}</strong> — {g.entryCount} entr{g.entryCount === 1 ? 'y' : 'ies'}{g.blocking ? '' : ' (sent anyway)'}</summary>
              {g.messages.map((m) => (
                <div key={m.message} className="qbo-preflight-message">
                  <p>{m.message}</p>
                  <ul>{m.entryIds.map((id) => <li key={id}>{entryLabel(id)}</li>)}</ul>
                </div>
              ))}
            </details>
          ))}
        </div>
      )}
    </>
  );
}

/** The exact TimeActivity payloads for chosen approved entries, and a push of just those. */
function TestSync({ data: { approved, entryLabel } }: { data: SyncData }) {
  const { running } = useSyncUi();
  const t = useTestSync();
  const { selected, preview, testMessage } = t;
  return (
    <>
      <h3>Test sync</h3>
      {approved.length === 0 ? <p className="muted">Approve entries first; a test sync shows exactly what would be sent for the ones you choose.</p> : (
        <div className="qbo-test-sync">
          <ul className="qbo-test-list" aria-label="Approved entries">
            {approved.map((e) => (
              <li key={e.id}>
                <label>
                  <input type="checkbox" checked={selected.has(e.id)} onChange={(ev) => t.choose(e.id, ev.target.checked)} /> {entryLabel(e.id)}
                </label>
              </li>
            ))}
          </ul>
          <div className="qbo-actions">
            <button type="button" className="button" disabled={selected.size === 0} onClick={() => void t.showPayloads()}>Show payloads</button>
            {preview ? <button type="button" className="button primary" disabled={running || preview.drafts.length === 0} onClick={() => void t.pushSelected()}>Push just these ({preview.drafts.length})</button> : null}
          </div>
          {preview ? (
            <div className="qbo-payloads" aria-label="Payloads">
              {preview.drafts.length === 0 ? <p className="error">Nothing can be sent for this selection.</p> : null}
              {preview.drafts.map((d) => {
                const held = preview.held.get(d.key);
                const body = held ? { ...d.payload, Id: held.qboId, SyncToken: held.syncToken } : d.payload;
                return (
                  <figure key={d.key} className="qbo-payload">
                    <figcaption>
                      <strong>{held ? `Update of TimeActivity ${held.qboId}` : 'New TimeActivity'}</strong> · {d.entryIds.map(entryLabel).join('; ')} <span className="muted">(payload hash {d.payloadHash.slice(0, 10)})</span>
                    </figcaption>
                    <pre>{compactJson(body)}</pre>
                  </figure>
                );
              })}
              {preview.issues.filter((i) => i.blocking).map((i) => <p key={`${i.entryId}:${i.code}`} className="error">Held back: {entryLabel(i.entryId)} — {i.message}</p>)}
            </div>
          ) : null}
        </div>
      )}
      {testMessage ? <p role="status" className="qbo-ok">{testMessage}</p> : null}
    </>
  );
}

/** Every approved or synced entry's status, and a resend of the ones QuickBooks refused. */
function EntryStatuses({ data: { rows, recordOf, relevant, issues, entryLabel } }: { data: SyncData }) {
  const repos = useRepos();
  const sync = useSyncService();
  const ui = useSyncUi();
  const { running } = ui;
  const needsReconnect = ui.progress.needsReconnect || ui.reconnectRequired;
  const failedCount = relevant.filter((e) => entryStatus(e, rows, issues, false, recordOf.get(e.id)).state === 'failed').length;

  async function retryFailed() {
    await repos.sync.retryFailed();
    await sync.run();
  }

  return (
    <>
      <div className="qbo-section-head">
        <h3>Entries</h3>
        {failedCount > 0 ? (
          <button type="button" className="button small" disabled={running} onClick={() => void retryFailed()}>
            Send failed entr{failedCount === 1 ? 'y' : 'ies'} again ({failedCount})
          </button>
        ) : null}
      </div>
      {failedCount > 0 ? <p className="muted">QuickBooks refused {failedCount === 1 ? 'one entry' : `${failedCount} entries`}. A sync does not resend what was refused until the entry changes; after fixing the cause in QuickBooks (for example reopening the books), send {failedCount === 1 ? 'it' : 'them'} again.</p> : null}
      {relevant.length === 0 ? <p className="muted">No approved or synced entries yet.</p> : (
        <table className="qbo-table qbo-entry-status" aria-label="Entry sync status">
          <thead><tr><th scope="col">Entry</th><th scope="col">Status</th><th scope="col">QuickBooks Id</th></tr></thead>
          <tbody>
            {relevant.slice(0, 200).map((e) => {
              const s = entryStatus(e, rows, issues, needsReconnect, recordOf.get(e.id));
              return (
                <tr key={e.id} data-entry={e.id} data-state={s.state}>
                  <td>{entryLabel(e.id)}</td>
                  <td><span className={`qbo-badge qbo-state-${s.state}`}>{s.label}</span>{s.detail ? <div className="qbo-status-detail">{s.detail}</div> : null}</td>
                  <td>{s.qboId ?? ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
