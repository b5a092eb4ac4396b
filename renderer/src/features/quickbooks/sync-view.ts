// What the Sync tab shows, computed from the repositories: the pre-flight problems grouped the way a
// bookkeeper reads them, and each entry's sync status. Pure functions here; the live query that
// feeds them is in SyncSection.
import { TEMPLATE_PLACEHOLDERS } from '../../../../shared/qbo/template';
import type { PreflightCode, PreflightIssue } from '../../../../shared/sync/preflight';
import type { OutboxRow } from '../../../../shared/sync/outbox';
import type { EntryRow } from '../../db/schema';
import type { RunResult, SyncProgress } from './engine/engine';

/** A heading per problem, in the words on the QuickBooks screen. */
const PROBLEM_TITLES: Record<PreflightCode, string> = {
  not_approved: 'Not approved',
  running: 'Timer still running',
  deleted: 'Deleted entries',
  no_project: 'No project',
  unknown_project: 'Project no longer exists',
  no_worker: 'You are not linked to an employee or vendor',
  worker_missing: 'Your employee or vendor is gone from QuickBooks',
  worker_inactive: 'Your employee or vendor is inactive',
  customer_unmapped: 'Project not linked to a customer',
  customer_missing: 'Customer no longer in QuickBooks',
  customer_inactive: 'Inactive customer',
  item_unmapped: 'No service item',
  item_missing: 'Service item no longer in QuickBooks',
  item_inactive: 'Inactive service item',
  item_not_service: 'Item is not a service',
  class_required: 'Class required',
  class_missing: 'Class no longer in QuickBooks',
  class_inactive: 'Inactive class',
  class_tracking_off: 'Class will be ignored',
  no_rate: 'Billable time without an hourly rate',
  rate_currency: 'Rate in another currency',
  books_closed: 'Books closed',
  billing_off: 'Billable time is off in QuickBooks',
  customer_currency: 'Customer billed in another currency',
  billed_above_raw: 'Billed far above the time tracked',
  future: 'Dated in the future',
  description_cut: 'Description too long for QuickBooks',
  qbo_refused: 'QuickBooks refused the last attempt',
};

export interface ProblemGroup {
  code: PreflightCode;
  title: string;
  blocking: boolean;
  /** One line per distinct message (usually per project), with the entries it concerns. */
  messages: Array<{ message: string; entryIds: string[] }>;
  entryCount: number;
}

/** Issues grouped by problem (blocking first), then by message; entries in input order. */
export function groupIssues(issues: readonly PreflightIssue[]): ProblemGroup[] {
  const groups = new Map<PreflightCode, ProblemGroup>();
  for (const i of issues) {
    let g = groups.get(i.code);
    if (!g) {
      g = { code: i.code, title: PROBLEM_TITLES[i.code] ?? i.code, blocking: i.blocking, messages: [], entryCount: 0 };
      groups.set(i.code, g);
    }
    g.blocking ||= i.blocking;
    let m = g.messages.find((x) => x.message === i.message);
    if (!m) {
      m = { message: i.message, entryIds: [] };
      g.messages.push(m);
    }
    if (!m.entryIds.includes(i.entryId)) {
      m.entryIds.push(i.entryId);
      g.entryCount++;
    }
  }
  return [...groups.values()].sort((a, b) => Number(b.blocking) - Number(a.blocking));
}

type EntrySyncState = 'waiting' | 'queued' | 'sending' | 'sent' | 'failed' | 'blocked' | 'reconnect';

export interface EntrySyncStatus {
  state: EntrySyncState;
  label: string;
  detail?: string;
  qboId?: string;
}

/**
 * An entry's status from its newest outbox row (a superseded row is history), the pre-flight
 * blockers and whether the engine waits for a reconnect.
 */
export function entryStatus(
  entry: EntryRow,
  rows: readonly OutboxRow[],
  blockers: readonly PreflightIssue[],
  needsReconnect: boolean,
  record?: { qboId: string; entryIds: readonly string[]; entryVersions: readonly number[] },
): EntrySyncStatus {
  const s = baseStatus(entry, rows, blockers, record);
  // Anything still to send waits for the reconnect; sent, failed and blocked entries say so as before.
  if (needsReconnect && (s.state === 'waiting' || s.state === 'queued' || s.state === 'sending')) {
    return { state: 'reconnect', label: 'Needs reconnect', detail: 'Reconnect QuickBooks; this entry is sent then.', ...(s.qboId ? { qboId: s.qboId } : {}) };
  }
  return s;
}

function baseStatus(
  entry: EntryRow,
  rows: readonly OutboxRow[],
  blockers: readonly PreflightIssue[],
  /** What QuickBooks holds for the entry per the sync records (done rows leave the outbox). */
  record?: { qboId: string; entryIds: readonly string[]; entryVersions: readonly number[] },
): EntrySyncStatus {
  const mine = rows.filter((r) => r.entryIds.includes(entry.id) && !r.supersededBy).sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
  const latest = mine[0];
  const block = blockers.find((b) => b.blocking && b.entryId === entry.id);
  const current = latest && latest.entryVersions[latest.entryIds.indexOf(entry.id)] === entry.version;
  if (block && (!latest || !current || latest.state === 'failed')) return { state: 'blocked', label: 'Blocked', detail: block.message };
  if (!latest) {
    if (entry.status === 'synced') return { state: 'sent', label: 'In QuickBooks', ...(record ? { qboId: record.qboId } : {}) };
    if (record) return { state: 'waiting', label: 'Changed: waiting for the next sync', qboId: record.qboId };
    return { state: 'waiting', label: 'Waiting for the next sync' };
  }
  switch (latest.state) {
    case 'pending':
    case 'blocked':
      return latest.lastError ? { state: 'queued', label: 'Queued (retrying)', detail: latest.lastError } : { state: 'queued', label: 'Queued' };
    case 'inflight':
      // Sent, its answer not yet in (a dropped connection, or QuickBooks Desktop's next update): say why.
      return latest.lastError ? { state: 'sending', label: 'Sending', detail: latest.lastError } : { state: 'sending', label: 'Sending' };
    case 'done':
      if (!current && entry.status === 'approved') return { state: 'waiting', label: 'Changed: waiting for the next sync' };
      return { state: 'sent', label: latest.op === 'delete' ? 'Removed from QuickBooks' : 'In QuickBooks', ...((latest.qboId ?? record?.qboId) ? { qboId: (latest.qboId ?? record?.qboId)! } : {}) };
    case 'failed':
      return { state: 'failed', label: 'Failed', detail: latest.lastError ?? 'QuickBooks refused it.' };
  }
}

/** Pretty JSON with each reference on one line ({ "value": "21" }): the same JSON, easier to read. */
export function compactJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\{\n\s+"value": ("(?:[^"\\]|\\.)*")\n\s+\}/g, '{ "value": $1 }');
}

/** Brace tokens in a description template that are not placeholders (QuickBooks gets them as written). */
export function unknownPlaceholders(template: string): string[] {
  const known = new Set<string>(TEMPLATE_PLACEHOLDERS);
  const out: string[] = [];
  for (const m of template.replace(/\{\{|\}\}/g, '').matchAll(/\{([^{}?]*)(\?[^{}]*)?\}/g)) {
    if (!known.has(m[1]!.trim()) && !out.includes(m[0])) out.push(m[0]);
  }
  return out;
}

/** The Sync now progress bar: percent (0–100) and what it stands for. */
export interface ProgressBar {
  percent: number;
  text: string;
}

/**
 * Real progress of the current run: rows settled (sent and answered, or refused) of the rows in
 * the run. Rounded down and held below 100% while the run goes on, since a row may still be re-read
 * and sent again; empty before any run and when a run had nothing to send; after a run, that run's
 * result.
 */
export function progressBar(p: SyncProgress, running: boolean, lastResult: RunResult | null): ProgressBar {
  const settled = Math.min(p.done, p.total);
  const percent = p.total > 0 ? Math.floor((settled / p.total) * 100) : 0;
  if (running) {
    if (p.total === 0) return { percent: 0, text: p.phase === 'planning' ? 'Preparing…' : '' };
    return { percent: Math.min(percent, 99), text: `${settled} of ${p.total} sent` };
  }
  if (!lastResult) return { percent: 0, text: 'Not synced yet' };
  if (p.total === 0) return { percent: 0, text: '' };
  return { percent, text: `${settled} of ${p.total} sent` };
}
