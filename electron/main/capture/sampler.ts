// The capture service's sampling: debounced focus events, the polling tick where there are no
// events, the periodic work done when the idle monitor wakes, and reads of the window in front
// (one at a time, in order), each observation passed through the privacy rules into the segment
// book. The timing model is described in capture-service.ts.
import { applyPrivacy } from '../../../shared/capture/privacy';
import type { CaptureSettings } from '../../../shared/capture/types';
import type { IdleMonitor } from '../idle/idle-monitor';
import type { ActiveWindowSample, Clock, WindowSource } from '../ports';
import type { FocusChange, FocusEvents } from './focus-events';
import type { SegmentBook } from './segment-book';

export interface SamplerDeps {
  windowSource: WindowSource;
  clock: Clock;
  focusEvents: FocusEvents;
  monitor: IdleMonitor;
  book: SegmentBook;
  settings: () => CaptureSettings;
  /** Enabled, available, not paused, not failed. */
  capturing: () => boolean;
  mode: () => 'events' | 'polling';
  safetyPollMs: number;
  debounceMs: number;
  maxFailures: number;
  /** Reading the window failed `maxFailures` times in a row. */
  onFailed: (reason: string) => void;
  warn: (message: string) => void;
}

export interface Sampler {
  /** Observe the window at `at`: the one a focus event reported (`preset`), or read it. */
  request(at: number, preset?: ActiveWindowSample | null): void;
  onFocusChange(change: FocusChange, sample?: ActiveWindowSample | null): void;
  /**
   * Takes a first sample and starts the periodic work for the current mode: a tick at the
   * settings' interval when polling, the idle monitor's wake-ups with events. Called again when
   * the mode changes.
   */
  start(): void;
  /** Events mode: the open segment's window stayed in front until `at` (no event said otherwise). */
  catchUp(at: number): void;
  /** Brings the open segment up to now, then stops the tick, pending events and the focus watcher; waits for a read in flight. */
  stop(): Promise<void>;
  resetFailures(): void;
  /** Waits until no read is in flight or queued. */
  settle(): Promise<void>;
}

// Long because it is one closure over the sampling state (reads in flight, the debounce, the tick);
// each step inside is a short function.
export function createSampler(deps: SamplerDeps): Sampler {
  const { windowSource, clock, focusEvents, monitor, book, settings, capturing, warn } = deps;
  let tickTimer: ReturnType<typeof setInterval> | null = null;
  let unsubscribeChecks: (() => void) | null = null;
  let lastSampleAt = 0;
  let failures = 0;
  let inFlight: Promise<void> | null = null;
  /** A read requested while another was in flight; runs right after it. */
  let queued: { at: number; preset: ActiveWindowSample | null | undefined } | null = null;
  let debounceTimer: ReturnType<typeof setTimeout> | null = null;
  /** The newest window reported with a focus event, for the debounced read (undefined: read it). */
  let eventSample: ActiveWindowSample | null | undefined;

  const sampleOnce = async (at: number, preset: ActiveWindowSample | null | undefined): Promise<void> => {
    let raw;
    try {
      raw = preset !== undefined ? preset : await windowSource.activeWindow();
      failures = 0;
    } catch (error) {
      failures++;
      const message = error instanceof Error ? error.message : String(error);
      warn(`capture: reading the active window failed (${failures}/${deps.maxFailures}): ${message}`);
      if (failures >= deps.maxFailures) deps.onFailed(`Reading the active window failed ${failures} times in a row: ${message}`);
      return;
    }
    lastSampleAt = at;
    if (!capturing() || monitor.current() !== null) return;
    // With events, the window before this observation was in front until now.
    if (deps.mode() === 'events') book.extendOpen(at);
    if (!raw) {
      // Nothing in front (desktop, or between two windows): not activity.
      book.switchAway(at);
      return;
    }
    const verdict = applyPrivacy(raw, settings());
    if (verdict.kind === 'skip') {
      book.switchAway(at);
      return;
    }
    book.applyBeat({ at, ...verdict.sample });
  };

  /**
   * Never two samples in flight (a slow read must not pile up reads, and results must be applied
   * in order); a request during one runs right after it, the newest request winning.
   */
  const request = (at: number, preset?: ActiveWindowSample | null): void => {
    if (!capturing()) return;
    if (inFlight) {
      queued = { at, preset };
      return;
    }
    inFlight = sampleOnce(at, preset).finally(() => {
      inFlight = null;
      const next = queued;
      queued = null;
      if (next) request(next.at, next.preset);
    });
  };

  const catchUp = (at: number): void => {
    // A change being read or debounced decides where the open segment ends.
    if (deps.mode() === 'events' && !inFlight && !debounceTimer && queued === null) book.extendOpen(at);
  };

  /** Polling mode, every interval: read the window (ActivityWatch-style). */
  const pollTick = (): void => {
    book.updateConfirmed();
    if (capturing() && monitor.current() === null) request(clock.now());
    book.emitConfirmed(false);
  };

  /**
   * Events mode, each time the idle monitor has read the idle time (about once per idle threshold
   * while the user is present): no event since the last sample means the same window is still in
   * front, so the open segment is extended to now and journaled, and the renderer gets what is
   * confirmed. A safety read catches an event that could have been lost.
   */
  const periodic = (): void => {
    const now = clock.now();
    book.updateConfirmed();
    if (capturing() && monitor.current() === null) {
      catchUp(now);
      if (now - lastSampleAt >= deps.safetyPollMs) {
        lastSampleAt = now;
        if (focusEvents.refresh) focusEvents.refresh();
        else request(now);
      }
    }
    book.emitConfirmed(false);
  };

  const stopPeriodic = (): void => {
    if (tickTimer) clearInterval(tickTimer);
    tickTimer = null;
    unsubscribeChecks?.();
    unsubscribeChecks = null;
  };

  return {
    request,

    onFocusChange(_change, sample) {
      if (!capturing()) return;
      // On X11 focus moves through "no window" for a moment; the last report of a burst wins.
      eventSample = sample;
      if (debounceTimer) return; // the first event's time stands for the burst
      const at = clock.now();
      debounceTimer = setTimeout(() => {
        debounceTimer = null;
        const preset = eventSample;
        eventSample = undefined;
        request(at, preset);
      }, deps.debounceMs);
    },

    start() {
      stopPeriodic();
      if (deps.mode() === 'polling') {
        tickTimer = setInterval(pollTick, settings().intervalSeconds * 1000);
        tickTimer.unref?.();
      } else {
        unsubscribeChecks = monitor.onChecked(periodic);
      }
      request(clock.now());
    },

    catchUp,

    async stop() {
      catchUp(clock.now());
      stopPeriodic();
      if (debounceTimer) clearTimeout(debounceTimer);
      debounceTimer = null;
      await focusEvents.stop();
      if (inFlight) await inFlight;
    },

    resetFailures() {
      failures = 0;
    },

    async settle() {
      while (inFlight) await inFlight;
    },
  };
}
