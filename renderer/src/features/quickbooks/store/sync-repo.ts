// The QuickBooks sync's storage, as the screens and the engine see it (`repos.sync`): the sync
// settings, planning (planner.ts), the engine's outbox and batch plans (outbox-store.ts), and the
// reconciliation's writes and conflicts (reconcile-store.ts). Entries themselves change only through
// `repos.entries`, which plans their QuickBooks change in the same transaction.
import type { RepoContext } from '../../../db/context';
import type { EntriesRepo } from '../../../db/repos/entries-repo';
import { writeTx } from '../../../db/tx';
import type { QboMirrorRepo } from './mirror-repo';
import { createOutboxStore } from './outbox-store';
import { planningTables, type Planner } from './planner';
import { createReconcileStore } from './reconcile-store';
import type { SyncContext, SyncContextReader, SyncSettings } from './sync-context';


export function createSyncRepo(ctx: RepoContext, deps: { entries: EntriesRepo; planner: Planner; reader: SyncContextReader; mirror: QboMirrorRepo }) {
  const { planner, reader } = deps;

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
    const base = await reader.loadContext();
    const { descriptionTemplate: _old, ...transform } = base.transform;
    const sc: SyncContext = {
      ...base,
      settings: next,
      transform: {
        ...transform,
        ...(next.descriptionTemplate !== undefined ? { descriptionTemplate: next.descriptionTemplate } : {}),
        projects: base.transform.projects.map((p) => ({ ...p, qbo: { ...p.qbo, aggregate: after.has(p.id) } })),
      },
    };
    await writeTx(ctx.db, planningTables(ctx.db), async (tx) => {
      await tx.qboState.put({ key: 'syncSettings', value: next, updatedAt: ctx.now() });
      await planner.planInTx(tx, await planner.pushableOfProjects(tx, toggled), sc);
    });
    return next;
  }

  return {
    settings: reader.settings,
    saveSettings,
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
