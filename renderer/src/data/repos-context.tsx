// Opens the local database once and hands the repositories to every screen. Screens read with
// useLiveQuery(() => repos.views.loadDay(...)) and write through repos; nothing else touches Dexie.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { openDatabase } from '../db/database';
import { createRepos, type Repos } from '../db/repos';

const ReposContext = createContext<Repos | null>(null);

export function ReposProvider({ children, dbName }: { children: ReactNode; dbName?: string }) {
  const [repos, setRepos] = useState<Repos | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    openDatabase(dbName)
      .then((db) => {
        if (!cancelled) setRepos(createRepos(db));
      })
      .catch((e: unknown) => {
        if (!cancelled) setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      cancelled = true;
    };
  }, [dbName]);

  if (error) {
    return (
      <div role="alert" className="fatal">
        <h1>Track Nexus could not open its local data</h1>
        <p>{error}</p>
        <p className="muted">Nothing was changed. Close other Track Nexus windows and try again; if this keeps happening, your data folder may be read-only or full.</p>
      </div>
    );
  }
  if (!repos) return <div className="loading" aria-busy="true">Opening your data…</div>;
  return <ReposContext.Provider value={repos}>{children}</ReposContext.Provider>;
}

export function useRepos(): Repos {
  const repos = useContext(ReposContext);
  if (!repos) throw new Error('useRepos must be used inside <ReposProvider>');
  return repos;
}
