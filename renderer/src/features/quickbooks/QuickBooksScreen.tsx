import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef } from 'react';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useRepos } from '../../data/repos-context';
import { ConnectionCard, useQboStatus } from './ConnectionCard';
import { QboTabs } from './QboTabs';
import { useSyncService } from './SyncServiceProvider';
import './quickbooks.css';
import './qbo-sync.css';

export function QuickBooksScreen() {
  const repos = useRepos();
  const status = useQboStatus();
  const conflicts = useLiveQuery(async () => (await repos.sync.conflicts('open')).length, [repos]);
  const connected = status?.state === 'connected';
  const reconnect = status?.state === 'reconnect_required';
  const sync = useSyncService();
  useEffect(() => sync.ui.setState({ reconnectRequired: reconnect }), [sync, reconnect]);
  // The schedule runs for the window (App mounts QboSyncBridge); starting it here too is harmless.
  useEffect(() => sync.startSchedule(), [sync]);

  // Coming back from a reconnect: the engine may have paused on an auth failure; let it send again.
  const wasConnected = useRef<boolean | null>(null);
  useEffect(() => {
    if (status === null) return;
    if (connected && wasConnected.current === false) sync.resume();
    wasConnected.current = connected;
  }, [status, connected, sync]);

  const subtitle =
    status?.state === 'connected'
      ? `Connected to ${status.companyName ?? 'QuickBooks'}`
      : status?.state === 'reconnect_required'
        ? 'Reconnect QuickBooks to keep syncing'
        : 'QuickBooks Online';
  return (
    <>
      <ScreenHeader title="QuickBooks" subtitle={subtitle} />
      <ConnectionCard status={status} />
      {/* While QuickBooks asks for a reconnect the tabs stay: what waits, the audit and the mapping are still here. */}
      {connected || reconnect ? <QboTabs badges={{ conflicts: conflicts ?? 0 }} /> : null}
    </>
  );
}
