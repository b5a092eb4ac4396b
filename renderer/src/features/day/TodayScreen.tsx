// The day view: the timer, and the entries of one day (today unless the user picked another) with
// their raw, billable and billed totals. Any day can be opened, so time accepted in Review,
// imported or typed in the Timesheet can be edited and approved on its own day.
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { billedTimes } from '../../../../shared/rounding/billed';
import { formatDate, formatDayLong } from '../../../../shared/time/display';
import type { LocalDate } from '../../../../shared/time/local-date';
import { localDate } from '../../../../shared/time/zone';
import { currentZone, useNow } from '../../app/clock';
import { useUi } from '../../app/ui-store';
import { EmptyState } from '../../components/EmptyState';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useRepos } from '../../data/repos-context';
import type { EntryRow } from '../../db/schema';
import { DayNav, relativeDayName } from '../../components/DayNav';
import { DayTotals } from './DayTotals';
import { useShortcutTip } from './shortcut-tip';
import { useCatalog } from '../entries/catalog';
import { EntryDialog } from '../entries/EntryDialog';
import { EntryList } from '../entries/EntryList';
import { TimerBar } from '../timer/TimerBar';
import { useTimerChoice } from '../timer/timer-errors';
import './day.css';
import '../entries/entries.css';

export function TodayScreen() {
  const repos = useRepos();
  const zone = currentZone();
  const chosenDay = useUi((s) => s.day);
  const showDay = useUi((s) => s.showDay);
  const [hasRunning, setHasRunning] = useState(false);
  // Running time ticks every second; otherwise a slow tick is enough to notice midnight.
  const now = useNow(hasRunning ? 1000 : 30_000);
  const todayDate = localDate(now, zone);
  const date = chosenDay ?? todayDate;
  const catalog = useCatalog();
  const day = useLiveQuery(() => repos.views.loadDay(date, zone), [repos, date, zone]);
  const rounding = useLiveQuery(() => repos.settings.get('rounding'), [repos]);
  const [adding, setAdding] = useState(false);
  const [moved, setMoved] = useState<{ entry: EntryRow; from: LocalDate } | null>(null);
  const chosenProject = useTimerChoice((s) => s.projectId) ?? null;
  const shortcutTip = useShortcutTip();

  const entries = useMemo(() => day?.entries ?? [], [day]);
  const running = entries.some((e) => e.end === null);
  if (running !== hasRunning) setHasRunning(running);
  const billed = useMemo(() => {
    if (!catalog || !rounding) return new Map();
    const finished = entries.filter((e): e is EntryRow & { end: number } => e.end !== null);
    return billedTimes(finished, (id) => catalog.projectById.get(id), rounding);
  }, [entries, catalog, rounding]);

  const go = (d: LocalDate) => {
    setMoved(null);
    showDay(d === todayDate ? null : d);
  };
  /** Time saved onto another day than the one in view: say where it went, with a way there. */
  const saved = (entry: EntryRow) => setMoved(entry.localDate === date ? null : { entry, from: date });
  const relative = relativeDayName(date, todayDate);
  const title = relative ?? formatDayLong(date);

  return (
    <>
      <ScreenHeader title={title} subtitle={relative ? formatDayLong(date) : formatDate(date)}
        actions={
          <>
            <DayNav date={date} today={todayDate} onChange={go} />
            <button type="button" className="button" onClick={() => setAdding(true)} disabled={!catalog}>Add time</button>
          </>
        } />
      {catalog ? <TimerBar catalog={catalog} /> : null}
      {moved && moved.from === date ? (
        <p role="status" className="banner ok day-moved">
          Saved on {formatDayLong(moved.entry.localDate)}, not on the day shown.{' '}
          <button type="button" className="link-button" onClick={() => go(moved.entry.localDate)}>Show {formatDayLong(moved.entry.localDate)}</button>
        </p>
      ) : null}
      {day && catalog && entries.length > 0 ? (
        <section aria-label="Entries">
          <DayTotals entries={entries} billed={billed} now={now} />
          <EntryList entries={entries} catalog={catalog} zone={zone} now={now} billed={billed}
            label={date === todayDate ? 'Today’s entries' : `Entries on ${formatDayLong(date)}`} onSaved={saved} />
        </section>
      ) : day ? (
        <EmptyState icon="today" title={date === todayDate ? 'Nothing tracked today' : `Nothing tracked on ${formatDayLong(date)}`}
          action={date === todayDate ? undefined : <button type="button" className="button" onClick={() => setAdding(true)} disabled={!catalog}>Add time to this day</button>}>
          {date === todayDate ? (
            <>
              <p>Start a timer when you begin work, or add time you already spent. Entries you make here stay on this computer until you approve and sync them.</p>
              {shortcutTip ? <p className="muted">Tip: {shortcutTip} starts and stops the timer from anywhere.</p> : null}
            </>
          ) : (
            <p>No entries start on this day. Add time you spent then, or move to another day with the arrows (Alt+← and Alt+→).</p>
          )}
        </EmptyState>
      ) : null}
      {adding && catalog ? (
        <EntryDialog mode="add" catalog={catalog} zone={zone} now={now} others={entries} day={date}
          defaultProjectId={day?.running?.projectId ?? chosenProject} onSaved={saved} onClose={() => setAdding(false)} />
      ) : null}
    </>
  );
}
