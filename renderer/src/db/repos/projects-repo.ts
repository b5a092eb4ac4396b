import Dexie from 'dexie';
import { isLive } from '../../../../shared/entries/entry';
import type { RepoContext } from '../context';
import type { AuditActor, EntryRow, ProjectRow } from '../schema';
import { catalogOps } from './catalog';

export type NewProject = Pick<ProjectRow, 'name'> &
  Partial<Omit<ProjectRow, 'name' | 'archived' | 'createdAt' | 'updatedAt'>>;

export type ProjectPatch = Partial<Omit<ProjectRow, 'id' | 'createdAt' | 'updatedAt' | 'archived'>>;

export function createProjectsRepo(ctx: RepoContext, defaults: () => Promise<{ currency: string }>) {
  const ops = catalogOps<ProjectRow>(ctx, ctx.db.projects, 'project');
  return {
    /** The tables a create writes: a caller's transaction that creates projects inside it includes them. */
    tables: [ctx.db.projects, ctx.db.audit] as const,
    /** New projects bill in the workspace currency unless told otherwise. */
    async create(p: NewProject, actor: AuditActor = 'user'): Promise<ProjectRow> {
      const { currency } = await defaults();
      return ops.create({
        clientId: null,
        color: '#64748b',
        billable: true,
        defaultTaskId: null,
        rateMinor: null,
        currency,
        rounding: null,
        qboCustomerId: null,
        qboItemId: null,
        qboClassId: null,
        ...p,
      }, actor);
    },
    /** Every field, the billing arrangement and budget too, is written with its audit row. */
    update: (id: string, patch: ProjectPatch) => ops.update(id, patch),
    archive: (id: string) => ops.update(id, { archived: true }),
    unarchive: (id: string) => ops.update(id, { archived: false }),
    get: ops.get,
    list: async (opts: { includeArchived?: boolean } = {}) =>
      (await ops.list(opts)).sort((a, b) => a.name.localeCompare(b.name)),
    async listForClient(clientId: string, opts: { includeArchived?: boolean } = {}): Promise<ProjectRow[]> {
      const rows = await ctx.db.projects.where('clientId').equals(clientId).toArray();
      return rows.filter((r) => opts.includeArchived || !r.archived).sort((a, b) => a.name.localeCompare(b.name));
    },
    /** The project's entries outside the trash, any status, the running one too: what its budget has used. */
    async entriesOf(projectId: string): Promise<EntryRow[]> {
      const rows = await ctx.db.entries.where('[projectId+start]').between([projectId, Dexie.minKey], [projectId, Dexie.maxKey]).toArray();
      return rows.filter(isLive);
    },
  };
}

export type ProjectsRepo = ReturnType<typeof createProjectsRepo>;
