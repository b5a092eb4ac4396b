// The first-run explanation of start at login: one sentence, until the user dismisses it.
import { useEffect } from 'react';
import { useStartup } from './startup-store';

export function StartupNotice() {
  const { state, load, dismiss } = useStartup();
  useEffect(load, [load]);
  if (!state?.showFirstRunNotice) return null;
  return (
    <div role="status" className="banner ok">
      Track Nexus will start when you sign in and wait in the tray, so your timer and capture are ready; change this in Settings › Startup.{' '}
      <button type="button" className="button small" onClick={() => void dismiss()}>Got it</button>
    </div>
  );
}
