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
  /** How often idle time is read while the user is present; a minute of latency is fine for a 5-minute threshold. */
  presentPollMs?: number;
  /** How often while away, so the return is noticed (and the prompt shown) quickly. */
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
}

let counter = 0;
const defaultId = () => `away-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export function createIdleMonitor(options: IdleMonitorOptions): IdleMonitor {
  const { idleSource, clock } = options;
  const presentPollMs = options.presentPollMs ?? 10_000;
  const awayPollMs = options.awayPollMs ?? 2_000;
  const newId = options.newId ?? defaultId;
  const warn = options.warn ?? ((message: string) => console.warn(message));
  let thresholdMs = options.thresholdSeconds * 1000;

  const listeners = new Set<(change: AwayChange) => void>();
  let away: AwayPeriod | null = null;
  let suspended = false;
  let locked = false;
  /** When the last lock/suspend ended: the user cannot have been back before that. */
  let causeClearedAt = 0;
  let lastInput: number | null = null;
  let lastCheckAt: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
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

  const schedule = (delayMs?: number): void => {
    if (!running) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void check(), delayMs ?? (away ? awayPollMs : presentPollMs));
    timer.unref?.();
  };

  const evaluate = async (): Promise<void> => {
    const now = clock.now();
    // The process itself was frozen (sleep without a suspend event, a stopped VM): the time
    // between the last check and now is unknown, which counts as away, never as activity.
    if (lastCheckAt !== null && now - lastCheckAt > thresholdMs && !suspended) {
      begin('suspend', lastCheckAt);
      causeClearedAt = Math.max(causeClearedAt, now);
    }
    lastCheckAt = now;

    let idleMs: number;
    try {
      idleMs = Math.max(0, (await idleSource.idleSeconds()) * 1000);
    } catch (error) {
      warn(`idle monitor: could not read idle time (${error instanceof Error ? error.message : String(error)})`);
      return;
    }
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
      if (timer) clearTimeout(timer);
      timer = null;
      unsubscribePower?.();
      unsubscribePower = null;
    },
    check,
    setThreshold(seconds) {
      thresholdMs = seconds * 1000;
    },
    current: () => (away ? { ...away } : null),
    lastInputAt: () => lastInput,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
