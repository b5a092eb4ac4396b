// The day-end review's decisions, each in one transaction: the entries an accepted proposal becomes,
// its segments marked reviewed, and the lesson the matcher takes from it. A failure leaves none of
// them, so a half-accepted proposal can never teach the model or hide its segments.
//
// Every decision stays on its segments (SegmentRow.review): which entries it created and what the
// matcher learned, in order. That is what makes a decision undoable (its draft entries deleted
// through the sync door, its segments open again, its lesson unlearned) and a reviewed day
// reopenable without teaching the matcher twice when the day is reviewed again.
import type { MatchInput } from '../../../../shared/matcher';
import type { RepoContext } from '../context';
import type { EntryRow, EntryStatus, LocalDate, SegmentReview, SegmentRow } from '../schema';
import type { createEntriesRepo } from './entries-repo';
import type { createMatcherRepo } from './matcher-repo';
import type { createSegmentsRepo } from './segments-repo';
import type { SyncRepo } from '../../features/quickbooks/store/sync-repo';

export interface ReviewedSegment extends MatchInput {
  id: string;
  start: number;
  end: number;
}

export interface AcceptInput {
  runs: ReadonlyArray<{ start: number; end: number }>;
  projectId: string;
  taskId: string | null;
  description: string;
  zone: string;
  /**
   * In the order they are learned. `learnAs` teaches a segment another project than the one
   * accepted (a window already in an entry of another project is evidence for that project).
   */
  segments: ReadonlyArray<ReviewedSegment & { learnAs?: { projectId: string; taskId: string | null } }>;
  /** 'assign': a window the matcher left unassigned, given a project by hand. Default 'accept'. */
  kind?: 'accept' | 'assign';
}

export interface Decision {
  decisionId: string;
  entryIds: string[];
}

/** A decision on a day, as the review lists it with its Undo. */
export interface DayDecision {
  decisionId: string;
  kind: SegmentReview['kind'];
  at: number;
  projectId: string | null;
  /** The span of its segments. */
  start: number;
  end: number;
  segmentIds: string[];
  /** Its entries that still exist. */
  entries: Array<Pick<EntryRow, 'id' | 'start' | 'end' | 'status'>>;
  /** Why Undo is not offered, in the user's words; null when it is. */
  locked: string | null;
}

/** Undo was refused: the decision's time is no longer only in draft entries. */
export class UndoRefusedError extends Error {
  override name = 'UndoRefusedError';
}

const STATUS_WORD: Record<Exclude<EntryStatus, 'draft'>, string> = { approved: 'approved', synced: 'in QuickBooks', invoiced: 'invoiced', paid: 'paid' };

/** Why a decision with these live entries cannot be undone, or null. */
function lockedBecause(entries: ReadonlyArray<Pick<EntryRow, 'status'>>): string | null {
  const held = entries.find((e) => e.status !== 'draft');
  if (!held) return null;
  const which = entries.length === 1 ? 'Its entry is' : 'One of its entries is';
  return `${which} ${STATUS_WORD[held.status as Exclude<EntryStatus, 'draft'>]}. Undo only takes back entries that are still drafts; change approved time on Today.`;
}

const lessonInput = (s: ReviewedSegment): SegmentReview['lesson']['input'] => ({ app: s.app, title: s.title, url: s.url, start: s.start, end: s.end });

export function createReviewRepo(
  ctx: RepoContext,
  deps: {
    entries: ReturnType<typeof createEntriesRepo>;
    segments: ReturnType<typeof createSegmentsRepo>;
    matcher: ReturnType<typeof createMatcherRepo>;
    sync: SyncRepo;
  },
) {
  const { db } = ctx;
  const tables = [...deps.entries.writeTables, db.segments, db.matcherState];

  /** Creates the entries, keeps the decision on its segments and teaches the matcher; inside a transaction. */
  async function acceptInTx(input: AcceptInput): Promise<Decision> {
    const decisionId = ctx.newId();
    const at = ctx.now();
    const entryIds: string[] = [];
    for (const run of input.runs) {
      const entry = await deps.entries.create(
        { projectId: input.projectId, taskId: input.taskId, description: input.description, start: run.start, end: run.end, zone: input.zone, source: 'activity' },
        { actor: 'capture' },
      );
      entryIds.push(entry.id);
    }
    // Loaded afresh for every decision: continuity is learned between its own segments only, which is
    // what unlearning them in the same order takes back.
    const model = await deps.matcher.loadModel();
    const reviews = new Map<string, SegmentReview>();
    input.segments.forEach((s, order) => {
      const as = s.learnAs ?? { projectId: input.projectId, taskId: input.taskId };
      const durationMs = s.end - s.start;
      model.learn(s, as.projectId, as.taskId, durationMs);
      const lesson = { order, projectId: as.projectId, taskId: as.taskId, durationMs, input: lessonInput(s) };
      reviews.set(s.id, { decisionId, kind: input.kind ?? 'accept', at, projectId: input.projectId, entryIds, lesson });
    });
    if (reviews.size > 0) await deps.segments.markReviewed([...reviews.keys()], (id) => reviews.get(id)!);
    await deps.matcher.saveModel(model);
    return { decisionId, entryIds };
  }

  /** Takes back what a decision's segments taught, in the order it was taught; inside a transaction. */
  async function unlearn(rows: readonly SegmentRow[]): Promise<void> {
    const lessons = rows.flatMap((r) => (r.review ? [r.review.lesson] : [])).sort((a, b) => a.order - b.order);
    if (lessons.length === 0) return;
    const model = await deps.matcher.loadModel();
    for (const l of lessons) {
      if (l.projectId === null) model.unlearnUnassigned(l.input, l.durationMs);
      else model.unlearn(l.input, l.projectId, l.taskId, l.durationMs);
    }
    await deps.matcher.saveModel(model);
  }

  /** The day's segments grouped by the decision that reviewed them, in the order of their first window. */
  async function decisionRows(date: LocalDate): Promise<Map<string, SegmentRow[]>> {
    const groups = new Map<string, SegmentRow[]>();
    for (const row of await deps.segments.listDay(date)) {
      if (!row.reviewed || !row.review) continue;
      const group = groups.get(row.review.decisionId) ?? [];
      group.push(row);
      groups.set(row.review.decisionId, group);
    }
    return groups;
  }

  const liveEntries = async (ids: readonly string[]) => (await db.entries.bulkGet([...ids])).filter((e): e is EntryRow => !!e && e.deletedAt == null);

  return {
    /** Creates one draft entry per counted run and teaches the matcher. */
    accept(input: AcceptInput): Promise<Decision> {
      return db.transaction('rw', tables, () => acceptInTx(input));
    },

    /** Accept all: every proposal as it stands, all or none. */
    acceptMany(inputs: readonly AcceptInput[]): Promise<Decision[]> {
      return db.transaction('rw', tables, async () => {
        const decisions: Decision[] = [];
        for (const input of inputs) decisions.push(await acceptInTx(input));
        return decisions;
      });
    },

    /** Not work: the segments are marked reviewed and teach the matcher to leave windows like them unassigned. */
    async reject(segments: readonly ReviewedSegment[]): Promise<Decision> {
      const decisionId = ctx.newId();
      if (segments.length === 0) return { decisionId, entryIds: [] };
      await db.transaction('rw', tables, async () => {
        const at = ctx.now();
        const model = await deps.matcher.loadModel();
        const reviews = new Map<string, SegmentReview>();
        segments.forEach((s, order) => {
          const durationMs = s.end - s.start;
          model.learnUnassigned(s, durationMs);
          const lesson = { order, projectId: null, taskId: null, durationMs, input: lessonInput(s) };
          reviews.set(s.id, { decisionId, kind: 'reject', at, projectId: null, entryIds: [], lesson });
        });
        await deps.segments.markReviewed([...reviews.keys()], (id) => reviews.get(id)!);
        await deps.matcher.saveModel(model);
      });
      return { decisionId, entryIds: [] };
    },

    /** The decisions that reviewed this day's windows, with their entries and whether Undo is offered. */
    async decisionsOfDay(date: LocalDate): Promise<DayDecision[]> {
      const out: DayDecision[] = [];
      for (const [decisionId, rows] of await decisionRows(date)) {
        const review = rows[0]!.review!;
        const entries = (await liveEntries(review.entryIds)).map(({ id, start, end, status }) => ({ id, start, end, status }));
        out.push({
          decisionId,
          kind: review.kind,
          at: review.at,
          projectId: review.projectId,
          start: Math.min(...rows.map((r) => r.start)),
          end: Math.max(...rows.map((r) => r.end)),
          segmentIds: rows.map((r) => r.id),
          entries,
          locked: lockedBecause(entries),
        });
      }
      return out.sort((a, b) => a.start - b.start || a.at - b.at);
    },

    /**
     * Undoes decisions while all their entries are drafts: the entries are deleted (through the sync
     * door) and, being made by the decision undone, leave the trash at once (nothing to restore
     * twice beside a new accept); the segments open for review again and the matcher forgets what
     * they taught. All or none.
     */
    async undo(date: LocalDate, decisionIds: readonly string[]): Promise<void> {
      // Every table: deleting entries reads the sync configuration (projects, mirror, settings) too.
      await db.transaction('rw', db.tables, async () => {
        const groups = await decisionRows(date);
        for (const decisionId of decisionIds) {
          const rows = groups.get(decisionId);
          if (!rows) continue;
          const entries = await liveEntries(rows[0]!.review!.entryIds);
          const locked = lockedBecause(entries);
          if (locked) throw new UndoRefusedError(locked);
          if (entries.length > 0) {
            const result = await deps.sync.deleteEntries(entries.map((e) => e.id));
            if (result.needsConfirmation) throw new UndoRefusedError('QuickBooks already holds some of this time. Delete those entries on Today, where you can confirm it.');
            const trashed = (await db.entries.bulkGet(entries.map((e) => e.id))).filter((e): e is EntryRow => e !== undefined);
            await deps.entries.endHoldInTx(trashed, { purge: true, actor: 'user', note: 'The Review decision that made it was undone.' });
          }
          await unlearn(rows);
          await deps.segments.reopen(rows.map((r) => r.id));
        }
      });
    },

    /**
     * Opens every reviewed window of the day for review again. The entries accepted from them stay
     * (proposals they cover show as already in your entries, so nothing is counted twice); what the
     * windows taught the matcher is taken back, so reviewing them again teaches it once.
     */
    async reopenDay(date: LocalDate): Promise<{ reopened: number }> {
      return db.transaction('rw', [db.segments, db.matcherState], async () => {
        for (const rows of (await decisionRows(date)).values()) await unlearn(rows);
        const reviewed = (await deps.segments.listDay(date)).filter((r) => r.reviewed).map((r) => r.id);
        await deps.segments.reopen(reviewed);
        return { reopened: reviewed.length };
      });
    },
  };
}
