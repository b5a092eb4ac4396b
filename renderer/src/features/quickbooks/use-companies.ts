// The workspace's QuickBooks companies as main reports them: the list once, then each company's
// status changes as they happen (a connect, a reconnect request, a disconnect).
import { useEffect, useState } from 'react';
import type { QboStatus } from '../../../../shared/ipc/contract';
import { api } from '../../platform/api';

/**
 * The list with one company's new status in it. A company not listed yet joins it once connected;
 * before that its status is a connect in progress (main names the id it will get), which may end
 * with no new company at all (cancelled, or the realm picked was already in the workspace).
 */
function withStatus(list: readonly QboStatus[], status: QboStatus): QboStatus[] {
  const i = list.findIndex((c) => c.companyId === status.companyId);
  if (i >= 0) return list.map((c, j) => (j === i ? status : c));
  return status.state === 'connected' || isDesktop(status) ? [...list, status] : [...list];
}

const isConnecting = (s: QboStatus) => !isDesktop(s) && (s.state === 'connecting' || s.awaitingBrowser);

/** A QuickBooks Desktop company (reached through the Web Connector, set up without Intuit's consent page). */
export const isDesktop = (c: Pick<QboStatus, 'environment'>): boolean => c.environment === 'desktop';

export interface QboCompanies {
  /** Every company (connected or not), oldest first; null until main answered. */
  companies: QboStatus[] | null;
  /** A new company being connected (the browser is open), not listed until it is connected. */
  incoming: QboStatus | null;
}

export function useQboCompanies(): QboCompanies {
  const [state, setState] = useState<QboCompanies>({ companies: null, incoming: null });
  useEffect(() => {
    let live = true;
    const seen: QboStatus[] = [];
    void api.invoke('qbo:listCompanies').then((r) => {
      // A status that arrived while the list was on its way is newer than the list's copy.
      if (live && r.ok) setState((s) => ({ ...s, companies: seen.reduce(withStatus, r.value.companies) }));
    });
    const off = api.on('qbo:statusChanged', (status) => {
      seen.push(status);
      setState(({ companies, incoming }) => {
        const listed = companies?.some((c) => c.companyId === status.companyId) ?? false;
        const next = listed || !isConnecting(status) ? (incoming?.companyId === status.companyId ? null : incoming) : status;
        return { companies: companies ? withStatus(companies, status) : companies, incoming: next };
      });
    });
    return () => {
      live = false;
      off();
    };
  }, []);
  return state;
}

/**
 * How a company is named on screen; the demo company says so, since it may share a real one's name,
 * and so does a QuickBooks Desktop company, which may share an Online one's.
 */
export function companyLabel(c: QboStatus): string {
  if (c.environment === 'demo') return `${c.companyName ?? 'Demo company'} (demo)`;
  if (isDesktop(c)) return `${c.companyName ?? 'Company file'} (QuickBooks Desktop)`;
  return c.companyName ?? (c.realmId ? `Company ${c.realmId}` : 'QuickBooks company');
}
