// Reports a QuickBooks sync in progress (any company's) as work a restart into an update waits for.
import { useEffect, useState } from 'react';
import type { SyncServices } from '../quickbooks/SyncServiceProvider';
import { useReportBusy } from './update-store';

export function useSyncBusy(services: SyncServices, companyIds: readonly string[]): void {
  const [running, setRunning] = useState(false);
  const key = companyIds.join('\n');
  useEffect(() => {
    const stores = (key ? key.split('\n') : []).map((id) => services.of(id).ui);
    const update = () => setRunning(stores.some((s) => s.getState().running));
    update();
    const offs = stores.map((s) => s.subscribe(update));
    return () => offs.forEach((off) => off());
  }, [services, key]);
  useReportBusy('sync', running);
}
