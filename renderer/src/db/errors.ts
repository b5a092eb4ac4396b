// Errors repositories throw for things a user can cause; the UI turns each into a message or a prompt.
// Their messages are for the person using the app: what happened in their words, never an id or a
// version number (those stay on the error's fields for code and logs).
import type { EntryStatus } from './schema';

/** What the user calls each kind of thing, where it differs from the code's name. */
const WORDS: Record<string, string> = { rateCard: 'rate', awayPeriod: 'away time', segment: 'captured window' };

export class NotFoundError extends Error {
  // Not 'NotFoundError': Dexie takes an error of that name for its own and wraps it, message doubled.
  override name = 'MissingRecordError';
  constructor(
    readonly entityType: string,
    readonly id: string,
  ) {
    super(`This ${WORDS[entityType] ?? entityType} no longer exists; it may have been deleted in the meantime.`);
  }
}

/**
 * The entry is approved (or further along) and the caller did not confirm. `canConfirm` is false for
 * invoiced and paid entries: their time is on an invoice already, so it cannot be edited here at all.
 */
export class LockedEntryError extends Error {
  override name = 'LockedEntryError';
  constructor(
    readonly entryId: string,
    readonly status: EntryStatus,
    readonly canConfirm: boolean,
  ) {
    super(
      canConfirm
        ? `This entry is ${status}; confirm that you want to change it.`
        : `This entry is ${status === 'paid' ? 'paid' : 'on a QuickBooks invoice'} and can no longer be changed here: void the invoice or issue a credit memo in QuickBooks to change it.`,
    );
  }
}

/** Someone else changed the entry since the caller read it (optimistic concurrency on `version`). */
export class VersionConflictError extends Error {
  override name = 'VersionConflictError';
  constructor(
    readonly entryId: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super('This entry was changed elsewhere since you opened it. Close it and open it again to see the latest version.');
  }
}

export class InvalidEntryError extends Error {
  override name = 'InvalidEntryError';
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

/** A second running timer was asked for outside startTimer, which stops the first one itself. */
export class TimerAlreadyRunningError extends Error {
  override name = 'TimerAlreadyRunningError';
  constructor(readonly runningId: string) {
    super('A timer is already running. Stop it first, or choose another project to switch to.');
  }
}
