// Transient UI state only: which screen is open and which day the day view (or the review) shows.
// Data lives in IndexedDB and is read with live queries; it is never copied here. Both live in the
// URL hash (`#/today`, `#/today/2026-12-01`, `#/review/2026-12-01`, the day the review opens at), so a reload, Back and Forward keep them.
import { create } from 'zustand';
import type { Screen } from '../../../shared/ipc/contract';
import { isLocalDate, type LocalDate } from '../../../shared/time/local-date';

export const screens: ReadonlyArray<{ id: Screen; label: string; hint: string }> = [
  { id: 'today', label: 'Today', hint: 'Timer and the day’s entries' },
  { id: 'review', label: 'Review', hint: 'Turn captured activity into entries' },
  { id: 'timesheet', label: 'Timesheet', hint: 'The week at a glance' },
  { id: 'invoices', label: 'Invoices', hint: 'Bill approved time in QuickBooks' },
  { id: 'expenses', label: 'Expenses', hint: 'Receipts and costs, billable or not' },
  { id: 'reports', label: 'Reports', hint: 'Profitability, utilization, what is owed' },
  { id: 'quickbooks', label: 'QuickBooks', hint: 'Connect, map and sync' },
  { id: 'settings', label: 'Settings', hint: 'Projects, capture, privacy' },
];

/** Reached from the sidebar below the main eight, without a Ctrl+number shortcut. */
const otherScreens: readonly Screen[] = ['trash'];

interface Location {
  screen: Screen;
  /** The day view's or the review's date; null = today (which moves on at midnight). */
  day: LocalDate | null;
  /** A part of the screen to show, e.g. Settings' capture section. */
  section: string | null;
}

function locationFromHash(hash: string): Location {
  const [id, param] = hash.replace(/^#\/?/, '').split('?')[0]!.split('/');
  const screen = screens.find((s) => s.id === id)?.id ?? otherScreens.find((s) => s === id) ?? 'today';
  const dated = screen === 'today' || screen === 'review';
  const day = dated && param && isLocalDate(param) ? param : null;
  const section = !dated && param && /^[a-z-]{1,40}$/.test(param) ? param : null;
  return { screen, day, section };
}

function hashOf({ screen, day, section }: Location): string {
  const param = screen === 'today' || screen === 'review' ? day : section;
  return param ? `#/${screen}/${param}` : `#/${screen}`;
}

interface UiState extends Location {
  /** Opens a screen (at its top, or at `section`); the day view opens on today, as its name says. */
  go(screen: Screen, section?: string): void;
  /** Opens the day view (or the review) on `date` (null = today). */
  showDay(date: LocalDate | null, screen?: 'today' | 'review'): void;
}

function navigate(next: Location): Location {
  const hash = hashOf(next);
  if (window.location.hash !== hash) window.history.pushState(null, '', hash);
  return next;
}

export const useUi = create<UiState>((set) => ({
  ...locationFromHash(window.location.hash),
  go(screen, section) {
    set(navigate({ screen, day: null, section: section ?? null }));
  },
  showDay(date, screen = 'today') {
    set(navigate({ screen, day: date, section: null }));
  },
}));

window.addEventListener('popstate', () => useUi.setState(locationFromHash(window.location.hash)));
