// What a report is built from: the store's one read for the dates asked (both periods when
// comparing), the last result kept shown while a newer read runs, read again after the data changes.
// Reads are kept per dates until something is written, so going back to a report or a period already
// read builds it from memory (a year of entries takes seconds to read and milliseconds to build).
import Dexie from 'dexie';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DateRange } from '../../../../shared/reports/scope';
import type { ReportData } from '../../../../shared/reports/types';
import type { LocalDate } from '../../../../shared/time/local-date';
import { useRepos } from '../../data/repos-context';
import { useLoad } from '../invoices/use-load';

/** The read for `range` as of `today` (null range: nothing to read yet, e.g. half-typed custom dates). */
export function useReportData(range: DateRange | null, today: LocalDate): { data: ReportData | null; error: string | null; loading: boolean } {
  const repos = useRepos();
  const cache = useRef(new Map<string, ReportData>());
  const key = range ? `${range.from}|${range.to}|${today}` : '';
  const loaded = useLoad(range ? () => cachedRead(cache.current, key, () => repos.reports.read(range, today)) : null, key);
  const { reload } = loaded;
  useReloadOnWrites(useCallback(() => {
    cache.current.clear();
    reload();
  }, [reload]));
  return loaded;
}

/** Reads kept at once: the periods a person moves between (a month, its quarter, the year, and the last four weeks the reports about today read). */
const KEPT_READS = 4;

async function cachedRead(cache: Map<string, ReportData>, key: string, read: () => Promise<ReportData>): Promise<ReportData> {
  const kept = cache.get(key);
  if (kept) return kept;
  const data = await read();
  cache.set(key, data);
  if (cache.size > KEPT_READS) cache.delete(cache.keys().next().value!);
  return data;
}

/**
 * Calls `reload` after the database changes. Not a live query: a report reads up to a year (two when
 * comparing) and the timer and activity capture write every few seconds, so re-reading on every
 * write would keep the computer busy for numbers nobody looks at that often. A write marks the
 * report stale; it is read again after a second of quiet (at the latest ten seconds after the first
 * write of a busy stretch), and only while the window is visible (on its return otherwise).
 */
function useReloadOnWrites(reload: () => void, quietMs = 1_000, maxWaitMs = 10_000): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let firstWrite: number | null = null;
    let stale = false;
    const run = () => {
      firstWrite = null;
      stale = document.visibilityState === 'hidden';
      if (!stale) reload();
    };
    const onWrite = () => {
      firstWrite ??= Date.now();
      clearTimeout(timer);
      timer = setTimeout(run, Math.max(0, Math.min(quietMs, firstWrite + maxWaitMs - Date.now())));
    };
    const onVisible = () => {
      if (stale && document.visibilityState === 'visible') run();
    };
    Dexie.on.storagemutated.subscribe(onWrite);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      Dexie.on.storagemutated.unsubscribe(onWrite);
      document.removeEventListener('visibilitychange', onVisible);
      clearTimeout(timer);
    };
  }, [reload, quietMs, maxWaitMs]);
}

/** True once `loading` has lasted `afterMs`: a fast read shows no flash of "Loading…". */
export function useSlow(loading: boolean, afterMs = 300): boolean {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!loading) return;
    const timer = setTimeout(() => setSlow(true), afterMs);
    return () => {
      clearTimeout(timer);
      setSlow(false);
    };
  }, [loading, afterMs]);
  return loading && slow;
}
