// The capture service's sampling loop: the tick, debounced focus events, and reads of the window
// in front (one at a time, in order), each observation passed through the privacy rules into the
// segment book. The timing model is described in capture-service.ts.
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
  /** Starts the tick at the settings' interval and takes a first sample. */
  start(): void;
  /** Stops the tick, pending events and the focus watcher; waits for a read in flight. */
  stop(): Promise<void>;
  resetFailures(): void;
  /** Waits until no read is in flight or queued. */
  settle(): Promise<void>;
}

export function createSampler(deps: SamplerDeps): Sampler {
  const { windowSource, clock, focusEvents, monitor, book, settings, capturing, warn } = deps;
  const pulseMs = () => settings().pulseSeconds * 1000;

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

  const tick = (): void => {
    const now = clock.now();
    const gap = lastTickAt === null ? 0 : now - lastTickAt;
    lastTickAt = now;
    book.updateConfirmed();
    if (capturing() && monitor.current() === null) {
      if (deps.mode() === 'polling') {
        request(now);
      } else if (gap > pulseMs() || now - lastSampleAt >= deps.safetyPollMs) {
        // Safety poll, in case an event was lost; the event source re-reads more cheaply if it can.
        if (focusEvents.refresh) {
          lastSampleAt = now;
          focusEvents.refresh();
        } else {
          request(now);
        }
      } else if (book.lastBeat && book.open && !inFlight && !debounceTimer && queued === null) {
        // No event since the last sample: the same window is still in front.
        book.applyBeat({ ...book.lastBeat, at: now });
      }
    }
    book.emitConfirmed(false);
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
      lastTickAt = clock.now();
      tickTimer = setInterval(tick, settings().intervalSeconds * 1000);
      tickTimer.unref?.();
      request(clock.now());
    },

    async stop() {
      if (tickTimer) clearInterval(tickTimer);
      tickTimer = null;
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
