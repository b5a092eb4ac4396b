// Looks for due reminders at the start of every minute and shows each occasion once. The clock,
// the timers, the snapshot and the notifier are injected, so tests drive it with a fake clock.
import { dueReminders, type Reminder, type ReminderSettings, type ReminderSnapshot } from '../../../../shared/reminders/policy';
import { realTimers, type Timers } from '../quickbooks/engine/scheduler';

export interface RunnerDeps {
  settings: () => Promise<ReminderSettings>;
  /** What the policy needs; `shown` lets it skip reading what could only remind again. */
  snapshot: (settings: ReminderSettings, shown: ReadonlySet<string>) => Promise<ReminderSnapshot>;
  notify: (reminder: Reminder) => Promise<unknown>;
  /** Where shown occasions are kept, so a restart does not remind of one again. */
  memory: { load: () => Promise<readonly string[]>; save: (ids: readonly string[]) => Promise<void> };
  now: () => number;
  zone: () => string;
  timers?: Timers;
}

/** Occasions remembered, newest last; far more than weeks of use make, so an old one is never shown again. */
export const REMEMBERED = 1000;

export function createReminderRunner(deps: RunnerDeps) {
  const timers = deps.timers ?? realTimers;
  let shown: Set<string> | null = null;
  let handle: unknown = null;
  let stopped = false;

  /** Shows what is due now and was not shown before (in this run or an earlier one); returns it. */
  async function check(): Promise<Reminder[]> {
    shown ??= new Set(await deps.memory.load());
    const settings = await deps.settings();
    const due = dueReminders(settings, await deps.snapshot(settings, shown), deps.now(), deps.zone()).filter((r) => !shown!.has(r.id));
    if (due.length === 0) return due;
    for (const r of due) shown.add(r.id);
    await deps.memory.save([...shown].slice(-REMEMBERED));
    for (const r of due) await deps.notify(r);
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
