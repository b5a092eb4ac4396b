// The day-end review's decisions, each in one transaction: the entries an accepted proposal becomes,
// its segments marked reviewed, and the lesson the matcher takes from it. A failure leaves none of
// them, so a half-accepted proposal can never teach the model or hide its segments.
import type { MatchInput } from '../../../../shared/matcher';
import type { RepoContext } from '../context';
import type { createEntriesRepo } from './entries-repo';
import type { createMatcherRepo } from './matcher-repo';
import type { createSegmentsRepo } from './segments-repo';

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
  segments: readonly ReviewedSegment[];
}

export function createReviewRepo(
  ctx: RepoContext,
  deps: {
    entries: ReturnType<typeof createEntriesRepo>;
    segments: ReturnType<typeof createSegmentsRepo>;
    matcher: ReturnType<typeof createMatcherRepo>;
  },
) {
  const { db } = ctx;
  const tables = [...deps.entries.writeTables, db.segments, db.matcherState];

  return {
    /** Creates one draft entry per counted run and teaches the matcher; returns the new entry ids. */
    async accept(input: AcceptInput): Promise<string[]> {
      return db.transaction('rw', tables, async () => {
        const ids: string[] = [];
        for (const run of input.runs) {
          const entry = await deps.entries.create(
            { projectId: input.projectId, taskId: input.taskId, description: input.description, start: run.start, end: run.end, zone: input.zone, source: 'activity' },
            { actor: 'capture' },
          );
          ids.push(entry.id);
        }
        if (input.segments.length > 0) await deps.segments.markReviewed(input.segments.map((s) => s.id));
        const model = await deps.matcher.loadModel();
        for (const s of input.segments) model.learn(s, input.projectId, input.taskId, s.end - s.start);
        await deps.matcher.saveModel(model);
        return ids;
      });
    },

    /** Personal or not billable: the segments are marked reviewed and teach the matcher to abstain. */
    async reject(segments: readonly ReviewedSegment[]): Promise<void> {
      if (segments.length === 0) return;
      await db.transaction('rw', tables, async () => {
        await deps.segments.markReviewed(segments.map((s) => s.id));
        const model = await deps.matcher.loadModel();
        for (const s of segments) model.learnUnassigned(s, s.end - s.start);
        await deps.matcher.saveModel(model);
      });
    },
  };
}
