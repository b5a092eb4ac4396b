// What to do with time the user was away while a timer ran. Pure: given the entry, the away period
// and the user's choice, it returns the repository operations; `applyAwayPlan` runs them as one change.
//
// Discard on a running timer stops the timer at away start and starts a new entry for the same
// project, task and description at away end (rather than split + delete: a running entry cannot be
// split, and this leaves the same two pieces). On a stopped entry the away part is cut out: the
// entry ends at away start and a copy covers away end to the old end.
import { localDate } from '../../../../shared/time/zone';
import type { NewEntry, Repos } from '../../db/repos';
import type { EntryRow } from '../../db/schema';

type AwayReason = 'idle' | 'suspend' | 'lock';

/** The payload of main's `capture:away` event (shared/capture/types AwayPeriod). */
export interface AwayEvent {
  id: string;
  start: number;
  end: number | null;
  reason: AwayReason;
}

export type AwayChoice =
  | { kind: 'keep' }
  | { kind: 'discard' }
  | { kind: 'assign'; projectId: string | null }
  /** Overnight: stop the timer at `at` (default: when the user left) and drop everything after. */
  | { kind: 'stopAt'; at: number };

export type AwayOp =
  | { op: 'stopTimer'; at: number }
  | { op: 'startTimer'; projectId: string | null; taskId: string | null; at: number; zone: string; description: string; billable: boolean }
  | { op: 'create'; entry: NewEntry }
  | { op: 'update'; id: string; patch: { start?: number; end?: number; projectId?: string | null } }
  | { op: 'delete'; id: string };

/** Longer than this, or across local midnight, the away time is treated as "the timer ran overnight". */
const OVERNIGHT_AWAY_MS = 8 * 60 * 60 * 1000;
/** A timer running this long with no away period known (e.g. the machine was off) is asked about on start. */
export const FORGOTTEN_TIMER_MS = 12 * 60 * 60 * 1000;

/** The part of the away period that lies inside the entry; null when they do not overlap. */
function awayWithin(entry: Pick<EntryRow, 'start' | 'end'>, away: { start: number; end: number }, now: number): { start: number; end: number } | null {
  const start = Math.max(entry.start, away.start);
  const end = Math.min(entry.end ?? now, away.end);
  return end > start ? { start, end } : null;
}

export function isOvernight(away: { start: number; end: number }, zone: string): boolean {
  return away.end - away.start > OVERNIGHT_AWAY_MS || localDate(away.start, zone) !== localDate(away.end, zone);
}

export function planAway(entry: EntryRow, away: { start: number; end: number }, choice: AwayChoice, now: number): AwayOp[] {
  const cut = awayWithin(entry, away, now);
  if (!cut || choice.kind === 'keep') return [];
  const running = entry.end === null;
  const same = { projectId: entry.projectId, taskId: entry.taskId, zone: entry.zone, description: entry.description, billable: entry.billable };

  if (choice.kind === 'stopAt') {
    const at = Math.max(entry.start, Math.min(choice.at, entry.end ?? now));
    if (running) return [{ op: 'stopTimer', at }];
    return at < entry.end! ? [{ op: 'update', id: entry.id, patch: { end: at } }] : [];
  }

  const ops: AwayOp[] = [];
  const wholeHead = cut.start === entry.start;
  const tailEnd = entry.end; // null while running

  // 1. The part before the away time stays on the entry (or, if the away time starts it, the entry moves).
  if (running) {
    if (wholeHead) {
      // Nothing tracked before leaving: the running entry simply starts when the user came back.
      ops.push({ op: 'update', id: entry.id, patch: { start: cut.end } });
    } else {
      ops.push({ op: 'stopTimer', at: cut.start });
    }
  } else if (wholeHead && cut.end === tailEnd) {
    // The whole entry was away time: drop it, or move it to the chosen project.
    return choice.kind === 'discard'
      ? [{ op: 'delete', id: entry.id }]
      : [{ op: 'update', id: entry.id, patch: { projectId: choice.projectId } }];
  } else if (wholeHead) {
    ops.push({ op: 'update', id: entry.id, patch: { start: cut.end } });
  } else {
    ops.push({ op: 'update', id: entry.id, patch: { end: cut.start } });
  }

  // 2. The away time itself: dropped, or its own entry on the chosen project.
  if (choice.kind === 'assign') {
    ops.push({
      op: 'create',
      entry: { projectId: choice.projectId, description: '', start: cut.start, end: cut.end, zone: entry.zone, source: 'manual' },
    });
  }

  // 3. The part after the away time continues the same work.
  if (running) {
    if (!wholeHead) ops.push({ op: 'startTimer', ...same, at: cut.end });
  } else if (!wholeHead && cut.end < tailEnd!) {
    ops.push({ op: 'create', entry: { ...same, start: cut.end, end: tailEnd!, source: entry.source } });
  }
  return ops;
}

/**
 * Runs the plan as ONE change through the entries' door: a failure (or a crash) halfway leaves the
 * entry as it was, never cut without its tail. The user's answer to the away question is their
 * confirmation for the entry it names: approved or synced time is changed (and QuickBooks told)
 * like any confirmed edit.
 */
export async function applyAwayPlan(repos: Repos, ops: readonly AwayOp[]): Promise<void> {
  const entries = repos.entries;
  await entries.transaction([], async (tx) => {
    for (const op of ops) {
      if (op.op === 'stopTimer') await entries.stopTimerInTx(tx, op.at);
      else if (op.op === 'startTimer') await entries.startTimerInTx(tx, op);
      else if (op.op === 'create') await entries.createInTx(tx, op.entry);
      else if (op.op === 'update') await entries.updateInTx(tx, op.id, op.patch, { confirmed: true });
      else await entries.trashInTx(tx, [op.id]);
    }
  });
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The timer entry that ran during the away period: the running one, or one stopped since it began. */
export async function timerDuring(repos: Repos, away: { start: number; end: number }, now: number): Promise<EntryRow | null> {
  const running = await repos.entries.running();
  if (running && awayWithin(running, away, now)) return running;
  const candidates = await repos.entries.listRange(Math.max(0, away.start - DAY_MS), away.end);
  return candidates.filter((e) => e.source === 'timer' && e.end !== null && awayWithin(e, away, now)).sort((a, b) => b.start - a.start)[0] ?? null;
}
