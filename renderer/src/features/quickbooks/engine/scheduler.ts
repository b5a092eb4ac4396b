// When the engine runs: on approval, every N minutes, hourly, daily at a local time, or only on
// demand (Sync now). `nextRunAt` is pure; the scheduler wires it to injected timers so tests drive
// it with a fake clock. The engine's own single-run lock makes overlapping triggers harmless.
import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns';
import type { SyncSettings } from '../store/sync-context';

/** The next instant a scheduled run is due after `lastRunAt` (or `now`), or null for event/manual modes. */
export function nextRunAt(settings: Pick<SyncSettings, 'mode' | 'intervalMinutes' | 'dailyAt'>, now: number, lastRunAt: number | null, zone: string): number | null {
  switch (settings.mode) {
    case 'manual':
    case 'onApproval':
      return null;
    case 'interval':
    case 'hourly': {
      const every = (settings.mode === 'hourly' ? 60 : Math.max(1, settings.intervalMinutes)) * 60_000;
      if (lastRunAt === null) return now;
      return Math.max(now, lastRunAt + every);
    }
    case 'daily': {
      const [h = 18, m = 0] = settings.dailyAt.split(':').map(Number);
      const local = new TZDate(now, zone);
      const todayAt = new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), h, m, 0, zone);
      if (todayAt.getTime() > now) return todayAt.getTime();
      // Today's run was missed (asleep, app closed after a run yesterday): catch up now.
      if (lastRunAt !== null && lastRunAt < todayAt.getTime()) return now;
      // Tomorrow at the same local time (date-fns on a TZDate stays in the zone across DST).
      return addDays(todayAt, 1).getTime();
    }
  }
}

export interface Timers {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

/** The page's own timers, for everything that takes `Timers` (tests pass their own). */
export const realTimers: Timers = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };

export interface SchedulerDeps {
  settings: () => Promise<SyncSettings>;
  run: () => Promise<unknown>;
  now: () => number;
  zone: () => string;
  timers?: Timers;
}

/** Arms one timer for the next due run; call `reschedule()` when settings change. */
export function createScheduler(deps: SchedulerDeps) {
  const timers = deps.timers ?? realTimers;
  let handle: unknown = null;
  let lastRunAt: number | null = null;
  let stopped = false;

  async function fire() {
    handle = null;
    lastRunAt = deps.now();
    try {
      await deps.run();
    } finally {
      if (!stopped) await reschedule();
    }
  }

  async function reschedule(): Promise<number | null> {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
    if (stopped) return null;
    const at = nextRunAt(await deps.settings(), deps.now(), lastRunAt, deps.zone());
    if (at === null) return null;
    handle = timers.setTimeout(() => void fire(), Math.max(0, at - deps.now()));
    return at;
  }

  return {
    reschedule,
    /** Call after an approval: runs at once in 'onApproval' mode. */
    async approved(): Promise<boolean> {
      if ((await deps.settings()).mode !== 'onApproval') return false;
      lastRunAt = deps.now();
      void deps.run();
      return true;
    },
    stop() {
      stopped = true;
      if (handle !== null) timers.clearTimeout(handle);
      handle = null;
    },
    lastRunAt: () => lastRunAt,
  };
}
