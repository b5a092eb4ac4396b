// Activity capture in the main process: reads the foreground window, applies the privacy rules,
// merges observations into segments, journals them on disk and sends them to the renderer.
//
// Timing model.
// - Polling mode (no focus events: macOS, Windows, or X11 without the X protocol or xprop -spy):
//   a tick every `intervalSeconds` samples the window, ActivityWatch-style, and journals the open
//   segment, so killing the app loses at most one interval.
// - Events mode (X11): samples are taken when a focus or title change is reported. No event means
//   no change, so nothing runs in between: the open segment is extended to "now" when something
//   happens (the next change, away time, pause, quit) and when the idle monitor wakes, which is
//   about once per idle threshold while the user is present and never while away (it sleeps until
//   the next input). An idle process does not wake when nothing changes (issue 19); the price is
//   that killing the app (not quitting it) can lose the open segment's time since the last change
//   or wake-up, at most one idle threshold. With the reads in-process over the X protocol
//   (x11-protocol-source.ts), capture costs about 0.1% of a core on Linux (bench:capture).
//
// Away time (idle past the threshold, lock, suspend, a frozen process) comes from the idle monitor
// and is its own stream: the open segment is closed where the away period starts and segments that
// began inside it are dropped. Segments are only sent to the renderer up to the last input seen
// ("confirmed"), so the renderer never receives time that later turns out to be idle.
//
// Parts: sampler.ts runs the tick and the window reads, segment-book.ts keeps the segments, the
// confirmed time and the away cuts, journal.ts keeps them on disk, capture-lifecycle.ts says whether
// capture runs and with what status; this file wires them to the idle monitor and the settings and
// holds the API the IPC handlers call.
import {
  CaptureSettings,
  type CaptureEmit,
  type CaptureSettingsInput,
  type CaptureStatus,
  type SegmentAck,
} from '../../../shared/capture/types';
import { createIdleMonitor, type AwayChange, type IdleMonitor } from '../idle/idle-monitor';
import type { AppPaths, Clock, IdleSource, WindowSource } from '../ports';
import { createCaptureLifecycle } from './capture-lifecycle';
import { noFocusEvents, type FocusEvents } from './focus-events';
import { openCaptureJournal, type CaptureJournal } from './journal';
import { createSampler } from './sampler';
import { createSegmentBook } from './segment-book';

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

// Long because it wires the parts together and holds the API the handlers call, one short method each.
export function createCaptureService(deps: CaptureServiceDeps): CaptureService {
  const { windowSource, clock, emit } = deps;
  const warn = deps.warn ?? ((message: string) => console.warn(message));
  const focusEvents = deps.focusEvents ?? noFocusEvents;

  let settings = CaptureSettings.parse(deps.settings);
  const ownMonitor = !deps.idleMonitor;
  const monitor = deps.idleMonitor ?? createIdleMonitor({ idleSource: deps.idleSource, clock, thresholdSeconds: settings.idleThresholdSeconds, warn });

  let journal: CaptureJournal | null = null;
  let started = false;
  let unsubscribeMonitor: (() => void) | null = null;

  const book = createSegmentBook({
    clock,
    emit,
    monitor,
    journal: () => journal,
    pulseMs: () => settings.pulseSeconds * 1000,
    openEmitEveryMs: deps.openEmitEveryMs ?? 30_000,
  });
  const sampler = createSampler({
    windowSource,
    clock,
    focusEvents,
    monitor,
    book,
    settings: () => settings,
    capturing: () => lifecycle.capturing,
    mode: () => lifecycle.mode,
    safetyPollMs: deps.safetyPollMs ?? 60_000,
    debounceMs: deps.debounceMs ?? 40,
    maxFailures: deps.maxFailures ?? 5,
    onFailed: (reason) => lifecycle.fail(reason),
    warn,
  });
  const lifecycle = createCaptureLifecycle({ windowSource, focusEvents, clock, emit, book, sampler: () => sampler, settings: () => settings, warn });

  // Away time comes from the idle monitor: its start cuts the segments, its end samples again.
  const onAway = (change: AwayChange): void => {
    emit('capture:away', change.period);
    if (change.type === 'started') {
      // With events, the window in front stayed there until the user left.
      sampler.catchUp(change.period.start);
      book.enterAway(change.period);
    } else if (lifecycle.capturing) sampler.request(clock.now());
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
      await lifecycle.start();
    },

    async stop() {
      if (!started) return;
      await lifecycle.stop({ state: 'disabled' });
      unsubscribeMonitor?.();
      unsubscribeMonitor = null;
      if (ownMonitor) monitor.stop();
      // Whatever is still unconfirmed stays in the journal and is offered again at the next start.
      book.emitConfirmed(true);
      journal?.close();
      journal = null;
      started = false;
    },

    pause: (reason) => lifecycle.pause(reason, started),
    resume: () => lifecycle.resume(started),

    async updateSettings(next) {
      const parsed = CaptureSettings.parse(next);
      const restart =
        parsed.enabled !== settings.enabled || parsed.intervalSeconds !== settings.intervalSeconds;
      settings = parsed;
      if (ownMonitor) monitor.setThreshold(parsed.idleThresholdSeconds);
      // New privacy rules apply from now on: the open segment closes and the next sample starts fresh.
      if (lifecycle.capturing) sampler.catchUp(clock.now());
      book.closeOpen(book.open?.end ?? clock.now());
      if (!started) return;
      const state = lifecycle.status.state;
      if (restart || state === 'failed' || state === 'unavailable') {
        await lifecycle.stop({ state: 'disabled' });
        await lifecycle.start();
      } else if (lifecycle.capturing) {
        sampler.request(clock.now());
      }
    },

    ack(acks) {
      return journal?.ack(acks) ?? [];
    },

    resendUnacked() {
      if (!journal) return 0;
      // The open segment is still growing and reaches the renderer with the next emission.
      const unsent = journal.unacked().filter((segment) => !book.isPending(segment.id));
      if (unsent.length > 0) emit('capture:segments', unsent.sort((a, b) => a.start - b.start));
      return unsent.length;
    },

    status: () => lifecycle.status,
    settings: () => settings,

    async flush() {
      if (lifecycle.capturing) {
        sampler.request(clock.now());
        await sampler.settle();
      }
      await monitor.check();
      book.updateConfirmed();
      book.emitConfirmed(true);
      await journal?.sync();
    },
  };
}
