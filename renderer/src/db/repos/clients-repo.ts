import type { RepoContext } from '../context';
import type { AuditActor, ClientRow } from '../schema';
import { catalogOps } from './catalog';

export type NewClient = { name: string; qboCustomerId?: string | null; id?: string };

export function createClientsRepo(ctx: RepoContext) {
  const ops = catalogOps<ClientRow>(ctx, ctx.db.clients, 'client');
  return {
    /** The tables a create writes: a caller's transaction that creates clients inside it includes them. */
    tables: [ctx.db.clients, ctx.db.audit] as const,
    create: (c: NewClient, actor: AuditActor = 'user') => ops.create({ qboCustomerId: null, ...c }, actor),
    update: (id: string, patch: Partial<Pick<ClientRow, 'name' | 'qboCustomerId' | 'qboCompanyId'>>) => ops.update(id, patch),
    archive: (id: string) => ops.update(id, { archived: true }),
    unarchive: (id: string) => ops.update(id, { archived: false }),
    get: ops.get,
    /** By name; archived clients only when asked. */
    list: async (opts: { includeArchived?: boolean } = {}) =>
      (await ops.list(opts)).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export type ClientsRepo = ReturnType<typeof createClientsRepo>;
