// The timer at the top of Today: project, description, Start/Stop and the running time. Choosing
// another project while a timer runs switches: one repository call stops the current entry now and
// starts the next one at the same instant.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { DescriptionInput } from '../../components/DescriptionInput';
import { Icon } from '../../components/Icon';
import { useRepos } from '../../data/repos-context';
import type { Catalog } from '../entries/catalog';
import { lastUsedProject, startTimer } from './commands';
import { formatClock } from './format';
import { currentZone, useNow } from '../../app/clock';
import { ProjectPicker } from './ProjectPicker';
import { useTimerChoice, useTimerErrors } from './timer-errors';
import { localDate } from '../../../../shared/time/zone';
import { formatClockTime, formatWeekdayTime } from '../../../../shared/time/display';

export function TimerBar({ catalog }: { catalog: Catalog }) {
  const repos = useRepos();
  const running = useLiveQuery(async () => (await repos.entries.running()) ?? null, [repos]);
  const now = useNow(1000, !!running);
  const chosen = useTimerChoice((s) => s.projectId);
  const chosenTask = useTimerChoice((s) => s.taskId);
  const setProjectId = useTimerChoice((s) => s.choose);
  const setTaskId = useTimerChoice((s) => s.chooseTask);
  const projectId = chosen ?? null;
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const { message: error, report, clear } = useTimerErrors();
  // A timer error is about the timer as it was: once another entry runs, or none does, it is gone.
  const runningId = running === undefined ? undefined : (running?.id ?? null);
  const seenRunning = useRef(runningId);
  useEffect(() => {
    if (runningId === undefined) return;
    if (seenRunning.current !== undefined && runningId !== seenRunning.current) clear();
    seenRunning.current = runningId;
  }, [runningId, clear]);

  // Offer the project used last, once, so Start is one click for the usual case.
  useEffect(() => {
    let cancelled = false;
    void lastUsedProject(repos, Date.now()).then((p) => {
      if (!cancelled && useTimerChoice.getState().projectId === undefined) setProjectId(p);
    });
    return () => {
      cancelled = true;
    };
  }, [repos, setProjectId]);

  // While running, the description field edits the running entry.
  // (Adjusted while rendering, React's pattern for state derived from changing data.)
  const runningKey = running ? `${running.id}:${running.description}` : null;
  const [seenKey, setSeenKey] = useState<string | null>(null);
  if (running && runningKey !== seenKey) {
    setSeenKey(runningKey);
    setDescription(running.description);
  } else if (!running && seenKey !== null) {
    setSeenKey(null);
  }

  async function act(fn: () => Promise<unknown>) {
    setBusy(true);
    clear();
    try {
      await fn();
    } catch (e) {
      report(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  const start = () => act(async () => {
    await startTimer(repos, projectId, Date.now(), currentZone(), description.trim(), chosenTask);
  });
  const stop = () => act(async () => {
    await repos.entries.stopTimer(Date.now());
    setDescription('');
  });
  const saveDescription = () => {
    if (running && description.trim() !== running.description) {
      void act(() => repos.entries.update(running.id, { description: description.trim() }));
    }
  };
  const pick = (p: string | null) => {
    setProjectId(p);
    if (running && p !== running.projectId) {
      void act(async () => {
        await startTimer(repos, p, Date.now(), currentZone());
        setDescription('');
      });
    }
  };

  const pickTask = (t: string | null) => {
    setTaskId(t);
    if (running && t !== running.taskId) void act(() => repos.entries.update(running.id, { taskId: t }));
  };
  const shownProject = running ? running.projectId : projectId;
  const shownTask = running ? running.taskId : chosenTask === undefined ? (shownProject ? catalog.projectById.get(shownProject)?.defaultTaskId ?? null : null) : chosenTask;
  // A running entry's task stays listed even if it was archived since.
  const archivedTask = shownTask ? catalog.taskById.get(shownTask) : undefined;
  const tasks = [...catalog.tasksOf(shownProject), ...(archivedTask?.archived ? [archivedTask] : [])];

  const isRunning = !!running;
  return (
    <section className="timer-bar card" aria-label="Timer">
      <ProjectPicker catalog={catalog} value={shownProject} onChange={pick}
        label={isRunning ? 'Switch project' : 'Project'} />
      {tasks.length > 0 ? (
        <select className="input timer-task" aria-label="Task" value={shownTask ?? ''} onChange={(e) => pickTask(e.target.value || null)}>
          <option value="">No task</option>
          {tasks.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </select>
      ) : null}
      <DescriptionInput compact aria-label="What are you working on?" placeholder="What are you working on?"
        value={description} onChange={setDescription} onBlur={saveDescription}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          if (running) saveDescription();
          else void start();
        }} />
      {running ? (
        <>
          <span className="timer-since muted">since {sinceText(running.start, now)}</span>
          <span className="timer-elapsed" role="timer" aria-label="Elapsed time" data-started-at={running.start}>
            {formatClock(now - running.start)}
          </span>
          <button type="button" className="button danger timer-toggle" onClick={() => void stop()} disabled={busy}>
            <Icon name="stop" /> Stop
          </button>
        </>
      ) : (
        <>
          <span className="timer-elapsed idle" aria-hidden="true">0:00:00</span>
          <button type="button" className="button primary timer-toggle" onClick={() => void start()} disabled={busy || running === undefined}>
            <Icon name="play" /> Start
          </button>
        </>
      )}
      {error ? (
        <p role="alert" className="error timer-error">
          {error} <button type="button" className="link-button" onClick={clear}>Dismiss</button>
        </p>
      ) : null}
    </section>
  );
}

/** "18:04", or "Mon 18:04" when the timer started on an earlier day. */
function sinceText(start: number, now: number): string {
  const zone = currentZone();
  return localDate(start, zone) === localDate(now, zone) ? formatClockTime(start, zone) : formatWeekdayTime(start, zone);
}
