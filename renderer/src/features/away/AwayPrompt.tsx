// Mounted once in App. When main reports that an away period (idle, sleep, lock) has ended while
// a timer ran through it, asks what the away time was: keep it, discard it, or give it to another
// project. A timer left running overnight gets one prompt whose default stops it when the user
// left. On start, a timer running for over 12 hours with no away period known is asked about too.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { Modal } from '../../components/Modal';
import { useRepos } from '../../data/repos-context';
import { localDate, localTime, zonedInstant } from '../../../../shared/time/zone';
import { formatClockTime, formatDateTime } from '../../../../shared/time/display';
import { useCatalog, type Catalog } from '../entries/catalog';
import { formatSpan } from '../timer/format';
import { currentZone } from '../../app/clock';
import { ProjectPicker } from '../timer/ProjectPicker';
import { onAway } from './away-events';
import { applyAwayPlan, FORGOTTEN_TIMER_MS, isOvernight, planAway, timerDuring, type AwayChoice, type AwayEvent } from './away-plan';
import { useAwayQueue, type AwayQuestion } from './away-store';
import './away.css';

/** How far back undecided away periods are asked about again on start. */
const UNDECIDED_AWAY_LOOKBACK_MS = 7 * 24 * 60 * 60 * 1000;

export function AwayPrompt() {
  const repos = useRepos();
  const catalog = useCatalog();
  const queue = useAwayQueue((s) => s.queue);
  const ask = useAwayQueue((s) => s.ask);

  useEffect(
    () =>
      onAway((away: AwayEvent) => {
        void (async () => {
          const zone = currentZone();
          let decided = false;
          try {
            // Upserted by id, keeping an earlier decision: a period main sends again is not asked twice.
            decided = (await repos.segments.upsertAway(away, zone)).resolution !== null;
          } catch {
            // Storing the period is a record for the Review screen; the prompt does not depend on it.
          }
          if (away.end === null || decided) return;
          const period = { ...away, end: away.end };
          const entry = await timerDuring(repos, period, Date.now());
          if (entry) ask({ key: away.id, entryId: entry.id, away: period, overnight: isOvernight(period, zone) });
        })();
      }),
    [repos, ask],
  );

  // On start: away periods still undecided (the question is not stored, so a reload or a restart
  // before the answer would otherwise leave the away time counted silently) are asked again while a
  // timer entry still covers them; then a timer that has run for over 12 hours and no away period
  // explains it.
  useEffect(() => {
    const handle = setTimeout(() => {
      void (async () => {
        const zone = currentZone();
        const now = Date.now();
        for (const row of await repos.segments.listUndecidedAway(now - UNDECIDED_AWAY_LOOKBACK_MS)) {
          const period = { ...row, end: row.end! };
          const entry = await timerDuring(repos, period, now);
          if (entry) ask({ key: row.id, entryId: entry.id, away: period, overnight: isOvernight(period, zone) });
        }
        const running = await repos.entries.running();
        if (!running || now - running.start < FORGOTTEN_TIMER_MS) return;
        if (useAwayQueue.getState().queue.some((q) => q.entryId === running.id)) return;
        ask({ key: `forgotten:${running.id}`, entryId: running.id, away: null, overnight: true });
      })();
    }, 1500);
    return () => clearTimeout(handle);
  }, [repos, ask]);

  const head = queue[0];
  if (!head || !catalog) return null;
  return <AwayQuestionDialog key={head.key} question={head} catalog={catalog} remaining={queue.length - 1} />;
}

function AwayQuestionDialog({ question, catalog, remaining }: { question: AwayQuestion; catalog: Catalog; remaining: number }) {
  const repos = useRepos();
  const done = useAwayQueue((s) => s.done);
  const entry = useLiveQuery(async () => (await repos.entries.get(question.entryId)) ?? null, [repos, question.entryId]);
  const [assigning, setAssigning] = useState(false);
  const [target, setTarget] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const zone = currentZone();
  const [now] = useState(() => Date.now());
  const defaultStop = question.away?.start ?? Math.min(now, (entry?.start ?? now) + 8 * 60 * 60 * 1000);
  const [stopDate, setStopDate] = useState(() => localDate(defaultStop, zone));
  const [stopTime, setStopTime] = useState(() => localTime(defaultStop, zone));

  useEffect(() => {
    if (entry === null) done(question.key); // deleted meanwhile: nothing to ask
  }, [entry, done, question.key]);
  if (!entry) return null;

  const away = question.away;
  const span = away ?? { start: defaultStop, end: now };
  const label = catalog.label(entry.projectId);

  async function choose(choice: AwayChoice) {
    setBusy(true);
    setError(null);
    try {
      const fresh = (await repos.entries.get(question.entryId)) ?? entry!;
      await applyAwayPlan(repos, planAway(fresh, span, choice, Date.now()));
      if (away) {
        const resolution = choice.kind === 'stopAt' ? 'discard' : choice.kind;
        await repos.segments.resolveAway(away.id, resolution).catch(() => {});
      }
      done(question.key);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  }
  const keep = () => void choose({ kind: 'keep' });
  const more = remaining > 0 ? <p className="muted">{remaining} more away {remaining === 1 ? 'period' : 'periods'} to go.</p> : null;
  const errorBox = error ? <p role="alert" className="error">{error}</p> : null;

  if (question.overnight) {
    let customStop: number | null = null;
    let stopProblem: string | null = null;
    try {
      customStop = zonedInstant(stopDate, stopTime, zone);
      if (customStop <= entry.start) stopProblem = `Choose a time after the timer started (${formatClockTime(entry.start, zone)}).`;
      else if (customStop > now) stopProblem = 'Choose a time that has already passed.';
    } catch {
      stopProblem = 'Enter a date and a time (HH:MM).';
    }
    if (stopProblem) customStop = null;
    return (
      <Modal title="Your timer ran overnight" onClose={keep} className="away-dialog">
        {away ? (
          <>
          <p>Your timer on <strong>{label}</strong> was running when you left at {formatClockTime(away.start, zone)} and you came back at{' '}
            {formatClockTime(away.end, zone)} ({formatSpan(away.end - away.start)}, {away.reason}). Stop it when you left?</p>
          {away.start > entry.start ? (
            <p className="muted">The entry then runs {formatClockTime(entry.start, zone)}–{formatClockTime(away.start, zone)} ({formatSpan(away.start - entry.start)}).</p>
          ) : null}
          </>
        ) : (
          <>
            <p>Your timer on <strong>{label}</strong> has been running since {formatDateTime(entry.start, zone)}{' '}
              ({formatSpan(now - entry.start)}). When did you stop working?</p>
            <div className="field-row">
              <input type="date" className="input" aria-label="Stopped working on" value={stopDate} onChange={(e) => setStopDate(e.target.value)} />
              <input type="time" className="input" aria-label="Stopped working at" value={stopTime} onChange={(e) => setStopTime(e.target.value)} />
            </div>
            {stopProblem ? <p role="alert" className="error">{stopProblem}</p> : null}
          </>
        )}
        {errorBox}
        {more}
        <div className="modal-actions">
          <button type="button" className="button" onClick={keep} disabled={busy}>Keep the time</button>
          <button type="button" className="button primary" autoFocus disabled={busy || (!away && customStop === null)}
            onClick={() => void choose({ kind: 'stopAt', at: away ? away.start : customStop! })}>
            {away ? `Stop at ${formatClockTime(away.start, zone)} (when you left)` : `Stop at ${formatClockTime(customStop ?? defaultStop, zone)}`}
          </button>
        </div>
      </Modal>
    );
  }

  const a = away!;
  return (
    <Modal title="You were away" onClose={keep} className="away-dialog">
      <p>You were away from {formatClockTime(a.start, zone)} to {formatClockTime(a.end, zone)} ({formatSpan(a.end - a.start)}, {a.reason}).
        What should happen with this time?</p>
      <p className="muted">Your timer: {label}{entry.description ? ` · ${entry.description}` : ''}.</p>
      <ul className="away-choices">
        <li><strong>Keep</strong>: count it on {label}, as if you had been working.</li>
        <li><strong>Discard</strong>: the timer stops at {formatClockTime(a.start, zone)} and {entry.end === null ? 'starts again' : 'resumes'} at {formatClockTime(a.end, zone)} on the same project.</li>
        <li><strong>Give it to another project</strong>: the away time becomes its own entry.</li>
      </ul>
      {assigning ? (
        <div className="away-assign">
          <ProjectPicker catalog={catalog} value={target} onChange={setTarget} label="Give the away time to" />
          <button type="button" className="button primary" disabled={busy} onClick={() => void choose({ kind: 'assign', projectId: target })}>
            Give to {catalog.label(target)}
          </button>
        </div>
      ) : null}
      {errorBox}
      {more}
      <div className="modal-actions">
        <button type="button" className="button" onClick={() => setAssigning(true)} disabled={busy || assigning}>Give it to another project…</button>
        <span className="spacer" />
        <button type="button" className="button" onClick={() => void choose({ kind: 'discard' })} disabled={busy}>Discard</button>
        <button type="button" className="button primary" onClick={keep} disabled={busy} autoFocus>Keep</button>
      </div>
    </Modal>
  );
}
