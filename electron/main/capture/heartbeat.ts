// ActivityWatch-style heartbeat merging, as a pure function so it can be tested exhaustively.
// A heartbeat with the same data as the open segment extends it when it arrives within the pulse
// time; anything else closes the open segment and opens a new one.
import type { ActivitySegment } from '../../../shared/capture/types';

export interface Heartbeat {
  /** UTC epoch ms of the observation. */
  at: number;
  app: string;
  title: string;
  url: string | null;
}

export interface MergeResult {
  /** The segment that this heartbeat ended, if any; it will not change again. */
  closed: ActivitySegment | null;
  open: ActivitySegment;
}

function sameData(segment: Pick<ActivitySegment, 'app' | 'title' | 'url'>, beat: Pick<Heartbeat, 'app' | 'title' | 'url'>): boolean {
  return segment.app === beat.app && segment.title === beat.title && segment.url === beat.url;
}

/**
 * Merge one heartbeat into the open segment.
 *
 * When the data differs but the heartbeat is within the pulse, the closed segment is extended to
 * the heartbeat's time: the old window was the last thing seen in front, and nothing else was in
 * front in between (with polling that is at most one interval of uncertainty either way; with
 * focus events the change is reported as it happens). So consecutive segments touch instead of
 * leaving one interval of unaccounted time at every switch. Beyond the pulse, the open segment
 * keeps the end it had: the gap is unknown time, not activity.
 *
 * Heartbeats older than the open segment's end (clock stepped back) are treated as a new start,
 * never as a negative extension.
 */
export function mergeHeartbeat(
  open: ActivitySegment | null,
  beat: Heartbeat,
  pulseMs: number,
  newId: (start: number) => string,
): MergeResult {
  if (open) {
    const gap = beat.at - open.end;
    if (gap >= 0 && gap <= pulseMs) {
      if (sameData(open, beat)) return { closed: null, open: { ...open, end: beat.at } };
      return { closed: { ...open, end: beat.at }, open: startSegment(beat, newId) };
    }
    return { closed: open, open: startSegment(beat, newId) };
  }
  return { closed: null, open: startSegment(beat, newId) };
}

function startSegment(beat: Heartbeat, newId: (start: number) => string): ActivitySegment {
  return { id: newId(beat.at), start: beat.at, end: beat.at, app: beat.app, title: beat.title, url: beat.url, kind: 'active' };
}

/** Close the open segment at `at` (for idle, lock, suspend), never before it started or after its end. */
export function closeAt(open: ActivitySegment, at: number): ActivitySegment {
  return { ...open, end: Math.max(open.start, Math.min(open.end, at)) };
}
