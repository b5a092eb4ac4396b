// End of day: segments with their suggestions become proposed time entries.
//
// - Consecutive pieces of the same project form one entry when the gap between them is under gapFillMinutes;
//   untracked time in such a gap is filled (counted), personal or abstained segments in it are not.
// - Idle periods are never counted: segments are clipped by them, and no gap is filled across one.
// - An entry shorter than minFragmentMinutes is a fragment. With 'fold' (the default) its time goes to an
//   adjacent entry (one of the same project first, else the longer neighbour), so two minutes of Slack inside
//   an hour of coding do not become an entry of their own; with no adjacent entry, or with 'drop', it is dropped.
//   After folding, neighbours of the same project merge.
// Everything is O(n log n) in the number of segments; a 600-segment day takes well under a millisecond or two.

export interface SuggestedSegment {
  id: string;
  /** Epoch milliseconds. */
  start: number;
  end: number;
  /** null: personal or no suggestion; such time is never part of an entry. */
  projectId: string | null;
  taskId: string | null;
  confidence: number;
  /** The matcher's sentence for a person. */
  reason: string;
  /** The matcher's own account behind it (counts and scores), for a details view. */
  detail: string;
}

/** One reason of a proposal as a person reads it, with the matcher's accounts behind it. */
interface ProposalReason {
  text: string;
  details: string[];
}

export interface Interval {
  start: number;
  end: number;
}

export interface ProposalOptions {
  /** Gaps shorter than this between pieces of one project are filled. Default 5. */
  gapFillMinutes?: number;
  /** Entries shorter than this are fragments. Default 3. */
  minFragmentMinutes?: number;
  /** What happens to fragments. Default 'fold'. */
  fragments?: 'fold' | 'drop';
  /** Idle periods (away, locked, asleep). Never counted. */
  idle?: readonly Interval[];
}

export interface ProposedEntry {
  start: number;
  end: number;
  /** Counted time: segment time plus filled gaps, never idle or personal time. */
  durationMs: number;
  projectId: string;
  /** The task with most time in the entry, or null. */
  taskId: string | null;
  segmentIds: string[];
  /** Duration-weighted mean of the segments' confidence. */
  confidence: number;
  /** The segments' reasons, most time first, at most five; segments with the same sentence share one. */
  reasons: ProposalReason[];
}

interface Piece {
  id: string;
  start: number;
  end: number;
  projectId: string;
  taskId: string | null;
  confidence: number;
  reason: string;
  detail: string;
}

interface Draft {
  start: number;
  end: number;
  durationMs: number;
  projectId: string;
  pieces: Piece[];
  /** Folded-in time from fragments of other projects, with where it came from. */
  folded: Array<{ ms: number; piece: Piece }>;
}

const MINUTE = 60_000;

/** Subtracts idle intervals (sorted, merged) from one interval. */
function clip(start: number, end: number, idle: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let cursor = start;
  for (const period of idle) {
    if (period.end <= cursor) continue;
    if (period.start >= end) break;
    if (period.start > cursor) out.push({ start: cursor, end: Math.min(period.start, end) });
    cursor = Math.max(cursor, period.end);
    if (cursor >= end) break;
  }
  if (cursor < end) out.push({ start: cursor, end });
  return out;
}

function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).slice().sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ ...i });
  }
  return out;
}

/** Idle time overlapping [start, end). */
function idleWithin(start: number, end: number, idle: readonly Interval[]): boolean {
  for (const period of idle) {
    if (period.start >= end) return false;
    if (period.end > start) return true;
  }
  return false;
}

export function proposeEntries(segments: readonly SuggestedSegment[], options: ProposalOptions = {}): ProposedEntry[] {
  const gapMs = (options.gapFillMinutes ?? 5) * MINUTE;
  const fragmentMs = (options.minFragmentMinutes ?? 3) * MINUTE;
  const policy = options.fragments ?? 'fold';
  const idle = mergeIntervals(options.idle ?? []);

  // Time-ordered, non-overlapping pieces: overlaps are cut so no minute is counted twice.
  const sorted = segments.slice().sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const timeline: Array<Piece | { id: string; start: number; end: number; projectId: null }> = [];
  let lastEnd = -Infinity;
  for (const s of sorted) {
    const start = Math.max(s.start, lastEnd);
    if (s.end <= start) continue;
    lastEnd = s.end;
    for (const part of clip(start, s.end, idle)) {
      timeline.push(s.projectId === null ? { id: s.id, ...part, projectId: null } : { ...s, ...part, projectId: s.projectId });
    }
  }

  // Runs of one project across short gaps; personal pieces in between are skipped, not counted.
  let drafts: Draft[] = [];
  let open: Draft | null = null;
  for (const piece of timeline) {
    if (piece.projectId === null) continue;
    const p = piece as Piece;
    if (open && open.projectId === p.projectId && p.start - open.end < gapMs && !idleWithin(open.end, p.start, idle) && !otherProjectBetween(timeline, open.end, p.start, p.projectId)) {
      open.durationMs += p.end - p.start + untrackedBetween(timeline, open.end, p.start);
      open.end = p.end;
      open.pieces.push(p);
      continue;
    }
    open = { start: p.start, end: p.end, durationMs: p.end - p.start, projectId: p.projectId, pieces: [p], folded: [] };
    drafts.push(open);
  }

  // Fragments, shortest first, so a fragment folded into another fragment's neighbour is settled in order.
  for (;;) {
    let smallest = -1;
    for (let i = 0; i < drafts.length; i++) {
      if (drafts[i]!.durationMs < fragmentMs && (smallest < 0 || drafts[i]!.durationMs < drafts[smallest]!.durationMs)) smallest = i;
    }
    if (smallest < 0) break;
    const fragment = drafts[smallest]!;
    const target = policy === 'fold' ? foldTarget(drafts, smallest, gapMs, idle) : null;
    drafts.splice(smallest, 1);
    if (target) {
      if (target.projectId === fragment.projectId) {
        target.pieces.push(...fragment.pieces);
        target.folded.push(...fragment.folded);
      } else {
        for (const piece of fragment.pieces) target.folded.push({ ms: piece.end - piece.start, piece });
      }
      target.durationMs += fragment.durationMs;
      target.start = Math.min(target.start, fragment.start);
      target.end = Math.max(target.end, fragment.end);
    }
    drafts = mergeNeighbours(drafts, gapMs, idle, timeline);
  }

  return drafts.map(toEntry);
}

/** Index of the first piece ending after `at`. Pieces do not overlap, so their ends are sorted too. */
function firstEndingAfter(timeline: ReadonlyArray<{ end: number }>, at: number): number {
  let lo = 0;
  let hi = timeline.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (timeline[mid]!.end <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function otherProjectBetween(timeline: ReadonlyArray<{ start: number; end: number; projectId: string | null }>, from: number, to: number, projectId: string): boolean {
  for (let i = firstEndingAfter(timeline, from); i < timeline.length; i++) {
    const piece = timeline[i]!;
    if (piece.start >= to) break;
    if (piece.end > from && piece.projectId !== null && piece.projectId !== projectId) return true;
  }
  return false;
}

/** Untracked (no segment at all) time between two instants; personal segments are not untracked. */
function untrackedBetween(timeline: ReadonlyArray<{ start: number; end: number }>, from: number, to: number): number {
  let covered = 0;
  for (let i = firstEndingAfter(timeline, from); i < timeline.length; i++) {
    const piece = timeline[i]!;
    if (piece.start >= to) break;
    if (piece.end <= from) continue;
    covered += Math.min(piece.end, to) - Math.max(piece.start, from);
  }
  return Math.max(0, to - from - covered);
}

function adjacent(a: Draft, b: Draft, gapMs: number, idle: readonly Interval[]): boolean {
  const [first, second] = a.start <= b.start ? [a, b] : [b, a];
  return second.start - first.end < gapMs && !idleWithin(first.end, second.start, idle);
}

function foldTarget(drafts: Draft[], index: number, gapMs: number, idle: readonly Interval[]): Draft | null {
  const fragment = drafts[index]!;
  const neighbours = [drafts[index - 1], drafts[index + 1]].filter((d): d is Draft => d !== undefined && adjacent(d, fragment, gapMs, idle));
  const same = neighbours.find((d) => d.projectId === fragment.projectId);
  if (same) return same;
  let best: Draft | null = null;
  for (const d of neighbours) if (!best || d.durationMs > best.durationMs) best = d;
  return best;
}

function mergeNeighbours(drafts: Draft[], gapMs: number, idle: readonly Interval[], timeline: ReadonlyArray<{ start: number; end: number }>): Draft[] {
  const out: Draft[] = [];
  for (const d of drafts) {
    const last = out[out.length - 1];
    if (last && last.projectId === d.projectId && adjacent(last, d, gapMs, idle)) {
      // The time between them was another project's fragment (already counted where it was folded) or untracked.
      last.durationMs += d.durationMs + untrackedBetween(timeline, last.end, d.start);
      last.end = Math.max(last.end, d.end);
      last.pieces.push(...d.pieces);
      last.folded.push(...d.folded);
    } else out.push(d);
  }
  return out;
}

function toEntry(draft: Draft): ProposedEntry {
  const byTask = new Map<string, number>();
  const byReason = new Map<string, { ms: number; details: Set<string> }>();
  const addReason = (text: string, detail: string, ms: number) => {
    const r = byReason.get(text) ?? { ms: 0, details: new Set<string>() };
    r.ms += ms;
    r.details.add(detail);
    byReason.set(text, r);
  };
  let weighted = 0;
  let total = 0;
  for (const piece of draft.pieces) {
    const ms = piece.end - piece.start;
    if (piece.taskId) byTask.set(piece.taskId, (byTask.get(piece.taskId) ?? 0) + ms);
    addReason(piece.reason, piece.detail, ms);
    weighted += piece.confidence * ms;
    total += ms;
  }
  for (const { ms, piece } of draft.folded) {
    const minutes = Math.max(1, Math.round(ms / MINUTE));
    addReason(
      `Includes ${minutes} min first suggested for another project: too short for an entry of its own.`,
      `folded in: ${minutes} min first suggested for another project (${piece.detail})`,
      ms,
    );
  }
  const taskId = [...byTask].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
  const ids = [...draft.pieces.map((p) => p.id), ...draft.folded.map((f) => f.piece.id)];
  return {
    start: draft.start,
    end: draft.end,
    durationMs: draft.durationMs,
    projectId: draft.projectId,
    taskId,
    segmentIds: [...new Set(ids)],
    confidence: total > 0 ? Math.round((weighted / total) * 1000) / 1000 : 0,
    reasons: [...byReason]
      .sort((a, b) => b[1].ms - a[1].ms || (a[0] < b[0] ? -1 : 1))
      .slice(0, 5)
      .map(([text, r]) => ({ text, details: [...r.details] })),
  };
}
