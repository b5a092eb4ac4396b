import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { EmptyState } from '../components/EmptyState';
import { ScreenHeader } from '../components/ScreenHeader';
import { useRepos } from '../data/repos-context';
import { useCatalog } from '../features/entries/catalog';
import { EntryDialog } from '../features/entries/EntryDialog';
import { EntryList } from '../features/entries/EntryList';
import { TimerBar } from '../features/timer/TimerBar';
import { currentZone, useNow } from '../app/clock';
import { useTimerChoice } from '../features/timer/timer-errors';
import { formatDuration } from '../../../shared/time/duration';
import { localDate } from '../../../shared/time/zone';
import { formatDayLong } from '../../../shared/time/display';
import '../features/entries/entries.css';

export function TodayScreen() {
  const repos = useRepos();
  const zone = currentZone();
  const now = useNow(1000);
  const date = localDate(now, zone);
  const catalog = useCatalog();
  const day = useLiveQuery(() => repos.views.loadDay(date, zone), [repos, date, zone]);
  const [adding, setAdding] = useState(false);
  const chosenProject = useTimerChoice((s) => s.projectId) ?? null;
  const subtitle = formatDayLong(date);

  const entries = day?.entries ?? [];
  let total = 0;
  let billable = 0;
  for (const e of entries) {
    const ms = Math.max(0, (e.end ?? now) - e.start);
    total += ms;
    if (e.billable) billable += ms;
  }

  return (
    <>
      <ScreenHeader title="Today" subtitle={subtitle}
        actions={<button type="button" className="button" onClick={() => setAdding(true)} disabled={!catalog}>Add time</button>} />
      {catalog ? <TimerBar catalog={catalog} /> : null}
      {day && catalog && entries.length > 0 ? (
        <section aria-label="Entries">
          <dl className="totals" aria-label="Totals">
            <div><dt>Total</dt><dd data-testid="total">{formatDuration(total)}</dd></div>
            <div><dt>Billable</dt><dd data-testid="billable">{formatDuration(billable)}</dd></div>
            <div><dt>Non-billable</dt><dd data-testid="non-billable">{formatDuration(total - billable)}</dd></div>
          </dl>
          <EntryList entries={entries} catalog={catalog} zone={zone} now={now} />
        </section>
      ) : day ? (
        <EmptyState icon="today" title="Nothing tracked today">
          <p>Start a timer when you begin work, or add time you already spent. Entries you make here stay on this computer until you approve and sync them.</p>
          <p className="muted">Tip: <kbd>Ctrl</kbd>+<kbd>Alt</kbd>+<kbd>T</kbd> starts and stops the timer from anywhere.</p>
        </EmptyState>
      ) : null}
      {adding && catalog ? (
        <EntryDialog mode="add" catalog={catalog} zone={zone} now={now} others={entries}
          defaultProjectId={day?.running?.projectId ?? chosenProject} onClose={() => setAdding(false)} />
      ) : null}
    </>
  );
}
