// One asynchronous read for a section of the Invoices screen: its result (the last one stays
// shown while a newer read runs), its failure in words, and a reload. A read that finishes after
// a newer one started is dropped.
import { useCallback, useEffect, useRef, useState } from 'react';

interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload(): void;
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Calls `read` now and whenever `key` changes (or reload is called); `read` null waits. */
export function useLoad<T>(read: (() => Promise<T>) | null, key: string): Loaded<T> {
  const [state, setState] = useState<{ key: string | null; data: T | null; error: string | null }>({ key: null, data: null, error: null });
  const [round, setRound] = useState(0);
  const latest = useRef(read);
  useEffect(() => {
    latest.current = read;
  });
  const waiting = read === null;
  const wanted = waiting ? null : `${key}#${round}`;
  useEffect(() => {
    const run = latest.current;
    if (!run || wanted === null) return;
    let live = true;
    run().then(
      (data) => live && setState({ key: wanted, data, error: null }),
      (e: unknown) => live && setState((s) => ({ key: wanted, data: s.data, error: errorText(e) })),
    );
    return () => {
      live = false;
    };
  }, [wanted]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data: state.data, error: state.key === wanted ? state.error : null, loading: wanted !== null && state.key !== wanted, reload };
}
