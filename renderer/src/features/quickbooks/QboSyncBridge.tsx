// Keeps every QuickBooks company's sync running for the whole window, whichever screen is open:
// mount it once in the app shell. Each company's schedule runs on its own (a scheduled run only
// happens while that company is connected). In "on approval" mode a newly approved entry (a new
// entry id@version in the approved set) starts a sync of every connected company: planning puts
// the entry in its project's company's outbox, and the others have nothing to send. Coming back
// from a reconnect lets that company's engine send again after an auth pause. A QuickBooks Desktop
// company also syncs as soon as a Web Connector update ends (use-desktop-connections.ts).
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef } from 'react';
import { useRepos } from '../../data/repos-context';
import { useSyncServices } from './SyncServiceProvider';
import { useQboCompanies } from './use-companies';
import { useDesktopUpdates } from './use-desktop-connections';
import { useSyncBusy } from '../updates/use-sync-busy';

export function QboSyncBridge() {
  const repos = useRepos();
  const services = useSyncServices();
  const { companies } = useQboCompanies();
  useDesktopUpdates(services);
  useSyncBusy(services, (companies ?? []).map((c) => c.companyId));
  const wasConnected = useRef(new Map<string, boolean>());
  useEffect(() => {
    for (const c of companies ?? []) {
      const sync = services.of(c.companyId);
      sync.startSchedule();
      const connected = c.state === 'connected';
      sync.ui.setState({ reconnectRequired: c.state === 'reconnect_required' });
      if (connected && wasConnected.current.get(c.companyId) === false) sync.resume();
      wasConnected.current.set(c.companyId, connected);
    }
  }, [companies, services]);

  const approved = useLiveQuery(
    async () => (await repos.entries.listApproved()).map((e) => `${e.id}@${e.version}`).sort().join(','),
    [repos],
  );
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (approved === undefined) return;
    const now = new Set(approved ? approved.split(',') : []);
    const before = seen.current;
    seen.current = now;
    if (!before || ![...now].some((k) => !before.has(k))) return;
    for (const c of companies ?? []) if (c.state === 'connected') services.of(c.companyId).approved();
  }, [approved, services, companies]);
  return null;
}
