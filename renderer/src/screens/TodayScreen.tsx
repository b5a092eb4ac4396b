import { EmptyState } from '../components/EmptyState';
import { ScreenHeader } from '../components/ScreenHeader';

export function TodayScreen() {
  const today = new Date().toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
  return (
    <>
      <ScreenHeader title="Today" subtitle={today} />
      <EmptyState icon="today" title="Nothing tracked today">
        <p>Start a timer when you begin work, or add time you already spent. Entries you make here stay on this computer until you approve and sync them.</p>
        <p className="muted">Tip: <kbd>Ctrl</kbd>+<kbd>Alt</kbd>+<kbd>T</kbd> starts and stops the timer from anywhere.</p>
      </EmptyState>
    </>
  );
}
