// What every repository is built from. Clock and id source are injected so tests are deterministic.
// Screens learn about changes from Dexie's live queries, which see a write only once it has committed.
import type { TrackNexusDb } from './database';
import type { AuditAction, AuditActor, EntryRow } from './schema';

/** One entry row written, as the audit log and the QuickBooks planning see it. */
export interface EntryChange {
  before: EntryRow | null;
  after: EntryRow;
  action: AuditAction;
  actor: AuditActor;
  at: number;
  /** Why, for the audit row, when the change was not the user's own. */
  note?: string;
}

export interface RepoContext {
  db: TrackNexusDb;
  now: () => number;
  newId: () => string;
}

export interface RepoOptions {
  now?: () => number;
  newId?: () => string;
}

export function repoContext(db: TrackNexusDb, options: RepoOptions = {}): RepoContext {
  return {
    db,
    now: options.now ?? (() => Date.now()),
    newId: options.newId ?? (() => crypto.randomUUID()),
  };
}
