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

type SyncPhase = 'idle' | 'planning' | 'sending' | 'rereading' | 'waiting' | 'paused' | 'done' | 'error';

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
function toBatchResponse(items: Awaited<ReturnType<QboPort['batch']>>['items']): BatchResponse {
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

/** The engine's state and tools, shared by every phase of its runs. */
interface EngineState {
  repos: SyncEngineOptions['repos'];
  port: QboPort;
  options: SyncEngineOptions;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  retryScale: number;
  stopRequested: boolean;
  /** Paused until reconnect: QuickBooks refused the credentials. */
  paused: boolean;
  progress: SyncProgress;
  report(patch: Partial<SyncProgress>): void;
}

type Job = { kind: 'send'; plan: BatchPlan } | { kind: 'reread'; row: OutboxRow } | { kind: 'wait'; ms: number } | { kind: 'none' };

/** One run's bookkeeping, shared by its workers. */
interface RunState {
  only: Set<string> | null;
  inScope: (r: OutboxRow) => boolean;
  result: RunResult;
  /** Batches a worker is sending now. */
  held: Set<string>;
  checkRereads: boolean;
  /** Pending rows from the last full look, and the ones planned since. */
  candidates: OutboxRow[];
  planned: Set<string>;
  /** Batches that got no usable answer and wait to be resent as stored. */
  awaitingResend: Set<string>;
  /**
   * Batches a QuickBooks Desktop company holds for the Web Connector's next update: resent by a
   * later run (the next schedule, or the update's end), not by this one, which would only wait.
   */
  queued: Set<string>;
  rereading: Set<string>;
  /** Since when every worker found nothing to do but wait. */
  idleSince: number | null;
  /** Runs job picking one at a time, so two workers never plan the same rows. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
}

function newRun(only: Set<string> | null): RunState {
  let lock: Promise<void> = Promise.resolve();
  return {
    only,
    inScope: (r) => !only || only.has(r.key),
    result: { status: 'completed', sent: 0, done: 0, failed: 0, batches: 0, remaining: 0 },
    held: new Set(),
    checkRereads: true,
    candidates: [],
    planned: new Set(),
    awaitingResend: new Set(),
    queued: new Set(),
    rereading: new Set(),
    idleSince: null,
    exclusive<T>(fn: () => Promise<T>): Promise<T> {
      const next = lock.then(fn);
      lock = next.then(
        () => undefined,
        () => undefined,
      );
      return next;
    },
  };
}

/** A paused engine asks QuickBooks whether it was reconnected meanwhile; still paused, the run ends here. */
async function checkPause(engine: EngineState, result: RunResult): Promise<boolean> {
  if (engine.paused) {
    const status = await engine.port.status().catch(() => null);
    if (status?.state === 'connected') engine.paused = false;
  }
  if (!engine.paused) return false;
  result.status = 'paused_auth';
  result.message = 'Reconnect QuickBooks to continue sending.';
  result.remaining = (await engine.repos.sync.openRows(engine.port.companyId)).length;
  engine.report({ phase: 'paused', needsReconnect: true, lastError: result.message });
  return true;
}

/** Turns approved time into outbox rows; trashed time whose hold ended is deleted from QuickBooks now (or its aggregate updated). */
async function planOutbox(engine: EngineState): Promise<void> {
  await engine.repos.trash.releaseDueHolds();
  const summary = await engine.repos.sync.planApproved();
  if (summary.issues.some((i) => i.blocking)) engine.report({ lastError: summary.issues.find((i) => i.blocking)!.message });
}

const maxItemsOf = (engine: EngineState) => engine.options.maxItems ?? 30;

/**
 * Fast path: plan from the pending rows read last time (persistPlan checks they are unchanged), so
 * the store is not re-read for every batch. Resends, re-reads and an empty list take the full look.
 */
async function planFromCandidates(engine: EngineState, run: RunState, t: number): Promise<Job | null> {
  if (run.only || run.checkRereads || run.awaitingResend.size > 0) return null;
  const fast = planBatch(sendable(run.candidates.filter((r) => !run.planned.has(r.id)), t), { maxItems: maxItemsOf(engine) });
  if (!fast) return null;
  for (const item of fast.items) run.planned.add(item.rowId);
  if (!(await engine.repos.sync.persistPlan(fast, run.candidates))) return null;
  run.held.add(fast.batchId);
  return { kind: 'send', plan: fast };
}

/** The full look at the open rows in scope; for a whole run, a bounded view that refreshes the candidates. */
async function lookAtOutbox(engine: EngineState, run: RunState): Promise<OutboxRow[]> {
  if (run.only) return (await engine.repos.sync.openRows(engine.port.companyId)).filter(run.inScope);
  // A bounded view: all inflight rows, the oldest pending ones, re-reads only when some may exist.
  const view = await engine.repos.sync.engineView(engine.port.companyId, { pendingLimit: 2000, rereads: run.checkRereads });
  const seen = new Map<string, OutboxRow>();
  for (const r of [...view.inflight, ...view.rereads, ...view.pending]) seen.set(r.id, r);
  if (run.checkRereads && view.rereads.length === 0) run.checkRereads = false;
  run.candidates = view.pending;
  run.planned.clear();
  for (const id of [...run.awaitingResend]) if (!view.inflight.some((r) => r.batchId === id)) run.awaitingResend.delete(id);
  return [...seen.values()];
}

/** From the full look, in this order: a re-read, a stored batch to resend, a new batch, or a wait. */
async function jobFromRows(engine: EngineState, run: RunState, rows: OutboxRow[], t: number): Promise<Job> {
  const reread = rows.find((r) => r.state === 'pending' && r.needsReread && !run.rereading.has(r.id));
  if (reread) {
    run.rereading.add(reread.id);
    return { kind: 'reread', row: reread };
  }
  for (const batchId of batchesToResend(rows, t)) {
    if (run.held.has(batchId) || run.queued.has(batchId)) continue;
    const stored = await engine.repos.sync.plan(batchId);
    if (!stored) continue;
    run.held.add(batchId);
    return { kind: 'send', plan: stored };
  }
  const fresh = planBatch(sendable(rows, t), { maxItems: maxItemsOf(engine) });
  if (fresh) {
    for (const item of fresh.items) run.planned.add(item.rowId);
    await engine.repos.sync.persistPlan(fresh);
    run.held.add(fresh.batchId);
    return { kind: 'send', plan: fresh };
  }
  const waiting = rows.filter((r) => r.state === 'pending' || (r.state === 'inflight' && r.batchId && !run.held.has(r.batchId) && !run.queued.has(r.batchId)));
  const busy = run.held.size > 0 || run.rereading.size > 0;
  if (waiting.length === 0) return busy ? { kind: 'wait', ms: 20 } : { kind: 'none' };
  const due = Math.min(...waiting.map((r) => r.nextAttemptAt ?? t));
  return { kind: 'wait', ms: Math.max(5, Math.min(due - t, 1_000)) };
}

const nextJob = (engine: EngineState, run: RunState) =>
  run.exclusive(async (): Promise<Job> => {
    const t = engine.now();
    return (await planFromCandidates(engine, run, t)) ?? jobFromRows(engine, run, await lookAtOutbox(engine, run), t);
  });

/** A batch without a usable answer: stored for an identical resend, flagged, or the engine paused. */
async function settleFailure(engine: EngineState, run: RunState, plan: BatchPlan, error: unknown): Promise<void> {
  const failure = sendFailureOf(error);
  const tid = error instanceof QboPortError ? error.details.intuitTid : undefined;
  const c = await engine.repos.sync.applyFailure(plan, failure, { random: engine.random, retryScale: engine.retryScale, ...(tid ? { intuitTid: tid } : {}) });
  if (c.action !== 'flag' && c.action !== 'reread_and_retry') run.awaitingResend.add(plan.batchId);
  if ('kind' in failure && failure.reason === 'queued') run.queued.add(plan.batchId);
  if (c.action === 'pause_auth') {
    engine.paused = true;
    engine.report({ phase: 'paused', needsReconnect: true, lastError: c.userMessage });
  } else if (c.action === 'flag' || c.action === 'reread_and_retry') {
    run.result.failed += plan.items.length;
    engine.report({ failed: engine.progress.failed + plan.items.length, done: engine.progress.done + plan.items.length, lastError: c.userMessage });
  } else engine.report({ lastError: c.userMessage });
}

/** QuickBooks answered: each item's answer is applied on its own. */
async function settleAnswer(engine: EngineState, run: RunState, plan: BatchPlan, answer: Awaited<ReturnType<QboPort['batch']>>): Promise<void> {
  const outcomes = applyBatchResponse(plan, toBatchResponse(answer.items), { random: engine.random, ...(answer.intuitTid ? { intuitTid: answer.intuitTid } : {}) });
  run.awaitingResend.delete(plan.batchId);
  const counts = await engine.repos.sync.applyAnswer(plan, outcomes, { retryScale: engine.retryScale });
  if (counts.reread > 0) run.checkRereads = true;
  run.result.done += counts.done;
  run.result.failed += counts.failed;
  const flagged = outcomes.find((o) => o.kind === 'flagged');
  const progress = engine.progress;
  engine.report({ done: progress.done + counts.done + counts.failed, failed: progress.failed + counts.failed, ...(flagged && 'userMessage' in flagged ? { lastError: flagged.userMessage } : {}) });
  if (counts.pause > 0) {
    engine.paused = true;
    engine.report({ phase: 'paused', needsReconnect: true });
  }
}

async function send(engine: EngineState, run: RunState, plan: BatchPlan): Promise<void> {
  run.result.batches++;
  run.result.sent += plan.items.length;
  let answer: Awaited<ReturnType<QboPort['batch']>>;
  try {
    answer = await engine.port.batch(plan.requestId, toItems(plan));
  } catch (error) {
    await settleFailure(engine, run, plan, error);
    return;
  }
  await settleAnswer(engine, run, plan, answer);
}

/** A row QuickBooks changed meanwhile: its current SyncToken is read and the row rebased on it. */
async function reread(engine: EngineState, row: OutboxRow): Promise<void> {
  try {
    const current = row.qboId ? await engine.port.read('TimeActivity', row.qboId) : null;
    const token = current && typeof current['SyncToken'] === 'string' ? { Id: String(current['Id']), SyncToken: current['SyncToken'] } : null;
    await engine.repos.sync.rebase(row.id, token);
  } catch (error) {
    const failure = sendFailureOf(error);
    if (!('kind' in failure) && (failure.status === 401 || failure.status === 403)) engine.paused = true;
    engine.report({ lastError: error instanceof Error ? error.message : String(error) });
    await engine.sleep(Math.ceil(1_000 / engine.retryScale));
  }
}

async function worker(engine: EngineState, run: RunState): Promise<void> {
  for (;;) {
    if (engine.stopRequested || engine.paused) return;
    const job = await nextJob(engine, run);
    if (job.kind === 'none') return;
    if (job.kind === 'wait') {
      run.idleSince ??= engine.now();
      if (engine.options.maxIdleWaitMs !== undefined && engine.now() - run.idleSince > engine.options.maxIdleWaitMs) return;
      engine.report({ phase: engine.progress.phase === 'paused' ? 'paused' : 'waiting' });
      await engine.sleep(job.ms);
      continue;
    }
    run.idleSince = null;
    if (engine.progress.phase !== 'sending') engine.report({ phase: 'sending' });
    try {
      if (job.kind === 'send') await send(engine, run, job.plan);
      else await reread(engine, job.row);
    } finally {
      if (job.kind === 'send') run.held.delete(job.plan.batchId);
      else run.rereading.delete(job.row.id);
    }
  }
}

/** How the run ended: paused for reconnect, stopped, or done, with the rows still open. */
async function finishRun(engine: EngineState, run: RunState): Promise<RunResult> {
  const { result } = run;
  result.remaining = (await engine.repos.sync.openRows(engine.port.companyId)).filter(run.inScope).length;
  if (engine.paused) {
    result.status = 'paused_auth';
    result.message = 'Reconnect QuickBooks to continue sending; nothing was lost.';
    engine.report({ phase: 'paused', needsReconnect: true, lastError: result.message });
  } else if (engine.stopRequested) {
    result.status = 'stopped';
    engine.report({ phase: 'idle' });
  } else engine.report({ phase: 'done' });
  return result;
}

/** One run: check the pause, plan the outbox, drain it with a few workers, report how it ended. */
async function runOnce(engine: EngineState, concurrency: number, only: Set<string> | null, plan: boolean): Promise<RunResult> {
  engine.stopRequested = false;
  const run = newRun(only);
  engine.report({ phase: 'planning', done: 0, total: 0, failed: 0, lastError: null, needsReconnect: engine.paused });
  if (await checkPause(engine, run.result)) return run.result;
  if (plan && !only) await planOutbox(engine);
  engine.report({ phase: 'sending', total: (await engine.repos.sync.openRows(engine.port.companyId)).filter(run.inScope).length });
  await Promise.all(Array.from({ length: concurrency }, () => worker(engine, run)));
  return finishRun(engine, run);
}

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const concurrency = Math.max(1, Math.min(10, options.concurrency ?? 4));
  const engine: EngineState = {
    repos: options.repos,
    port: options.port,
    options,
    now: () => options.clock?.now() ?? Date.now(),
    sleep: options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms))),
    random: options.random ?? Math.random,
    retryScale: options.retryScale ?? 1,
    stopRequested: false,
    paused: false,
    progress: { phase: 'idle', done: 0, total: 0, failed: 0, lastError: null, needsReconnect: false },
    report(patch) {
      engine.progress = { ...engine.progress, ...patch };
      options.onProgress?.(engine.progress);
    },
  };
  let current: Promise<RunResult> | null = null;

  return {
    run(opts = {}) {
      if (current) return current;
      const only = opts.only ? new Set(opts.only) : null;
      current = runOnce(engine, concurrency, only, opts.plan ?? true)
        .catch((error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          engine.report({ phase: 'error', lastError: message });
          return { status: 'error', sent: 0, done: 0, failed: 0, batches: 0, remaining: -1, message } satisfies RunResult;
        })
        .finally(() => {
          current = null;
        });
      return current;
    },
    stop() {
      engine.stopRequested = true;
    },
    progress: () => engine.progress,
    isRunning: () => current !== null,
    resume() {
      engine.paused = false;
      engine.report({ needsReconnect: false, phase: 'idle' });
    },
  };
}
