// Mounted once in App: keeps the tray in step with the running entry and the recent projects, and
// carries out tray menu and global-shortcut commands against the entries repository. After a reload
// or a restart the running entry is read back from IndexedDB with its true start and re-reported.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../platform/api';
import { useRepos } from '../../data/repos-context';
import { recentEntries, runTrayCommand } from './commands';
import { currentZone } from '../../app/clock';
import { trayStateOf } from './tray-state';
import { useTimerErrors } from './timer-errors';

export function TimerBridge() {
  const repos = useRepos();
  const [since] = useState(() => Date.now());
  const state = useLiveQuery(async () => {
    const [running, recent, projects, clients] = await Promise.all([
      repos.entries.running(),
      recentEntries(repos, since),
      repos.projects.list({ includeArchived: true }),
      repos.clients.list({ includeArchived: true }),
    ]);
    return trayStateOf(running, recent, projects, clients);
  }, [repos, since]);

  const sent = useRef<string | null>(null);
  useEffect(() => {
    if (!state) return;
    const key = JSON.stringify(state);
    if (key === sent.current) return;
    sent.current = key;
    void api.invoke('tray:setState', state);
  }, [state]);

  useEffect(
    () =>
      api.on('tray:command', (command) => {
        runTrayCommand(repos, command, Date.now(), currentZone()).catch((e: unknown) =>
          useTimerErrors.getState().report(e instanceof Error ? e.message : String(e)),
        );
      }),
    [repos],
  );
  return null;
}
