import { useEffect, useRef } from 'react';
import { Icon } from '../components/Icon';
import { CaptureBridge } from '../features/capture/CaptureBridge';
import { ExpensesScreen } from '../features/expenses/ExpensesScreen';
import { InvoicesScreen } from '../features/invoices/InvoicesScreen';
import { QuickBooksScreen } from '../features/quickbooks/QuickBooksScreen';
import { ReportsScreen } from '../features/reports/ReportsScreen';
import { ReviewScreen } from '../features/review/ReviewScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { TimesheetScreen } from '../features/timesheet/TimesheetScreen';
import { TodayScreen } from '../features/day/TodayScreen';
import { AwayPrompt } from '../features/away/AwayPrompt';
import { BackupBridge } from '../features/backup/BackupBridge';
import { QboSyncBridge } from '../features/quickbooks/QboSyncBridge';
import { RemindersBridge } from '../features/reminders/RemindersBridge';
import { TimerBridge } from '../features/timer/TimerBridge';
import { TrashBridge } from '../features/trash/TrashBridge';
import { TrashNavItem } from '../features/trash/TrashNavItem';
import { TrashScreen } from '../features/trash/TrashScreen';
import { UndoNotice } from '../features/trash/UndoNotice';
import { UpdateBridge } from '../features/updates/UpdateBridge';
import { StartupNotice } from '../features/startup/StartupNotice';
import { screens, useUi } from './ui-store';

const views = {
  today: TodayScreen,
  review: ReviewScreen,
  timesheet: TimesheetScreen,
  invoices: InvoicesScreen,
  expenses: ExpensesScreen,
  reports: ReportsScreen,
  quickbooks: QuickBooksScreen,
  settings: SettingsScreen,
  trash: TrashScreen,
} as const;

export function App() {
  const { screen, go } = useUi();
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);

  // Ctrl/Cmd + 1..8 switch screens, like tabs.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      const target = screens[Number(e.key) - 1];
      if (target) {
        e.preventDefault();
        go(target.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);

  // Move focus to the new screen's title so keyboard and screen-reader users land in it, unless
  // the screen was opened at a section, which then has the focus.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (!useUi.getState().section) mainRef.current?.querySelector<HTMLElement>('#screen-title')?.focus();
  }, [screen]);

  const View = views[screen];
  return (
    <div className="shell">
      <CaptureBridge />
      <a className="skip-link" href="#main">Skip to content</a>
      <nav className="sidebar" aria-label="Main">
        <div className="brand"><span className="brand-mark" aria-hidden="true">TN</span> Track Nexus</div>
        <ul>
          {screens.map((s, i) => (
            <li key={s.id}>
              <a href={`#/${s.id}`} className="nav-item" aria-current={s.id === screen ? 'page' : undefined}
                title={`${s.hint} (Ctrl+${i + 1})`}
                onClick={(e) => { e.preventDefault(); go(s.id); }}>
                <Icon name={s.id} /> <span>{s.label}</span>
              </a>
            </li>
          ))}
        </ul>
        <TrashNavItem current={screen === 'trash'} onOpen={() => go('trash')} />
      </nav>
      <main id="main" ref={mainRef} className="content" data-screen={screen}>
        <StartupNotice />
        <View />
      </main>
      <TimerBridge />
      <QboSyncBridge />
      <TrashBridge />
      <UndoNotice />
      <BackupBridge />
      <RemindersBridge />
      <AwayPrompt />
      <UpdateBridge />
    </div>
  );
}
