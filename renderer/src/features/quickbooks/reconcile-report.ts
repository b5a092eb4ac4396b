// The reconciliation report for a date range: what Track Nexus approved, per customer and day,
// beside what QuickBooks holds (TimeActivity queried by TxnDate, paged by STARTPOSITION offsets in
// main), with the very numbers the payloads carry (shared/qbo/transform's approvedLines), so a
// correct sync shows zero difference. Also compares our sync records with QuickBooks' answer to
// list what was changed, deleted or added there.
import { approvedLines } from '../../../../shared/qbo/transform';
import type { QboTimeActivity } from '../../../../shared/qbo/types';
import { blockedEntryIds, preflight } from '../../../../shared/sync/preflight';
import { reconciliationReport, type ConflictRule, type ReconciliationRow } from '../../../../shared/sync/reconcile';
import type { Repos } from '../../db/repos';
import type { EntryRow } from '../../db/schema';
import type { QboPort } from './engine/qbo-port';
import { runReconciliation } from './engine/reconcile-run';
import { isLocalDate } from '../../../../shared/time/local-date';

export interface ReportOutcome {
  rows: ReconciliationRow[];
  currency: string;
  /** Approved entries in the range that pre-flight holds back (not counted: they cannot be in QuickBooks). */
  heldBack: number;
  /** The reconciliation pass over the same range: changes and deletions made in QuickBooks, resolved by the rule. */
  findings: Awaited<ReturnType<typeof runReconciliation>>;
  rule: ConflictRule;
  activities: number;
}

const SENT_STATUSES = new Set<EntryRow['status']>(['approved', 'synced', 'invoiced', 'paid']);
const DAY_MS = 86_400_000;

export async function runReconciliationReport(repos: Repos, port: QboPort, range: { from: string; to: string }): Promise<ReportOutcome> {
  if (!isLocalDate(range.from) || !isLocalDate(range.to) || range.from > range.to) throw new RangeError('Choose a start date on or before the end date.');
  const sc = await repos.sync.loadContext();
  const activities = (await port.queryAll('TimeActivity', `TxnDate >= '${range.from}' AND TxnDate <= '${range.to}'`)) as unknown as QboTimeActivity[];
  // Entries are indexed by instant; widen by two days each side for zones, then filter by local date.
  const fromMs = Date.parse(`${range.from}T00:00:00Z`) - 2 * DAY_MS;
  const toMs = Date.parse(`${range.to}T00:00:00Z`) + 3 * DAY_MS;
  const entries = (await repos.entries.listRange(fromMs, toMs)).filter((e) => SENT_STATUSES.has(e.status) && e.localDate >= range.from && e.localDate <= range.to);
  // Invoiced and paid time was sent like synced time; pre-flight only knows approved and synced.
  const asSent = entries.map((e) => (e.status === 'invoiced' || e.status === 'paid' ? { ...e, status: 'synced' as const } : e));
  const blocked = blockedEntryIds(preflight(asSent, sc.transform, sc.mirror, sc.prefs));
  const lines = approvedLines(asSent.filter((e) => !blocked.has(e.id)), sc.transform);
  const rows = reconciliationReport(lines, activities, { currency: sc.transform.currency, range, worker: sc.transform.worker });
  // Changes and deletions made in QuickBooks since we sent them: resolved by the configured rule,
  // or put on the ask-list (Conflicts tab).
  const findings = await runReconciliation({ repos, port, range });
  return { rows, currency: sc.transform.currency, heldBack: blocked.size, findings, rule: sc.settings.conflictRule, activities: activities.length };
}
