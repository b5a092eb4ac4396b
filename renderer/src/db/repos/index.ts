// All repositories over one database. Screens get this object (e.g. from a React context) and read
// with useLiveQuery(() => repos.views.loadDay(date, zone), [date, zone]).
import type { TrackNexusDb } from '../database';
import { repoContext, type RepoOptions } from '../context';
import { createAuditRepo } from './audit-repo';
import { createClientsRepo } from './clients-repo';
import { createEntriesRepo } from './entries-repo';
import { createMatcherRepo } from './matcher-repo';
import { createReviewRepo } from './review-repo';
import { createProjectsRepo } from './projects-repo';
import { PRIMARY_COMPANY } from '../../../../shared/qbo/company';
import { createExpenseStore } from '../../features/expenses/store/expense-store';
import { createInvoiceStore } from '../../features/invoices/store/invoice-store';
import { createPaymentStore } from '../../features/invoices/store/payment-store';
import { createReportStore } from '../../features/reports/store/report-store';
import { createQboMirrorRepo, type QboMirrorRepo } from '../../features/quickbooks/store/mirror-repo';
import { createPlanner } from '../../features/quickbooks/store/planner';
import { createSyncContextReader } from '../../features/quickbooks/store/sync-context';
import { createSyncRepo } from '../../features/quickbooks/store/sync-repo';
import { createRatesRepo } from './rates-repo';
import { createSegmentsRepo } from './segments-repo';
import { createSettingsRepo } from './settings-repo';
import { createTasksRepo } from './tasks-repo';
import { createTrashRepo } from './trash-repo';
import { createViewsRepo } from './views-repo';
import { createBackupStore } from '../../features/backup/backup-store';

export function createRepos(db: TrackNexusDb, options: RepoOptions = {}) {
  const ctx = repoContext(db, options);
  const settings = createSettingsRepo(ctx);
  // One mirror per QuickBooks company; the primary one also keeps the workspace's QuickBooks state.
  const mirrors = new Map<string, QboMirrorRepo>();
  const mirrorOf = (companyId: string): QboMirrorRepo => {
    let mirror = mirrors.get(companyId);
    if (!mirror) mirrors.set(companyId, (mirror = createQboMirrorRepo(ctx, companyId)));
    return mirror;
  };
  const qboMirror = mirrorOf(PRIMARY_COMPANY);
  const reader = createSyncContextReader(db, { settings, mirrorOf });
  const planner = createPlanner(ctx, reader);
  // The one door for entry changes: every write plans its QuickBooks change in its own transaction.
  const entries = createEntriesRepo(ctx, planner);
  const segments = createSegmentsRepo(ctx);
  const matcher = createMatcherRepo(ctx);
  const catalog = {
    clients: createClientsRepo(ctx),
    projects: createProjectsRepo(ctx, async () => ({ currency: await settings.get('currency') })),
    tasks: createTasksRepo(ctx),
  };
  return {
    entries,
    ...catalog,
    rates: createRatesRepo(ctx),
    settings,
    segments,
    audit: createAuditRepo(ctx),
    views: createViewsRepo(ctx),
    matcher,
    review: createReviewRepo(ctx, { entries, segments, matcher }),
    qboMirror,
    mirrorOf,
    sync: createSyncRepo(ctx, { entries, planner, reader, mirror: qboMirror, catalog }),
    trash: createTrashRepo(ctx, { entries }),
    invoices: createInvoiceStore(ctx, entries),
    payments: createPaymentStore(ctx),
    expenses: createExpenseStore(ctx),
    reports: createReportStore(ctx),
    backup: createBackupStore(db, ctx.now),
  };
}

export type Repos = ReturnType<typeof createRepos>;
export type { RepoOptions, EntryChange } from '../context';
export { heldInQbo } from '../entry-rules';
export * from './entries-repo';
export type { NewClient } from './clients-repo';
export type { NewProject, ProjectPatch } from './projects-repo';
export type { NewRateCard } from './rates-repo';
export { settingSchemas, defaultSetting, type SettingKey, type Settings } from './settings-repo';
export type { UpsertResult } from './segments-repo';
export type { AuditPage, AuditExportRow } from './audit-repo';
export type * from './views-repo';
export { InvalidRuleError, type RuleInput } from './matcher-repo';
export { UndoRefusedError, type AcceptInput, type DayDecision, type Decision, type ReviewedSegment } from './review-repo';
