// Activity segments and away periods from capture. Capture re-sends a segment as it grows and replays
// unacknowledged ones after a crash, so writes are upserts by id where the longest version wins and
// the review fields the user set are never reset by a replay.
import type { SegmentAck } from '../../../../shared/capture/types';
import { localDate as localDateOf } from '../../../../shared/time/zone';
import type { RepoContext } from '../context';
import { NotFoundError } from '../errors';
import type { ActivitySegment, AwayPeriod, AwayPeriodRow, LocalDate, SegmentReview, SegmentRow } from '../schema';

export interface UpsertResult {
  inserted: number;
  updated: number;
  /** Replays of a version already stored (or older than it). */
  unchanged: number;
  /** What is now stored for each id, to acknowledge back to capture. */
  acks: SegmentAck[];
}

const sameCapture = (a: ActivitySegment, b: ActivitySegment) =>
  a.start === b.start && a.end === b.end && a.app === b.app && a.title === b.title && a.url === b.url && a.kind === b.kind;

const byStart = <T extends { start: number; id: string }>(a: T, b: T) => a.start - b.start || a.id.localeCompare(b.id);

export function createSegmentsRepo(ctx: RepoContext) {
  const { db } = ctx;
  return {
    /** `zone` is the machine's zone when the segments were captured; it dates them. */
    async upsertMany(segments: readonly ActivitySegment[], zone: string): Promise<UpsertResult> {
      const result: UpsertResult = { inserted: 0, updated: 0, unchanged: 0, acks: [] };
      // The same id twice in one batch: keep the longest, as a replay would.
      const latest = new Map<string, ActivitySegment>();
      for (const s of segments) {
        if (s.end < s.start) throw new RangeError(`Segment ${s.id} ends before it starts`);
        const seen = latest.get(s.id);
        if (!seen || s.end >= seen.end) latest.set(s.id, s);
      }
      const incoming = [...latest.values()];
      await db.transaction('rw', db.segments, async () => {
        const stored = await db.segments.bulkGet(incoming.map((s) => s.id));
        const writes: SegmentRow[] = [];
        incoming.forEach((s, i) => {
          const old = stored[i];
          if (old && (s.end < old.end || sameCapture(old, s))) {
            result.unchanged++;
            result.acks.push({ id: old.id, end: old.end });
            return;
          }
          const { id, start, end, app, title, url, kind } = s;
          writes.push({
            id, start, end, app, title, url, kind,
            localDate: old?.localDate ?? localDateOf(start, zone),
            suggestedProjectId: old?.suggestedProjectId ?? null,
            reviewed: old?.reviewed ?? false,
            ...(old?.review ? { review: old.review } : {}),
          });
          if (old) result.updated++;
          else result.inserted++;
          result.acks.push({ id, end });
        });
        await db.segments.bulkPut(writes);
      });
      if (result.inserted + result.updated > 0) {
        ctx.onCommitted({ entityType: 'segment', ids: result.acks.map((a) => a.id), action: 'upsert' });
      }
      return result;
    },

    async listDay(date: LocalDate): Promise<SegmentRow[]> {
      return (await db.segments.where('localDate').equals(date).toArray()).sort(byStart);
    },

    /** Segments that start in [startMs, endMs). */
    listRange: (startMs: number, endMs: number): Promise<SegmentRow[]> =>
      db.segments.where('start').between(startMs, endMs, true, false).toArray(),

    /** Marks segments reviewed, each keeping the decision that reviewed it (for undo and reopen). */
    async markReviewed(ids: string[], review?: (id: string) => SegmentReview): Promise<void> {
      await db.transaction('rw', db.segments, async () => {
        const n = await db.segments.where('id').anyOf(ids).modify((row) => {
          row.reviewed = true;
          if (review) row.review = review(row.id);
        });
        if (n !== new Set(ids).size) throw new NotFoundError('segment', ids.join(','));
      });
      ctx.onCommitted({ entityType: 'segment', ids, action: 'review' });
    },

    /** Marks segments unreviewed again and forgets the decision that reviewed them. */
    async reopen(ids: string[]): Promise<void> {
      if (ids.length === 0) return;
      await db.transaction('rw', db.segments, async () => {
        await db.segments.where('id').anyOf(ids).modify((row) => {
          row.reviewed = false;
          delete row.review;
        });
      });
      ctx.onCommitted({ entityType: 'segment', ids, action: 'reopen' });
    },

    async setSuggestion(id: string, projectId: string | null): Promise<void> {
      const n = await db.segments.update(id, { suggestedProjectId: projectId });
      if (n === 0) throw new NotFoundError('segment', id);
      ctx.onCommitted({ entityType: 'segment', ids: [id], action: 'suggest' });
    },

    /** Away periods arrive when they start (end null) and again when they end: upsert by id, keep the decision. */
    async upsertAway(period: AwayPeriod, zone: string): Promise<AwayPeriodRow> {
      const row = await db.transaction('rw', db.awayPeriods, async () => {
        const old = await db.awayPeriods.get(period.id);
        const row: AwayPeriodRow = {
          ...period,
          end: period.end ?? old?.end ?? null,
          localDate: old?.localDate ?? localDateOf(period.start, zone),
          resolution: old?.resolution ?? null,
        };
        await db.awayPeriods.put(row);
        return row;
      });
      ctx.onCommitted({ entityType: 'awayPeriod', ids: [row.id], action: 'upsert' });
      return row;
    },

    async listAwayDay(date: LocalDate): Promise<AwayPeriodRow[]> {
      return (await db.awayPeriods.where('localDate').equals(date).toArray()).sort(byStart);
    },

    /** Ended away periods since `since` that nobody decided about yet, oldest first (asked again after a reload). */
    async listUndecidedAway(since: number): Promise<AwayPeriodRow[]> {
      const rows = await db.awayPeriods.where('start').aboveOrEqual(since).toArray();
      return rows.filter((r) => r.resolution === null && r.end !== null).sort(byStart);
    },

    async resolveAway(id: string, resolution: AwayPeriodRow['resolution']): Promise<void> {
      const n = await db.awayPeriods.update(id, { resolution });
      if (n === 0) throw new NotFoundError('awayPeriod', id);
      ctx.onCommitted({ entityType: 'awayPeriod', ids: [id], action: 'resolve' });
    },
  };
}
