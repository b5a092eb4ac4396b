// The workspace's QuickBooks Desktop connections as main reports them (the Web Connector's side of
// each Desktop company): the list once, then each change as it happens (the Web Connector called,
// an update ended, the setup changed). When an update ends, QuickBooks' answers wait in main's
// journal: that company's sync runs at once to apply them, and its name lists are read again.
import { useCallback, useEffect, useState } from 'react';
import type { QbdConnection, RendererApi } from '../../../../shared/ipc/contract';
import { useRepos } from '../../data/repos-context';
import { api } from '../../platform/api';
import { importMirror } from './engine/import-mirror';
import type { SyncServices } from './SyncServiceProvider';

const withConnection = (list: readonly QbdConnection[], c: QbdConnection): QbdConnection[] =>
  list.some((x) => x.companyId === c.companyId) ? list.map((x) => (x.companyId === c.companyId ? c : x)) : [...list, c];

/**
 * Every Desktop connection, live; null until main answered (an empty list when it could not).
 * `noted` takes in one main answered directly (the one just created), before its event arrives.
 */
export function useDesktopConnections(): { connections: QbdConnection[] | null; noted: (c: QbdConnection) => void } {
  const [connections, setConnections] = useState<QbdConnection[] | null>(null);
  useEffect(() => {
    let live = true;
    const seen: QbdConnection[] = [];
    void api.invoke('qbd:listConnections').then((r) => {
      // A change that arrived while the list was on its way is newer than the list's copy.
      if (live) setConnections(seen.reduce(withConnection, r.ok ? r.value.connections : []));
    });
    const off = api.on('qbd:connectionChanged', (c) => {
      seen.push(c);
      setConnections((list) => (list ? withConnection(list, c) : list));
    });
    return () => {
      live = false;
      off();
    };
  }, []);
  const noted = useCallback((c: QbdConnection) => setConnections((list) => withConnection(list ?? [], c)), []);
  return { connections, noted };
}

/**
 * Calls `updateEnded(companyId)` each time a Desktop company's Web Connector update ends (a newer
 * lastUpdateEndedAt than known; the list read at the start is the baseline, so an update that
 * ended before the window opened is not taken for a new one). One company's calls never overlap:
 * an update ending while the last one is still being applied waits for it. Returns the unsubscribe.
 */
function followDesktopUpdates(ipc: Pick<RendererApi, 'invoke' | 'on'>, updateEnded: (companyId: string) => Promise<void>): () => void {
  const known = new Map<string, number | null>();
  const chains = new Map<string, Promise<void>>();
  const note = (c: QbdConnection, isNew: boolean) => {
    const before = known.get(c.companyId);
    const ended = c.lastUpdateEndedAt;
    const newer = ended !== null && (before == null || ended > before);
    if (newer || before === undefined) known.set(c.companyId, ended);
    if (!isNew || !newer) return;
    const next = (chains.get(c.companyId) ?? Promise.resolve()).then(() => updateEnded(c.companyId)).catch(() => undefined);
    chains.set(c.companyId, next);
  };
  void ipc.invoke('qbd:listConnections').then((r) => {
    if (r.ok) for (const c of r.value.connections) if (!known.has(c.companyId)) note(c, false);
  });
  return ipc.on('qbd:connectionChanged', (c) => note(c, true));
}

/** Mounted once (QboSyncBridge): applies each Desktop update as soon as it ends. */
export function useDesktopUpdates(services: SyncServices): void {
  const repos = useRepos();
  useEffect(
    () =>
      followDesktopUpdates(api, async (companyId) => {
        const sync = services.of(companyId);
        await sync.run();
        await importMirror({ repos, port: sync.port });
      }),
    [services, repos],
  );
}
