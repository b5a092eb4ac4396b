// The outbox: one row per write we owe QuickBooks, and the pure rules that create, coalesce and
// advance rows. The renderer stores rows in Dexie (written in the same transaction as the entry
// change that caused them) and the runner drains them through batch-plan.ts.
//
// Identity. A row belongs to a `key` (one TimeActivity: `entry:<id>` or an aggregate key from
// shared/qbo/transform). A SyncRecord is what QBO holds for a key after our last successful write.
//
// requestId lifetime. A row gets its requestId when it is created and keeps it for life; every
// resend of the row reuses it. A row whose body must change after it MAY have been sent is never
// edited: a new row (new requestId) follows it. The only exception is a row that was never sent
// (pending, attempts 0, no batch; or a blocked follow-up): its payload may be replaced in place and
// it keeps its requestId, because QBO has never seen that id.
//
// Planning rules (planChanges), per key:
//  1. First approval (no record, no open row) → `create`.
//  2. Edit of a synced entry (record exists, payload hash differs) → `update` with the full payload
//     and the record's Id + SyncToken (TimeActivity updates are full, never sparse). Same hash →
//     nothing to send.
//  3. Delete of a synced entry (key in removedKeys, record exists) → `delete` with Id + SyncToken.
//     The caller puts a key in removedKeys only after the user confirmed the deletion.
//  4. An open row never sent → replaced in place (same row, same requestId): a pending create gets
//     the new payload; a pending update/delete becomes whatever the key now needs; a pending
//     create whose key is removed is cancelled (nothing ever reached QBO); a pending update whose
//     payload now equals the record is cancelled.
//  5. An open row that may have been sent (inflight, or attempts > 0, or bound to a batch) is left
//     alone; a follow-up row is enqueued in state `blocked` with `after` = that row. When the row
//     resolves, releaseFollowUps turns the follow-up into the right operation against what QBO then
//     holds. A follow-up is itself never sent, so rule 4 applies to it.
//  6. Billed time (record.billableStatus = HasBeenBilled) is refused with a reason: QBO does not
//     let billed time change, and the invoice would no longer match.
//  7. Failed rows of the key (QBO refused them definitively) are cancelled when a new plan for the
//     key arrives: the user fixed something, and the new row carries a new requestId (QBO would
//     replay the old fault for the old one).
import { companyOfName } from '../qbo/company';
import type { TimeActivityDraft } from '../qbo/transform';
import type { BillableStatus, TimeActivityPayload } from '../qbo/types';

export type OutboxOp = 'create' | 'update' | 'delete';
type OutboxState = 'pending' | 'inflight' | 'done' | 'failed' | 'blocked';

export interface OutboxRow {
  id: string;
  key: string;
  /**
   * The QuickBooks company of `key` (shared/qbo/company.ts), set with it by newOutboxRow, so a
   * store can index a company's rows. Absent only on rows made by hand in tests.
   */
  companyId?: string;
  op: OutboxOp;
  /** Sorted. */
  entryIds: string[];
  entryVersions: number[];
  /** The business payload (no Id/SyncToken; those are the fields below). For a delete: the last payload QBO held. */
  payload: TimeActivityPayload;
  payloadHash: string;
  /** QBO Id: required for update and delete, set on create once QBO answers. */
  qboId?: string;
  syncToken?: string;
  /** Assigned at creation, never changed; reused by every resend of this row. */
  requestId: string;
  state: OutboxState;
  /** Number of requests that carried this row. */
  attempts: number;
  /** Not before this instant (epoch ms): backoff after 429/503/5xx. */
  nextAttemptAt?: number;
  /** The last problem, in the user's words. */
  lastError?: string;
  /** The batch this row was last sent in; while inflight, the batch must be resent identically. */
  batchId?: string;
  /** For a blocked follow-up: the row that must resolve first. */
  after?: string;
  /** Set on a stale (5010) answer: read the TimeActivity, then call rebaseAfterReread. */
  needsReread?: boolean;
  /** Set when this row was replaced by a new request (after a re-read). */
  supersededBy?: string;
  createdAt: number;
}

/** What QuickBooks holds for a key, per our last successful write (or last reconciliation). */
export interface SyncRecord {
  key: string;
  qboId: string;
  syncToken: string;
  entryIds: string[];
  entryVersions: number[];
  payload: TimeActivityPayload;
  payloadHash: string;
  /** As last seen in QBO; HasBeenBilled locks the key. */
  billableStatus?: BillableStatus;
}

/** Fresh ids; shared/ has no random source, so the caller supplies UUIDs. */
export interface IdSource {
  rowId(): string;
  /** A UUID (36 chars): also valid inside a batch, where QBO allows 36 at most. */
  requestId(): string;
}

export interface Refusal {
  key: string;
  entryIds: string[];
  code: 'billed';
  reason: string;
}

export interface PlanInput {
  /** Current drafts for every key an approval or edit touched (for aggregates: the whole group). */
  activities: readonly TimeActivityDraft[];
  /** Keys with no entries left, after the user confirmed the deletion. */
  removedKeys: readonly string[];
  records: readonly SyncRecord[];
  /** Current outbox rows (done rows may be omitted). */
  outbox: readonly OutboxRow[];
  ids: IdSource;
  now: number;
}

export interface PlanResult {
  /** New rows and changed rows, complete: write them as they are. */
  upserts: OutboxRow[];
  /** Rows to delete from the outbox: never sent, or failed and superseded by this plan. */
  cancelled: string[];
  refused: Refusal[];
  /** Keys that needed nothing. */
  unchanged: string[];
}

export const BILLED_REASON = 'This time is already on a QuickBooks invoice, so it is locked. Remove it from the invoice in QuickBooks first.';

/** States of a row that still has work to do (not done, not failed for good). */
export const OPEN_STATES: ReadonlySet<OutboxState> = new Set(['pending', 'inflight', 'blocked']);

/** True when QBO cannot have seen this row's requestId. */
export function neverSent(row: OutboxRow): boolean {
  if (row.state === 'blocked') return true;
  return row.state === 'pending' && row.attempts === 0 && row.batchId === undefined;
}

/**
 * Whether deleting the key's entries would delete something in QuickBooks, so the UI must ask
 * first ("This time is in QuickBooks; delete it there too?"). True when QBO holds the key or a
 * write for it may already have been sent; false when nothing ever left this machine.
 */
export function deleteNeedsConfirmation(key: string, records: readonly SyncRecord[], outbox: readonly OutboxRow[]): boolean {
  if (records.some((r) => r.key === key)) return true;
  return outbox.some((r) => r.key === key && OPEN_STATES.has(r.state) && !neverSent(r));
}

/**
 * The open rows of one key. A chain is at most one active row (pending or inflight) and one
 * blocked follow-up after it; `tail` is the last of them, the one a new change coalesces with.
 */
export function openChain(rowsOfKey: readonly OutboxRow[]): { active?: OutboxRow; follower?: OutboxRow; tail?: OutboxRow } {
  const open = rowsOfKey
    .filter((r) => OPEN_STATES.has(r.state) && !r.supersededBy)
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const follower = open.find((r) => r.state === 'blocked');
  const active = open.find((r) => r.state !== 'blocked');
  const tail = follower ?? active;
  return { ...(active ? { active } : {}), ...(follower ? { follower } : {}), ...(tail ? { tail } : {}) };
}

type Desired = { kind: 'put'; draft: TimeActivityDraft } | { kind: 'remove' };

export function planChanges(input: PlanInput): PlanResult {
  const result: PlanResult = { upserts: [], cancelled: [], refused: [], unchanged: [] };
  const records = new Map(input.records.map((r) => [r.key, r]));
  const desired = new Map<string, Desired>();
  for (const draft of input.activities) desired.set(draft.key, { kind: 'put', draft });
  for (const key of input.removedKeys) {
    if (desired.has(key)) throw new RangeError(`Key ${key} is both current and removed`);
    desired.set(key, { kind: 'remove' });
  }
  const rowsByKey = new Map<string, OutboxRow[]>();
  for (const row of input.outbox) {
    const list = rowsByKey.get(row.key);
    if (list) list.push(row);
    else rowsByKey.set(row.key, [row]);
  }

  for (const key of [...desired.keys()].sort()) {
    const want = desired.get(key)!;
    const record = records.get(key);
    const rows = rowsByKey.get(key) ?? [];
    const { tail } = openChain(rows);
    const failed = rows.filter((r) => r.state === 'failed');

    if (record?.billableStatus === 'HasBeenBilled') {
      const noChange = want.kind === 'put' && want.draft.payloadHash === record.payloadHash && !tail;
      if (noChange) result.unchanged.push(key);
      else result.refused.push({ key, entryIds: want.kind === 'put' ? want.draft.entryIds : record.entryIds, code: 'billed', reason: BILLED_REASON });
      // Writes not yet sent would only be refused by QBO: drop them.
      result.cancelled.push(...rows.filter((r) => OPEN_STATES.has(r.state) && neverSent(r)).map((r) => r.id));
      continue;
    }

    const before = result.upserts.length + result.cancelled.length;
    result.cancelled.push(...failed.map((r) => r.id));

    if (!tail) {
      if (want.kind === 'put') {
        if (record && record.payloadHash === want.draft.payloadHash) {
          /* rule 2: same payload */
        } else if (record) result.upserts.push(newOutboxRow(input, 'update', want.draft, record));
        else result.upserts.push(newOutboxRow(input, 'create', want.draft));
      } else if (record) {
        result.upserts.push(newOutboxRow(input, 'delete', draftOf(record), record));
      }
    } else if (neverSent(tail)) {
      // Rule 4: what does QBO hold just before `tail` runs? Without a predecessor the record is
      // the truth, and its Id/SyncToken are the freshest we know (reconciliation may have updated
      // them since the row was planned), so they replace the row's.
      const predecessor = tail.after ? rows.find((r) => r.id === tail.after) : undefined;
      const existsBefore = predecessor ? predecessor.op !== 'delete' : tail.op !== 'create';
      const fresh = (row: OutboxRow) => (!predecessor && record && row.op !== 'create' ? { ...row, qboId: record.qboId, syncToken: record.syncToken } : row);
      if (want.kind === 'put') {
        const noOp = !predecessor && tail.op !== 'create' && record !== undefined && record.payloadHash === want.draft.payloadHash;
        if (noOp) result.cancelled.push(tail.id);
        else result.upserts.push(fresh(replace(tail, existsBefore ? 'update' : 'create', want.draft)));
      } else if (existsBefore) {
        const last = predecessor && predecessor.op !== 'delete' ? predecessor : record;
        result.upserts.push(fresh(replace(tail, 'delete', last ? draftOf(last) : draftOf(tail))));
      } else {
        result.cancelled.push(tail.id);
      }
    } else {
      // Rule 5: the tail may have reached QBO; follow it.
      const existsAfter = tail.op !== 'delete';
      if (want.kind === 'put') {
        const same = existsAfter && tail.payloadHash === want.draft.payloadHash;
        if (!same) result.upserts.push({ ...newOutboxRow(input, existsAfter ? 'update' : 'create', want.draft), state: 'blocked', after: tail.id });
      } else if (existsAfter) {
        result.upserts.push({ ...newOutboxRow(input, 'delete', draftOf(tail)), state: 'blocked', after: tail.id });
      }
    }
    if (result.upserts.length + result.cancelled.length === before) result.unchanged.push(key);
  }
  return result;
}

/** The content of a record or row, as a draft. */
export function draftOf(source: SyncRecord | OutboxRow | TimeActivityDraft): TimeActivityDraft {
  return { key: source.key, entryIds: source.entryIds, entryVersions: source.entryVersions, payload: source.payload, payloadHash: source.payloadHash };
}

/**
 * A new pending row: fresh id and requestId, no attempts. `target` is the QBO Id/SyncToken an
 * update or delete applies to (absent for a create, or for a follow-up that learns it on release).
 */
export function newOutboxRow(
  ctx: { ids: IdSource; now: number },
  op: OutboxOp,
  content: TimeActivityDraft,
  target?: { qboId: string; syncToken: string },
): OutboxRow {
  return {
    id: ctx.ids.rowId(),
    key: content.key,
    companyId: companyOfName(content.key),
    op,
    entryIds: [...content.entryIds],
    entryVersions: [...content.entryVersions],
    payload: content.payload,
    payloadHash: content.payloadHash,
    ...(target ? { qboId: target.qboId, syncToken: target.syncToken } : {}),
    requestId: ctx.ids.requestId(),
    state: 'pending',
    attempts: 0,
    createdAt: ctx.now,
  };
}

/** Rule 4: same row, same requestId (never sent), new content. */
function replace(row: OutboxRow, op: OutboxOp, draft: TimeActivityDraft): OutboxRow {
  const next: OutboxRow = {
    ...row,
    op,
    entryIds: [...draft.entryIds],
    entryVersions: [...draft.entryVersions],
    payload: draft.payload,
    payloadHash: draft.payloadHash,
  };
  delete next.lastError;
  return next;
}

// ---- Transitions after sending ----------------------------------------------------------------

/** The result of one row's write, from applyBatchResponse (batch-plan.ts) or a single request. */
export type RowOutcome =
  | { rowId: string; kind: 'done'; qboId: string; syncToken?: string; billableStatus?: BillableStatus; intuitTid?: string }
  | { rowId: string; kind: 'flagged'; userMessage: string; code?: string; bug?: boolean; intuitTid?: string }
  | { rowId: string; kind: 'reread'; userMessage: string; intuitTid?: string }
  | { rowId: string; kind: 'retry'; userMessage: string; retryAfterMs: number; intuitTid?: string }
  | { rowId: string; kind: 'pause_auth'; userMessage: string; intuitTid?: string };

/**
 * Rows after their outcomes:
 * - done → state done with QBO's Id and SyncToken (a delete keeps the Id it deleted);
 * - flagged → failed with the message (the entries are flagged; the rest of the batch goes on);
 * - reread → pending + needsReread: the runner reads the TimeActivity and calls rebaseAfterReread;
 * - retry → pending with nextAttemptAt (only used when QBO definitively did not process the item);
 * - pause_auth → pending, unchanged otherwise (the engine pauses; the row is resent after reconnect).
 * The batch binding is cleared: each of these is a definitive answer to that batch.
 */
export function applyOutcomes(rows: readonly OutboxRow[], outcomes: readonly RowOutcome[], now: number): OutboxRow[] {
  const byRow = new Map(outcomes.map((o) => [o.rowId, o]));
  return rows.map((row) => {
    const outcome = byRow.get(row.id);
    if (!outcome) return row;
    const next: OutboxRow = { ...row };
    delete next.batchId;
    delete next.nextAttemptAt;
    delete next.needsReread;
    switch (outcome.kind) {
      case 'done':
        next.state = 'done';
        next.qboId = outcome.qboId;
        if (outcome.syncToken !== undefined) next.syncToken = outcome.syncToken;
        delete next.lastError;
        break;
      case 'flagged':
        next.state = 'failed';
        next.lastError = outcome.userMessage;
        break;
      case 'reread':
        next.state = 'pending';
        next.needsReread = true;
        next.lastError = outcome.userMessage;
        break;
      case 'retry':
        next.state = 'pending';
        next.nextAttemptAt = now + outcome.retryAfterMs;
        next.lastError = outcome.userMessage;
        break;
      case 'pause_auth':
        next.state = 'pending';
        next.lastError = outcome.userMessage;
        break;
    }
    return next;
  });
}

/**
 * After a stale-SyncToken answer and a fresh read: a NEW row (new requestId, because the body now
 * carries a different SyncToken) replaces the stale one, which is marked failed + supersededBy;
 * followers waiting on the stale row now wait on the replacement.
 * When the read found nothing (deleted in QBO): a delete is simply done; an update is failed with a
 * message and left to the reconciliation pass, which reports it as deleted in QuickBooks. In both
 * cases call releaseFollowUps(rows, superseded, null) next.
 */
export function rebaseAfterReread(
  row: OutboxRow,
  current: { Id: string; SyncToken: string } | null,
  ids: IdSource,
  now: number,
  followers: readonly OutboxRow[] = [],
): { superseded: OutboxRow; replacement: OutboxRow | null; relinked: OutboxRow[] } {
  const settled: OutboxRow = { ...row };
  delete settled.needsReread;
  if (!current) {
    if (row.op === 'delete') return { superseded: { ...settled, state: 'done' }, replacement: null, relinked: [] };
    return { superseded: { ...settled, state: 'failed', lastError: 'This time was deleted in QuickBooks; see the conflicts list.' }, replacement: null, relinked: [] };
  }
  const replacement: OutboxRow = {
    ...row,
    id: ids.rowId(),
    requestId: ids.requestId(),
    qboId: current.Id,
    syncToken: current.SyncToken,
    state: 'pending',
    attempts: 0,
    createdAt: now,
  };
  for (const k of ['batchId', 'nextAttemptAt', 'lastError', 'needsReread', 'supersededBy', 'after'] as const) delete replacement[k];
  const relinked = followers.filter((f) => f.state === 'blocked' && f.after === row.id).map((f) => ({ ...f, after: replacement.id }));
  return { superseded: { ...settled, state: 'failed', supersededBy: replacement.id }, replacement, relinked };
}

/**
 * The sync record after a row is done: what QBO now holds for the key (null after a delete).
 * Write it in the same transaction as the done row.
 */
export function recordAfter(row: OutboxRow, previous: SyncRecord | null, billableStatus?: BillableStatus): SyncRecord | null {
  if (row.state !== 'done') return previous;
  if (row.op === 'delete') return null;
  if (!row.qboId || row.syncToken === undefined) throw new RangeError(`Row ${row.id} is done without a QBO Id and SyncToken`);
  return {
    key: row.key,
    qboId: row.qboId,
    syncToken: row.syncToken,
    entryIds: row.entryIds,
    entryVersions: row.entryVersions,
    payload: row.payload,
    payloadHash: row.payloadHash,
    billableStatus: billableStatus ?? row.payload.BillableStatus,
  };
}

/**
 * Followers of a row that just resolved (done, or failed for good), resolved against what QBO
 * holds now (`record`, from recordAfter or the previous record on failure):
 * - QBO holds the key → the follower becomes an update (or stays a delete) with its Id/SyncToken;
 * - QBO holds nothing → an update becomes a create, a delete is cancelled.
 * Followers were never sent, so they keep their requestId whatever their operation becomes.
 * A failed row whose follower goes ahead is history (as in planChanges, rule 7): it is marked
 * superseded by that follower, so the screens do not show a failure the follower has replaced.
 */
export function releaseFollowUps(
  rows: readonly OutboxRow[],
  resolved: OutboxRow,
  record: SyncRecord | null,
): { upserts: OutboxRow[]; cancelled: string[] } {
  const upserts: OutboxRow[] = [];
  const cancelled: string[] = [];
  for (const row of rows) {
    if (row.state !== 'blocked' || row.after !== resolved.id) continue;
    const next: OutboxRow = { ...row, state: 'pending' };
    delete next.after;
    if (record) {
      next.qboId = record.qboId;
      next.syncToken = record.syncToken;
      if (next.op === 'create') next.op = 'update';
      if (next.op === 'update' && next.payloadHash === record.payloadHash) {
        cancelled.push(row.id);
        continue;
      }
    } else {
      delete next.qboId;
      delete next.syncToken;
      if (next.op === 'delete') {
        cancelled.push(row.id);
        continue;
      }
      next.op = 'create';
    }
    upserts.push(next);
  }
  if (resolved.state === 'failed' && !resolved.supersededBy && upserts.length > 0) upserts.push({ ...resolved, supersededBy: upserts[0]!.id });
  return { upserts, cancelled };
}

/** Rows the runner may put in a new batch now: pending, due, not waiting for a re-read. */
export function sendable(rows: readonly OutboxRow[], now: number): OutboxRow[] {
  return rows
    .filter((r) => r.state === 'pending' && !r.needsReread && (r.nextAttemptAt === undefined || r.nextAttemptAt <= now))
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
