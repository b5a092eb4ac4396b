// The audit trail of every QuickBooks write: when, which entries at which versions, a hash of the
// exact payload, QBO's Id/SyncToken and intuit_tid (what Intuit support asks for), and the
// outcome. Rows are appended in the same Dexie transaction as the outbox change they describe.
import { writeCsv } from '../csv/write';
import type { OutboxOp, OutboxRow, RowOutcome } from './outbox';

export type AuditOutcome = 'ok' | 'failed' | 'retrying' | 'conflict';

export interface AuditRecord {
  id: string;
  /** Epoch ms. */
  at: number;
  op: OutboxOp | 'reconcile';
  entryIds: string[];
  entryVersions: number[];
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

export const AUDIT_CSV_COLUMNS = [
  'id', 'at', 'op', 'entryIds', 'entryVersions', 'payloadHash', 'qboId', 'syncToken', 'intuitTid', 'requestId', 'outcome', 'message',
] as const;

/**
 * The audit trail as RFC 4180 CSV (header row, CRLF line ends, trailing CRLF) through the
 * project's CSV writer, which also guards every cell against formula injection (a cell starting
 * with = + - @ gets an apostrophe). Times are ISO 8601 UTC; lists are joined with ";".
 */
export function auditCsv(records: readonly AuditRecord[]): string {
  const rows: string[][] = [[...AUDIT_CSV_COLUMNS]];
  for (const r of records) {
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
    ]);
  }
  return writeCsv(rows);
}
