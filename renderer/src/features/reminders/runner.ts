// Looks for due reminders at the start of every minute and shows each occasion once. The clock,
// the timers, the snapshot and the notifier are injected, so tests drive it with a fake clock.
import { dueReminders, type Reminder, type ReminderSettings, type ReminderSnapshot } from '../../../../shared/reminders/policy';
import type { Timers } from '../quickbooks/engine/scheduler';

export interface RunnerDeps {
  settings: () => Promise<ReminderSettings>;
  snapshot: (settings: ReminderSettings) => Promise<ReminderSnapshot>;
  notify: (reminder: Reminder) => Promise<unknown>;
  now: () => number;
  zone: () => string;
  timers?: Timers;
}

/** Occasions remembered; far more than a session makes, so an old one is never shown again. */
const REMEMBERED = 1000;

export function createReminderRunner(deps: RunnerDeps) {
  const timers: Timers = deps.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };
  const shown = new Set<string>();
  let handle: unknown = null;
  let stopped = false;

  /** Shows what is due now and was not shown before; returns it. */
  async function check(): Promise<Reminder[]> {
    const settings = await deps.settings();
    const due = dueReminders(settings, await deps.snapshot(settings), deps.now(), deps.zone()).filter((r) => !shown.has(r.id));
    for (const r of due) {
      shown.add(r.id);
      if (shown.size > REMEMBERED) shown.delete(shown.values().next().value as string);
      await deps.notify(r);
    }
    return due;
  }

  function arm() {
    if (stopped) return;
    // At the next whole minute, so "18:00" reminds at 18:00, not up to a minute later.
    handle = timers.setTimeout(() => {
      handle = null;
      void check().catch(() => {}).finally(arm);
    }, 60_000 - (deps.now() % 60_000));
  }

  return {
    check,
    start() {
      stopped = false;
      arm();
    },
    stop() {
      stopped = true;
      if (handle !== null) timers.clearTimeout(handle);
      handle = null;
    },
  };
}
