// The day-end review's decisions, each in one transaction: the entries an accepted proposal becomes,
// its segments marked reviewed, and the lesson the matcher takes from it. A failure leaves none of
// them, so a half-accepted proposal can never teach the model or hide its segments.
//
// Every decision stays on its segments (SegmentRow.review): which entries it created and what the
// matcher learned, in order. That is what makes a decision undoable (its draft entries deleted
// through the entries' door, its segments open again, its lesson unlearned) and a reviewed day
// reopenable without teaching the matcher twice when the day is reviewed again.
import { isLive } from '../../../../shared/entries/entry';
import type { MatchInput } from '../../../../shared/matcher';
import type { RepoContext } from '../context';
import type { EntryRow, EntryStatus, LocalDate, SegmentReview, SegmentRow } from '../schema';
import type { EntriesRepo, EntryTx } from './entries-repo';
import type { MatcherRepo } from './matcher-repo';
import type { SegmentsRepo } from './segments-repo';

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

interface ReviewDeps {
  entries: EntriesRepo;
  segments: SegmentsRepo;
  matcher: MatcherRepo;
}

/** Creates the entries, keeps the decision on its segments and teaches the matcher. */
async function acceptInTx(ctx: RepoContext, deps: ReviewDeps, tx: EntryTx, input: AcceptInput): Promise<Decision> {
  const decisionId = ctx.newId();
  const at = ctx.now();
  const entryIds: string[] = [];
  for (const run of input.runs) {
    const entry = await deps.entries.createInTx(
      tx,
      { projectId: input.projectId, taskId: input.taskId, description: input.description, start: run.start, end: run.end, zone: input.zone, source: 'activity' },
      'capture',
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

/** Takes back what a decision's segments taught, in the order it was taught; inside the decision's transaction. */
async function unlearn(deps: ReviewDeps, rows: readonly SegmentRow[]): Promise<void> {
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
async function decisionRows(deps: ReviewDeps, date: LocalDate): Promise<Map<string, SegmentRow[]>> {
  const groups = new Map<string, SegmentRow[]>();
  for (const row of await deps.segments.listDay(date)) {
    if (!row.reviewed || !row.review) continue;
    const group = groups.get(row.review.decisionId) ?? [];
    group.push(row);
    groups.set(row.review.decisionId, group);
  }
  return groups;
}

/**
 * Undoes one decision while all its entries are drafts: the entries go to the trash and, being made
 * by the decision undone, leave it at once (nothing to restore twice beside a new accept); the
 * segments open for review again and the matcher forgets what they taught.
 */
async function undoInTx(deps: ReviewDeps, tx: EntryTx, rows: readonly SegmentRow[], entries: readonly EntryRow[]): Promise<void> {
  const locked = lockedBecause(entries);
  if (locked) throw new UndoRefusedError(locked);
  if (entries.length > 0) {
    const ids = entries.map((e) => e.id);
    if (await deps.entries.deleteNeedsConfirmation(ids)) throw new UndoRefusedError('QuickBooks already holds some of this time. Delete those entries on Today, where you can confirm it.');
    const trashed = await deps.entries.trashInTx(tx, ids);
    await deps.entries.endHoldInTx(tx, trashed, { purge: true, actor: 'user', note: 'The Review decision that made it was undone.' });
  }
  await unlearn(deps, rows);
  await deps.segments.reopen(rows.map((r) => r.id));
}

export function createReviewRepo(ctx: RepoContext, deps: ReviewDeps) {
  const { db } = ctx;
  const extra = [db.segments, db.matcherState];
  const decide = async <T>(fn: (tx: EntryTx) => Promise<T>): Promise<T> => (await deps.entries.transaction(extra, fn)).value;
  const liveEntries = async (ids: readonly string[]) => (await db.entries.bulkGet([...ids])).filter((e): e is EntryRow => !!e && isLive(e));

  return {
    /** Creates one draft entry per counted run and teaches the matcher. */
    accept: (input: AcceptInput): Promise<Decision> => decide((tx) => acceptInTx(ctx, deps, tx, input)),

    /** Accept all: every proposal as it stands, all or none. */
    acceptMany(inputs: readonly AcceptInput[]): Promise<Decision[]> {
      return decide(async (tx) => {
        const decisions: Decision[] = [];
        for (const input of inputs) decisions.push(await acceptInTx(ctx, deps, tx, input));
        return decisions;
      });
    },

    /** Not work: the segments are marked reviewed and teach the matcher to leave windows like them unassigned. */
    async reject(segments: readonly ReviewedSegment[]): Promise<Decision> {
      const decisionId = ctx.newId();
      if (segments.length === 0) return { decisionId, entryIds: [] };
      await db.transaction('rw', extra, async () => {
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
      for (const [decisionId, rows] of await decisionRows(deps, date)) {
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

    /** Undoes decisions while all their entries are drafts (see undoInTx). All or none. */
    async undo(date: LocalDate, decisionIds: readonly string[]): Promise<void> {
      await decide(async (tx) => {
        const groups = await decisionRows(deps, date);
        for (const decisionId of decisionIds) {
          const rows = groups.get(decisionId);
          if (rows) await undoInTx(deps, tx, rows, await liveEntries(rows[0]!.review!.entryIds));
        }
      });
    },

    /**
     * Opens every reviewed window of the day for review again. The entries accepted from them stay
     * (proposals they cover show as already in your entries, so nothing is counted twice); what the
     * windows taught the matcher is taken back, so reviewing them again teaches it once.
     */
    async reopenDay(date: LocalDate): Promise<{ reopened: number }> {
      return db.transaction('rw', extra, async () => {
        for (const rows of (await decisionRows(deps, date)).values()) await unlearn(deps, rows);
        const reviewed = (await deps.segments.listDay(date)).filter((r) => r.reviewed).map((r) => r.id);
        await deps.segments.reopen(reviewed);
        return { reopened: reviewed.length };
      });
    },
  };
}
