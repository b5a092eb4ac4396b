// Mounted once in App: runs the reminders (every minute, see runner.ts), shows budget crossings as
// reminders too (through BudgetWatcher), and opens the screen a clicked reminder names.
import { useEffect, useMemo } from 'react';
import type { RendererApi } from '../../../../shared/ipc/contract';
import { budgetMayNotify, type ReminderTarget } from '../../../../shared/reminders/policy';
import { currentZone } from '../../app/clock';
import { useUi } from '../../app/ui-store';
import { useRepos } from '../../data/repos-context';
import type { Repos } from '../../db/repos';
import { api as realApi } from '../../platform/api';
import type { Notifier } from '../../platform/notifier';
import { BudgetWatcher } from '../budgets/BudgetWatcher';
import { useQboTab } from '../quickbooks/qbo-tab-store';
import { createReminderRunner } from './runner';
import { gatherSnapshot } from './snapshot';

function openTarget(target: ReminderTarget): void {
  const ui = useUi.getState();
  if (target.screen === 'today') ui.go('today');
  else if (target.screen === 'review') ui.showDay(target.day, 'review');
  else if (target.screen === 'quickbooks') {
    useQboTab.getState().setTab(target.tab);
    ui.go('quickbooks');
  } else ui.go('settings', target.section);
}

/** Budget crossings as OS notifications when the "budget reached" reminder is on and it is not quiet hours. */
function budgetNotifier(repos: Repos, api: RendererApi, now: () => number): Notifier {
  return {
    notify({ title, body }) {
      void repos.settings.get('reminders').then((s) => {
        if (!budgetMayNotify(s, now(), currentZone())) return;
        return api.invoke('reminders:showReminder', { id: `budget:${title}`, title, body, target: { screen: 'settings', section: 'projects' } });
      });
    },
  };
}

/** `api` and `now` are for tests; the app uses the real ones. */
export function RemindersBridge({ api = realApi, now = Date.now }: { api?: RendererApi; now?: () => number }) {
  const repos = useRepos();
  useEffect(() => api.on('reminders:clicked', ({ target }) => openTarget(target)), [api]);
  useEffect(() => {
    const runner = createReminderRunner({
      settings: () => repos.settings.get('reminders'),
      snapshot: (s, shown) => gatherSnapshot(repos, api, s, now(), currentZone(), shown),
      notify: ({ id, title, body, target }) => api.invoke('reminders:showReminder', { id, title, body, target }),
      memory: { load: () => repos.settings.get('remindersShown'), save: async (ids) => void (await repos.settings.set('remindersShown', [...ids])) },
      now,
      zone: currentZone,
    });
    runner.start();
    return () => runner.stop();
  }, [repos, api, now]);
  const notifier = useMemo(() => budgetNotifier(repos, api, now), [repos, api, now]);
  return <BudgetWatcher notifier={notifier} />;
}
