// Settings › Startup: whether Track Nexus starts when the user signs in, and whether it then waits
// hidden in the tray. In the browser harness and development runs it says why it is not offered.
import { useEffect } from 'react';
import { useStartup } from './startup-store';

export function StartupSection() {
  const { state, error, load, save } = useStartup();
  useEffect(load, [load]);
  if (!state) return error ? <p role="alert" className="set-field-error">{error}</p> : <p className="muted">Loading…</p>;
  return (
    <>
      {state.available ? null : <p className="muted">{state.reason}</p>}
      <label className="check">
        <input type="checkbox" checked={state.openAtLogin} disabled={!state.available}
          onChange={(e) => void save({ openAtLogin: e.target.checked, openAsHidden: state.openAsHidden })} />
        {' '}Start Track Nexus when I sign in
      </label>
      <label className="check">
        <input type="checkbox" checked={state.openAsHidden} disabled={!state.available || !state.openAtLogin}
          onChange={(e) => void save({ openAtLogin: state.openAtLogin, openAsHidden: e.target.checked })} />
        {' '}Start hidden in the tray (open the window from the tray icon)
      </label>
      {error ? <p role="alert" className="set-field-error">{error}</p> : null}
    </>
  );
}
