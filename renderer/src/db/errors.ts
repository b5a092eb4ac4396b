// Errors repositories throw for things a user can cause; the UI turns each into a message or a prompt.
import type { EntryStatus } from './schema';

export class NotFoundError extends Error {
  override name = 'NotFoundError';
  constructor(
    readonly entityType: string,
    readonly id: string,
  ) {
    super(`${entityType} ${id} does not exist`);
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
        ? `Entry ${entryId} is ${status}; confirm to edit it`
        : `Entry ${entryId} is ${status} and can no longer be edited`,
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
    super(`Entry ${entryId} is at version ${actual}, not ${expected}`);
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
    super(`A timer is already running (entry ${runningId})`);
  }
}
