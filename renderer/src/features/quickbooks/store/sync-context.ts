// The sync configuration and what planning reads before it plans: the user's sync settings (kept in
// qboState under 'syncSettings') and the projects' QuickBooks mapping, rates, rounding, the mirror
// and the company's preferences. Reads only; planning (planner.ts) and the settings screen use it.
import type { TransformContext, WorkerMapping } from '../../../../../shared/qbo/transform';
import type { QboMirror, QboPreferences } from '../../../../../shared/qbo/types';
import type { RateRecord } from '../../../../../shared/rates/resolve';
import type { ConflictRule } from '../../../../../shared/sync/reconcile';
import type { TrackNexusDb } from '../../../db/database';
import type { SettingsRepo } from '../../../db/repos/settings-repo';
import type { QboMirrorRepo } from './mirror-repo';

export type SyncMode = 'onApproval' | 'interval' | 'hourly' | 'daily' | 'manual';

/** Stored in qboState under 'syncSettings'. */
export interface SyncSettings {
  mode: SyncMode;
  /** For 'interval'. */
  intervalMinutes: number;
  /** For 'daily': local 'HH:mm'. */
  dailyAt: string;
  conflictRule: ConflictRule;
  /** shared/qbo/template.ts syntax; undefined = the default template. */
  descriptionTemplate?: string;
  /** Projects sent as one TimeActivity per project + task + day. */
  aggregateProjectIds: string[];
}

export const DEFAULT_SYNC_SETTINGS: SyncSettings = { mode: 'manual', intervalMinutes: 30, dailyAt: '18:00', conflictRule: 'ask', aggregateProjectIds: [] };

/** Everything planning needs: configuration, not data. */
export interface SyncContext {
  transform: TransformContext;
  mirror: QboMirror;
  prefs: QboPreferences;
  settings: SyncSettings;
}

/** Tables the context is read from: a write transaction that plans inside itself includes them. */
export const contextTables = (db: TrackNexusDb) => [db.projects, db.tasks, db.clients, db.rateCards, db.settings, db.qboState, db.qboEntities];

export function createSyncContextReader(db: TrackNexusDb, deps: { settings: SettingsRepo; mirror: QboMirrorRepo }) {
  const mirrorRepo = deps.mirror;

  /** The user's sync settings, over the defaults. */
  async function settings(): Promise<SyncSettings> {
    return { ...DEFAULT_SYNC_SETTINGS, ...((await mirrorRepo.getState<Partial<SyncSettings>>('syncSettings')) ?? {}) };
  }

  /** Projects' QBO mapping, tasks' items, rates and rounding, as shared/qbo/transform reads them. */
  async function loadTransformBase(): Promise<Omit<TransformContext, 'worker' | 'descriptionTemplate'>> {
    const [projects, tasks, clients, cards, rounding, currency] = await Promise.all([
      db.projects.toArray(),
      db.tasks.toArray(),
      db.clients.toArray(),
      db.rateCards.toArray(),
      deps.settings.get('rounding'),
      deps.settings.get('currency'),
    ]);
    const clientName = new Map(clients.map((c) => [c.id, c.name]));
    const rates: RateRecord[] = cards.map((c) => ({ scope: c.scope, scopeId: c.scope === 'default' ? null : c.scopeId, rateMinor: c.rateMinor, currency: c.currency, effectiveFrom: c.effectiveFrom }));
    // A project's own rate field is its rate from the beginning, unless it has effective-dated cards.
    for (const p of projects) {
      if (p.rateMinor !== null && !cards.some((c) => c.scope === 'project' && c.scopeId === p.id)) {
        rates.push({ scope: 'project', scopeId: p.id, rateMinor: p.rateMinor, currency: p.currency, effectiveFrom: '1970-01-01' });
      }
    }
    return {
      projects: projects.map((p) => ({
        id: p.id,
        name: p.name,
        clientId: p.clientId,
        clientName: p.clientId ? (clientName.get(p.clientId) ?? null) : null,
        billable: p.billable,
        rounding: p.rounding,
        qbo: { qboCustomerId: p.qboCustomerId, qboItemId: p.qboItemId, qboClassId: p.qboClassId, aggregate: false },
      })),
      tasks: tasks.map((t) => ({ id: t.id, projectId: t.projectId, name: t.name, qboItemId: t.qboItemId })),
      rates,
      workspaceRounding: rounding,
      currency,
    };
  }

  /** What planning reads: the transform context (with aggregation and template applied), mirror, preferences, settings. */
  async function loadContext(): Promise<SyncContext> {
    const [base, s, worker, prefs, mirror] = await Promise.all([
      loadTransformBase(),
      settings(),
      mirrorRepo.getState<WorkerMapping | null>('worker'),
      mirrorRepo.preferences(),
      mirrorRepo.mirror(),
    ]);
    const aggregate = new Set(s.aggregateProjectIds);
    const currency = prefs.CurrencyPrefs?.HomeCurrency?.value ?? base.currency;
    const transform: TransformContext = {
      ...base,
      projects: base.projects.map((p) => ({ ...p, qbo: { ...p.qbo, aggregate: aggregate.has(p.id) } })),
      worker: worker ?? null,
      currency,
      ...(s.descriptionTemplate !== undefined ? { descriptionTemplate: s.descriptionTemplate } : {}),
    };
    return { transform, mirror, prefs, settings: s };
  }

  return { settings, loadContext };
}

export type SyncContextReader = ReturnType<typeof createSyncContextReader>;
