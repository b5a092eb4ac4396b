import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../shared/ipc/contract';
import { ScreenHeader } from '../components/ScreenHeader';
import { api } from '../platform/api';

export function SettingsScreen() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api.invoke('app:getInfo').then((r) => (r.ok ? setInfo(r.value) : setError(r.error.message)));
  }, []);
  return (
    <>
      <ScreenHeader title="Settings" subtitle="How Track Nexus works for you" />
      <section className="card" aria-labelledby="about-title">
        <h2 id="about-title">About</h2>
        {error ? <p role="alert" className="error">{error}</p> : null}
        {info ? (
          <dl className="facts">
            <dt>Version</dt><dd>{info.version}</dd>
            <dt>Running as</dt><dd>{info.shell === 'electron' ? 'Desktop app' : 'Browser harness (npm run web)'}</dd>
            <dt>Platform</dt><dd>{info.platform}</dd>
            <dt>Appearance</dt><dd>Follows your system’s light or dark setting</dd>
          </dl>
        ) : !error ? <p className="muted">Loading…</p> : null}
      </section>
    </>
  );
}
