// Settings › Updates: the update's state in words, Check now, the stable or beta channel, and
// Restart to update (which may wait, saying for what, until the timer stops or a sync ends).
import { useEffect } from 'react';
import type { UpdateChannel } from '../../../../shared/ipc/contract';
import { useUpdates } from './update-store';

const channels: Array<{ id: UpdateChannel; label: string; hint: string }> = [
  { id: 'stable', label: 'Stable', hint: 'Tested releases.' },
  { id: 'beta', label: 'Beta', hint: 'New features sooner; occasionally rough.' },
];

export function UpdatesSection() {
  const { state, error, load, checkNow, setChannel, restart, cancelRestart } = useUpdates();
  useEffect(() => void load(), [load]);
  if (!state) return error ? <p role="alert" className="error">{error}</p> : <p className="muted">Loading…</p>;
  const off = state.status === 'disabled';
  const busy = state.status === 'checking' || state.status === 'downloading';
  return (
    <div className="updates-section">
      <p aria-live="polite">{state.words}</p>
      {state.status === 'downloading' && state.percent !== null ? (
        <progress max={100} value={state.percent} aria-label="Download progress" />
      ) : null}
      {error ? <p role="alert" className="error">{error}</p> : null}
      {off ? null : (
        <>
          <div className="update-buttons">
            <button type="button" className="button" disabled={busy} onClick={() => void checkNow()}>Check now</button>
            {state.status === 'ready' && !state.restartRequested ? (
              <button type="button" className="button primary" onClick={() => void restart()}>Restart to update</button>
            ) : null}
            {state.restartRequested ? (
              <button type="button" className="button" onClick={() => void cancelRestart()}>Don’t restart</button>
            ) : null}
          </div>
          {state.waitingFor ? <p className="muted">{state.waitingFor} Track Nexus restarts by itself then.</p> : null}
          <fieldset className="update-channel">
            <legend>Update channel</legend>
            {channels.map((c) => (
              <label key={c.id}>
                <input type="radio" name="update-channel" value={c.id} checked={state.channel === c.id}
                  onChange={() => void setChannel(c.id)} /> {c.label} <span className="muted">— {c.hint}</span>
              </label>
            ))}
          </fieldset>
        </>
      )}
    </div>
  );
}
