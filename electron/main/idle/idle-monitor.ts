// Away-time detection for timers (issue 4) and capture (issue 5): turns idle seconds and power
// events into away periods. One period covers everything from the moment the user left until
// they are back, whatever happened in between (idle, then lock, then a night of suspend), so a
// timer left running overnight produces exactly one prompt. What the timer does with the period
// is the renderer's decision; this module only reports it.
import type { AwayPeriod, AwayReason } from '../../../shared/capture/types';
import type { Clock, IdleSource, PowerEvent } from '../ports';

export type AwayChange = { type: 'started'; period: AwayPeriod } | { type: 'ended'; period: AwayPeriod };

interface IdleMonitorEvents {
  'away:started': AwayPeriod;
  'away:ended': AwayPeriod;
}

export interface IdleMonitorOptions {
  idleSource: IdleSource;
  clock: Clock;
  thresholdSeconds: number;
  emit?: <E extends keyof IdleMonitorEvents>(event: E, payload: IdleMonitorEvents[E]) => void;
  /** How often idle time is read while away, where the idle source cannot watch for input. */
  awayPollMs?: number;
  newId?: () => string;
  warn?: (message: string) => void;
}

export interface IdleMonitor {
  start(): void;
  stop(): void;
  /** Read idle time once and update the state (the timer loop calls this; tests call it directly). */
  check(): Promise<void>;
  setThreshold(seconds: number): void;
  /** The open away period, if the user is away now. */
  current(): AwayPeriod | null;
  /** Time of the most recent keyboard or mouse input seen (UTC ms), or null before the first read. */
  lastInputAt(): number | null;
  subscribe(listener: (change: AwayChange) => void): () => void;
  /** Called after every read of the idle time: the capture service does its periodic work then. */
  onChecked(listener: () => void): () => void;
}

/** Never read again sooner than this, however close the idle time is to the threshold. */
const MIN_DELAY_MS = 250;

let counter = 0;
const defaultId = () => `away-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

// Long because it is one closure over the monitor's state (the away period, the causes, the wake-up);
// each step inside is a short function.
export function createIdleMonitor(options: IdleMonitorOptions): IdleMonitor {
  const { idleSource, clock } = options;
  const awayPollMs = options.awayPollMs ?? 2_000;
  const newId = options.newId ?? defaultId;
  const warn = options.warn ?? ((message: string) => console.warn(message));
  let thresholdMs = options.thresholdSeconds * 1000;

  const listeners = new Set<(change: AwayChange) => void>();
  const checkListeners = new Set<() => void>();
  let away: AwayPeriod | null = null;
  let suspended = false;
  let locked = false;
  /** When the last lock/suspend ended: the user cannot have been back before that. */
  let causeClearedAt = 0;
  let lastInput: number | null = null;
  let lastCheckAt: number | null = null;
  /** Idle time at the last read: the user cannot be away before threshold minus this has passed. */
  let lastIdleMs = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** When the timer should fire; a much later firing means the process was frozen. */
  let dueAt: number | null = null;
  let stopWatching: (() => void) | null = null;
  /** Bumped whenever the wake-up is replaced, so a watch that resolves late stands down. */
  let wakeToken = 0;
  let unsubscribePower: (() => void) | null = null;
  let running = false;
  let inFlight: Promise<void> | null = null;

  const publish = (change: AwayChange): void => {
    options.emit?.(change.type === 'started' ? 'away:started' : 'away:ended', change.period);
    for (const listener of listeners) listener(change);
  };

  const begin = (reason: AwayReason, start: number): void => {
    if (away) return; // one period absorbs every later cause until the user is back
    away = { id: newId(), start: Math.round(start), end: null, reason };
    publish({ type: 'started', period: { ...away } });
  };

  const finish = (end: number): void => {
    if (!away) return;
    const period: AwayPeriod = { ...away, end: Math.round(Math.max(away.start, end)) };
    away = null;
    publish({ type: 'ended', period });
  };

  const clearWake = (): void => {
    wakeToken++;
    if (timer) clearTimeout(timer);
    timer = null;
    dueAt = null;
    stopWatching?.();
    stopWatching = null;
  };

  const wakeIn = (delayMs: number): void => {
    dueAt = clock.now() + delayMs;
    timer = setTimeout(() => void check(), delayMs);
    timer.unref?.();
  };

  /** Away: sleep until the next input where the source can say, otherwise read every awayPollMs. */
  const sleepUntilInput = async (): Promise<void> => {
    const token = wakeToken;
    const onInput = () => {
      if (token === wakeToken) void check();
    };
    const stop = (await idleSource.watchInput?.(onInput).catch(() => null)) ?? null;
    if (token !== wakeToken || !running) return stop?.();
    if (stop) stopWatching = stop;
    else wakeIn(awayPollMs);
  };

  /**
   * The next read. While present: when the idle time would reach the threshold if no input came,
   * so a user at work wakes this process once per threshold, not every few seconds (issue 19).
   */
  const schedule = (delayMs?: number): void => {
    if (!running) return;
    clearWake();
    if (delayMs === undefined && away) void sleepUntilInput();
    else wakeIn(delayMs ?? Math.max(MIN_DELAY_MS, thresholdMs - lastIdleMs));
  };

  const evaluate = async (): Promise<void> => {
    const now = clock.now();
    // The process itself was frozen (sleep without a suspend event, a stopped VM): its timer fired
    // long after it was due. The time since the last read is unknown, which counts as away, never
    // as activity (so a freeze can cost up to one threshold of activity seen before it).
    if (lastCheckAt !== null && dueAt !== null && now - dueAt > thresholdMs && !suspended) {
      begin('suspend', lastCheckAt);
      causeClearedAt = Math.max(causeClearedAt, now);
    }
    lastCheckAt = now;

    let idleMs: number;
    try {
      idleMs = Math.max(0, (await idleSource.idleSeconds()) * 1000);
    } catch (error) {
      warn(`idle monitor: could not read idle time (${error instanceof Error ? error.message : String(error)})`);
      lastIdleMs = 0;
      return;
    }
    lastIdleMs = idleMs;
    const at = clock.now();
    lastInput = at - idleMs;
    if (idleMs >= thresholdMs) {
      begin('idle', lastInput);
    } else if (away && !suspended && !locked) {
      // Back: the period ends at the input that brought the user back (not before a resume/unlock).
      finish(Math.max(lastInput, causeClearedAt));
    }
  };

  async function check(): Promise<void> {
    // Never two reads in flight: a slow idle source must not pile up checks.
    if (!inFlight) {
      inFlight = evaluate().finally(() => {
        inFlight = null;
      });
    }
    await inFlight;
    for (const listener of checkListeners) listener();
    schedule();
  }

  const onPower = (event: PowerEvent): void => {
    switch (event.kind) {
      case 'suspend':
        suspended = true;
        begin('suspend', event.at);
        break;
      case 'lock-screen':
        locked = true;
        begin('lock', event.at);
        break;
      case 'resume':
        suspended = false;
        causeClearedAt = Math.max(causeClearedAt, event.at);
        lastCheckAt = event.at; // the gap was a known suspend, not a frozen process
        schedule(0);
        break;
      case 'unlock-screen':
        locked = false;
        causeClearedAt = Math.max(causeClearedAt, event.at);
        schedule(0);
        break;
    }
  };

  return {
    start() {
      if (running) return;
      running = true;
      unsubscribePower = idleSource.onPowerEvent(onPower);
      schedule(0);
    },
    stop() {
      running = false;
      clearWake();
      unsubscribePower?.();
      unsubscribePower = null;
    },
    check,
    setThreshold(seconds) {
      thresholdMs = seconds * 1000;
      // The next read was timed for the old threshold: read now and time it again.
      if (!away) schedule(0);
    },
    current: () => (away ? { ...away } : null),
    lastInputAt: () => lastInput,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    onChecked(listener) {
      checkListeners.add(listener);
      return () => {
        checkListeners.delete(listener);
      };
    },
  };
}
