// Batches: up to 30 TimeActivity writes in one POST /batch (docs/qbo-api.md §6.2), each batch
// carrying a `requestid` so a retry after a timeout or a dropped connection cannot write twice
// (§6.3). QBO's idempotency is per REQUEST, so the rule is: once a batch may have been sent, the
// exact same batch (same items, same requestid) is what gets resent, until QBO gives a definitive
// answer. The runner therefore persists the plan BEFORE sending it and resends the stored plan.
//
// planBatch is pure and deterministic: the batch's id and requestid are derived (SHA-256) from the
// rows' ids, requestIds and the attempt number the batch represents. Planning the same pending
// rows again gives the identical plan (so a crash between planning and persisting is harmless),
// while a later attempt of the same rows (after a definitive answer bumped `attempts`) gets a new
// requestid, as it must: QBO would otherwise replay the earlier answer.
import { parseFault } from '../qbo/fault';
import { uuidFromSeed } from '../qbo/hash';
import type { BatchItemResponse, BatchOperation, BatchResponse, TimeActivityPayload } from '../qbo/types';
import { classifyFault, type Classification, type ClassifyOptions, type SendFailure } from './classify';
import type { OutboxRow, RowOutcome } from './outbox';

/** QBO's documented batch limit (some sources say 10; callers may pass less). */
export const MAX_BATCH_ITEMS = 30;

export interface BatchPlanItem {
  /** "b1".."b30": unique within the batch, ≤ 10 chars. */
  bId: string;
  rowId: string;
  operation: BatchOperation;
  entity: 'TimeActivity';
  /** Create: the payload. Update: the full payload + Id + SyncToken. Delete: { Id, SyncToken }. */
  body: TimeActivityPayload | { Id: string; SyncToken: string };
  /** The row's attempt number this batch represents (row.attempts + 1 when planned). */
  attempt: number;
}

export interface BatchPlan {
  batchId: string;
  /** The `requestid` query parameter: a UUID, 36 chars. */
  requestId: string;
  items: BatchPlanItem[];
}

/** Builds the body of a write for a row. Updates are full (never sparse, §3.1). */
function writeBody(row: OutboxRow): BatchPlanItem['body'] {
  if (row.op === 'create') return { ...row.payload };
  if (!row.qboId || row.syncToken === undefined) throw new RangeError(`Row ${row.id} (${row.op}) has no QBO Id and SyncToken`);
  if (row.op === 'delete') return { Id: row.qboId, SyncToken: row.syncToken };
  return { ...row.payload, Id: row.qboId, SyncToken: row.syncToken };
}

/**
 * Up to `maxItems` rows, in the given order, at most one per key (items in a batch run in no
 * guaranteed order, so two writes to one TimeActivity must go in separate batches). Pass the
 * output of `sendable()`. Returns null when there is nothing to send.
 */
export function planBatch(rows: readonly OutboxRow[], options: { maxItems?: number } = {}): BatchPlan | null {
  const maxItems = Math.min(options.maxItems ?? MAX_BATCH_ITEMS, MAX_BATCH_ITEMS);
  if (!Number.isInteger(maxItems) || maxItems < 1) throw new RangeError('maxItems must be a positive integer');
  const keys = new Set<string>();
  const chosen: OutboxRow[] = [];
  for (const row of rows) {
    if (chosen.length >= maxItems) break;
    if (row.state !== 'pending' || row.needsReread || keys.has(row.key)) continue;
    keys.add(row.key);
    chosen.push(row);
  }
  if (chosen.length === 0) return null;
  const items: BatchPlanItem[] = chosen.map((row, i) => ({
    bId: `b${i + 1}`,
    rowId: row.id,
    operation: row.op,
    entity: 'TimeActivity',
    body: writeBody(row),
    attempt: row.attempts + 1,
  }));
  const seed = chosen.map((row, i) => `${row.id}\u0000${row.requestId}\u0000${items[i]!.attempt}`).join('\u0001');
  return { batchId: uuidFromSeed(`batch\u0002${seed}`), requestId: uuidFromSeed(`request\u0002${seed}`), items };
}

/** The JSON body to POST to /batch?requestid=<plan.requestId>. */
export function batchRequestBody(plan: BatchPlan): { BatchItemRequest: Array<{ bId: string; operation: BatchOperation; TimeActivity: BatchPlanItem['body'] }> } {
  return { BatchItemRequest: plan.items.map((item) => ({ bId: item.bId, operation: item.operation, TimeActivity: item.body })) };
}

/**
 * Rows bound to the plan, marked inflight: written in the same transaction that stores the plan,
 * before the request goes out. Idempotent for a resend of the same plan.
 */
export function markInflight(rows: readonly OutboxRow[], plan: BatchPlan): OutboxRow[] {
  const items = new Map(plan.items.map((item) => [item.rowId, item]));
  return rows.map((row) => {
    const item = items.get(row.id);
    if (!item) return row;
    return { ...row, state: 'inflight', batchId: plan.batchId, attempts: item.attempt };
  });
}

/** Maps a classified failure onto one row's outcome. */
function outcomeForFailure(rowId: string, failure: SendFailure, options: ClassifyOptions = {}): { outcome: RowOutcome; classification: Classification } {
  const c = classifyFault(failure, options);
  const intuitTid = 'kind' in failure ? undefined : failure.intuitTid;
  const tid = intuitTid ? { intuitTid } : {};
  const base = { rowId, userMessage: c.userMessage, ...tid };
  switch (c.action) {
    case 'flag':
      return { classification: c, outcome: { ...base, kind: 'flagged', ...(c.code ? { code: c.code } : {}), ...(c.bug ? { bug: true } : {}) } };
    case 'reread_and_retry':
      return { classification: c, outcome: { ...base, kind: 'reread' } };
    case 'pause_auth':
      return { classification: c, outcome: { ...base, kind: 'pause_auth' } };
    default:
      return { classification: c, outcome: { ...base, kind: 'retry', retryAfterMs: c.retryAfterMs ?? 0 } };
  }
}

export const NO_ANSWER_MESSAGE = 'QuickBooks gave no answer for this entry; the next reconciliation will check whether it arrived.';

/**
 * Per-row outcomes of a batch that got an HTTP 200 answer. Every item is handled on its own: one
 * item's fault never affects another. An item missing from the answer is flagged (QBO should
 * always answer every bId); reconciliation then finds it in QBO or not.
 */
export function applyBatchResponse(plan: BatchPlan, response: BatchResponse, options: { random?: () => number; intuitTid?: string } = {}): RowOutcome[] {
  const answers = new Map<string, BatchItemResponse>();
  for (const answer of response.BatchItemResponse ?? []) answers.set(answer.bId, answer);
  const tid = options.intuitTid ? { intuitTid: options.intuitTid } : {};
  return plan.items.map((item): RowOutcome => {
    const answer = answers.get(item.bId);
    if (answer?.Fault !== undefined) {
      const fault = parseFault({ Fault: answer.Fault }, options.intuitTid ? { intuitTid: options.intuitTid } : {});
      // Deleting what is already gone is done, not failed: the goal state is reached (and a resent
      // delete after a lost answer must not flag the entry).
      if (item.operation === 'delete' && fault.errors[0]?.code === '610' && 'Id' in item.body) {
        return { rowId: item.rowId, kind: 'done', qboId: item.body.Id!, ...tid };
      }
      return outcomeForFailure(item.rowId, fault, { attempt: item.attempt, ...(options.random ? { random: options.random } : {}) }).outcome;
    }
    const entity = answer?.TimeActivity;
    if (entity && 'Id' in entity && entity.Id) {
      if (item.operation === 'delete') return { rowId: item.rowId, kind: 'done', qboId: entity.Id, ...tid };
      if ('SyncToken' in entity && entity.SyncToken !== undefined) {
        return {
          rowId: item.rowId,
          kind: 'done',
          qboId: entity.Id,
          syncToken: entity.SyncToken,
          ...('BillableStatus' in entity && entity.BillableStatus ? { billableStatus: entity.BillableStatus } : {}),
          ...tid,
        };
      }
    }
    return { rowId: item.rowId, kind: 'flagged', userMessage: NO_ANSWER_MESSAGE, ...tid };
  });
}

/**
 * The whole batch request failed (no per-item answers): HTTP 401/403/429/5xx, a timeout or a
 * dropped connection. For anything retryable or an auth pause the rows STAY inflight and bound to
 * the plan, with nextAttemptAt set: the stored plan is resent identically later. Only a
 * definitive refusal of the whole request (a 4xx that is not auth or throttling) releases the rows,
 * as failed.
 */
export function applyBatchFailure(
  plan: BatchPlan,
  rows: readonly OutboxRow[],
  failure: SendFailure,
  now: number,
  options: ClassifyOptions = {},
): { classification: Classification; rows: OutboxRow[] } {
  const attempt = Math.max(1, ...plan.items.map((i) => i.attempt));
  const classification = classifyFault(failure, { attempt, ...options });
  const inPlan = new Set(plan.items.map((i) => i.rowId));
  const next = rows.map((row) => {
    if (!inPlan.has(row.id)) return row;
    if (classification.action === 'flag' || classification.action === 'reread_and_retry') {
      const failed: OutboxRow = { ...row, state: 'failed', lastError: classification.userMessage };
      delete failed.batchId;
      delete failed.nextAttemptAt;
      return failed;
    }
    const waiting: OutboxRow = { ...row, state: 'inflight', batchId: plan.batchId, lastError: classification.userMessage };
    if (classification.retryAfterMs !== undefined) waiting.nextAttemptAt = now + classification.retryAfterMs;
    return waiting;
  });
  return { classification, rows: next };
}

/** Batches that must be resent as stored (rows still inflight, due now), oldest first. */
export function batchesToResend(rows: readonly OutboxRow[], now: number): string[] {
  const due = new Map<string, number>();
  for (const row of rows) {
    if (row.state !== 'inflight' || row.batchId === undefined) continue;
    if (row.nextAttemptAt !== undefined && row.nextAttemptAt > now) continue;
    due.set(row.batchId, Math.min(due.get(row.batchId) ?? Infinity, row.createdAt));
  }
  return [...due.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
}
