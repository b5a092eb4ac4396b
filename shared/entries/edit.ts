// Editing rules. Once an entry is approved it is part of what the client agreed to pay for, so it
// (and anything later: synced, invoiced, paid) is locked. Every accepted edit bumps `version`.
import { validateEntry, type EntryIssue, type TimeEntry } from './entry';

export type EditCheck = { ok: true } | { ok: false; reason: string };
export type EditResult = { ok: true; entry: TimeEntry } | { ok: false; reason: string; issues?: EntryIssue[] };

const LOCK_REASONS: Partial<Record<TimeEntry['status'], string>> = {
  approved: 'This entry is approved and locked. Reopen it to make changes.',
  synced: 'This entry has been sent to QuickBooks and is locked.',
  invoiced: 'This entry is on an invoice and is locked.',
  paid: 'This entry is on a paid invoice and is locked.',
};

export function canEdit(entry: TimeEntry): EditCheck {
  if (entry.deletedAt != null) return { ok: false, reason: 'This entry has been deleted.' };
  const reason = LOCK_REASONS[entry.status];
  return reason ? { ok: false, reason } : { ok: true };
}

/** Fields an edit may change; identity and bookkeeping fields are managed here. */
export type EntryPatch = Partial<Omit<TimeEntry, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'importKey' | 'deletedAt' | 'status'>>;

/** Applies a patch if the entry is editable and the result is valid, bumping version and updatedAt. */
export function editEntry(entry: TimeEntry, patch: EntryPatch, now: number): EditResult {
  const check = canEdit(entry);
  if (!check.ok) return check;
  const next: TimeEntry = { ...entry, ...patch, version: entry.version + 1, updatedAt: now };
  const issues = validateEntry(next);
  return issues.length > 0 ? { ok: false, reason: issues[0]!.message, issues } : { ok: true, entry: next };
}
