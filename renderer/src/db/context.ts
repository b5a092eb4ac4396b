// What every repository is built from. Clock and id source are injected so tests are deterministic.
import type { TrackNexusDb } from './database';
import type { AuditAction, AuditActor, AuditEntityType, EntryRow } from './schema';

/** Fired after a transaction has committed ("commit first, then emit"), never before or on rollback. */
export interface ChangeEvent {
  entityType: AuditEntityType | 'segment' | 'awayPeriod' | 'rule';
  ids: string[];
  action: string;
}

/** One entry row written, as the audit log and the sync outbox see it. */
export interface EntryChange {
  before: EntryRow | null;
  after: EntryRow;
  action: AuditAction;
  actor: AuditActor;
  at: number;
  /** Why, for the audit row, when the change was not the user's own. */
  note?: string;
}

/**
 * Extra writes that must commit with every entry change ("entry + outbox row + audit row in one
 * transaction"): the sync issue registers its outbox here instead of editing the entries repository.
 * `tables` join the transaction; `write` runs inside it, and throwing rolls the change back.
 */
export interface EntryWriteHook {
  tables: string[];
  write: (changes: EntryChange[]) => Promise<void>;
}

export interface RepoContext {
  db: TrackNexusDb;
  now: () => number;
  newId: () => string;
  onCommitted: (change: ChangeEvent) => void;
  entryWriteHook?: EntryWriteHook;
}

export interface RepoOptions {
  now?: () => number;
  newId?: () => string;
  onCommitted?: (change: ChangeEvent) => void;
  entryWriteHook?: EntryWriteHook;
}

export function repoContext(db: TrackNexusDb, options: RepoOptions = {}): RepoContext {
  return {
    db,
    now: options.now ?? (() => Date.now()),
    newId: options.newId ?? (() => crypto.randomUUID()),
    onCommitted: options.onCommitted ?? (() => {}),
    ...(options.entryWriteHook ? { entryWriteHook: options.entryWriteHook } : {}),
  };
}
