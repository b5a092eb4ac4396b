// The reconciliation pass. TimeActivity is not in CDC, so we query the synced TxnDate range (the
// port pages with STARTPOSITION offsets), compare it with the sync records (what we last sent),
// confirm apparent deletions by reading each Id, and resolve changes made in QuickBooks by the
// configured rule: tracker wins, QuickBooks wins, or ask (open rows on the conflicts screen).
// The report compares approved minutes and amounts per customer and day with what QuickBooks holds;
// a correct sync shows zero difference everywhere. The QuickBooks screen runs both over one query.
import { belongsTo } from '../store/sync-context';
import { companyOfName } from '../../../../../shared/qbo/company';
import { approvedLines } from '../../../../../shared/qbo/transform';
import type { QboTimeActivity } from '../../../../../shared/qbo/types';
import { blockedEntryIds, preflight } from '../../../../../shared/sync/preflight';
import { isLocalDate } from '../../../../../shared/time/local-date';
import type { ChangedInQbo, ConflictRule, DeletedInQbo, ReconcileRange, ReconcileResult, ReconciliationRow } from '../../../../../shared/sync/reconcile';
import { reconcile, reconciliationReport, resolveConflicts } from '../../../../../shared/sync/reconcile';
import type { Repos } from '../../../db/repos';
import type { QboPort } from './qbo-port';

export interface ReconcileRunResult {
  range: ReconcileRange | null;
  matched: number;
  changedInQbo: number;
  deletedInQbo: number;
  unknownInQbo: number;
  /** Conflicts put on the ask-list. */
  asked: number;
  /** Rows queued because the tracker won. */
  queued: number;
}

/** All TimeActivities in the range, as QuickBooks returns them. */
async function queryTimeActivities(port: QboPort, range: ReconcileRange): Promise<QboTimeActivity[]> {
  return port.queryAll('TimeActivity', `TxnDate >= '${range.from}' AND TxnDate <= '${range.to}'`);
}

async function syncedRange(repos: Pick<Repos, 'sync'>, companyId: string): Promise<ReconcileRange | null> {
  const dates = (await repos.sync.records(companyId)).map((r) => r.payload.TxnDate).sort();
  return dates.length ? { from: dates[0]!, to: dates[dates.length - 1]! } : null;
}

/**
 * Compares the sync records of the port's company with what QuickBooks holds over the range
 * (default: that company's synced range) and resolves what changed there by the rule. `activities` is the range's query answer when the
 * caller already has it.
 */
export async function runReconciliation(deps: { repos: Pick<Repos, 'sync'>; port: QboPort; range?: ReconcileRange; rule?: ConflictRule; activities?: QboTimeActivity[] }): Promise<ReconcileRunResult & { result: ReconcileResult | null }> {
  const { repos, port } = deps;
  const { companyId } = port;
  const range = deps.range ?? (await syncedRange(repos, companyId));
  const empty = { range, matched: 0, changedInQbo: 0, deletedInQbo: 0, unknownInQbo: 0, asked: 0, queued: 0, result: null };
  if (!range) return empty;
  const sc = await repos.sync.loadContext(companyId);
  const rule = deps.rule ?? sc.settings.conflictRule;
  const activities = deps.activities ?? (await queryTimeActivities(port, range));
  const records = await repos.sync.records(companyId);
  const result = reconcile(records, activities, range, { worker: sc.transform.worker });
  // A query can miss a row (eventual consistency): confirm each apparent deletion by its Id.
  const deleted: DeletedInQbo[] = [];
  const changed: ChangedInQbo[] = [...result.changedInQbo];
  for (const d of result.deletedInQbo) {
    const current = await port.read('TimeActivity', d.qboId);
    if (!current) deleted.push(d);
    else {
      const again = reconcile([d.record], [current], range).changedInQbo[0];
      if (again) changed.push(again);
    }
  }
  const outbox = await repos.sync.allRows(companyId);
  const resolution = resolveConflicts({ changedInQbo: changed, deletedInQbo: deleted }, rule, { ids: repos.sync.ids, now: Date.now(), outbox });
  await repos.sync.applyReconciliation({
    companyId,
    matched: result.matched,
    resolution,
    conflicts: [...changed.map((item) => ({ kind: 'changedInQbo' as const, item })), ...deleted.map((item) => ({ kind: 'deletedInQbo' as const, item }))],
  });
  return {
    range,
    matched: result.matched.length,
    changedInQbo: changed.length,
    deletedInQbo: deleted.length,
    unknownInQbo: result.unknownInQbo.length,
    asked: resolution.askList.length,
    queued: resolution.outboxRows.length,
    result,
  };
}

/** The conflicts screen: resolve one open conflict with the user's choice. */
export async function resolveConflict(deps: { repos: Pick<Repos, 'sync'> }, conflictId: string, choice: 'tracker' | 'quickbooks'): Promise<void> {
  const { repos } = deps;
  const row = (await repos.sync.conflicts('open')).find((c) => c.id === conflictId);
  // Resolved meanwhile (another window, a reconciliation pass): nothing is left to decide.
  if (!row) throw new RangeError('This conflict was already resolved; the list shows what is still open.');
  const detail = row.detail as { conflict: ChangedInQbo | DeletedInQbo | null };
  if (!detail.conflict) throw new RangeError('This conflict was recorded without what QuickBooks held, so it cannot be resolved here; run Reconcile again to record it anew.');
  const conflicts = row.kind === 'changedInQbo' ? { changedInQbo: [detail.conflict as ChangedInQbo], deletedInQbo: [] } : { changedInQbo: [], deletedInQbo: [detail.conflict as DeletedInQbo] };
  const companyId = companyOfName(row.key);
  const resolution = resolveConflicts(conflicts, choice, { ids: repos.sync.ids, now: Date.now(), outbox: await repos.sync.allRows(companyId) });
  await repos.sync.applyReconciliation({ companyId, matched: [], resolution, conflicts: [], resolvedConflictId: conflictId, resolvedAs: choice });
}

export interface ReportRows {
  range: ReconcileRange | null;
  rows: ReconciliationRow[];
  currency: string;
  /** Entries in the range that pre-flight holds back (not counted: they cannot be in QuickBooks). */
  heldBack: number;
  /** What QuickBooks holds in the range. */
  activities: QboTimeActivity[];
}

/**
 * Approved minutes and amounts per customer and day beside what QuickBooks holds, over the range
 * (default: the synced range). The approved side is what the sync has QuickBooks hold (time in the
 * trash that is still held there included), with the very numbers the payloads carry
 * (shared/qbo/transform's approvedLines), less what pre-flight holds back.
 */
export async function reconciliationReportRun(deps: { repos: Pick<Repos, 'sync' | 'invoices'>; port: QboPort; range?: ReconcileRange }): Promise<ReportRows> {
  const { repos, port } = deps;
  const range = deps.range ?? (await syncedRange(repos, port.companyId));
  const sc = await repos.sync.loadContext(port.companyId);
  const currency = sc.transform.currency;
  if (!range) return { range, rows: [], currency, heldBack: 0, activities: [] };
  const activities = await queryTimeActivities(port, range);
  // The company's own time only.
  const inCompany = belongsTo(sc);
  // Invoiced and paid time was sent like synced time; pre-flight only knows approved and synced.
  const entries = (await repos.sync.pushableEntries(range)).filter(inCompany).map((e) => (e.status === 'invoiced' || e.status === 'paid' ? { ...e, status: 'synced' as const } : e));
  const blocked = blockedEntryIds(preflight(entries, sc.transform, sc.mirror, sc.prefs));
  const lines = approvedLines(entries.filter((e) => !blocked.has(e.id)), sc.transform);
  const invoiced = await deps.repos.invoices.invoicedAmounts(port.companyId, currency);
  const rows = reconciliationReport(lines, activities, { currency, range, worker: sc.transform.worker, invoiced });
  return { range, rows, currency, heldBack: blocked.size, activities };
}

export interface ReportOutcome {
  rows: ReconciliationRow[];
  currency: string;
  heldBack: number;
  /** The reconciliation pass over the same range: changes and deletions made in QuickBooks, resolved by the rule. */
  findings: ReconcileRunResult & { result: ReconcileResult | null };
  rule: ConflictRule;
  activities: number;
}

/**
 * The QuickBooks screen's report for a date range: the comparison above, and the reconciliation
 * pass over the same answer (changes and deletions made in QuickBooks since we sent them, resolved
 * by the configured rule or put on the ask-list of the Conflicts tab).
 */
export async function runReconciliationReport(repos: Pick<Repos, 'sync' | 'invoices'>, port: QboPort, range: ReconcileRange): Promise<ReportOutcome> {
  if (!isLocalDate(range.from) || !isLocalDate(range.to) || range.from > range.to) throw new RangeError('Choose a start date on or before the end date.');
  const report = await reconciliationReportRun({ repos, port, range });
  const findings = await runReconciliation({ repos, port, range, activities: report.activities });
  const rule = (await repos.sync.settings()).conflictRule;
  return { rows: report.rows, currency: report.currency, heldBack: report.heldBack, findings, rule, activities: report.activities.length };
}
