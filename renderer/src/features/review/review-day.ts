// The day-end review as data: the matcher's suggestions for a day's segments, the proposed entries
// built from them, and the entries an accepted proposal becomes. Suggestions are computed from the
// current rules and model every time, so editing a rule re-applies it to every day not yet reviewed.
import type { InvalidRule, Matcher, MatchInput, ProjectInfo } from '../../../../shared/matcher';
import { proposeEntries, type Interval, type ProposalOptions, type ProposedEntry, type SuggestedSegment } from '../../../../shared/proposals';
import { overlapWithEntries, type DayEntry, type Overlap } from './accept-plan';

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
export function countedRuns(proposal: Pick<ProposedEntry, 'start' | 'end' | 'segmentIds'>, suggested: readonly SuggestedSegment[], away: readonly Interval[]): Interval[] {
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

/** A window with its suggestion, as the review shows it. */
export type WindowView = SuggestedSegment & { app: string; title: string; url: string | null };

/** One proposal on screen: its stable key, its windows, and how much of it the day's entries already hold. */
export interface ProposalView {
  /**
   * Its earliest window: stable while the day refreshes (a window growing, a rule elsewhere
   * changing), different once the proposal is regrouped, split off or accepted.
   */
  key: string;
  proposal: ProposedEntry;
  windows: WindowView[];
  overlap: Overlap;
}

export interface ReviewDay {
  /** Windows not reviewed yet, with their suggestions, in time order. */
  windows: WindowView[];
  away: readonly Interval[];
  proposals: ProposalView[];
  /** Windows the matcher left without a project, each with the time an assignment would count. */
  unassigned: Array<{ window: WindowView; overlap: Overlap }>;
  reviewedCount: number;
  invalidRules: readonly InvalidRule[];
}

/** The matcher's part of a day: its open windows, each with a suggestion. */
export interface DaySuggestions {
  segments: readonly ReviewSegment[];
  open: ReviewSegment[];
  suggested: SuggestedSegment[];
  /** The suggested windows with their text, in time order. */
  windows: WindowView[];
  invalidRules: readonly InvalidRule[];
}

/**
 * The expensive step, kept apart so splitting a proposal or a change of the day's entries does not
 * run the matcher over every window again: it depends only on the windows, rules and model.
 */
export function suggestReviewDay(segments: readonly ReviewSegment[], matcher: Matcher): DaySuggestions {
  const open = segments.filter((s) => !s.reviewed);
  const suggested = suggestDay(open, matcher);
  const byId = new Map(open.map((s) => [s.id, s]));
  const windows = suggested.map((s) => ({ ...s, app: byId.get(s.id)!.app, title: byId.get(s.id)!.title, url: byId.get(s.id)!.url }));
  return { segments, open, suggested, windows, invalidRules: matcher.invalidRules };
}

interface ReviewDayInput {
  suggestions: DaySuggestions;
  away: readonly Interval[];
  options: ProposalOptions;
  /** Instants the user split proposals at, in the order they did. */
  splits: readonly number[];
  /** The live entries that may overlap the day (it and the day before, for entries past midnight). */
  entries: readonly DayEntry[];
  now: number;
}

/** suggestions → proposals (split where the user split them) → what entries already hold. */
export function buildReviewDay(input: ReviewDayInput): ReviewDay {
  const { open, suggested, windows } = input.suggestions;
  let proposals = proposeDay(suggested, input.away, input.options);
  for (const at of input.splits) proposals = proposals.flatMap((p) => splitProposal(p, at, suggested) ?? [p]);
  const windowById = new Map(windows.map((w) => [w.id, w]));
  const overlapOf = (p: Pick<ProposedEntry, 'start' | 'end' | 'segmentIds'>) => overlapWithEntries(countedRuns(p, suggested, input.away), input.entries, input.now);
  const assigned = new Set(proposals.flatMap((p) => p.segmentIds));
  return {
    windows,
    away: input.away,
    proposals: proposals.map((p) => {
      const own = p.segmentIds.map((id) => windowById.get(id)!).sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
      return { key: own[0]?.id ?? String(p.start), proposal: p, windows: own, overlap: overlapOf(p) };
    }),
    unassigned: windows.filter((w) => !assigned.has(w.id)).map((w) => ({ window: w, overlap: overlapOf({ start: w.start, end: w.end, segmentIds: [w.id] }) })),
    reviewedCount: input.suggestions.segments.length - open.length,
    invalidRules: input.suggestions.invalidRules,
  };
}
