// The sync runner: drains the outbox into QuickBooks through batches of at most 30 writes, in the
// order of calls shared/sync/README.md prescribes. Every batch plan is stored (with its rows bound
// inflight) BEFORE it is sent; a request without a usable answer is resent from the stored plan,
// identical, same requestid, so QuickBooks replays instead of writing twice. Each item's answer is
// applied on its own. An auth failure pauses the engine until reconnect. One run at a time: a
// second call joins the running one.
//
// The realm's rate limits (500 req/min, 10 concurrent, 40 batches/min, back-off on 429/503) are
// enforced in main by the one limiter per realm; the engine keeps a few batches in flight so that
// limiter, not the engine, is the bottleneck.
import { applyBatchResponse, batchesToResend, planBatch, type BatchPlan } from '../../../../../shared/sync/batch-plan';
import { sendable, type OutboxRow } from '../../../../../shared/sync/outbox';
import type { BatchResponse } from '../../../../../shared/qbo/types';
import type { QboBatchItem } from '../../../../../shared/ipc/domains/qbo';
import type { Repos } from '../../../db/repos';
import { QboPortError, sendFailureOf, type QboPort } from './qbo-port';

export type SyncPhase = 'idle' | 'planning' | 'sending' | 'rereading' | 'waiting' | 'paused' | 'done' | 'error';

/** What the Sync now button and the progress bar render. */
export interface SyncProgress {
  phase: SyncPhase;
  /** Rows settled in this run (done or failed). */
  done: number;
  /** Rows to settle in this run (grows if planning adds rows). */
  total: number;
  failed: number;
  /** The last problem, in the user's words. */
  lastError: string | null;
  /** True when the engine stopped because QuickBooks needs reconnecting. */
  needsReconnect: boolean;
}

export interface RunResult {
  status: 'completed' | 'paused_auth' | 'stopped' | 'error';
  sent: number;
  done: number;
  failed: number;
  batches: number;
  /** Rows still open when the run ended (pending, inflight or blocked). */
  remaining: number;
  message?: string;
}

export interface SyncEngineOptions {
  repos: Pick<Repos, 'sync' | 'trash'>;
  port: QboPort;
  clock?: { now: () => number };
  sleep?: (ms: number) => Promise<void>;
  onProgress?: (p: SyncProgress) => void;
  /** Batches in flight at once (main's limiter caps the realm at 10 concurrent). Default 4. */
  concurrency?: number;
  /** Items per batch, at most 30. */
  maxItems?: number;
  /** Divides back-off waits (for a time-scaled sandbox); 1 in the app. */
  retryScale?: number;
  random?: () => number;
  /** Give up on a run after this long waiting for back-offs with nothing else to do. */
  maxIdleWaitMs?: number;
}

export interface SyncEngine {
  run(options?: { only?: readonly string[]; plan?: boolean }): Promise<RunResult>;
  /** Asks a running run to stop after the batches in flight. */
  stop(): void;
  progress(): SyncProgress;
  isRunning(): boolean;
  /** Clears the auth pause (call after the user reconnected). */
  resume(): void;
}

const toItems = (plan: BatchPlan): QboBatchItem[] =>
  plan.items.map((i) => ({ bId: i.bId, operation: i.operation, entity: 'TimeActivity', body: i.body as Record<string, unknown> }));

/** The port's per-item answers in QBO's BatchItemResponse shape, for applyBatchResponse. */
export function toBatchResponse(items: Awaited<ReturnType<QboPort['batch']>>['items']): BatchResponse {
  return {
    BatchItemResponse: items.map((item) => {
      if (item.fault) {
        return {
          bId: item.bId,
          Fault: { type: item.fault.type, Error: item.fault.errors.map((e) => ({ code: e.code, Message: e.message, Detail: e.detail, element: e.element })) },
        };
      }
      return { bId: item.bId, ...(item.data ? { TimeActivity: item.data } : {}) };
    }),
  };
}

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { repos, port } = options;
  const now = () => options.clock?.now() ?? Date.now();
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const concurrency = Math.max(1, Math.min(10, options.concurrency ?? 4));
  const retryScale = options.retryScale ?? 1;
  const random = options.random ?? Math.random;
  let current: Promise<RunResult> | null = null;
  let stopRequested = false;
  let paused = false;
  let progress: SyncProgress = { phase: 'idle', done: 0, total: 0, failed: 0, lastError: null, needsReconnect: false };

  const report = (patch: Partial<SyncProgress>) => {
    progress = { ...progress, ...patch };
    options.onProgress?.(progress);
  };

  async function runOnce(only: Set<string> | null, plan: boolean): Promise<RunResult> {
    stopRequested = false;
    const result: RunResult = { status: 'completed', sent: 0, done: 0, failed: 0, batches: 0, remaining: 0 };
    report({ phase: 'planning', done: 0, total: 0, failed: 0, lastError: null, needsReconnect: paused });
    if (paused) {
      const status = await port.status().catch(() => null);
      if (status?.state === 'connected') paused = false;
    }
    if (paused) {
      result.status = 'paused_auth';
      result.message = 'Reconnect QuickBooks to continue sending.';
      result.remaining = (await repos.sync.openRows()).length;
      report({ phase: 'paused', needsReconnect: true, lastError: result.message });
      return result;
    }
    if (plan && !only) {
      // Trashed time whose hold ended is deleted from QuickBooks now (or its aggregate updated).
      await repos.trash.releaseDueHolds();
      const summary = await repos.sync.planApproved();
      if (summary.issues.some((i) => i.blocking)) report({ lastError: summary.issues.find((i) => i.blocking)!.message });
    }
    const inScope = (r: OutboxRow) => !only || only.has(r.key);
    report({ phase: 'sending', total: (await repos.sync.openRows()).filter(inScope).length });

    const held = new Set<string>();
    let checkRereads = true;
    /** Pending rows from the last full look, and the ones planned since. */
    let candidates: OutboxRow[] = [];
    const planned = new Set<string>();
    /** Batches that got no usable answer and wait to be resent as stored. */
    const awaitingResend = new Set<string>();
    const rereading = new Set<string>();
    let lock: Promise<void> = Promise.resolve();
    const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
      const next = lock.then(fn);
      lock = next.then(
        () => undefined,
        () => undefined,
      );
      return next;
    };

    type Job = { kind: 'send'; plan: BatchPlan } | { kind: 'reread'; row: OutboxRow } | { kind: 'wait'; ms: number } | { kind: 'none' };

    const nextJob = () =>
      exclusive(async (): Promise<Job> => {
        const t = now();
        // Fast path: plan from the pending rows read last time (persistPlan checks they are unchanged),
        // so the store is not re-read for every batch. Resends, re-reads and an empty list take the
        // full look below.
        if (!only && !checkRereads && awaitingResend.size === 0) {
          const fast = planBatch(sendable(candidates.filter((r) => !planned.has(r.id)), t), { maxItems: options.maxItems ?? 30 });
          if (fast) {
            for (const item of fast.items) planned.add(item.rowId);
            if (await repos.sync.persistPlan(fast, candidates)) {
              held.add(fast.batchId);
              return { kind: 'send', plan: fast };
            }
          }
        }
        let rows: OutboxRow[];
        if (only) rows = (await repos.sync.openRows()).filter(inScope);
        else {
          // A bounded view: all inflight rows, the oldest pending ones, re-reads only when some may exist.
          const view = await repos.sync.engineView({ pendingLimit: 400, rereads: checkRereads });
          const seen = new Map<string, OutboxRow>();
          for (const r of [...view.inflight, ...view.rereads, ...view.pending]) seen.set(r.id, r);
          rows = [...seen.values()];
          if (checkRereads && view.rereads.length === 0) checkRereads = false;
          candidates = view.pending;
          planned.clear();
          for (const id of [...awaitingResend]) if (!view.inflight.some((r) => r.batchId === id)) awaitingResend.delete(id);
        }
        const reread = rows.find((r) => r.state === 'pending' && r.needsReread && !rereading.has(r.id));
        if (reread) {
          rereading.add(reread.id);
          return { kind: 'reread', row: reread };
        }
        for (const batchId of batchesToResend(rows, t)) {
          if (held.has(batchId)) continue;
          const stored = await repos.sync.plan(batchId);
          if (!stored) continue;
          held.add(batchId);
          return { kind: 'send', plan: stored };
        }
        const fresh = planBatch(sendable(rows, t), { maxItems: options.maxItems ?? 30 });
        if (fresh) {
          for (const item of fresh.items) planned.add(item.rowId);
          await repos.sync.persistPlan(fresh);
          held.add(fresh.batchId);
          return { kind: 'send', plan: fresh };
        }
        const waiting = rows.filter((r) => r.state === 'pending' || (r.state === 'inflight' && r.batchId && !held.has(r.batchId)));
        const busy = held.size > 0 || rereading.size > 0;
        if (waiting.length === 0) return busy ? { kind: 'wait', ms: 20 } : { kind: 'none' };
        const due = Math.min(...waiting.map((r) => r.nextAttemptAt ?? t));
        return { kind: 'wait', ms: Math.max(5, Math.min(due - t, 1_000)) };
      });

    const send = async (plan: BatchPlan) => {
      result.batches++;
      result.sent += plan.items.length;
      let answer: Awaited<ReturnType<QboPort['batch']>>;
      try {
        answer = await port.batch(plan.requestId, toItems(plan));
      } catch (error) {
        const failure = sendFailureOf(error);
        const tid = error instanceof QboPortError ? error.details.intuitTid : undefined;
        const c = await repos.sync.applyFailure(plan, failure, { random, retryScale, ...(tid ? { intuitTid: tid } : {}) });
        if (c.action !== 'flag' && c.action !== 'reread_and_retry') awaitingResend.add(plan.batchId);
        if (c.action === 'pause_auth') {
          paused = true;
          report({ phase: 'paused', needsReconnect: true, lastError: c.userMessage });
        } else if (c.action === 'flag' || c.action === 'reread_and_retry') {
          result.failed += plan.items.length;
          report({ failed: progress.failed + plan.items.length, done: progress.done + plan.items.length, lastError: c.userMessage });
        } else report({ lastError: c.userMessage });
        return;
      }
      const outcomes = applyBatchResponse(plan, toBatchResponse(answer.items), { random, ...(answer.intuitTid ? { intuitTid: answer.intuitTid } : {}) });
      awaitingResend.delete(plan.batchId);
      const counts = await repos.sync.applyAnswer(plan, outcomes, { retryScale });
      if (counts.reread > 0) checkRereads = true;
      result.done += counts.done;
      result.failed += counts.failed;
      const flagged = outcomes.find((o) => o.kind === 'flagged');
      report({ done: progress.done + counts.done + counts.failed, failed: progress.failed + counts.failed, ...(flagged && 'userMessage' in flagged ? { lastError: flagged.userMessage } : {}) });
      if (counts.pause > 0) {
        paused = true;
        report({ phase: 'paused', needsReconnect: true });
      }
    };

    const reread = async (row: OutboxRow) => {
      try {
        const current = row.qboId ? await port.read('TimeActivity', row.qboId) : null;
        const token = current && typeof current['SyncToken'] === 'string' ? { Id: String(current['Id']), SyncToken: current['SyncToken'] } : null;
        await repos.sync.rebase(row.id, token);
      } catch (error) {
        const failure = sendFailureOf(error);
        if (!('kind' in failure) && (failure.status === 401 || failure.status === 403)) paused = true;
        report({ lastError: error instanceof Error ? error.message : String(error) });
        await sleep(Math.ceil(1_000 / retryScale));
      }
    };

    let idleSince: number | null = null;
    const worker = async () => {
      for (;;) {
        if (stopRequested || paused) return;
        const job = await nextJob();
        if (job.kind === 'none') return;
        if (job.kind === 'wait') {
          idleSince ??= now();
          if (options.maxIdleWaitMs !== undefined && now() - idleSince > options.maxIdleWaitMs) return;
          report({ phase: progress.phase === 'paused' ? 'paused' : 'waiting' });
          await sleep(job.ms);
          continue;
        }
        idleSince = null;
        if (progress.phase !== 'sending') report({ phase: 'sending' });
        try {
          if (job.kind === 'send') await send(job.plan);
          else await reread(job.row);
        } finally {
          if (job.kind === 'send') held.delete(job.plan.batchId);
          else rereading.delete(job.row.id);
        }
      }
    };

    await Promise.all(Array.from({ length: concurrency }, worker));
    result.remaining = (await repos.sync.openRows()).filter(inScope).length;
    if (paused) {
      result.status = 'paused_auth';
      result.message = 'Reconnect QuickBooks to continue sending; nothing was lost.';
      report({ phase: 'paused', needsReconnect: true, lastError: result.message });
    } else if (stopRequested) {
      result.status = 'stopped';
      report({ phase: 'idle' });
    } else report({ phase: 'done' });
    return result;
  }

  return {
    run(opts = {}) {
      if (current) return current;
      const only = opts.only ? new Set(opts.only) : null;
      current = runOnce(only, opts.plan ?? true)
        .catch((error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          report({ phase: 'error', lastError: message });
          return { status: 'error', sent: 0, done: 0, failed: 0, batches: 0, remaining: -1, message } satisfies RunResult;
        })
        .finally(() => {
          current = null;
        });
      return current;
    },
    stop() {
      stopRequested = true;
    },
    progress: () => progress,
    isRunning: () => current !== null,
    resume() {
      paused = false;
      report({ needsReconnect: false, phase: 'idle' });
    },
  };
}
