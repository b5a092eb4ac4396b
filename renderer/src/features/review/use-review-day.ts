// The review of one day, live: everything the screen reads (windows, away time, projects, rules,
// the learned model, the day's entries and decisions), put through the matcher pipeline
// (segments → suggestions → proposals → what entries already hold) in review-day.ts, and the
// entries that lie on the day for the timeline and the cards' billing.
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { createMatcher, type LearnedModel, type ProjectInfo } from '../../../../shared/matcher';
import { useSafeMode } from '../capture-settings/SafeModeBanner';
import type { RoundingPolicy } from '../../../../shared/rounding/policy';
import { addLocalDays } from '../../../../shared/time/local-date';
import { zonedInstant } from '../../../../shared/time/zone';
import { today, useNow } from '../../app/clock';
import { useRepos } from '../../data/repos-context';
import type { DayDecision } from '../../db/repos';
import type { EntryRow, ProjectRow, RuleRow } from '../../db/schema';
import { projectLabelById } from '../../../../shared/entries/project-label';
import { buildReviewDay, projectInfos, suggestReviewDay, type ReviewDay } from './review-day';

/** Unassigned time: visible on the timeline track, but clearly not a project's colour. */
const NONE_COLOUR = 'var(--muted)';

export interface ProjectOption {
  id: string;
  label: string;
  tasks: Array<{ id: string; name: string }>;
}

export interface ReviewData {
  /** Windows captured on the day, reviewed or not. */
  capturedCount: number;
  day: ReviewDay;
  decisions: DayDecision[];
  /** The live entries of the day (and the evening before), as overlaps are computed from them. */
  entries: EntryRow[];
  /** The entries on the day: its own, and an entry of the evening before that runs past midnight. */
  dayEntries: EntryRow[];
  /** The same entries cut at the day's start, as the timeline draws them. */
  timelineEntries: EntryRow[];
  options: { gapFillMinutes: number; minFragmentMinutes: number; fragments: 'fold' | 'drop' };
  rounding: RoundingPolicy;
  projects: ReadonlyMap<string, ProjectRow>;
  infos: ProjectInfo[];
  rules: RuleRow[];
  model: LearnedModel;
  /** Active projects for the pickers, by label. */
  projectOptions: ProjectOption[];
  labelOf(projectId: string | null): string;
  colourOf(projectId: string | null): string;
  now: number;
}

export function useReviewDay(date: string, zone: string, splits: readonly number[]): ReviewData | null {
  const repos = useRepos();
  const now = useNow(60_000, date === today(zone));
  const segments = useLiveQuery(() => repos.segments.listDay(date), [repos, date]);
  const away = useLiveQuery(() => repos.segments.listAwayDay(date), [repos, date]);
  const entries = useLiveQuery(
    async () => [...(await repos.entries.listDay(addLocalDays(date, -1))), ...(await repos.entries.listDay(date))],
    [repos, date],
  );
  const decisions = useLiveQuery(() => repos.review.decisionsOfDay(date), [repos, date]);
  const catalog = useLiveQuery(async () => {
    const [projects, clients, tasks, rules, model] = await Promise.all([
      repos.projects.list({ includeArchived: true }),
      repos.clients.list({ includeArchived: true }),
      repos.tasks.list(),
      repos.matcher.listRules(),
      repos.matcher.loadModel(),
    ]);
    return { projects, clients, tasks, rules, model };
  }, [repos]);
  const settings = useLiveQuery(async () => {
    const all = await repos.settings.getAll();
    return {
      options: { gapFillMinutes: all.reviewGapFillMinutes, minFragmentMinutes: all.reviewMinFragmentMinutes, fragments: all.reviewFragments },
      rounding: all.rounding,
    };
  }, [repos]);

  // Layers, each recomputed only when what it reads changes: the names (catalog), the matcher's
  // suggestions (windows, rules, model), the entries on the day (entries, clock), then proposals
  // and overlaps (splits, entries, settings). A split or a typed description reruns only the last,
  // and the timeline keeps its props.
  const names = useMemo(() => (catalog ? namesOf(catalog) : null), [catalog]);
  // In safe mode (after an unclean shutdown) the rules are off until the user turns them back on.
  const safeMode = useSafeMode((s) => s.on);
  const suggestions = useMemo(
    () => {
      if (!segments || !catalog || !names) return null;
      return suggestReviewDay(segments, createMatcher({ projects: names.infos, rules: safeMode ? [] : catalog.rules, model: catalog.model }));
    },
    [segments, catalog, names, safeMode],
  );
  const onDay = useMemo(() => (entries ? entriesOnDay(entries, date, zone, now) : null), [entries, date, zone, now]);
  const awayIntervals = useMemo(() => away?.filter((a) => a.end !== null).map((a) => ({ start: a.start, end: a.end as number })), [away]);

  return useMemo(() => {
    if (!suggestions || !names || !awayIntervals || !entries || !onDay || !decisions || !catalog || !settings) return null;
    const day = buildReviewDay({ suggestions, away: awayIntervals, options: settings.options, splits, entries, now });
    return {
      ...names,
      capturedCount: suggestions.segments.length,
      day,
      decisions,
      entries,
      ...onDay,
      options: settings.options,
      rounding: settings.rounding,
      rules: catalog.rules,
      model: catalog.model,
      now,
    };
  }, [suggestions, names, awayIntervals, entries, onDay, decisions, catalog, settings, splits, now]);
}

function entriesOnDay(entries: EntryRow[], date: string, zone: string, now: number) {
  const dayStart = zonedInstant(date, '00:00', zone);
  const dayEntries = entries.filter((e) => e.localDate === date || (e.end ?? now) > dayStart);
  return { dayEntries, timelineEntries: dayEntries.map((e) => ({ ...e, start: Math.max(e.start, dayStart) })) };
}

/** How projects are named and coloured on the screen, and offered in its pickers. */
function namesOf(catalog: { projects: ProjectRow[]; clients: Array<{ id: string; name: string }>; tasks: Parameters<typeof projectInfos>[2] }) {
  const infos = projectInfos(catalog.projects, catalog.clients, catalog.tasks);
  const projectMap = new Map(catalog.projects.map((p) => [p.id, p]));
  const clientMap = new Map(catalog.clients.map((c) => [c.id, c]));
  const labelOf = (id: string | null) => projectLabelById(id, projectMap, clientMap);
  return {
    infos,
    projects: projectMap as ReadonlyMap<string, ProjectRow>,
    projectOptions: infos
      .filter((p) => p.active !== false)
      .map((p) => ({ id: p.id, label: labelOf(p.id), tasks: p.tasks ?? [] }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    labelOf,
    colourOf: (id: string | null) => (id ? projectMap.get(id)?.color ?? NONE_COLOUR : NONE_COLOUR),
  };
}
