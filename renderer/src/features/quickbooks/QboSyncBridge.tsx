// Keeps the QuickBooks sync schedule running for the whole window, whichever screen is open: mount
// it once in the app shell (the QuickBooks screen starts it too, idempotently). In "on approval"
// mode it starts a sync when an entry is newly approved (a new entry id@version in the approved
// set), whichever screen approved it.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef } from 'react';
import { useRepos } from '../../data/repos-context';
import { useSyncService } from './SyncServiceProvider';

export function QboSyncBridge() {
  const repos = useRepos();
  const sync = useSyncService();
  useEffect(() => sync.startSchedule(), [sync]);

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
    if (before && [...now].some((k) => !before.has(k))) sync.approved();
  }, [approved, sync]);
  return null;
}
