// What accepting a proposal as it stands on screen does, before it is done: which of its time is
// already in the day's entries (a timer, a manual or imported entry) and which is free, so no
// minute is counted twice unless the user says so; what the new entries bill under the project's
// rounding; and what each window teaches the matcher. Pure, so the card shows exactly what Accept
// and Accept all will save.
import type { Interval } from '../../../../shared/proposals';
import { billedTimes, describeBilledRule, type BillableSpan } from '../../../../shared/rounding/billed';
import type { RoundingPolicy, RoundingSettings } from '../../../../shared/rounding/policy';

/** An entry of the day as the review compares it with proposals (end null: still running). */
export interface DayEntry {
  id: string;
  projectId: string | null;
  taskId: string | null;
  start: number;
  end: number | null;
  zone: string;
}

/** One entry's part inside a proposal's counted time. */
interface Covering {
  entryId: string;
  projectId: string | null;
  start: number;
  end: number;
}

export interface Overlap {
  /** The proposal's counted runs. */
  runs: Interval[];
  countedMs: number;
  /** The counted time no entry holds yet, in pieces of at least a minute. */
  free: Interval[];
  freeMs: number;
  /** Counted time already in entries, each minute once however many entries hold it. */
  coveredMs: number;
  covered: Covering[];
}

/** A piece of free time shorter than this, between two entries, is not worth an entry of its own. */
const MIN_FREE_MS = 60_000;

const total = (runs: readonly Interval[]) => runs.reduce((sum, r) => sum + r.end - r.start, 0);

function merged(intervals: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const i of [...intervals].sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else if (i.end > i.start) out.push({ ...i });
  }
  return out;
}

function subtract(run: Interval, holes: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let cursor = run.start;
  for (const h of holes) {
    if (h.end <= cursor || h.start >= run.end) continue;
    if (h.start > cursor) out.push({ start: cursor, end: h.start });
    cursor = Math.max(cursor, h.end);
  }
  if (cursor < run.end) out.push({ start: cursor, end: run.end });
  return out;
}

/** Which part of these counted runs the entries already hold. A running entry counts up to `now`. */
export function overlapWithEntries(runs: readonly Interval[], entries: readonly DayEntry[], now: number): Overlap {
  const spans = entries.map((e) => ({ entry: e, start: e.start, end: e.end ?? Math.max(now, e.start) }));
  const holes = merged(spans);
  const uncovered = runs.flatMap((r) => subtract(r, holes));
  const free = uncovered.filter((r) => r.end - r.start >= MIN_FREE_MS);
  const covered: Covering[] = [];
  for (const s of spans) {
    const parts = runs.map((r) => ({ start: Math.max(r.start, s.start), end: Math.min(r.end, s.end) })).filter((p) => p.end > p.start);
    if (parts.length === 0) continue;
    covered.push({ entryId: s.entry.id, projectId: s.entry.projectId, start: parts[0]!.start, end: parts[parts.length - 1]!.end });
  }
  const countedMs = total(runs);
  return { runs: [...runs], countedMs, free, freeMs: total(free), coveredMs: countedMs - total(uncovered), covered: covered.sort((a, b) => a.start - b.start) };
}

/** The runs that become entries: the free time, or all of it when the user chose to count it anyway. */
export const runsToCreate = (overlap: Overlap, countAll: boolean): Interval[] => (countAll ? overlap.runs : overlap.free);

/**
 * What each window teaches: a window mostly inside one entry that has a project is evidence for
 * that entry's project (the user's own timer says what it was), unless the user counts the whole
 * proposal on the card's project anyway; every other window teaches the card's choice (undefined).
 */
export function learnAsFor(
  segments: ReadonlyArray<{ id: string; start: number; end: number }>,
  entries: readonly DayEntry[],
  countAll: boolean,
  now: number,
): Map<string, { projectId: string; taskId: string | null }> {
  const out = new Map<string, { projectId: string; taskId: string | null }>();
  if (countAll) return out;
  for (const s of segments) {
    let best: { entry: DayEntry; ms: number } | null = null;
    for (const e of entries) {
      const ms = Math.min(s.end, e.end ?? now) - Math.max(s.start, e.start);
      if (ms > 0 && (!best || ms > best.ms)) best = { entry: e, ms };
    }
    if (best && best.entry.projectId !== null && best.ms * 2 > s.end - s.start) out.set(s.id, { projectId: best.entry.projectId, taskId: best.entry.taskId });
  }
  return out;
}

export interface Billing {
  rawMs: number;
  billedMs: number;
  /** "15 min up, per entry (project rule)". */
  rule: string;
}

/**
 * What the new entries bill on this project, with shared/rounding/billed (the computation every
 * screen and QuickBooks use). Per project-day rounding depends on the day's other entries of the
 * project, so it is the day's billed time with the new runs less the day's billed time without.
 */
export function billedForRuns(
  runs: readonly Interval[],
  projectId: string,
  zone: string,
  dayEntries: readonly DayEntry[],
  roundingOf: (projectId: string) => RoundingSettings | undefined,
  workspace: RoundingPolicy,
): Billing | null {
  if (runs.length === 0) return null;
  const existing: BillableSpan[] = dayEntries
    .filter((e): e is DayEntry & { end: number } => e.projectId === projectId && e.end !== null)
    .map((e) => ({ id: e.id, projectId, start: e.start, end: e.end, zone: e.zone }));
  const added: BillableSpan[] = runs.map((r, i) => ({ id: `new-${i}`, projectId, start: r.start, end: r.end, zone }));
  const sum = (spans: BillableSpan[]) => {
    const billed = billedTimes(spans, roundingOf, workspace);
    return { billed, ms: [...billed.values()].reduce((s, b) => s + b.billedMs, 0) };
  };
  const withNew = sum([...existing, ...added]);
  const rule = describeBilledRule(withNew.billed.get('new-0')!);
  return { rawMs: total(runs), billedMs: withNew.ms - sum(existing).ms, rule };
}
