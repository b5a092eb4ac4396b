// The audit trail of every QuickBooks write: when, which entries at which versions, a hash of the
// exact payload (and the payload itself, so the trail can say which time it was and what it came
// to), QBO's Id/SyncToken and intuit_tid (what Intuit support asks for), and the outcome. Rows are
// appended in the same Dexie transaction as the outbox change they describe.
import { writeCsv } from '../csv/write';
import type { TimeActivityPayload } from '../qbo/types';
import type { OutboxOp, OutboxRow, RowOutcome } from './outbox';

export type AuditOutcome = 'ok' | 'failed' | 'retrying' | 'conflict';

export interface AuditRecord {
  id: string;
  /** Epoch ms. */
  at: number;
  op: OutboxOp | 'reconcile';
  entryIds: string[];
  entryVersions: number[];
  /** The outbox key (one TimeActivity); absent on rows that were not written from an outbox row. */
  key?: string;
  /** What the row sent (for a delete: what QuickBooks held); absent on rows written without one. */
  payload?: TimeActivityPayload;
  payloadHash: string;
  qboId?: string;
  syncToken?: string;
  intuitTid?: string;
  requestId: string;
  outcome: AuditOutcome;
  message?: string;
}

/** The audit record for one row's outcome (the id comes from the caller: shared/ has no random). */
export function auditForOutcome(id: string, row: OutboxRow, outcome: RowOutcome, at: number, requestId = row.requestId): AuditRecord {
  const base = {
    id,
    at,
    op: row.op,
    entryIds: [...row.entryIds],
    entryVersions: [...row.entryVersions],
    key: row.key,
    payload: row.payload,
    payloadHash: row.payloadHash,
    requestId,
    ...(outcome.intuitTid ? { intuitTid: outcome.intuitTid } : {}),
  };
  switch (outcome.kind) {
    case 'done':
      return { ...base, qboId: outcome.qboId, ...(outcome.syncToken !== undefined ? { syncToken: outcome.syncToken } : {}), outcome: 'ok' };
    case 'flagged':
      return { ...base, ...(row.qboId ? { qboId: row.qboId } : {}), outcome: 'failed', message: outcome.userMessage };
    case 'reread':
      return { ...base, ...(row.qboId ? { qboId: row.qboId } : {}), outcome: 'conflict', message: outcome.userMessage };
    default:
      return { ...base, ...(row.qboId ? { qboId: row.qboId } : {}), outcome: 'retrying', message: outcome.userMessage };
  }
}

/**
 * The time a row is about as a person knows it, for the CSV's readable columns: the date
 * (YYYY-MM-DD), names, start and end (HH:mm in the entry's own zone; empty when the row covers
 * several entries), the billed duration as sent and the measured one (h:mm), and the amount (an
 * exact decimal in `currency`; empty for time that is not billable).
 */
export interface AuditReadable {
  event: string;
  date: string;
  client: string;
  project: string;
  task: string;
  start: string;
  end: string;
  entries: number;
  duration: string;
  measured: string;
  amount: string;
  currency: string;
}

const MACHINE_COLUMNS = ['id', 'at', 'op', 'entryIds', 'entryVersions', 'payloadHash', 'qboId', 'syncToken', 'intuitTid', 'requestId', 'outcome', 'message'] as const;
const READABLE_COLUMNS = ['event', 'date', 'client', 'project', 'task', 'start', 'end', 'entries', 'duration', 'measured', 'amount', 'currency'] as const satisfies ReadonlyArray<keyof AuditReadable>;

const AUDIT_CSV_COLUMNS = [...MACHINE_COLUMNS, 'key', ...READABLE_COLUMNS] as const;

/**
 * The audit trail as RFC 4180 CSV (header row, CRLF line ends, trailing CRLF) through the
 * project's CSV writer, which also guards every cell against formula injection (a cell starting
 * with = + - @ gets an apostrophe). Every machine field first (times as ISO 8601 UTC, lists joined
 * with ";"), then the key and the readable columns `readable` gives for the row (empty without).
 */
export function auditCsv(records: readonly AuditRecord[], readable: (r: AuditRecord) => AuditReadable | undefined = () => undefined): string {
  const rows: string[][] = [[...AUDIT_CSV_COLUMNS]];
  for (const r of records) {
    const words = readable(r);
    rows.push([
      r.id,
      new Date(r.at).toISOString(),
      r.op,
      r.entryIds.join(';'),
      r.entryVersions.join(';'),
      r.payloadHash,
      r.qboId ?? '',
      r.syncToken ?? '',
      r.intuitTid ?? '',
      r.requestId,
      r.outcome,
      r.message ?? '',
      r.key ?? '',
      ...READABLE_COLUMNS.map((c) => (words ? String(words[c]) : '')),
    ]);
  }
  return writeCsv(rows);
}
