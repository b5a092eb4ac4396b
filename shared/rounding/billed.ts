// Billed time: each entry's raw duration beside the duration it is billed at, with the rule that
// made the difference. One computation for every place that shows or sends billed time (Today,
// the timesheet, review, the CSV export, pre-flight and the QuickBooks payloads), so what a screen
// shows is what QuickBooks gets.
//
// An entry is rounded with its project's effective policy (shared/rounding/policy). Per-entry
// rounding needs the entry alone; per-project-day rounding needs every entry of that project on
// that day, grouped in the zone the entries were recorded in (a "day" only exists within a zone):
// pass the whole day, or the shares are computed over a subset.
import { effectiveRounding, type RoundingPolicy, type RoundingSettings } from './policy';
import { roundEntry, roundProjectDays } from './round';

export interface BillableSpan {
  id: string;
  projectId: string | null;
  start: number;
  end: number;
  zone: string;
}

export interface BilledTime {
  rawMs: number;
  billedMs: number;
  policy: RoundingPolicy;
  /** Whose rule applied: the project's override or the workspace default. */
  source: 'project' | 'workspace';
}

const scopeText: Record<RoundingPolicy['scope'], string> = { entry: 'per entry', projectDay: 'per project-day' };
const modeText: Record<RoundingPolicy['mode'], string> = { up: 'up', down: 'down', nearest: 'to nearest' };

export const describeIncrement = (m: number) => (m === 1 ? 'whole minutes' : `${m} min`);
export const describeMode = (m: RoundingPolicy['mode']) => modeText[m];
export const describeScope = (s: RoundingPolicy['scope']) => scopeText[s];

/** "15 min up, per entry", "Whole minutes, per project-day". */
export function describeRounding(policy: RoundingPolicy): string {
  if (policy.incrementMinutes === 1) return `Whole minutes, ${scopeText[policy.scope]}`;
  return `${policy.incrementMinutes} min ${modeText[policy.mode]}, ${scopeText[policy.scope]}`;
}

/** "15 min up, per entry (project rule)": the rule and whose it is, for a line about billed time. */
export function describeBilledRule(billed: Pick<BilledTime, 'policy' | 'source'>): string {
  return `${describeRounding(billed.policy)} (${billed.source === 'project' ? 'project rule' : 'workspace rule'})`;
}

/**
 * Billed time for each finished entry, keyed by id. `projectRounding` gives a project's override
 * (undefined for an unknown project or none: the workspace rule applies).
 */
export function billedTimes(
  entries: readonly BillableSpan[],
  projectRounding: (projectId: string) => RoundingSettings | undefined,
  workspace: RoundingPolicy,
): Map<string, BilledTime> {
  const result = new Map<string, BilledTime>();
  const dayGroups = new Map<string, { policy: RoundingPolicy; source: BilledTime['source']; members: BillableSpan[] }>();
  // One effective policy per project (it parses the override): a year of entries asks a few dozen times.
  const policies = new Map<string | null, { policy: RoundingPolicy; source: BilledTime['source'] }>();
  for (const e of entries) {
    let effective = policies.get(e.projectId);
    if (!effective) {
      const project = e.projectId === null ? null : (projectRounding(e.projectId) ?? null);
      policies.set(e.projectId, (effective = effectiveRounding(project, { rounding: workspace })));
    }
    const { policy, source } = effective;
    if (policy.scope === 'entry') {
      result.set(e.id, { rawMs: e.end - e.start, billedMs: roundEntry(e.end - e.start, policy).roundedMs, policy, source });
      continue;
    }
    const key = JSON.stringify([e.projectId, e.zone]);
    const group = dayGroups.get(key) ?? { policy, source, members: [] };
    group.members.push(e);
    dayGroups.set(key, group);
  }
  for (const { policy, source, members } of dayGroups.values()) {
    // Largest-remainder shares break ties by order: a canonical one (start, then id) gives every
    // caller the same shares whatever order it passed the entries in.
    members.sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const r of roundProjectDays(members, policy, members[0]!.zone)) {
      result.set(r.id, { rawMs: r.rawMs, billedMs: r.roundedMs, policy, source });
    }
  }
  return result;
}

/**
 * Billed time far above what was measured, worth a question before it bills: more than double
 * the raw time and at least five minutes more (a 40-second entry billed as 15 minutes).
 */
export function billedFarAboveRaw(billed: Pick<BilledTime, 'rawMs' | 'billedMs'>): boolean {
  const extra = billed.billedMs - billed.rawMs;
  return extra >= 5 * 60_000 && extra > billed.rawMs;
}
