// Mounted once in App: follows main's update state, tells main what a restart must wait for (the
// running timer is read here; dialogs and syncs report through useReportBusy), and shows a
// discreet notice once an update is downloaded: "Version 2.0.0 is ready. Restart to update".
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useRepos } from '../../data/repos-context';
import { api } from '../../platform/api';
import { busyReasons, useReportBusy, useUpdates } from './update-store';
import './updates.css';

export function UpdateBridge() {
  const repos = useRepos();
  const { state, busy, load, apply, restart, cancelRestart } = useUpdates();
  const [dismissed, setDismissed] = useState<string | null>(null);
  const timerRunning = useLiveQuery(async () => (await repos.entries.running()) != null, [repos]) ?? false;
  useReportBusy('timer', timerRunning);

  useEffect(() => {
    void load();
    return api.on('update:stateChanged', apply);
  }, [load, apply]);

  const reasons = busyReasons(busy).join(',');
  useEffect(() => {
    void api.invoke('update:setBusy', { reasons: busyReasons(useUpdates.getState().busy) });
  }, [reasons]);

  if (state?.status !== 'ready' || dismissed === state.version) return null;
  return (
    <div className="update-notice" role="status" aria-label="Update ready">
      <span>{state.waitingFor ?? state.words}</span>
      <span className="update-actions">
        {state.restartRequested ? (
          <button type="button" className="link-button" onClick={() => void cancelRestart()}>Don’t restart</button>
        ) : (
          <button type="button" className="link-button" onClick={() => void restart()}>Restart to update</button>
        )}
        <button type="button" className="update-close" aria-label="Later" onClick={() => setDismissed(state.version)}>×</button>
      </span>
    </div>
  );
}
