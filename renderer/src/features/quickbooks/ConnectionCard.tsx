// Connecting QuickBooks: the demo company for a newcomer without Intuit keys, or a real company
// through Intuit's consent page in the system browser. Tokens and the client secret stay in main;
// this card only ever sees the connection's status and the non-secret settings.
import { formatDateTime } from '../../../../shared/time/display';
import { currentZone } from '../../app/clock';
import { useEffect, useState } from 'react';
import type { QboEnvironment, QboSettingsView, QboStatus } from '../../../../shared/ipc/contract';
import { api } from '../../platform/api';

const ENVIRONMENTS: Array<{ id: Exclude<QboEnvironment, 'demo'>; label: string; hint: string }> = [
  { id: 'production', label: 'QuickBooks Online (production keys)', hint: 'Your real company. Intuit only redirects to https, so set the relay page address below.' },
  { id: 'sandbox', label: 'Intuit developer sandbox (development keys)', hint: 'A sandbox company from your Intuit developer account; the browser returns to this computer directly.' },
  { id: 'custom', label: 'Custom server', hint: 'A QuickBooks-compatible server, such as the local sandbox (npm run sandbox).' },
];

export function useQboStatus(): QboStatus | null {
  const [status, setStatus] = useState<QboStatus | null>(null);
  useEffect(() => {
    let live = true;
    void api.invoke('qbo:getStatus').then((r) => live && r.ok && setStatus(r.value));
    const off = api.on('qbo:statusChanged', (s) => setStatus(s));
    return () => {
      live = false;
      off();
    };
  }, []);
  return status;
}

export function ConnectionCard({ status }: { status: QboStatus | null }) {
  const [settings, setSettings] = useState<QboSettingsView | null>(null);
  const [form, setForm] = useState({ environment: 'sandbox' as Exclude<QboEnvironment, 'demo'>, clientId: '', clientSecret: '', customApiBase: '', customOAuthBase: '', relayUrl: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmDisconnect, setConfirmDisconnect] = useState(false);

  useEffect(() => {
    void api.invoke('qbo:getSettings').then((r) => {
      if (!r.ok) return;
      setSettings(r.value);
      const s = r.value;
      setForm((f) => ({
        ...f,
        environment: s.environment === 'demo' ? f.environment : s.environment,
        clientId: s.clientId ?? '',
        customApiBase: s.customApiBase ?? '',
        customOAuthBase: s.customOAuthBase ?? '',
        relayUrl: s.relayUrl ?? '',
      }));
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

  const connectOwn = () =>
    attempt(async () => {
      const saved = await api.invoke('qbo:saveSettings', {
        environment: form.environment,
        clientId: form.clientId || undefined,
        ...(form.clientSecret ? { clientSecret: form.clientSecret } : {}),
        ...(form.environment === 'custom' ? { customApiBase: form.customApiBase, customOAuthBase: form.customOAuthBase } : {}),
        ...(form.environment === 'production' && form.relayUrl ? { relayUrl: form.relayUrl } : {}),
      });
      if (!saved.ok) return saved;
      setSettings(saved.value);
      setForm((f) => ({ ...f, clientSecret: '' }));
      return api.invoke('qbo:connectCompany');
    });

  if (!status) return <section className="card"><p className="muted">Checking the QuickBooks connection…</p></section>;

  if (status.state === 'connected') {
    return (
      <section className="card qbo-connection" aria-labelledby="qbo-connection-title">
        <h2 id="qbo-connection-title">Connected to {status.companyName ?? 'QuickBooks'}</h2>
        <dl className="facts">
          <dt>Company</dt><dd>{status.companyName ?? '—'}{status.environment === 'demo' ? ' (demo company on this computer)' : ''}</dd>
          <dt>Company ID</dt><dd>{status.realmId}</dd>
          {status.connectedAt ? <><dt>Connected</dt><dd>{formatDateTime(status.connectedAt, currentZone())}</dd></> : null}
        </dl>
        {confirmDisconnect ? (
          <div className="confirm" role="alertdialog" aria-label="Disconnect QuickBooks?">
            <p>Disconnect? Track Nexus revokes its access at Intuit. Your entries, mappings and sync history stay on this computer.</p>
            <button type="button" className="button danger" disabled={busy} onClick={() => void attempt(() => api.invoke('qbo:disconnectCompany')).then(() => setConfirmDisconnect(false))}>Disconnect</button>
            <button type="button" className="button" onClick={() => setConfirmDisconnect(false)}>Keep connected</button>
          </div>
        ) : (
          <button type="button" className="button" onClick={() => setConfirmDisconnect(true)}>Disconnect…</button>
        )}
        {error ? <p role="alert" className="error">{error}</p> : null}
      </section>
    );
  }

  if (status.state === 'connecting' || status.awaitingBrowser) {
    return (
      <section className="card qbo-connection" aria-labelledby="qbo-connection-title" aria-busy="true">
        <h2 id="qbo-connection-title">Waiting for QuickBooks…</h2>
        <p>Approve Track Nexus on the QuickBooks page that opened in your browser, then come back here. This page updates by itself.</p>
        <button type="button" className="button" onClick={() => void attempt(() => api.invoke('qbo:cancelConnect'))}>Cancel</button>
      </section>
    );
  }

  const reconnect = status.state === 'reconnect_required';
  const env = ENVIRONMENTS.find((e) => e.id === form.environment)!;
  return (
    <section className="card qbo-connection" aria-labelledby="qbo-connection-title">
      {reconnect ? (
        <div role="alert" className="banner error">
          <strong>Reconnect QuickBooks.</strong> {status.message?.replace(/^Reconnect QuickBooks:\s*/i, '') || 'QuickBooks no longer accepts this connection.'} Nothing was lost: approved time waits in the outbox and is sent once you reconnect.
        </div>
      ) : status.state === 'error' && status.message ? (
        <div role="alert" className="banner error">{status.message}</div>
      ) : null}
      <h2 id="qbo-connection-title">{reconnect ? 'Reconnect QuickBooks' : 'Connect QuickBooks Online'}</h2>

      {reconnect && status.environment === 'demo' ? null : (
        <div className="qbo-demo">
          <h3>New here? Try the demo company</h3>
          <p className="muted">A sample QuickBooks company runs on this computer, with customers, jobs, service items and employees. You go through the same consent page and sync as with a real company; nothing is sent anywhere.</p>
          <button type="button" className="button primary" disabled={busy} onClick={() => void attempt(() => api.invoke('qbo:startDemo'))}>Try the demo company</button>
        </div>
      )}
      {reconnect && status.environment === 'demo' ? (
        <button type="button" className="button primary" disabled={busy} onClick={() => void attempt(() => api.invoke('qbo:startDemo'))}>Reconnect the demo company</button>
      ) : null}

      <form className="qbo-own" onSubmit={(e) => { e.preventDefault(); void connectOwn(); }}>
        <h3>Your own QuickBooks company</h3>
        <label className="field"><span>Where</span>
          <select value={form.environment} onChange={(e) => setForm({ ...form, environment: e.target.value as typeof form.environment })}>
            {ENVIRONMENTS.map((e) => <option key={e.id} value={e.id}>{e.label}</option>)}
          </select>
        </label>
        <p className="muted">{env.hint}</p>
        {settings?.basesFromEnvironment ? <p className="muted">QBO_API_BASE and QBO_OAUTH_BASE are set, so they decide the server.</p> : null}
        {form.environment === 'custom' ? (
          <>
            <label className="field"><span>API base URL</span><input value={form.customApiBase} onChange={(e) => setForm({ ...form, customApiBase: e.target.value })} placeholder="http://127.0.0.1:8787" /></label>
            <label className="field"><span>OAuth base URL</span><input value={form.customOAuthBase} onChange={(e) => setForm({ ...form, customOAuthBase: e.target.value })} placeholder="http://127.0.0.1:8787" /></label>
          </>
        ) : null}
        {form.environment === 'production' ? (
          <label className="field"><span>Relay page (https)</span><input value={form.relayUrl} onChange={(e) => setForm({ ...form, relayUrl: e.target.value })} placeholder="https://example.com/track-nexus/qbo-callback/" /></label>
        ) : null}
        <label className="field"><span>Client ID</span>
          <input value={form.clientId} onChange={(e) => setForm({ ...form, clientId: e.target.value })} placeholder={settings?.keysFromEnvironment ? 'from QBO_CLIENT_ID' : 'From your Intuit developer app'} autoComplete="off" />
        </label>
        <label className="field"><span>Client secret</span>
          <input type="password" value={form.clientSecret} onChange={(e) => setForm({ ...form, clientSecret: e.target.value })} autoComplete="off"
            placeholder={settings?.hasClientSecret ? 'Stored — leave empty to keep it' : settings?.keysFromEnvironment ? 'from QBO_CLIENT_SECRET' : ''} />
        </label>
        {settings ? <p className="muted">{settings.secretStorage}</p> : null}
        <button type="submit" className="button" disabled={busy}>{reconnect ? 'Reconnect' : 'Connect'}</button>
      </form>
      {error ? <p role="alert" className="error">{error}</p> : null}
    </section>
  );
}
