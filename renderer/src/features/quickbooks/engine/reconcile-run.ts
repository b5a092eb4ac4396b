// The reconciliation pass. TimeActivity is not in CDC, so we query the synced TxnDate range (the
// port pages with STARTPOSITION offsets), compare it with the sync records (what we last sent),
// confirm apparent deletions by reading each Id, and resolve changes made in QuickBooks by the
// configured rule: tracker wins, QuickBooks wins, or ask (open rows on the conflicts screen).
// The report compares approved minutes and amounts per customer and day with what QuickBooks holds;
// a correct sync shows zero difference everywhere.
import { approvedLines, TransformError, type ApprovedLine } from '../../../../../shared/qbo/transform';
import type { QboTimeActivity } from '../../../../../shared/qbo/types';
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
  return (await port.queryAll('TimeActivity', `TxnDate >= '${range.from}' AND TxnDate <= '${range.to}'`)) as unknown as QboTimeActivity[];
}

async function syncedRange(repos: Pick<Repos, 'sync'>): Promise<ReconcileRange | null> {
  const dates = (await repos.sync.records()).map((r) => r.payload.TxnDate).sort();
  return dates.length ? { from: dates[0]!, to: dates[dates.length - 1]! } : null;
}

export async function runReconciliation(deps: { repos: Pick<Repos, 'sync'>; port: QboPort; range?: ReconcileRange; rule?: ConflictRule }): Promise<ReconcileRunResult & { result: ReconcileResult | null }> {
  const { repos, port } = deps;
  const range = deps.range ?? (await syncedRange(repos));
  const empty = { range, matched: 0, changedInQbo: 0, deletedInQbo: 0, unknownInQbo: 0, asked: 0, queued: 0, result: null };
  if (!range) return empty;
  const sc = await repos.sync.loadContext();
  const rule = deps.rule ?? sc.settings.conflictRule;
  const activities = await queryTimeActivities(port, range);
  const records = await repos.sync.records();
  const result = reconcile(records, activities, range, { worker: sc.transform.worker });
  // A query can miss a row (eventual consistency): confirm each apparent deletion by its Id.
  const deleted: DeletedInQbo[] = [];
  const changed: ChangedInQbo[] = [...result.changedInQbo];
  for (const d of result.deletedInQbo) {
    const current = (await port.read('TimeActivity', d.qboId)) as unknown as QboTimeActivity | null;
    if (!current) deleted.push(d);
    else {
      const again = reconcile([d.record], [current], range).changedInQbo[0];
      if (again) changed.push(again);
    }
  }
  const outbox = await repos.sync.allRows();
  const resolution = resolveConflicts({ changedInQbo: changed, deletedInQbo: deleted }, rule, { ids: repos.sync.ids, now: Date.now(), outbox });
  await repos.sync.applyReconciliation({
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
  const resolution = resolveConflicts(conflicts, choice, { ids: repos.sync.ids, now: Date.now(), outbox: await repos.sync.allRows() });
  await repos.sync.applyReconciliation({ matched: [], resolution, conflicts: [], resolvedConflictId: conflictId, resolvedAs: choice });
}

/**
 * Approved minutes and amounts per customer and day beside what QuickBooks holds, over the range
 * (default: the synced range). Entries pre-flight blocks are left out of the approved side.
 */
export async function reconciliationReportRun(deps: { repos: Pick<Repos, 'sync' | 'entries'>; port: QboPort; range?: ReconcileRange }): Promise<{ range: ReconcileRange | null; rows: ReconciliationRow[] }> {
  const { repos, port } = deps;
  const range = deps.range ?? (await syncedRange(repos));
  if (!range) return { range, rows: [] };
  const sc = await repos.sync.loadContext();
  const entries = (await repos.sync.pushableEntries(range)).filter((e) => sc.transform.projects.some((p) => p.id === e.projectId));
  let lines: ApprovedLine[];
  try {
    lines = approvedLines(entries, sc.transform);
  } catch (error) {
    if (!(error instanceof TransformError)) throw error;
    const bad = new Set(error.problems.map((p) => p.entryId));
    lines = approvedLines(
      entries.filter((e) => !bad.has(e.id)),
      sc.transform,
    );
  }
  const activities = await queryTimeActivities(port, range);
  return { range, rows: reconciliationReport(lines, activities, { currency: sc.transform.currency, range, worker: sc.transform.worker }) };
}
