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
import { useTimerChoice, useTimerErrors } from './timer-errors';

export function TimerBridge() {
  const repos = useRepos();
  const [since] = useState(() => Date.now());
  const chosen = useTimerChoice((s) => s.projectId);
  const state = useLiveQuery(async () => {
    const [running, recent, projects, clients] = await Promise.all([
      repos.entries.running(),
      recentEntries(repos, since),
      repos.projects.list({ includeArchived: true }),
      repos.clients.list({ includeArchived: true }),
    ]);
    return { tray: trayStateOf(running, recent, projects, clients, chosen), running: running ?? null };
  }, [repos, since, chosen]);

  // Whatever started the timer (the tray, the shortcut, the timer bar), its project and task become
  // the choice for the next start, so after Stop both the timer bar and the tray offer that project.
  // Only when another entry starts running: later changes of the choice stay the user's.
  const seenRunning = useRef<string | null>(null);
  useEffect(() => {
    const r = state?.running;
    if (!r || r.id === seenRunning.current) return;
    seenRunning.current = r.id;
    useTimerChoice.setState({ projectId: r.projectId, taskId: r.taskId });
  }, [state]);

  const sent = useRef<string | null>(null);
  const tray = state?.tray;
  useEffect(() => {
    if (!tray) return;
    const key = JSON.stringify(tray);
    if (key === sent.current) return;
    sent.current = key;
    void api.invoke('tray:setState', tray);
  }, [tray]);

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
