// The one sync engine of this window, shared by the QuickBooks screen's tabs, with its progress in
// a small zustand store (transient UI state, not data). The engine itself, its lock and its rules
// are renderer/src/sync's; this file only builds it over IPC and tells the screen how it is going.
import { currentZone } from '../../../app/clock';
import { create } from 'zustand';
import type { Repos } from '../../../db/repos';
import { api } from '../../../platform/api';
import { createSyncEngine, type RunResult, type SyncEngine, type SyncProgress } from './engine';
import { ipcQboPort, type QboPort } from './qbo-port';
import { createScheduler } from './scheduler';

export interface SyncUiState {
  progress: SyncProgress;
  running: boolean;
  lastResult: RunResult | null;
  /** When the last run ended (epoch ms). */
  lastRunAt: number | null;
  /** QuickBooks no longer accepts the connection (the screen's status): open rows wait for a reconnect. */
  reconnectRequired: boolean;
}

const IDLE: SyncProgress = { phase: 'idle', done: 0, total: 0, failed: 0, lastError: null, needsReconnect: false };

export const useSyncUi = create<SyncUiState>(() => ({ progress: IDLE, running: false, lastResult: null, lastRunAt: null, reconnectRequired: false }));

let port: QboPort | null = null;
let engine: SyncEngine | null = null;
let engineRepos: Repos | null = null;
let scheduler: ReturnType<typeof createScheduler> | null = null;
let schedulerRepos: Repos | null = null;

export function qboPort(): QboPort {
  port ??= ipcQboPort(api);
  return port;
}

/** The window's engine (one per repos object: a test that makes new repos gets a new engine). */
function syncEngine(repos: Repos): SyncEngine {
  if (!engine || engineRepos !== repos) {
    engineRepos = repos;
    engine = createSyncEngine({
      repos,
      port: qboPort(),
      onProgress: (p) => useSyncUi.setState({ progress: p }),
    });
  }
  return engine;
}

/** Runs the engine (all approved work, or only these outbox keys) and records the result for the screen. */
export async function runSync(repos: Repos, options: { only?: readonly string[] } = {}): Promise<RunResult> {
  const e = syncEngine(repos);
  useSyncUi.setState({ running: true });
  try {
    const result = await e.run(options.only ? { only: options.only } : {});
    useSyncUi.setState({ lastResult: result, lastRunAt: Date.now() });
    return result;
  } finally {
    useSyncUi.setState({ running: e.isRunning() });
  }
}

/** After a reconnect: let the engine send again. */
export function resumeSync(repos: Repos): void {
  syncEngine(repos).resume();
}

/**
 * Starts the schedule (every N minutes, hourly, daily, on approval) for this window; idempotent.
 * A scheduled run only happens while QuickBooks is connected: a disconnected app does not pile up
 * failed attempts in the audit trail.
 */
export function startSyncScheduler(repos: Repos): void {
  if (scheduler && schedulerRepos === repos) return;
  scheduler?.stop();
  schedulerRepos = repos;
  scheduler = createScheduler({
    settings: () => repos.sync.settings(),
    run: async () => {
      const status = await qboPort().status().catch(() => null);
      if (status?.state !== 'connected') return;
      await runSync(repos);
    },
    now: () => Date.now(),
    zone: currentZone,
  });
  void scheduler.reschedule();
}

/** After the mode, interval or daily time changed. */
export function rescheduleSync(): void {
  void scheduler?.reschedule();
}

/** After entries were approved: runs at once in "on approval" mode. */
export function syncAfterApproval(): void {
  void scheduler?.approved();
}

/** For tests: forget the engine, the schedule and the port. */
export function resetSyncService(p: QboPort | null = null): void {
  scheduler?.stop();
  scheduler = null;
  schedulerRepos = null;
  port = p;
  engine = null;
  engineRepos = null;
  useSyncUi.setState({ progress: IDLE, running: false, lastResult: null, lastRunAt: null, reconnectRequired: false });
}
