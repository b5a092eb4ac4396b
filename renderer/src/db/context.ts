// What every repository is built from. Clock and id source are injected so tests are deterministic.
import type { TrackNexusDb } from './database';
import type { AuditEntityType } from './schema';

/** Fired after a transaction has committed ("commit first, then emit"), never before or on rollback. */
export interface ChangeEvent {
  entityType: AuditEntityType | 'segment' | 'awayPeriod' | 'rule';
  ids: string[];
  action: string;
}

export interface RepoContext {
  db: TrackNexusDb;
  now: () => number;
  newId: () => string;
  onCommitted: (change: ChangeEvent) => void;
}

export interface RepoOptions {
  now?: () => number;
  newId?: () => string;
  onCommitted?: (change: ChangeEvent) => void;
}

export function repoContext(db: TrackNexusDb, options: RepoOptions = {}): RepoContext {
  return {
    db,
    now: options.now ?? (() => Date.now()),
    newId: options.newId ?? (() => crypto.randomUUID()),
    onCommitted: options.onCommitted ?? (() => {}),
  };
}
