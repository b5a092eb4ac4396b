// The capture service's segments between observation and the renderer: the open segment, every
// version not yet sent (journaled as it changes), the "confirmed" time up to which the user is known
// to have been present, and the cuts made when away time starts (see capture-service.ts).
import { randomUUID } from 'node:crypto';
import type { ActivitySegment, AwayPeriod, CaptureEmit } from '../../../shared/capture/types';
import type { IdleMonitor } from '../idle/idle-monitor';
import type { Clock } from '../ports';
import { closeAt, mergeHeartbeat, type Heartbeat } from './heartbeat';
import type { CaptureJournal } from './journal';

export interface SegmentBookDeps {
  clock: Clock;
  emit: CaptureEmit;
  monitor: IdleMonitor;
  /** The journal while the service runs (null before start and after stop). */
  journal: () => CaptureJournal | null;
  /** The current settings' pulse: the longest gap two observations of one window may bridge. */
  pulseMs: () => number;
  /** The open segment is re-sent to the renderer at most this often (closed ones right away). */
  openEmitEveryMs: number;
}

export interface SegmentBook {
  /** The segment being extended, if any. */
  readonly open: ActivitySegment | null;
  /** Data of the last kept observation; null after a skip, a gap or away time. */
  readonly lastBeat: Heartbeat | null;
  /** Merge one observation into the open segment (closing it if the window changed). */
  applyBeat(beat: Heartbeat): void;
  /**
   * The open segment's window is known to have stayed in front until `at` (focus events: no event,
   * no change), however long ago the last observation was. Journals the longer segment.
   */
  extendOpen(at: number): void;
  /** Close the open segment at `at`. */
  closeOpen(at: number): void;
  /** The window in front changed to something not recorded: like a switch, the old one ran until now. */
  switchAway(at: number): void;
  /** Away time began: cut or drop what lies inside it and send what is final. */
  enterAway(period: AwayPeriod): void;
  /** Move the confirmed time up to the last input, unless the user is away. */
  updateConfirmed(): void;
  /** Send every version the renderer does not have yet, clipped to the confirmed time. */
  emitConfirmed(force: boolean): void;
  /** Whether this run still holds a version of the segment that has not been sent as final. */
  isPending(id: string): boolean;
}

interface Pending {
  segment: ActivitySegment;
  closed: boolean;
}

// Long because it is one closure over the segments' state (open, pending, emitted, confirmed); each
// operation inside is short.
export function createSegmentBook(deps: SegmentBookDeps): SegmentBook {
  const { clock, emit, monitor, journal, pulseMs, openEmitEveryMs } = deps;

  const runId = randomUUID().slice(0, 8);
  let idCounter = 0;
  const newId = (start: number) => `${start.toString(36)}-${runId}-${(idCounter++).toString(36)}`;

  let open: ActivitySegment | null = null;
  let lastBeat: Heartbeat | null = null;
  const pending = new Map<string, Pending>();
  const emittedEnd = new Map<string, number>();
  let confirmedUntil = 0;
  let lastOpenEmitAt = 0;

  const record = (segment: ActivitySegment, closed: boolean): void => {
    journal()?.put(segment, closed);
    pending.set(segment.id, { segment, closed });
  };

  const closeOpen = (at: number): void => {
    if (!open) return;
    const closed = closeAt(open, at);
    open = null;
    lastBeat = null;
    record(closed, true);
  };

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
          journal()?.drop(id);
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

  return {
    get open() {
      return open;
    },
    get lastBeat() {
      return lastBeat;
    },

    applyBeat(beat) {
      const result = mergeHeartbeat(open, beat, pulseMs(), newId);
      if (result.closed) record(result.closed, true);
      open = result.open;
      lastBeat = beat;
      record(open, false);
    },

    extendOpen(at) {
      if (!open || at <= open.end) return;
      open = { ...open, end: at };
      if (lastBeat) lastBeat = { ...lastBeat, at };
      record(open, false);
    },

    closeOpen,

    switchAway(at) {
      if (!open) return;
      const closed = at >= open.end && at - open.end <= pulseMs() ? { ...open, end: at } : open;
      open = null;
      lastBeat = null;
      record(closed, true);
    },

    enterAway(period) {
      const start = period.start;
      for (const [id, item] of [...pending]) {
        if (item.segment.start >= start) {
          // Began while the user was already gone: it was never activity.
          pending.delete(id);
          journal()?.drop(id);
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
    },

    updateConfirmed() {
      const input = monitor.lastInputAt();
      if (input !== null && monitor.current() === null) confirmedUntil = Math.max(confirmedUntil, input);
    },

    emitConfirmed,

    isPending: (id) => pending.has(id),
  };
}
