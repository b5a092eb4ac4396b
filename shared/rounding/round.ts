// Rounding keeps the raw duration beside the rounded one: the raw value is the record of what
// happened, the rounded one is what is billed, and a policy change must be able to recompute it.
import { allocateInteger } from '../money/allocate';
import { localDate } from '../time/zone';
import type { RoundingPolicy } from './policy';

export interface Rounded {
  rawMs: number;
  roundedMs: number;
}

const MINUTE = 60_000;

/** Rounds a duration to the policy's increment. Ties under 'nearest' go up (7.5 min → 15 at 15). */
export function roundMs(rawMs: number, policy: Pick<RoundingPolicy, 'incrementMinutes' | 'mode'>): number {
  if (!Number.isSafeInteger(rawMs) || rawMs < 0) throw new RangeError('A duration must be a non-negative integer of ms');
  const step = policy.incrementMinutes * MINUTE;
  const whole = Math.floor(rawMs / step);
  const rest = rawMs - whole * step;
  if (rest === 0) return rawMs;
  const up = policy.mode === 'up' || (policy.mode === 'nearest' && rest * 2 >= step);
  return (up ? whole + 1 : whole) * step;
}

export function roundEntry(rawMs: number, policy: RoundingPolicy): Rounded {
  return { rawMs, roundedMs: roundMs(rawMs, policy) };
}

export interface RoundableEntry {
  id: string;
  projectId: string | null;
  start: number;
  end: number;
}

export interface RoundedEntry extends Rounded {
  id: string;
  /** The local day (in the report zone) the entry is counted on: the day it started. */
  localDate: string;
}

/**
 * Per-project-day rounding: raw time is summed per project and local start day, the sum is
 * rounded once, and the rounded day total is handed back to the entries in whole minutes in
 * proportion to their raw time (largest remainder), so shares add up to the day total exactly.
 * Entries without a project form their own group. Output order follows input order.
 */
export function roundProjectDays(entries: readonly RoundableEntry[], policy: RoundingPolicy, zone: string): RoundedEntry[] {
  const groups = new Map<string, number[]>();
  const days = entries.map((e, index) => {
    if (e.end < e.start) throw new RangeError(`Entry ${e.id} ends before it starts`);
    const day = localDate(e.start, zone);
    const key = JSON.stringify([e.projectId, day]);
    const members = groups.get(key);
    if (members) members.push(index);
    else groups.set(key, [index]);
    return day;
  });
  const result: RoundedEntry[] = entries.map((e, i) => ({ id: e.id, localDate: days[i]!, rawMs: e.end - e.start, roundedMs: 0 }));
  for (const members of groups.values()) {
    const raws = members.map((i) => result[i]!.rawMs);
    // The rounded total is a whole number of increments, hence of minutes, so shares are whole minutes.
    const dayMinutes = roundMs(raws.reduce((a, b) => a + b, 0), policy) / MINUTE;
    allocateInteger(dayMinutes, raws).forEach((share, k) => {
      result[members[k]!]!.roundedMs = share * MINUTE;
    });
  }
  return result;
}

/** Applies the policy at its own scope: per entry, or per project and local day. */
export function applyRounding(entries: readonly RoundableEntry[], policy: RoundingPolicy, zone: string): RoundedEntry[] {
  if (policy.scope === 'projectDay') return roundProjectDays(entries, policy, zone);
  return entries.map((e) => ({ id: e.id, localDate: localDate(e.start, zone), ...roundEntry(e.end - e.start, policy) }));
}
