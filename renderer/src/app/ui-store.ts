// Transient UI state only (which screen is open). Data lives in IndexedDB and is read with live
// queries; it is never copied here.
import { create } from 'zustand';
import type { Screen } from '../../../shared/ipc/contract';

export const screens: ReadonlyArray<{ id: Screen; label: string; hint: string }> = [
  { id: 'today', label: 'Today', hint: 'Timer and today’s entries' },
  { id: 'review', label: 'Review', hint: 'Turn captured activity into entries' },
  { id: 'timesheet', label: 'Timesheet', hint: 'The week at a glance' },
  { id: 'quickbooks', label: 'QuickBooks', hint: 'Connect, map and sync' },
  { id: 'settings', label: 'Settings', hint: 'Projects, capture, privacy' },
];

/** Reached from the sidebar below the main five, without a Ctrl+number shortcut. */
const otherScreens: readonly Screen[] = ['trash'];

export function screenFromHash(hash: string): Screen {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return screens.find((s) => s.id === id)?.id ?? otherScreens.find((s) => s === id) ?? 'today';
}

interface UiState {
  screen: Screen;
  go(screen: Screen): void;
}

export const useUi = create<UiState>((set) => ({
  screen: screenFromHash(window.location.hash),
  go(screen) {
    if (window.location.hash !== `#/${screen}`) window.history.pushState(null, '', `#/${screen}`);
    set({ screen });
  },
}));

window.addEventListener('popstate', () => useUi.setState({ screen: screenFromHash(window.location.hash) }));
