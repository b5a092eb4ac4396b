// The date of a screen that shows one day (the day view, Review): previous and next day, a date
// picker, and back to today, with keyboard shortcuts (Alt+← / Alt+→ / Alt+Home) that work anywhere
// on the screen except while typing.
import { useEffect } from 'react';
import { addLocalDays, isLocalDate, type LocalDate } from '../../../shared/time/local-date';
import './day-nav.css';

const EDITABLE = 'input, textarea, select, [contenteditable="true"]';

export function DayNav({ date, today, onChange }: { date: LocalDate; today: LocalDate; onChange: (date: LocalDate) => void }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      if (e.target instanceof Element && e.target.closest(EDITABLE)) return;
      const move = e.key === 'ArrowLeft' ? -1 : e.key === 'ArrowRight' ? 1 : e.key === 'Home' ? 0 : null;
      if (move === null) return;
      // Alt+← is also the browser's Back; here it means the day before.
      e.preventDefault();
      onChange(move === 0 ? today : addLocalDays(date, move));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [date, today, onChange]);

  return (
    <div className="day-nav" role="group" aria-label="Choose the day">
      <button type="button" className="button icon-button" aria-label="Previous day" title="Previous day (Alt+←)"
        onClick={() => onChange(addLocalDays(date, -1))}>‹</button>
      <input type="date" className="input day-picker" aria-label="Day" value={date}
        onChange={(e) => { if (isLocalDate(e.target.value)) onChange(e.target.value); }} />
      <button type="button" className="button icon-button" aria-label="Next day" title="Next day (Alt+→)"
        onClick={() => onChange(addLocalDays(date, 1))}>›</button>
      {date !== today ? (
        <button type="button" className="button" title="Back to today (Alt+Home)" onClick={() => onChange(today)}>Back to today</button>
      ) : null}
    </div>
  );
}

/** "Today", "Yesterday", "Tomorrow", or null for any other day. */
export function relativeDayName(date: LocalDate, today: LocalDate): string | null {
  if (date === today) return 'Today';
  if (date === addLocalDays(today, -1)) return 'Yesterday';
  if (date === addLocalDays(today, 1)) return 'Tomorrow';
  return null;
}
