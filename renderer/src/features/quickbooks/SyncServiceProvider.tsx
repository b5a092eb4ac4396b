// Hands the window's SyncServices (one per QuickBooks company) to the QuickBooks screen, its
// sections and the sync bridge. The app mounts one provider at its root, inside ReposProvider; it
// builds each company's service over the IPC port to that company. A test passes its own service,
// used for its port's company.
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useRepos } from '../../data/repos-context';
import { api } from '../../platform/api';
import { ipcQboPort } from './engine/qbo-port';
import { createSyncService, type SyncService, type SyncUiState } from './engine/sync-service';
import { useCompanyId } from './qbo-tab-store';

/** Each company's sync service, made on first use; companies sync independently. */
export interface SyncServices {
  of(companyId: string): SyncService;
  /** After the workspace's sync settings changed: every company's schedule follows them. */
  rescheduleAll(): void;
  stop(): void;
}

function createSyncServices(make: (companyId: string) => SyncService): SyncServices {
  const services = new Map<string, SyncService>();
  return {
    of(companyId) {
      let service = services.get(companyId);
      if (!service) services.set(companyId, (service = make(companyId)));
      return service;
    },
    rescheduleAll: () => services.forEach((s) => s.reschedule()),
    stop: () => services.forEach((s) => s.stop()),
  };
}

const SyncServicesContext = createContext<SyncServices | null>(null);

export function SyncServiceProvider({ children, service }: { children: ReactNode; service?: SyncService }) {
  const repos = useRepos();
  const value = useMemo(
    () => createSyncServices((companyId) => (service?.port.companyId === companyId ? service : createSyncService({ repos, port: ipcQboPort(api, companyId) }))),
    [service, repos],
  );
  useEffect(() => () => value.stop(), [value]);
  return <SyncServicesContext.Provider value={value}>{children}</SyncServicesContext.Provider>;
}

export function useSyncServices(): SyncServices {
  const services = useContext(SyncServicesContext);
  if (!services) throw new Error('useSyncService must be used inside <SyncServiceProvider>');
  return services;
}

/** The sync service of the company the QuickBooks screen shows. */
export function useSyncService(): SyncService {
  return useSyncServices().of(useCompanyId());
}

/** The sync's progress and last result, for the screen. */
export function useSyncUi(): SyncUiState {
  return useStore(useSyncService().ui);
}
