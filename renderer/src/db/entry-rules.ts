// Pure rules on entries the repository applies before writing. They stand in for shared/entries until
// that module lands (then these become thin re-exports or calls into it).
import { isValidZone } from '../../../shared/time/zone';
import type { EntryStatus, TimeEntry } from './schema';

const MAX_DESCRIPTION = 2000;

/** Problems with an entry's own fields; empty when it can be stored. */
export function entryProblems(e: TimeEntry): string[] {
  const problems: string[] = [];
  if (!Number.isSafeInteger(e.start) || e.start < 0) problems.push('start must be an instant (epoch ms)');
  if (e.end !== null && (!Number.isSafeInteger(e.end) || e.end < e.start)) problems.push('end must not be before start');
  if (!isValidZone(e.zone)) problems.push(`unknown time zone "${e.zone}"`);
  if (e.description.length > MAX_DESCRIPTION) problems.push(`description is longer than ${MAX_DESCRIPTION} characters`);
  if (e.importKey !== undefined && e.importKey === '') problems.push('importKey must not be empty');
  return problems;
}

/** Statuses that need the user's confirmation to edit. */
const CONFIRM_TO_EDIT: ReadonlySet<EntryStatus> = new Set(['approved', 'synced']);
/** Statuses whose time is on an invoice: editing would silently change what was billed. */
const FROZEN: ReadonlySet<EntryStatus> = new Set(['invoiced', 'paid']);

export type EditPermission = 'free' | 'confirm' | 'frozen';

export function editPermission(status: EntryStatus): EditPermission {
  if (FROZEN.has(status)) return 'frozen';
  if (CONFIRM_TO_EDIT.has(status)) return 'confirm';
  return 'free';
}

/**
 * Status after a confirmed edit of a locked entry. The edit invalidates the approval (the user approved
 * different numbers), so it returns to draft unless the caller says the user re-approved in the same
 * step (`keepApproved`). A synced entry that keeps its approval becomes 'approved' again: the edited
 * version has not been synced yet.
 */
export function statusAfterEdit(status: EntryStatus, keepApproved: boolean): EntryStatus {
  if (editPermission(status) === 'free') return status;
  return keepApproved ? 'approved' : 'draft';
}

/** Cuts a stopped entry at `at` (strictly inside it). The first part keeps the id. */
export function splitTimes(e: Pick<TimeEntry, 'start' | 'end'>, at: number): [{ start: number; end: number }, { start: number; end: number }] {
  if (e.end === null) throw new RangeError('A running entry cannot be split; stop it first');
  if (!(at > e.start && at < e.end)) throw new RangeError('The split point must lie inside the entry');
  return [
    { start: e.start, end: at },
    { start: at, end: e.end },
  ];
}

/** Gaps up to this long are absorbed by a merge; longer ones would add time nobody recorded. */
export const MERGE_GAP_TOLERANCE_MS = 5 * 60_000;

/** The span a merge produces, or a reason it is refused. Entries must be stopped and on one project. */
export function mergePlan(
  entries: readonly TimeEntry[],
  gapToleranceMs = MERGE_GAP_TOLERANCE_MS,
): { ok: true; start: number; end: number; description: string; keep: TimeEntry; absorbed: TimeEntry[] } | { ok: false; reason: string } {
  if (entries.length < 2) return { ok: false, reason: 'Select at least two entries to merge' };
  if (entries.some((e) => e.end === null)) return { ok: false, reason: 'A running entry cannot be merged; stop it first' };
  const projects = new Set(entries.map((e) => e.projectId));
  if (projects.size > 1) return { ok: false, reason: 'Only entries of the same project can be merged' };
  const sorted = [...entries].sort((a, b) => a.start - b.start);
  let reach = sorted[0]!.end!;
  for (const e of sorted.slice(1)) {
    if (e.start - reach > gapToleranceMs) return { ok: false, reason: 'The entries are too far apart to merge' };
    reach = Math.max(reach, e.end!);
  }
  const descriptions = [...new Set(sorted.map((e) => e.description.trim()).filter((d) => d !== ''))];
  const [keep, ...absorbed] = sorted;
  return { ok: true, start: keep!.start, end: reach, description: descriptions.join('; '), keep: keep!, absorbed };
}
