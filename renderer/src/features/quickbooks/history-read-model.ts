// Reads what the QuickBooks history needs to name things (history-view.ts), through existing
// repository reads only: project, client and task names, the QuickBooks name mirror and home
// currency (the sync context), each entry as it was at the version a row sent (the entries' own
// audit log keeps every version, deleted entries included), and the payloads rows sent.
import type { QboTimeActivity, TimeActivityPayload } from '../../../../shared/qbo/types';
import { auditCsv, type AuditOutcome, type AuditRecord } from '../../../../shared/sync/audit';
import { payloadFromQbo, type FieldDiff } from '../../../../shared/sync/reconcile';
import type { Repos } from '../../db/repos';
import type { ConflictRow, EntryRow } from '../../db/schema';
import { auditEvent, conflictChanges, csvReadable, timeFacts, type AuditEvent, type ChangeLine, type HistoryBook, type TimeFacts } from './history-view';

interface Subject {
  entryIds: readonly string[];
  entryVersions: readonly number[];
  payloadHash?: string;
  payload?: TimeActivityPayload;
}

/** Every known version of each entry, oldest first: the entries' audit snapshots, else the row itself. */
async function entryVersions(repos: Repos, ids: readonly string[]): Promise<Map<string, EntryRow[]>> {
  const histories = await Promise.all(ids.map((id) => repos.audit.listForEntity(id)));
  const out = new Map<string, EntryRow[]>();
  ids.forEach((id, i) => {
    const byVersion = new Map<number, EntryRow>();
    for (const row of histories[i]!) {
      if (row.entityType !== 'entry') continue;
      for (const snap of [row.before, row.after] as Array<EntryRow | null>) if (snap) byVersion.set(snap.version, snap);
    }
    if (byVersion.size) out.set(id, [...byVersion.values()].sort((a, b) => a.version - b.version));
  });
  // Entries written without an audit row (seeded or imported before the log): the row as it is now.
  const missing = ids.filter((id) => !out.has(id));
  if (missing.length) {
    const live = await Promise.all(missing.map((id) => repos.entries.get(id)));
    const deleted = live.some((e) => e === undefined) ? await repos.trash.list() : [];
    missing.forEach((id, i) => {
      const row = live[i] ?? deleted.find((e) => e.id === id);
      if (row) out.set(id, [row]);
    });
  }
  return out;
}

async function loadHistoryBook(repos: Repos, companyId: string, subjects: readonly Subject[], audit: readonly AuditRecord[]): Promise<HistoryBook> {
  const ids = [...new Set(subjects.flatMap((s) => s.entryIds))];
  const [sc, projects, clients, tasks, versions] = await Promise.all([
    repos.sync.loadContext(companyId),
    repos.projects.list({ includeArchived: true }),
    repos.clients.list({ includeArchived: true }),
    repos.tasks.list({ includeArchived: true }),
    entryVersions(repos, ids),
  ]);
  const payloads = new Map<string, TimeActivityPayload>();
  for (const a of audit) if (a.payload) payloads.set(a.payloadHash, a.payload);
  // Rows written without their payload (a request that got no answer): the same hash was sent, or
  // is held, elsewhere.
  if (subjects.some((s) => !s.payload && s.payloadHash && !payloads.has(s.payloadHash))) {
    const [records, rows] = await Promise.all([repos.sync.records(companyId), repos.sync.allRows(companyId)]);
    for (const r of [...records, ...rows]) if (!payloads.has(r.payloadHash)) payloads.set(r.payloadHash, r.payload);
  }
  return {
    currency: sc.transform.currency,
    projects: new Map(projects.map((p) => [p.id, p])),
    clients: new Map(clients.map((c) => [c.id, c])),
    tasks: new Map(tasks.map((t) => [t.id, t])),
    mirror: sc.mirror,
    workspaceRounding: sc.transform.workspaceRounding,
    entryAt(id, version) {
      const known = versions.get(id);
      if (!known) return undefined;
      return known.find((e) => e.version === version) ?? known.filter((e) => e.version < version).at(-1) ?? known[0];
    },
    payloadOf: (hash) => payloads.get(hash),
  };
}

const payloadOf = (r: AuditRecord, book: HistoryBook) => r.payload ?? (r.payloadHash ? book.payloadOf(r.payloadHash) : undefined);

export interface AuditLine {
  record: AuditRecord;
  event: AuditEvent;
  facts: TimeFacts;
}

interface AuditPage {
  /** All rows recorded. */
  total: number;
  /** Rows with the chosen outcome. */
  matching: number;
  /** Newest first, at most `limit`. */
  lines: AuditLine[];
  currency: string;
}

/** One company's newest `limit` audit rows with this outcome, each named as a person knows its time. */
export async function loadAuditPage(repos: Repos, companyId: string, filter: AuditOutcome | 'all', limit: number): Promise<AuditPage> {
  const records = await repos.sync.audit(companyId);
  const matching = [...records].reverse().filter((r) => filter === 'all' || r.outcome === filter);
  const shown = matching.slice(0, limit);
  const book = await loadHistoryBook(repos, companyId, shown, records);
  return {
    total: records.length,
    matching: matching.length,
    lines: shown.map((record) => ({ record, event: auditEvent(record), facts: timeFacts(record.entryIds, record.entryVersions, payloadOf(record, book), book) })),
    currency: book.currency,
  };
}

/** One company's whole trail as CSV: every machine field and the readable columns. */
export async function loadAuditCsv(repos: Repos, companyId: string): Promise<string> {
  const records = await repos.sync.audit(companyId);
  const book = await loadHistoryBook(repos, companyId, records, records);
  return auditCsv(records, (r) => csvReadable(auditEvent(r), timeFacts(r.entryIds, r.entryVersions, payloadOf(r, book), book), book.currency));
}

/** The stored detail: `ask` (the ask-list item) and `conflict` (what reconcile found, with both payloads). */
interface StoredConflict {
  ask?: { qboId?: string; entryIds?: string[]; diffs?: FieldDiff[]; message?: string };
  conflict?: { qboId?: string; record?: { entryIds: string[]; entryVersions: number[]; payload: TimeActivityPayload; syncToken?: string; key?: string }; current?: QboTimeActivity; diffs?: FieldDiff[] } | null;
}

export interface ConflictLine {
  row: ConflictRow;
  facts: TimeFacts;
  changes: ChangeLine[];
  /** The raw field differences, for the details. */
  diffs: FieldDiff[];
  qboId?: string;
  /** QuickBooks' SyncToken now; absent for a deletion. */
  syncToken?: string;
  /** The ask-list's own text (kept for the details). */
  message?: string;
}

interface ConflictsView {
  lines: ConflictLine[];
  currency: string;
}

/** One company's open conflicts, each with its time named and its changes in words. */
export async function loadConflicts(repos: Repos, companyId: string): Promise<ConflictsView> {
  const open = await repos.sync.conflicts('open', companyId);
  const details = open.map((row) => {
    const d = (row.detail ?? {}) as StoredConflict;
    const record = d.conflict?.record;
    return { row, d, entryIds: record?.entryIds ?? d.ask?.entryIds ?? [], entryVersions: record?.entryVersions ?? [], payload: record?.payload };
  });
  const book = await loadHistoryBook(repos, companyId, details, []);
  return {
    currency: book.currency,
    lines: details.map(({ row, d, entryIds, entryVersions, payload }) => {
      const diffs = d.ask?.diffs ?? d.conflict?.diffs ?? [];
      const current = d.conflict?.current;
      const sides = { ...(payload ? { sent: payload } : {}), ...(current ? { inQbo: payloadFromQbo(current) } : {}) };
      const qboId = d.ask?.qboId ?? d.conflict?.qboId;
      return {
        row,
        facts: timeFacts(entryIds, entryVersions, payload, book),
        changes: conflictChanges(diffs, book, sides),
        diffs,
        ...(qboId ? { qboId } : {}),
        ...(current?.SyncToken ? { syncToken: current.SyncToken } : {}),
        ...(d.ask?.message ? { message: d.ask.message } : {}),
      };
    }),
  };
}
