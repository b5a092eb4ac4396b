// The sync configuration and what planning reads before it plans: the user's sync settings (kept in
// qboState under 'syncSettings') and the projects' QuickBooks mapping, rates, rounding, the mirror
// and the company's preferences. Reads only; planning (planner.ts) and the settings screen use it.
//
// Per company: each project's time goes to one QuickBooks company (the project's own, else its
// client's, else the primary one), and a company's context holds only its projects, its mirror,
// its worker and its preferences. Planning reads every company's context at once (an edit can move
// time from one company to another); the engine and the screens read the one they concern.
import type { TransformContext, WorkerMapping } from '../../../../../shared/qbo/transform';
import type { QboMirror, QboPreferences } from '../../../../../shared/qbo/types';
import type { RateRecord } from '../../../../../shared/rates/resolve';
import type { ConflictRule } from '../../../../../shared/sync/reconcile';
import type { TrackNexusDb } from '../../../db/database';
import type { SettingsRepo } from '../../../db/repos/settings-repo';
import { PRIMARY_COMPANY } from '../../../../../shared/qbo/company';
import type { ClientRow, ProjectRow, RateCardRow } from '../../../db/schema';
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

/** Everything planning needs for one company: configuration, not data. */
export interface SyncContext {
  companyId: string;
  /** Only the company's projects (with their company in `qbo.companyId`). */
  transform: TransformContext;
  mirror: QboMirror;
  prefs: QboPreferences;
  settings: SyncSettings;
}

/** Tables the context is read from: a write transaction that plans inside itself includes them. */
export const contextTables = (db: TrackNexusDb) => [db.projects, db.tasks, db.clients, db.rateCards, db.settings, db.qboState, db.qboEntities];

/** Every company's context, by company id: planning's view (the primary one is always there). */
export type SyncContexts = ReadonlyMap<string, SyncContext>;

/** The company a project's time goes to: its own, else its client's, else the primary one. */
export function companyOfProject(project: Pick<ProjectRow, 'clientId' | 'qboCompanyId'>, clients: ReadonlyMap<string, Pick<ClientRow, 'qboCompanyId'>>): string {
  return project.qboCompanyId ?? (project.clientId ? clients.get(project.clientId)?.qboCompanyId : undefined) ?? PRIMARY_COMPANY;
}

/**
 * Whether an entry's time belongs to this company: its project is one of the company's, and time
 * without a project is the primary company's (its pre-flight says what is missing).
 */
export function belongsTo(sc: SyncContext): (e: { projectId: string | null }) => boolean {
  const ours = new Set(sc.transform.projects.map((p) => p.id));
  return (e) => (e.projectId === null ? sc.companyId === PRIMARY_COMPANY : ours.has(e.projectId));
}

/** The workspace's rates as resolveRate reads them: the rate cards, and projects' own rate fields. */
export function rateRecords(cards: readonly RateCardRow[], projects: readonly ProjectRow[]): RateRecord[] {
  const rates: RateRecord[] = cards.map((c) => ({ scope: c.scope, scopeId: c.scope === 'default' ? null : c.scopeId, rateMinor: c.rateMinor, currency: c.currency, effectiveFrom: c.effectiveFrom }));
  // A project's own rate field is its rate from the beginning, unless it has effective-dated cards.
  for (const p of projects) {
    if (p.rateMinor !== null && !cards.some((c) => c.scope === 'project' && c.scopeId === p.id)) {
      rates.push({ scope: 'project', scopeId: p.id, rateMinor: p.rateMinor, currency: p.currency, effectiveFrom: '1970-01-01' });
    }
  }
  return rates;
}

export function createSyncContextReader(db: TrackNexusDb, deps: { settings: SettingsRepo; mirrorOf: (companyId: string) => QboMirrorRepo }) {
  const mirrorRepo = deps.mirrorOf(PRIMARY_COMPANY);

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
    const clientById = new Map(clients.map((c) => [c.id, c]));
    const rates = rateRecords(cards, projects);
    return {
      projects: projects.map((p) => ({
        id: p.id,
        name: p.name,
        clientId: p.clientId,
        clientName: p.clientId ? (clientName.get(p.clientId) ?? null) : null,
        billable: p.billable,
        rounding: p.rounding,
        qbo: { qboCustomerId: p.qboCustomerId, qboItemId: p.qboItemId, qboClassId: p.qboClassId, aggregate: false, companyId: companyOfProject(p, clientById) },
      })),
      tasks: tasks.map((t) => ({ id: t.id, projectId: t.projectId, name: t.name, qboItemId: t.qboItemId })),
      rates,
      workspaceRounding: rounding,
      currency,
    };
  }

  /** One company's context from the workspace's transform base and settings. */
  async function contextOf(companyId: string, base: Omit<TransformContext, 'worker' | 'descriptionTemplate'>, s: SyncSettings): Promise<SyncContext> {
    const mirrorOfCompany = deps.mirrorOf(companyId);
    const [worker, prefs, mirror] = await Promise.all([
      mirrorOfCompany.getState<WorkerMapping | null>('worker'),
      mirrorOfCompany.preferences(),
      mirrorOfCompany.mirror(),
    ]);
    const aggregate = new Set(s.aggregateProjectIds);
    const currency = prefs.CurrencyPrefs?.HomeCurrency?.value ?? base.currency;
    const transform: TransformContext = {
      ...base,
      projects: base.projects.filter((p) => p.qbo.companyId === companyId).map((p) => ({ ...p, qbo: { ...p.qbo, aggregate: aggregate.has(p.id) } })),
      worker: worker ?? null,
      currency,
      ...(s.descriptionTemplate !== undefined ? { descriptionTemplate: s.descriptionTemplate } : {}),
    };
    return { companyId, transform, mirror, prefs, settings: s };
  }

  /** What the engine and the screens read for one company: its transform context, mirror, preferences, settings. */
  async function loadContext(companyId: string): Promise<SyncContext> {
    const [base, s] = await Promise.all([loadTransformBase(), settings()]);
    return contextOf(companyId, base, s);
  }

  /** What planning reads: every company a project maps to, and the primary one. `patch` plans with settings being saved. */
  async function loadContexts(patch?: Partial<SyncSettings>): Promise<SyncContexts> {
    const [base, saved] = await Promise.all([loadTransformBase(), settings()]);
    const s = { ...saved, ...patch };
    const ids = new Set([PRIMARY_COMPANY, ...base.projects.map((p) => p.qbo.companyId ?? PRIMARY_COMPANY)]);
    return new Map(await Promise.all([...ids].map(async (id) => [id, await contextOf(id, base, s)] as const)));
  }

  return { settings, loadContext, loadContexts };
}

export type SyncContextReader = ReturnType<typeof createSyncContextReader>;
