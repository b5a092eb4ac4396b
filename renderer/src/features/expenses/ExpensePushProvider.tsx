// Gives the Expenses screen its "Send to QuickBooks" action, one push per QuickBooks company over
// that company's sync port, and sends expenses after every finished sync run of a connected
// company (scheduled or Sync now). Mounted once, inside the sync services' provider.
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useRepos } from '../../data/repos-context';
import { useSyncServices } from '../quickbooks/SyncServiceProvider';
import { isDesktop, useQboCompanies } from '../quickbooks/use-companies';
import { pushExpenses, type PushResult } from './engine/push';

/** Sends a company's expenses; `retryRefused` also sends refused ones again (the button does). */
export type PushExpenses = (companyId: string, options?: { retryRefused?: boolean }) => Promise<PushResult>;

const ExpensePushContext = createContext<PushExpenses | null>(null);

export function useExpensePush(): PushExpenses | null {
  return useContext(ExpensePushContext);
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One run per company at a time: a second click (or a sync ending) waits for the first instead of racing it. */
function oneAtATime(run: PushExpenses): PushExpenses {
  const running = new Map<string, Promise<PushResult>>();
  return (companyId, options = {}) => {
    const next = (running.get(companyId) ?? Promise.resolve(null)).catch(() => null).then(() => run(companyId, options));
    running.set(companyId, next);
    return next;
  };
}

export function ExpensePushProvider({ children }: { children: ReactNode }) {
  const repos = useRepos();
  const syncs = useSyncServices();
  const push = useMemo(
    () => oneAtATime((companyId, options) => pushExpenses({ repos, port: syncs.of(companyId).port, newId: () => crypto.randomUUID(), sleep: realSleep, ...options })),
    [repos, syncs],
  );
  const { companies } = useQboCompanies();
  useEffect(() => {
    const stops = (companies ?? []).filter((c) => c.state === 'connected' && !isDesktop(c)).map((c) =>
      syncs.of(c.companyId).ui.subscribe((state, previous) => {
        if (state.lastRunAt !== null && state.lastRunAt !== previous.lastRunAt) void push(c.companyId).catch(() => {});
      }),
    );
    return () => stops.forEach((stop) => stop());
  }, [companies, syncs, push]);
  return <ExpensePushContext.Provider value={push}>{children}</ExpensePushContext.Provider>;
}
