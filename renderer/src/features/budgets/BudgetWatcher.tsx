// Watches every budgeted project's use (entries change, and a running timer's minutes pass) and,
// when one crosses 80% or 100% of its budget, says so once: a dismissible notice in the window with
// "Open project", and an OS notification.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { create } from 'zustand';
import { useNow } from '../../app/clock';
import { useUi } from '../../app/ui-store';
import { useRepos } from '../../data/repos-context';
import { osNotifier, type Notifier } from '../../platform/notifier';
import { navigatorLocale } from '../projects/rules';
import { recordCrossings, type BudgetAlert } from './alerts';
import { anyRunning, budgetUses, loadBudgetInputs } from './budget-usage';
import './budgets.css';

const useShown = create<{ alerts: BudgetAlert[]; add(a: readonly BudgetAlert[]): void; dismiss(projectId: string): void }>((set) => ({
  alerts: [],
  // The newest word on a project replaces an older one (a warning, then over budget).
  add: (a) => set((s) => ({ alerts: [...s.alerts.filter((x) => !a.some((y) => y.projectId === x.projectId)), ...a] })),
  dismiss: (projectId) => set((s) => ({ alerts: s.alerts.filter((x) => x.projectId !== projectId) })),
}));

const titleOf = (a: BudgetAlert) => (a.level === 'over' ? `${a.projectName} is over budget` : `${a.projectName} has passed 80% of its budget`);

/** Mount once in the app shell. `notifier` and `clock` are for tests; the app uses the OS and the real time. */
export function BudgetWatcher({ notifier = osNotifier, clock = Date.now }: { notifier?: Notifier; clock?: () => number }) {
  const repos = useRepos();
  const go = useUi((s) => s.go);
  const { alerts, add, dismiss } = useShown();
  const inputs = useLiveQuery(() => loadBudgetInputs(repos), [repos]);
  // A running timer's time counts up to now: look again every minute while one runs.
  const tick = useNow(60_000, inputs ? anyRunning(inputs) : false);

  useEffect(() => {
    if (!inputs) return;
    // What was recorded is shown even if newer figures arrived meanwhile: it will not be announced again.
    void recordCrossings(repos, budgetUses(inputs, clock(), navigatorLocale())).then((crossed) => {
      if (crossed.length === 0) return;
      add(crossed);
      for (const a of crossed) notifier.notify({ title: titleOf(a), body: a.words, onClick: () => go('settings', 'projects') });
    });
  }, [inputs, tick, repos, clock, notifier, add, go]);

  if (alerts.length === 0) return null;
  return (
    <div className="budget-alerts">
      {alerts.map((a) => (
        <div key={a.projectId} className={`budget-alert ${a.level}`} role="status" aria-label={titleOf(a)}>
          <span className="budget-alert-text">{a.words}</span>
          <span className="budget-alert-actions">
            <button type="button" className="link-button" onClick={() => { dismiss(a.projectId); go('settings', 'projects'); }}>Open project</button>
            <button type="button" className="budget-alert-close" aria-label="Dismiss" onClick={() => dismiss(a.projectId)}>×</button>
          </span>
        </div>
      ))}
    </div>
  );
}
