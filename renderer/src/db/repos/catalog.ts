// Shared mechanics of the catalog repositories (clients, projects, tasks): audited create/update and
// archive instead of delete, because entries and QuickBooks mappings keep pointing at these rows.
import type { Table } from 'dexie';
import type { RepoContext } from '../context';
import { NotFoundError } from '../errors';
import type { AuditActor, AuditEntityType } from '../schema';
import { auditRow } from './audit-write';

interface CatalogRow {
  id: string;
  archived: boolean;
  createdAt: number;
  updatedAt: number;
}

export function catalogOps<T extends CatalogRow>(ctx: RepoContext, table: Table<T, string>, entityType: AuditEntityType) {
  const { db } = ctx;
  const tx = <R>(fn: () => Promise<R>) => db.transaction('rw', [table, db.audit], fn);

  async function write(before: T | null, after: T, action: 'create' | 'update', actor: AuditActor): Promise<T> {
    await table.put(after);
    await db.audit.add(auditRow(ctx, { entityType, entityId: after.id, action, actor, before, after }, after.updatedAt));
    return after;
  }

  return {
    async create(fields: Omit<T, 'id' | 'archived' | 'createdAt' | 'updatedAt'> & { id?: string }, actor: AuditActor = 'user'): Promise<T> {
      const at = ctx.now();
      const row = { archived: false, ...fields, id: fields.id ?? ctx.newId(), createdAt: at, updatedAt: at } as unknown as T;
      const created = await tx(() => write(null, row, 'create', actor));
      return created;
    },

    async update(id: string, patch: Partial<Omit<T, 'id' | 'createdAt' | 'updatedAt'>>, actor: AuditActor = 'user'): Promise<T> {
      const updated = await tx(async () => {
        const before = await table.get(id);
        if (!before) throw new NotFoundError(entityType, id);
        return write(before, { ...before, ...patch, id, updatedAt: ctx.now() }, 'update', actor);
      });
      return updated;
    },

    get: (id: string): Promise<T | undefined> => table.get(id),

    async list(opts: { includeArchived?: boolean } = {}): Promise<T[]> {
      const rows = await table.toArray();
      return rows.filter((r) => opts.includeArchived || !r.archived);
    },
  };
}
