// The sync engine of one window, shared by the QuickBooks screen's tabs, with its progress in a
// small zustand store (transient UI state, not data). The engine itself, its lock and its rules
// are engine.ts's; a SyncService only builds it over a port, keeps its schedule and tells the
// screen how it is going. The app makes one at its root (SyncServiceProvider); a test makes its own.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { currentZone } from '../../../app/clock';
import type { Repos } from '../../../db/repos';
import { createSyncEngine, type RunResult, type SyncEngine, type SyncProgress } from './engine';
import type { QboPort } from './qbo-port';
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

export interface SyncService {
  /** The way to QuickBooks that the engine, the import and the reconciliation report share. */
  readonly port: QboPort;
  readonly engine: SyncEngine;
  /** Progress and the last result, for the screen. */
  readonly ui: StoreApi<SyncUiState>;
  /** Runs the engine (all approved work, or only these outbox keys) and records the result for the screen. */
  run(options?: { only?: readonly string[] }): Promise<RunResult>;
  /** After a reconnect: let the engine send again. */
  resume(): void;
  /**
   * Starts the schedule (every N minutes, hourly, daily, on approval); idempotent. A scheduled
   * run only happens while QuickBooks is connected: a disconnected app does not pile up failed
   * attempts in the audit trail.
   */
  startSchedule(): void;
  /** After the mode, interval or daily time changed. */
  reschedule(): void;
  /** After entries were approved: runs at once in "on approval" mode. */
  approved(): void;
  /** Stops the schedule (the window or the test is done with this service). */
  stop(): void;
}

export function createSyncService(deps: { repos: Repos; port: QboPort; zone?: () => string }): SyncService {
  const { repos, port } = deps;
  const ui = createStore<SyncUiState>(() => ({ progress: IDLE, running: false, lastResult: null, lastRunAt: null, reconnectRequired: false }));
  const engine = createSyncEngine({ repos, port, onProgress: (p) => ui.setState({ progress: p }) });
  let scheduler: ReturnType<typeof createScheduler> | null = null;

  async function run(options: { only?: readonly string[] } = {}): Promise<RunResult> {
    ui.setState({ running: true });
    try {
      const result = await engine.run(options.only ? { only: options.only } : {});
      ui.setState({ lastResult: result, lastRunAt: Date.now() });
      return result;
    } finally {
      ui.setState({ running: engine.isRunning() });
    }
  }

  return {
    port,
    engine,
    ui,
    run,
    resume: () => engine.resume(),
    startSchedule() {
      if (scheduler) return;
      scheduler = createScheduler({
        settings: () => repos.sync.settings(),
        run: async () => {
          const status = await port.status().catch(() => null);
          if (status?.state !== 'connected') return;
          await run();
        },
        now: () => Date.now(),
        zone: deps.zone ?? currentZone,
      });
      void scheduler.reschedule();
    },
    reschedule: () => void scheduler?.reschedule(),
    approved: () => void scheduler?.approved(),
    stop() {
      scheduler?.stop();
      scheduler = null;
    },
  };
}
