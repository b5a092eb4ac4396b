// Hands the window's SyncService to the QuickBooks screen, its sections and the sync bridge. The
// app mounts one provider at its root, inside ReposProvider; it builds the service over the IPC
// port for those repositories. A test passes its own service instead.
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useRepos } from '../../data/repos-context';
import { api } from '../../platform/api';
import { ipcQboPort } from './engine/qbo-port';
import { createSyncService, type SyncService, type SyncUiState } from './engine/sync-service';

const SyncServiceContext = createContext<SyncService | null>(null);

export function SyncServiceProvider({ children, service }: { children: ReactNode; service?: SyncService }) {
  const repos = useRepos();
  const value = useMemo(() => service ?? createSyncService({ repos, port: ipcQboPort(api) }), [service, repos]);
  useEffect(() => () => value.stop(), [value]);
  return <SyncServiceContext.Provider value={value}>{children}</SyncServiceContext.Provider>;
}

export function useSyncService(): SyncService {
  const service = useContext(SyncServiceContext);
  if (!service) throw new Error('useSyncService must be used inside <SyncServiceProvider>');
  return service;
}

/** The sync's progress and last result, for the screen. */
export function useSyncUi(): SyncUiState {
  return useStore(useSyncService().ui);
}
