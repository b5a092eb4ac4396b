// Appends audit rows. Callers are repositories, inside the same transaction as the change they record,
// so a change and its audit row commit or roll back together.
import type { RepoContext } from '../context';
import type { AuditAction, AuditActor, AuditEntityType, AuditRow } from '../schema';

export interface AuditChange<T> {
  entityType: AuditEntityType;
  entityId: string;
  action: AuditAction;
  actor: AuditActor;
  before: T | null;
  after: T | null;
  version?: number | null;
  note?: string;
}

export function auditRow<T>(ctx: RepoContext, change: AuditChange<T>, at = ctx.now()): AuditRow {
  return {
    entityType: change.entityType,
    entityId: change.entityId,
    action: change.action,
    at,
    actor: change.actor,
    before: change.before,
    after: change.after,
    version: change.version ?? null,
    ...(change.note ? { note: change.note } : {}),
  };
}
