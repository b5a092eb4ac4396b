// The time entry, as stored and passed over IPC, and the checks every writer runs before saving.
import { z } from 'zod';
import { formatDuration } from '../time/duration';
import { isValidZone } from '../time/zone';

const instant = z.number().int().nonnegative();

/** The billing path, in order: an entry only moves forward along it (QuickBooks winning a conflict aside). */
const ENTRY_STATUSES = ['draft', 'approved', 'synced', 'invoiced', 'paid'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];
/** How far along the billing path a status is (draft 0 … paid 4). */
export const statusRank = (status: EntryStatus): number => ENTRY_STATUSES.indexOf(status);
/** Statuses whose time QuickBooks is meant to hold: approved (on its way) and synced. */
export const PUSHABLE_STATUSES: ReadonlySet<EntryStatus> = new Set(['approved', 'synced']);
/** Not deleted (neither in the trash nor merged away). */
export const isLive = (entry: { deletedAt?: number | null | undefined }): boolean => entry.deletedAt == null;

const TimeEntrySchema = z.object({
  id: z.string().min(1),
  projectId: z.string().nullable(),
  taskId: z.string().nullable(),
  description: z.string(),
  start: instant,
  /** null while the timer is running. */
  end: instant.nullable(),
  /** The IANA zone the entry was recorded in; local dates are derived with it. */
  zone: z.string(),
  source: z.enum(['timer', 'manual', 'activity', 'import']),
  billable: z.boolean(),
  status: z.enum(ENTRY_STATUSES),
  /** Bumped on every edit, for optimistic concurrency with sync. */
  version: z.number().int().positive(),
  createdAt: instant,
  updatedAt: instant,
  /** Hash of the imported source row, so re-importing a file can skip what is already here. */
  importKey: z.string().optional(),
  /** Labels from an imported file (Toggl and Clockify tags), kept and shown. */
  tags: z.array(z.string()).optional(),
  /**
   * What an imported row said that our own fields do not hold, kept as it was: whose time it
   * was, its money in the file's currency (minor units) and its status there.
   */
  imported: z
    .object({
      person: z.string().nullable(),
      currency: z.string().nullable(),
      rateMinor: z.number().int().nullable(),
      amountMinor: z.number().int().nullable(),
      costRateMinor: z.number().int().nullable(),
      status: z.enum(['invoiced', 'approved']).nullable(),
    })
    .optional(),
  deletedAt: instant.nullable().optional(),
});
export type TimeEntry = z.infer<typeof TimeEntrySchema>;

export interface EntryIssue {
  field: string;
  message: string;
}

/**
 * The one limit on a description, everywhere it is typed, imported or sent: QuickBooks' own for a
 * TimeActivity Description (../shared/docs/qbo-api.md). Text over it is refused with this message,
 * never cut silently.
 */
export const MAX_DESCRIPTION_LENGTH = 4000;

export function descriptionTooLong(description: string): string | null {
  if (description.length <= MAX_DESCRIPTION_LENGTH) return null;
  const n = (x: number) => x.toLocaleString('en-US');
  return `The description is ${n(description.length)} characters long; QuickBooks keeps at most ${n(MAX_DESCRIPTION_LENGTH)}. Shorten it by ${n(description.length - MAX_DESCRIPTION_LENGTH)}.`;
}

/** Longest entry we accept: beyond this it is almost always a timer left running overnight. */
export const MAX_ENTRY_MS = 24 * 60 * 60 * 1000;

/**
 * Problems that would stop the entry being saved, as messages for the person editing it.
 * Empty when the entry is valid. With `now`, a running timer older than 24 h is reported too.
 */
export function validateEntry(value: unknown, options: { now?: number } = {}): EntryIssue[] {
  const parsed = TimeEntrySchema.safeParse(value);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || 'entry', message: issue.message }));
  }
  const e = parsed.data;
  const issues: EntryIssue[] = [];
  if (!isValidZone(e.zone)) issues.push({ field: 'zone', message: `"${e.zone}" is not a known time zone.` });
  if (e.end !== null) {
    // A zero-length entry is kept only from another tracker's file, where it records that the row
    // existed (the person importing chose to keep them); typed or timed time must last.
    if (e.end < e.start || (e.end === e.start && e.source !== 'import')) issues.push({ field: 'end', message: 'The end must be after the start.' });
    else if (e.end - e.start > MAX_ENTRY_MS) {
      issues.push({ field: 'end', message: `An entry can be at most 24 hours long; this one is ${formatDuration(e.end - e.start)}.` });
    }
  } else if (options.now !== undefined && options.now - e.start > MAX_ENTRY_MS) {
    issues.push({ field: 'end', message: 'This timer has been running for more than 24 hours. Stop it and check the time.' });
  }
  const tooLong = descriptionTooLong(e.description);
  if (tooLong) issues.push({ field: 'description', message: tooLong });
  if (e.updatedAt < e.createdAt) issues.push({ field: 'updatedAt', message: 'The entry was updated before it was created.' });
  return issues;
}
