import type { RepoContext } from '../context';
import { NotFoundError } from '../errors';
import type { AuditActor, TaskRow } from '../schema';
import { catalogOps } from './catalog';

export function createTasksRepo(ctx: RepoContext) {
  const ops = catalogOps<TaskRow>(ctx, ctx.db.tasks, 'task');
  return {
    /** The tables a create writes: a caller's transaction that creates tasks inside it includes them. */
    tables: [ctx.db.tasks, ctx.db.audit] as const,
    async create(t: { projectId: string; name: string; qboItemId?: string | null; id?: string }, actor: AuditActor = 'user'): Promise<TaskRow> {
      if (!(await ctx.db.projects.get(t.projectId))) throw new NotFoundError('project', t.projectId);
      return ops.create({ qboItemId: null, ...t }, actor);
    },
    update: (id: string, patch: Partial<Pick<TaskRow, 'name' | 'qboItemId'>>) => ops.update(id, patch),
    archive: (id: string) => ops.update(id, { archived: true }),
    unarchive: (id: string) => ops.update(id, { archived: false }),
    get: ops.get,
    /** Every task, for screens that label many projects at once (review, mapping). */
    list: async (opts: { includeArchived?: boolean } = {}) => (await ops.list(opts)).sort((a, b) => a.name.localeCompare(b.name)),
    async listForProject(projectId: string, opts: { includeArchived?: boolean } = {}): Promise<TaskRow[]> {
      const rows = await ctx.db.tasks.where('projectId').equals(projectId).toArray();
      return rows.filter((r) => opts.includeArchived || !r.archived).sort((a, b) => a.name.localeCompare(b.name));
    },
  };
}

export type TasksRepo = ReturnType<typeof createTasksRepo>;
