// The workspace's QuickBooks companies as main reports them: the list once, then each company's
// status changes as they happen (a connect, a reconnect request, a disconnect).
import { useEffect, useState } from 'react';
import type { QboStatus } from '../../../../shared/ipc/contract';
import { api } from '../../platform/api';

/** The list with one company's new status in it (a company not listed yet is added at the end). */
function withStatus(list: readonly QboStatus[], status: QboStatus): QboStatus[] {
  const i = list.findIndex((c) => c.companyId === status.companyId);
  return i < 0 ? [...list, status] : list.map((c, j) => (j === i ? status : c));
}

/** Every company (connected or not), oldest first; null until main answered. */
export function useQboCompanies(): QboStatus[] | null {
  const [companies, setCompanies] = useState<QboStatus[] | null>(null);
  useEffect(() => {
    let live = true;
    const seen: QboStatus[] = [];
    void api.invoke('qbo:listCompanies').then((r) => {
      // A status that arrived while the list was on its way is newer than the list's copy.
      if (live && r.ok) setCompanies(seen.reduce(withStatus, r.value.companies));
    });
    const off = api.on('qbo:statusChanged', (s) => {
      seen.push(s);
      setCompanies((list) => (list ? withStatus(list, s) : list));
    });
    return () => {
      live = false;
      off();
    };
  }, []);
  return companies;
}

/** How a company is named on screen. */
export function companyLabel(c: QboStatus): string {
  return c.companyName ?? (c.environment === 'demo' ? 'Demo company' : c.realmId ? `Company ${c.realmId}` : 'QuickBooks company');
}
