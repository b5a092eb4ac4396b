// The day-end review as data: the matcher's suggestions for a day's segments, the proposed entries
// built from them, and the entries an accepted proposal becomes. Suggestions are computed from the
// current rules and model every time, so editing a rule re-applies it to every day not yet reviewed.
import type { Matcher, MatchInput, ProjectInfo } from '../../../../shared/matcher';
import { proposeEntries, type Interval, type ProposalOptions, type ProposedEntry, type SuggestedSegment } from '../../../../shared/proposals';

export interface ReviewSegment extends MatchInput {
  id: string;
  start: number;
  end: number;
  reviewed: boolean;
}

export function projectInfos(
  projects: ReadonlyArray<{ id: string; name: string; clientId: string | null; archived: boolean }>,
  clients: ReadonlyArray<{ id: string; name: string }>,
  tasks: ReadonlyArray<{ id: string; projectId: string; name: string; archived?: boolean }>,
): ProjectInfo[] {
  const clientName = new Map(clients.map((c) => [c.id, c.name]));
  return projects.map((p) => ({
    id: p.id,
    name: p.name,
    clientName: p.clientId ? clientName.get(p.clientId) : undefined,
    tasks: tasks.filter((t) => t.projectId === p.id && !t.archived).map((t) => ({ id: t.id, name: t.name })),
    active: !p.archived,
  }));
}

/** Suggestions for the day's segments in time order (each may use the one before it, never later ones). */
export function suggestDay(segments: readonly ReviewSegment[], matcher: Matcher): SuggestedSegment[] {
  const ordered = [...segments].sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
  const suggestions = matcher.suggestSequence(ordered);
  return ordered.map((s, i) => {
    const g = suggestions[i]!;
    return { id: s.id, start: s.start, end: s.end, projectId: g.projectId, taskId: g.taskId, confidence: g.confidence, reason: g.reason, detail: g.detail };
  });
}

export function proposeDay(suggested: readonly SuggestedSegment[], away: readonly Interval[], options: ProposalOptions): ProposedEntry[] {
  return proposeEntries(suggested, { ...options, idle: away });
}

/**
 * The stretches of a proposal that count: its span minus away time and minus personal or
 * unassigned segments inside it. Each stretch becomes one entry, so accepting a proposal never
 * bills a coffee break or a bank website that happened between two pieces of work.
 */
export function countedRuns(proposal: ProposedEntry, suggested: readonly SuggestedSegment[], away: readonly Interval[]): Interval[] {
  const own = new Set(proposal.segmentIds);
  const holes = [
    ...away,
    ...suggested.filter((s) => s.projectId === null && !own.has(s.id)),
  ]
    .filter((h) => h.end > proposal.start && h.start < proposal.end)
    .sort((a, b) => a.start - b.start);
  const runs: Interval[] = [];
  let cursor = proposal.start;
  for (const h of holes) {
    if (h.start > cursor) runs.push({ start: cursor, end: Math.min(h.start, proposal.end) });
    cursor = Math.max(cursor, h.end);
  }
  if (cursor < proposal.end) runs.push({ start: cursor, end: proposal.end });
  return runs.filter((r) => r.end > r.start);
}

/** Cuts a proposal at an instant: segments that start before it go to the first part. */
export function splitProposal(proposal: ProposedEntry, at: number, suggested: readonly SuggestedSegment[]): [ProposedEntry, ProposedEntry] | null {
  if (at <= proposal.start || at >= proposal.end) return null;
  const byId = new Map(suggested.map((s) => [s.id, s]));
  const before = proposal.segmentIds.filter((id) => (byId.get(id)?.start ?? 0) < at);
  const after = proposal.segmentIds.filter((id) => (byId.get(id)?.start ?? 0) >= at);
  const share = (at - proposal.start) / (proposal.end - proposal.start);
  const firstMs = Math.round(proposal.durationMs * share);
  return [
    { ...proposal, end: at, durationMs: firstMs, segmentIds: before },
    { ...proposal, start: at, durationMs: proposal.durationMs - firstMs, segmentIds: after },
  ];
}
