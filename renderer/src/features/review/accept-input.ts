// A proposal (or one unassigned window) as it stands on screen, turned into what the review
// repository accepts: the runs that become entries, the windows in the order they teach the
// matcher, and what each teaches. Accept, Accept all and Assign all go through here.
import type { AcceptInput } from '../../db/repos';
import { learnAsFor, runsToCreate, type DayEntry, type Overlap } from './accept-plan';
import type { ProposalDecision } from './decisions';
import type { WindowView } from './review-day';

export function acceptInput(
  windows: readonly WindowView[],
  overlap: Overlap,
  decision: ProposalDecision,
  context: { zone: string; entries: readonly DayEntry[]; now: number; kind?: AcceptInput['kind'] },
): AcceptInput {
  const learnAs = learnAsFor(windows, context.entries, decision.countAll, context.now);
  return {
    runs: runsToCreate(overlap, decision.countAll),
    projectId: decision.projectId,
    taskId: decision.taskId,
    description: decision.description,
    zone: context.zone,
    segments: windows.map((w) => {
      const as = learnAs.get(w.id);
      return { id: w.id, app: w.app, title: w.title, url: w.url, start: w.start, end: w.end, ...(as ? { learnAs: as } : {}) };
    }),
    ...(context.kind ? { kind: context.kind } : {}),
  };
}
