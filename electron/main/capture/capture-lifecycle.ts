// Whether the capture service is capturing, and the status it reports: starting (settings allow it,
// the platform can read windows, focus events or polling), pausing from the tray, resuming,
// stopping, and failing after repeated read errors. Each change of status is emitted once.
import type { CaptureEmit, CaptureSettings, CaptureStatus } from '../../../shared/capture/types';
import type { Clock, WindowSource } from '../ports';
import type { FocusEvents } from './focus-events';
import type { Sampler } from './sampler';
import type { SegmentBook } from './segment-book';

export interface CaptureLifecycleDeps {
  windowSource: WindowSource;
  focusEvents: FocusEvents;
  clock: Clock;
  emit: CaptureEmit;
  book: SegmentBook;
  /** The sampling loop, created after this (it reads `capturing` and `mode` from here). */
  sampler: () => Sampler;
  settings: () => CaptureSettings;
  warn: (message: string) => void;
}

export interface CaptureLifecycle {
  /** Enabled, available, not paused, not failed. */
  readonly capturing: boolean;
  readonly mode: 'events' | 'polling';
  readonly status: CaptureStatus;
  /** Starts capturing if the settings and the platform allow it and it is not paused; else reports why not. */
  start(): Promise<void>;
  /** Stops capturing, closes the open segment and reports `status`. */
  stop(status: CaptureStatus): Promise<void>;
  /** Pause from the tray (remembered even while the service is not `started`); the open segment closes now. */
  pause(reason: string, started: boolean): void;
  resume(started: boolean): void;
  /** Stop capturing with a 'failed' status. */
  fail(reason: string): void;
}

// Long because it is one closure over whether capture runs and in which mode; each transition is short.
export function createCaptureLifecycle(deps: CaptureLifecycleDeps): CaptureLifecycle {
  const { windowSource, focusEvents, clock, emit, book, sampler, settings, warn } = deps;
  let capturing = false;
  let currentStatus: CaptureStatus = { state: 'disabled' };
  let pausedReason: string | null = null;
  let mode: 'events' | 'polling' = 'polling';

  const setStatus = (next: CaptureStatus): void => {
    if (JSON.stringify(next) === JSON.stringify(currentStatus)) return;
    currentStatus = next;
    emit('capture:status', next);
  };

  const start = async (): Promise<void> => {
    if (!settings().enabled) {
      setStatus({ state: 'disabled' });
      return;
    }
    const availability = await windowSource.availability();
    if (!availability.available) {
      setStatus({ state: 'unavailable', reason: availability.reason, hint: availability.hint });
      return;
    }
    sampler().resetFailures();
    capturing = pausedReason === null;
    if (!capturing) {
      setStatus({ state: 'paused', reason: pausedReason ?? '' });
      return;
    }
    const events = await focusEvents.start(sampler().onFocusChange, (reason) => {
      // The watcher died (X server restart, xprop killed): keep capturing by polling.
      warn(`capture: focus events stopped (${reason}); polling instead`);
      mode = 'polling';
      if (!capturing) return;
      setStatus({ state: 'running', mode });
      sampler().start();
    });
    mode = events ? 'events' : 'polling';
    setStatus({ state: 'running', mode });
    sampler().start();
  };

  return {
    get capturing() {
      return capturing;
    },
    get mode() {
      return mode;
    },
    get status() {
      return currentStatus;
    },

    start,

    async stop(status) {
      capturing = false;
      await sampler().stop();
      book.closeOpen(book.open?.end ?? clock.now());
      setStatus(status);
    },

    pause(reason, started) {
      pausedReason = reason;
      if (!started) return;
      capturing = false;
      void sampler().stop();
      book.closeOpen(book.open?.end ?? clock.now());
      book.emitConfirmed(true);
      setStatus({ state: 'paused', reason });
    },

    resume(started) {
      pausedReason = null;
      if (!started || currentStatus.state !== 'paused') return;
      void start();
    },

    fail(reason) {
      capturing = false;
      book.closeOpen(book.lastBeat?.at ?? clock.now());
      setStatus({ state: 'failed', reason });
      void focusEvents.stop();
    },
  };
}
