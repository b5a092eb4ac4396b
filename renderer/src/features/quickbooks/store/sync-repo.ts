// The QuickBooks sync's storage, as the screens and the engine see it (`repos.sync`): the sync
// settings, planning (planner.ts), the engine's outbox and batch plans (outbox-store.ts), and the
// reconciliation's writes and conflicts (reconcile-store.ts). Entries themselves change only through
// `repos.entries`, which plans their QuickBooks change in the same transaction.
import type { RepoContext } from '../../../db/context';
import type { ClientsRepo } from '../../../db/repos/clients-repo';
import type { EntriesRepo } from '../../../db/repos/entries-repo';
import type { ProjectsRepo } from '../../../db/repos/projects-repo';
import type { TasksRepo } from '../../../db/repos/tasks-repo';
import type { ProjectRow } from '../../../db/schema';
import { PRIMARY_COMPANY } from '../../../../../shared/qbo/company';
import { writeTx } from '../../../db/tx';
import type { QboMirrorRepo } from './mirror-repo';
import { createOutboxStore } from './outbox-store';
import { planningTables, type Planner, type PlanSummary } from './planner';
import { createReconcileStore } from './reconcile-store';
import type { SyncContextReader, SyncSettings } from './sync-context';


interface CatalogRepos {
  clients: ClientsRepo;
  projects: ProjectsRepo;
  tasks: TasksRepo;
}

export function createSyncRepo(ctx: RepoContext, deps: { entries: EntriesRepo; planner: Planner; reader: SyncContextReader; mirror: QboMirrorRepo; catalog: CatalogRepos }) {
  const { planner, reader, catalog } = deps;

  /** The projects that go where a client goes: its own, except those given a company of their own. */
  async function followers(target: { clientId: string } | { projectId: string }): Promise<ProjectRow[]> {
    if ('projectId' in target) return [await catalog.projects.get(target.projectId)].filter((p): p is ProjectRow => p !== undefined);
    return (await catalog.projects.listForClient(target.clientId, { includeArchived: true })).filter((p) => p.qboCompanyId === undefined);
  }

  /**
   * Moves a client (with the projects that follow it) or one project to another QuickBooks company.
   * Their links point into the old company's lists, so they are cleared (customer, service item,
   * class, the tasks' items). Time QuickBooks holds moves too, in the same transaction: its delete
   * in the old company is planned (the caller asked the user first: `syncedTimeIn`), and it is
   * created in the new company once the projects are linked there.
   */
  async function moveToCompany(target: { clientId: string } | { projectId: string }, companyId: string | null): Promise<PlanSummary> {
    const { plan } = await deps.entries.transaction([ctx.db.audit], async (tx) => {
      const projects = await followers(target);
      // A client always has a company; a project given null follows its client again.
      if ('clientId' in target) await catalog.clients.update(target.clientId, { qboCompanyId: companyId ?? PRIMARY_COMPANY });
      for (const p of projects) {
        const own = 'projectId' in target ? { qboCompanyId: companyId ?? undefined } : {};
        await catalog.projects.update(p.id, { ...own, qboCustomerId: null, qboItemId: null, qboClassId: null });
        for (const t of await catalog.tasks.listForProject(p.id, { includeArchived: true })) if (t.qboItemId) await catalog.tasks.update(t.id, { qboItemId: null });
      }
      await deps.entries.resendElsewhereInTx(tx, await planner.pushableOfProjects(tx.db, projects.map((p) => p.id)), 'Moved to another QuickBooks company');
    });
    return plan;
  }

  /** How many entries of what would move QuickBooks holds now (moving deletes them from their company). */
  async function syncedTimeIn(target: { clientId: string } | { projectId: string }): Promise<number> {
    const ids = new Set((await followers(target)).map((p) => p.id));
    const records = await ctx.db.syncRecords.toArray();
    const entries = await ctx.db.entries.bulkGet([...new Set(records.flatMap((r) => r.entryIds))]);
    return entries.filter((e) => e?.projectId && ids.has(e.projectId)).length;
  }

  /**
   * Saves the sync settings. A change to the aggregated projects re-plans those projects' approved
   * and synced entries in the same transaction: their time moves between per-entry and per-day
   * TimeActivities, so the old ones are deleted (or updated) and the new ones created.
   */
  async function saveSettings(patch: Partial<SyncSettings>): Promise<SyncSettings> {
    const previous = await reader.settings();
    const next = { ...previous, ...patch };
    const before = new Set(previous.aggregateProjectIds);
    const after = new Set(next.aggregateProjectIds);
    const toggled = new Set([...before, ...after].filter((id) => before.has(id) !== after.has(id)));
    if (toggled.size === 0) {
      await deps.mirror.setState('syncSettings', next);
      return next;
    }
    // Planned with the settings being saved (aggregation and, if it changes too, the template).
    const sc = await reader.loadContexts(next);
    await writeTx(ctx.db, planningTables(ctx.db), async (tx) => {
      await tx.qboState.put({ key: 'syncSettings', value: next, updatedAt: ctx.now() });
      await planner.planInTx(tx, await planner.pushableOfProjects(tx, toggled), sc);
    });
    return next;
  }

  return {
    settings: reader.settings,
    saveSettings,
    moveToCompany,
    syncedTimeIn,
    loadContext: reader.loadContext,
    ids: planner.ids,
    preview: planner.preview,
    planApproved: planner.planApproved,
    retryFailed: planner.retryFailed,
    pushableEntries: planner.pushableEntries,
    ...createOutboxStore(ctx, { entries: deps.entries, ids: planner.ids }),
    ...createReconcileStore(ctx, { entries: deps.entries, reader }),
  };
}
