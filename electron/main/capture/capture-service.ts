// Activity capture in the main process: reads the foreground window, applies the privacy rules,
// merges observations into segments, journals them on disk and sends them to the renderer.
//
// Timing model. A tick runs every `intervalSeconds`:
// - polling mode (no focus events: macOS, Windows, or X11 without xprop -spy): each tick samples
//   the window, ActivityWatch-style;
// - events mode (X11): samples are taken when a focus or title change is reported, plus a slow
//   safety poll; each tick only extends the open segment to "now", because no event means no
//   change. This is what keeps capture under 0.5% of a core on Linux (see focus-events.ts).
// Either way the open segment is journaled every tick, so killing the app loses at most one interval.
//
// Away time (idle past the threshold, lock, suspend, a frozen process) comes from the idle monitor
// and is its own stream: the open segment is closed where the away period starts and segments that
// began inside it are dropped. Segments are only sent to the renderer up to the last input seen
// ("confirmed"), so the renderer never receives time that later turns out to be idle.
import { randomUUID } from 'node:crypto';
import { applyPrivacy } from '../../../shared/capture/privacy';
import {
  CaptureSettings,
  type ActivitySegment,
  type AwayPeriod,
  type CaptureEmit,
  type CaptureSettingsInput,
  type CaptureStatus,
  type SegmentAck,
} from '../../../shared/capture/types';
import { createIdleMonitor, type AwayChange, type IdleMonitor } from '../idle/idle-monitor';
import type { ActiveWindowSample, AppPaths, Clock, IdleSource, WindowSource } from '../ports';
import { noFocusEvents, type FocusChange, type FocusEvents } from './focus-events';
import { closeAt, mergeHeartbeat, type Heartbeat } from './heartbeat';
import { openCaptureJournal, type CaptureJournal } from './journal';

export interface CaptureServiceDeps {
  windowSource: WindowSource;
  idleSource: IdleSource;
  clock: Clock;
  paths: AppPaths;
  emit: CaptureEmit;
  settings: CaptureSettingsInput;
  /** Focus-change events (X11); without them the service polls at the interval. */
  focusEvents?: FocusEvents;
  /**
   * The app's idle monitor, shared with the timer's away prompt so idle time is read once.
   * When omitted the service runs its own from `idleSource`.
   */
  idleMonitor?: IdleMonitor;
  /** Events mode: a real sample at least this often, in case an event was lost. */
  safetyPollMs?: number;
  /** Events mode: changes arriving within this window are sampled once (focus goes via "none" on X11). */
  debounceMs?: number;
  /** The open segment is re-sent to the renderer at most this often (closed ones right away). */
  openEmitEveryMs?: number;
  /** Consecutive failed reads before capture stops with a 'failed' status. */
  maxFailures?: number;
  journalSyncEveryMs?: number;
  warn?: (message: string) => void;
}

export interface CaptureService {
  /** Opens the journal, replays what a previous run left unacknowledged, and starts capturing if enabled. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Pause from the tray; the open segment closes now. */
  pause(reason: string): void;
  resume(): void;
  updateSettings(settings: CaptureSettingsInput): Promise<void>;
  /** The renderer stored these segment versions; returns the acknowledgements that matched. */
  ack(acks: readonly SegmentAck[]): SegmentAck[];
  /**
   * Sends again every journaled segment the renderer has not acknowledged: those replayed at start
   * (emitted before any window listened) and this run's closed ones. Returns how many were sent.
   */
  resendUnacked(): number;
  status(): CaptureStatus;
  /** Sample once (if capturing), bring the renderer up to date and wait for the journal to reach the disk. */
  flush(): Promise<void>;
  settings(): CaptureSettings;
}

interface Pending {
  segment: ActivitySegment;
  closed: boolean;
}

export function createCaptureService(deps: CaptureServiceDeps): CaptureService {
  const { windowSource, clock, emit } = deps;
  const warn = deps.warn ?? ((message: string) => console.warn(message));
  const focusEvents = deps.focusEvents ?? noFocusEvents;
  const safetyPollMs = deps.safetyPollMs ?? 60_000;
  const debounceMs = deps.debounceMs ?? 40;
  const openEmitEveryMs = deps.openEmitEveryMs ?? 30_000;
  const maxFailures = deps.maxFailures ?? 5;

  let settings = CaptureSettings.parse(deps.settings);
  const ownMonitor = !deps.idleMonitor;
  const monitor = deps.idleMonitor ?? createIdleMonitor({ idleSource: deps.idleSource, clock, thresholdSeconds: settings.idleThresholdSeconds, warn });

  const runId = randomUUID().slice(0, 8);
  let idCounter = 0;
  const newId = (start: number) => `${start.toString(36)}-${runId}-${(idCounter++).toString(36)}`;

  let journal: CaptureJournal | null = null;
  let started = false;
  let capturing = false; // enabled, available, not paused, not failed
  let currentStatus: CaptureStatus = { state: 'disabled' };
  let pausedReason: string | null = null;
  let mode: 'events' | 'polling' = 'polling';

  let open: ActivitySegment | null = null;
  /** Data of the last kept observation; null after a skip, a gap or away time. */
  let lastBeat: Heartbeat | null = null;
  const pending = new Map<string, Pending>();
  const emittedEnd = new Map<string, number>();
  let confirmedUntil = 0;
  let lastOpenEmitAt = 0;

  let tickTimer: ReturnType<typeof setInterval> | null = null;
  let lastTickAt: number | null = null;
  let lastSampleAt = 0;
  let failures = 0;
  let inFlight: Promise<void> | null = null;
  /** A read requested while another was in flight; runs right after it. */
  let queued: { at: number; preset: ActiveWindowSample | null | undefined } | null = null;
  let debounceTimer: ReturnType<typeof setTimeout> | null = null;
  /** The newest window reported with a focus event, for the debounced read (undefined: read it). */
  let eventSample: ActiveWindowSample | null | undefined;
  let unsubscribeMonitor: (() => void) | null = null;

  const intervalMs = () => settings.intervalSeconds * 1000;
  const pulseMs = () => settings.pulseSeconds * 1000;

  const setStatus = (next: CaptureStatus): void => {
    if (JSON.stringify(next) === JSON.stringify(currentStatus)) return;
    currentStatus = next;
    emit('capture:status', next);
  };

  // --- segments: journal, pending, emission ---

  const record = (segment: ActivitySegment, closed: boolean): void => {
    journal?.put(segment, closed);
    pending.set(segment.id, { segment, closed });
  };

  const closeOpen = (at: number): void => {
    if (!open) return;
    const closed = closeAt(open, at);
    open = null;
    lastBeat = null;
    record(closed, true);
  };

  /** The window in front changed to something not recorded: like a switch, the old one ran until now. */
  const switchAway = (at: number): void => {
    if (!open) return;
    const closed = at >= open.end && at - open.end <= pulseMs() ? { ...open, end: at } : open;
    open = null;
    lastBeat = null;
    record(closed, true);
  };

  /** Send every version the renderer does not have yet, clipped to the confirmed time. */
  const emitConfirmed = (force: boolean): void => {
    const now = clock.now();
    const includeOpen = force || now - lastOpenEmitAt >= openEmitEveryMs;
    const batch: ActivitySegment[] = [];
    for (const [id, item] of pending) {
      const { segment, closed } = item;
      if (!closed && !includeOpen) continue;
      const end = Math.min(segment.end, confirmedUntil);
      if (closed && segment.end <= confirmedUntil) {
        pending.delete(id);
        // A window seen once and never again has no duration: nothing to store or replay.
        if (segment.end <= segment.start) {
          journal?.drop(id);
          continue;
        }
      }
      if (end <= segment.start) continue; // nothing confirmed yet
      if (end <= (emittedEnd.get(id) ?? -1)) continue;
      emittedEnd.set(id, end);
      batch.push({ ...segment, end });
    }
    if (includeOpen) lastOpenEmitAt = now;
    // Final versions leave the bookkeeping; the journal keeps them until acknowledged.
    for (const id of emittedEnd.keys()) if (!pending.has(id)) emittedEnd.delete(id);
    if (batch.length > 0) emit('capture:segments', batch.sort((a, b) => a.start - b.start));
  };

  const updateConfirmed = (): void => {
    const input = monitor.lastInputAt();
    if (input !== null && monitor.current() === null) confirmedUntil = Math.max(confirmedUntil, input);
  };

  const onAway = (change: AwayChange): void => {
    emit('capture:away', change.period);
    if (change.type === 'started') enterAway(change.period);
    else if (capturing) requestSample(clock.now());
  };

  const enterAway = (period: AwayPeriod): void => {
    const start = period.start;
    for (const [id, item] of [...pending]) {
      if (item.segment.start >= start) {
        // Began while the user was already gone: it was never activity.
        pending.delete(id);
        journal?.drop(id);
        if (open?.id === id) open = null;
      } else if (item.segment.end > start) {
        const clipped = closeAt(item.segment, start);
        if (open?.id === id) open = null;
        record(clipped, true);
      }
    }
    if (open) closeOpen(open.end);
    lastBeat = null;
    // The user was demonstrably present until the period began (a lock or suspend is an action).
    confirmedUntil = Math.max(confirmedUntil, start);
    emitConfirmed(true);
  };

  // --- sampling ---

  const applyBeat = (beat: Heartbeat): void => {
    const result = mergeHeartbeat(open, beat, pulseMs(), newId);
    if (result.closed) record(result.closed, true);
    open = result.open;
    lastBeat = beat;
    record(open, false);
  };

  /** One observation at `at`: the window a focus event reported (`preset`), or a read through the WindowSource. */
  const sampleOnce = async (at: number, preset: ActiveWindowSample | null | undefined): Promise<void> => {
    let raw;
    try {
      raw = preset !== undefined ? preset : await windowSource.activeWindow();
      failures = 0;
    } catch (error) {
      failures++;
      const message = error instanceof Error ? error.message : String(error);
      warn(`capture: reading the active window failed (${failures}/${maxFailures}): ${message}`);
      if (failures >= maxFailures) fail(`Reading the active window failed ${failures} times in a row: ${message}`);
      return;
    }
    lastSampleAt = at;
    if (!capturing || monitor.current() !== null) return;
    if (!raw) {
      // Nothing in front (desktop, or between two windows): not activity.
      switchAway(at);
      return;
    }
    const verdict = applyPrivacy(raw, settings);
    if (verdict.kind === 'skip') {
      switchAway(at);
      return;
    }
    applyBeat({ at, ...verdict.sample });
  };

  /**
   * Never two samples in flight (a slow read must not pile up reads, and results must be applied
   * in order); a request during one runs right after it, the newest request winning.
   */
  const requestSample = (at: number, preset?: ActiveWindowSample | null): void => {
    if (!capturing) return;
    if (inFlight) {
      queued = { at, preset };
      return;
    }
    inFlight = sampleOnce(at, preset).finally(() => {
      inFlight = null;
      const next = queued;
      queued = null;
      if (next) requestSample(next.at, next.preset);
    });
  };

  const onFocusChange = (_change: FocusChange, sample?: ActiveWindowSample | null): void => {
    if (!capturing) return;
    // On X11 focus moves through "no window" for a moment; the last report of a burst wins.
    eventSample = sample;
    if (debounceTimer) return; // the first event's time stands for the burst
    const at = clock.now();
    debounceTimer = setTimeout(() => {
      debounceTimer = null;
      const preset = eventSample;
      eventSample = undefined;
      requestSample(at, preset);
    }, debounceMs);
  };

  const tick = (): void => {
    const now = clock.now();
    const gap = lastTickAt === null ? 0 : now - lastTickAt;
    lastTickAt = now;
    updateConfirmed();
    if (capturing && monitor.current() === null) {
      if (mode === 'polling') {
        requestSample(now);
      } else if (gap > pulseMs() || now - lastSampleAt >= safetyPollMs) {
        // Safety poll, in case an event was lost; the event source re-reads more cheaply if it can.
        if (focusEvents.refresh) {
          lastSampleAt = now;
          focusEvents.refresh();
        } else {
          requestSample(now);
        }
      } else if (lastBeat && open && !inFlight && !debounceTimer && queued === null) {
        // No event since the last sample: the same window is still in front.
        applyBeat({ ...lastBeat, at: now });
      }
    }
    emitConfirmed(false);
  };

  // --- lifecycle ---

  const stopLoop = async (): Promise<void> => {
    if (tickTimer) clearInterval(tickTimer);
    tickTimer = null;
    if (debounceTimer) clearTimeout(debounceTimer);
    debounceTimer = null;
    await focusEvents.stop();
    if (inFlight) await inFlight;
  };

  const fail = (reason: string): void => {
    capturing = false;
    closeOpen(lastBeat?.at ?? clock.now());
    setStatus({ state: 'failed', reason });
    void focusEvents.stop();
  };

  const startCapturing = async (): Promise<void> => {
    if (!settings.enabled) {
      setStatus({ state: 'disabled' });
      return;
    }
    const availability = await windowSource.availability();
    if (!availability.available) {
      setStatus({ state: 'unavailable', reason: availability.reason, hint: availability.hint });
      return;
    }
    failures = 0;
    capturing = pausedReason === null;
    if (!capturing) {
      setStatus({ state: 'paused', reason: pausedReason ?? '' });
      return;
    }
    const events = await focusEvents.start(onFocusChange, (reason) => {
      // The watcher died (X server restart, xprop killed): keep capturing by polling.
      warn(`capture: focus events stopped (${reason}); polling instead`);
      mode = 'polling';
      if (capturing) setStatus({ state: 'running', mode });
    });
    mode = events ? 'events' : 'polling';
    setStatus({ state: 'running', mode });
    lastTickAt = clock.now();
    tickTimer = setInterval(tick, intervalMs());
    tickTimer.unref?.();
    requestSample(clock.now());
  };

  const stopCapturing = async (status: CaptureStatus): Promise<void> => {
    capturing = false;
    await stopLoop();
    closeOpen(open?.end ?? clock.now());
    setStatus(status);
  };

  return {
    async start() {
      if (started) return;
      started = true;
      journal = openCaptureJournal({ dataDir: deps.paths.dataDir, warn, syncEveryMs: deps.journalSyncEveryMs });
      const replay = journal.replayUnacked();
      if (replay.length > 0) emit('capture:segments', replay);
      unsubscribeMonitor = monitor.subscribe(onAway);
      if (ownMonitor) monitor.start();
      await startCapturing();
    },

    async stop() {
      if (!started) return;
      await stopCapturing({ state: 'disabled' });
      unsubscribeMonitor?.();
      unsubscribeMonitor = null;
      if (ownMonitor) monitor.stop();
      // Whatever is still unconfirmed stays in the journal and is offered again at the next start.
      emitConfirmed(true);
      journal?.close();
      journal = null;
      started = false;
    },

    pause(reason) {
      pausedReason = reason;
      if (!started) return;
      capturing = false;
      void stopLoop();
      closeOpen(open?.end ?? clock.now());
      emitConfirmed(true);
      setStatus({ state: 'paused', reason });
    },

    resume() {
      pausedReason = null;
      if (!started || currentStatus.state !== 'paused') return;
      void startCapturing();
    },

    async updateSettings(next) {
      const parsed = CaptureSettings.parse(next);
      const restart =
        parsed.enabled !== settings.enabled || parsed.intervalSeconds !== settings.intervalSeconds;
      settings = parsed;
      if (ownMonitor) monitor.setThreshold(parsed.idleThresholdSeconds);
      // New privacy rules apply from now on: the open segment closes and the next sample starts fresh.
      closeOpen(open?.end ?? clock.now());
      if (!started) return;
      if (restart || currentStatus.state === 'failed' || currentStatus.state === 'unavailable') {
        await stopCapturing({ state: 'disabled' });
        await startCapturing();
      } else if (capturing) {
        requestSample(clock.now());
      }
    },

    ack(acks) {
      return journal?.ack(acks) ?? [];
    },

    resendUnacked() {
      if (!journal) return 0;
      // The open segment is still growing and reaches the renderer with the next emission.
      const unsent = journal.unacked().filter((segment) => !pending.has(segment.id));
      if (unsent.length > 0) emit('capture:segments', unsent.sort((a, b) => a.start - b.start));
      return unsent.length;
    },

    status: () => currentStatus,
    settings: () => settings,

    async flush() {
      if (capturing) {
        requestSample(clock.now());
        while (inFlight) await inFlight;
      }
      await monitor.check();
      updateConfirmed();
      emitConfirmed(true);
      await journal?.sync();
    },
  };
}
