// Connecting QuickBooks: the demo company for a newcomer without Intuit keys, or a real company
// through Intuit's consent page in the system browser; one card per company, and the same form to
// add another company beside the ones connected. A build carrying the publisher's Intuit app
// connects a real company with no keys at all; "Use my own Intuit keys" stays as an advanced choice. Tokens and the client secret stay in main; this
// card only ever sees the connection's status and the non-secret settings.
import { formatDateTime } from '../../../../shared/time/display';
import { currentZone } from '../../app/clock';
import { useEffect, useState } from 'react';
import type { QboEnvironment, QboSettingsView, QboStatus } from '../../../../shared/ipc/contract';
import { api } from '../../platform/api';
import { companyLabel } from './use-companies';

const ENVIRONMENTS: Array<{ id: Exclude<QboEnvironment, 'demo'>; label: string; hint: string }> = [
  { id: 'production', label: 'QuickBooks Online (production keys)', hint: 'Your real company. Intuit only redirects to https, so set the relay page address below.' },
  { id: 'sandbox', label: 'Intuit developer sandbox (development keys)', hint: 'A sandbox company from your Intuit developer account; the browser returns to this computer directly.' },
  { id: 'custom', label: 'Custom server', hint: 'A QuickBooks-compatible server, such as the local sandbox (npm run sandbox).' },
];

/**
 * The card for one company (`status`), or, with `status` null, the form that connects a new one
 * (`others`: how many companies the workspace has already, to word it; the demo company is offered
 * unless it is one of them).
 */
interface ConnectForm {
  environment: Exclude<QboEnvironment, 'demo'>;
  clientId: string;
  clientSecret: string;
  customApiBase: string;
  customOAuthBase: string;
  relayUrl: string;
}

const EMPTY_FORM: ConnectForm = { environment: 'sandbox', clientId: '', clientSecret: '', customApiBase: '', customOAuthBase: '', relayUrl: '' };

export function ConnectionCard({ status, others = 0, demoExists = false }: { status: QboStatus | null; others?: number; demoExists?: boolean }) {
  const [settings, setSettings] = useState<QboSettingsView | null>(null);
  const [form, setForm] = useState<ConnectForm>(EMPTY_FORM);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmDisconnect, setConfirmDisconnect] = useState(false);
  const [ownKeys, setOwnKeys] = useState(false);

  useEffect(() => {
    void api.invoke('qbo:getSettings').then((r) => {
      if (!r.ok) return;
      setSettings(r.value);
      const s = r.value;
      setOwnKeys(Boolean(s.clientId));
      // The stored settings fill the form, except what the person changed while they were read.
      setForm((f) => {
        const kept = <K extends keyof ConnectForm>(k: K, stored: ConnectForm[K]): ConnectForm[K] => (f[k] !== EMPTY_FORM[k] ? f[k] : stored);
        return {
          ...f,
          environment: kept('environment', s.environment === 'demo' ? f.environment : s.environment),
          clientId: kept('clientId', s.clientId ?? ''),
          customApiBase: kept('customApiBase', s.customApiBase ?? ''),
          customOAuthBase: kept('customOAuthBase', s.customOAuthBase ?? ''),
          relayUrl: kept('relayUrl', s.relayUrl ?? ''),
        };
      });
    });
  }, []);

  async function attempt(action: () => Promise<{ ok: boolean; error?: { message: string } }>) {
    setBusy(true);
    setError(null);
    try {
      const r = await action();
      if (!r.ok) setError(r.error?.message ?? 'Something went wrong.');
    } finally {
      setBusy(false);
    }
  }

  // Production in a build with the publisher's app: no keys needed unless the person wants their own.
  const builtIn = Boolean(settings?.publisherApp) && form.environment === 'production';
  const keysShown = !builtIn || ownKeys;

  const connectOwn = () =>
    attempt(async () => {
      const saved = await api.invoke('qbo:saveSettings', {
        environment: form.environment,
        // An empty client id goes back to the publisher's app; undefined keeps the stored one.
        clientId: builtIn && !ownKeys ? '' : form.clientId || undefined,
        ...(form.clientSecret ? { clientSecret: form.clientSecret } : {}),
        ...(form.environment === 'custom' ? { customApiBase: form.customApiBase, customOAuthBase: form.customOAuthBase } : {}),
        ...(form.environment === 'production' && form.relayUrl ? { relayUrl: form.relayUrl } : {}),
      });
      if (!saved.ok) return saved;
      setSettings(saved.value);
      setForm((f) => ({ ...f, clientSecret: '' }));
      return api.invoke('qbo:connectCompany', status ? { companyId: status.companyId } : {});
    });

  if (status?.state === 'connected') {
    return (
      <section className="card qbo-connection" aria-labelledby="qbo-connection-title">
        <h2 id="qbo-connection-title">Connected to {companyLabel(status)}</h2>
        <dl className="facts">
          <dt>Company</dt><dd>{status.companyName ?? '—'}{status.environment === 'demo' ? ' (demo company on this computer)' : ''}</dd>
          <dt>Company ID</dt><dd>{status.realmId}</dd>
          {status.connectedAt ? <><dt>Connected</dt><dd>{formatDateTime(status.connectedAt, currentZone())}</dd></> : null}
        </dl>
        {confirmDisconnect ? (
          <div className="confirm" role="alertdialog" aria-label={`Disconnect ${companyLabel(status)}?`}>
            <p>Disconnect {companyLabel(status)}? Track Nexus revokes its access at Intuit. Your entries, mappings and sync history stay on this computer, and other companies stay connected.</p>
            <button type="button" className="button danger" disabled={busy} onClick={() => void attempt(() => api.invoke('qbo:disconnectCompany', { companyId: status.companyId })).then(() => setConfirmDisconnect(false))}>Disconnect</button>
            <button type="button" className="button" onClick={() => setConfirmDisconnect(false)}>Keep connected</button>
          </div>
        ) : (
          <button type="button" className="button" onClick={() => setConfirmDisconnect(true)}>Disconnect…</button>
        )}
        {error ? <p role="alert" className="error">{error}</p> : null}
      </section>
    );
  }

  if (status && (status.state === 'connecting' || status.awaitingBrowser)) {
    return (
      <section className="card qbo-connection" aria-labelledby="qbo-connection-title" aria-busy="true">
        <h2 id="qbo-connection-title">Waiting for QuickBooks…</h2>
        <p>Approve Track Nexus on the QuickBooks page that opened in your browser, then come back here. This page updates by itself.</p>
        <button type="button" className="button" onClick={() => void attempt(() => api.invoke('qbo:cancelConnect'))}>Cancel</button>
      </section>
    );
  }

  // A company that is not connected (any more) is reconnected as itself; without one, a new one is added.
  const reconnect = status !== null;
  const env = ENVIRONMENTS.find((e) => e.id === form.environment)!;
  return (
    <section className="card qbo-connection" aria-labelledby="qbo-connection-title">
      {status?.state === 'reconnect_required' ? (
        <div role="alert" className="banner error">
          <strong>Reconnect {companyLabel(status)}.</strong> {status.message?.replace(/^Reconnect QuickBooks:\s*/i, '') || 'QuickBooks no longer accepts this connection.'} Nothing was lost: approved time waits in the outbox and is sent once you reconnect.
        </div>
      ) : status?.message && status.state !== 'disconnected' ? (
        <div role="alert" className="banner error">{status.message}</div>
      ) : status?.message ? (
        <p className="muted">{status.message}</p>
      ) : null}
      <h2 id="qbo-connection-title">{status ? `Reconnect ${companyLabel(status)}` : others > 0 ? 'Add another QuickBooks company' : 'Connect QuickBooks Online'}</h2>
      {status === null && others > 0 ? <p className="muted">Each company keeps its own connection, mapping and sync; you choose which company each client or project goes to on the Mapping tab.</p> : null}

      {status !== null || demoExists ? null : (
        <div className="qbo-demo">
          <h3>New here? Try the demo company</h3>
          <p className="muted">A sample QuickBooks company runs on this computer, with customers, jobs, service items and employees. You go through the same consent page and sync as with a real company; nothing is sent anywhere.</p>
          <button type="button" className="button primary" disabled={busy} onClick={() => void attempt(() => api.invoke('qbo:startDemo'))}>Try the demo company</button>
        </div>
      )}
      {status?.environment === 'demo' ? (
        <button type="button" className="button primary" disabled={busy} onClick={() => void attempt(() => api.invoke('qbo:startDemo'))}>Reconnect the demo company</button>
      ) : null}

      {status?.environment === 'demo' ? null : <form className="qbo-own" onSubmit={(e) => { e.preventDefault(); void connectOwn(); }}>
        <h3>Your own QuickBooks company</h3>
        <label className="field"><span>Where</span>
          <select value={form.environment} onChange={(e) => setForm({ ...form, environment: e.target.value as typeof form.environment })}>
            {ENVIRONMENTS.map((e) => <option key={e.id} value={e.id}>{e.label}</option>)}
          </select>
        </label>
        <p className="muted">{builtIn ? 'Your real company. Click Connect and approve Track Nexus in QuickBooks; no Intuit developer account needed.' : env.hint}</p>
        {settings?.basesFromEnvironment ? <p className="muted">QBO_API_BASE and QBO_OAUTH_BASE are set, so they decide the server.</p> : null}
        {form.environment === 'custom' ? (
          <>
            <label className="field"><span>API base URL</span><input value={form.customApiBase} onChange={(e) => setForm({ ...form, customApiBase: e.target.value })} placeholder="http://127.0.0.1:8787" /></label>
            <label className="field"><span>OAuth base URL</span><input value={form.customOAuthBase} onChange={(e) => setForm({ ...form, customOAuthBase: e.target.value })} placeholder="http://127.0.0.1:8787" /></label>
          </>
        ) : null}
        {builtIn ? (
          <label className="field checkbox"><input type="checkbox" checked={ownKeys} onChange={(e) => setOwnKeys(e.target.checked)} /><span>Use my own Intuit keys (advanced)</span></label>
        ) : null}
        {keysShown ? <>
        {form.environment === 'production' ? (
          <label className="field"><span>Relay page (https)</span><input value={form.relayUrl} onChange={(e) => setForm({ ...form, relayUrl: e.target.value })}
            placeholder={builtIn ? 'Track Nexus’s own page if left empty (register it in your Intuit app)' : 'https://example.com/track-nexus/qbo-callback/'} /></label>
        ) : null}
        <label className="field"><span>Client ID</span>
          <input value={form.clientId} onChange={(e) => setForm({ ...form, clientId: e.target.value })} placeholder={settings?.keysFromEnvironment ? 'from QBO_CLIENT_ID' : 'From your Intuit developer app'} autoComplete="off" />
        </label>
        <label className="field"><span>Client secret</span>
          <input type="password" value={form.clientSecret} onChange={(e) => setForm({ ...form, clientSecret: e.target.value })} autoComplete="off"
            placeholder={settings?.hasClientSecret ? 'Stored — leave empty to keep it' : settings?.keysFromEnvironment ? 'from QBO_CLIENT_SECRET' : ''} />
        </label>
        {settings ? <p className="muted">{settings.secretStorage}</p> : null}
        </> : null}
        <button type="submit" className="button" disabled={busy}>{reconnect ? 'Reconnect' : 'Connect'}</button>
      </form>}
      {error ? <p role="alert" className="error">{error}</p> : null}
    </section>
  );
}
