// The simulated Web Connector's schedule: plays one update session every N milliseconds, as the real
// Web Connector does for a .QWC's RunEveryNMinutes (a minimum interval between session starts,
// shared/docs/qbo-api.md §9.2), with faults drawn at given odds from a seeded random so a run can be
// replayed. Sleep and clock are injected: tests and the benchmark never wait on the wall clock.
import { seededRandom } from '../../shared/random';
import { runWebConnectorSession, type WebConnectorFault, type WebConnectorOutcome, type WebConnectorSession } from './qbwc';

/** Odds per session of each fault when faults are on (they may add up to at most 1). */
export const DEFAULT_FAULT_ODDS: Readonly<Record<WebConnectorFault, number>> = {
  dropAfterApply: 0.1, companyClosed: 0.05, busy: 0.05, staleEditSequence: 0.1,
};

export interface ScheduleOptions {
  session: Omit<WebConnectorSession, 'fault' | 'random'>;
  everyMs: number;
  /** Stop after this many sessions; otherwise only `signal` or `until` stop it. */
  sessions?: number;
  /** Odds of each fault per session; none when left out. */
  faults?: Partial<Record<WebConnectorFault, number>>;
  seed?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  signal?: AbortSignal;
  /** Told after each session; answering true stops the schedule. */
  until?: (report: SessionReport) => boolean | Promise<boolean>;
}

export interface SessionReport extends WebConnectorOutcome {
  /** 1 for the first session. */
  index: number;
  startedAt: number;
  fault: WebConnectorFault | null;
}

function pickFault(odds: Partial<Record<WebConnectorFault, number>>, r: number): WebConnectorFault | null {
  let sum = 0;
  for (const [fault, p] of Object.entries(odds) as [WebConnectorFault, number][]) {
    sum += p;
    if (r < sum) return fault;
  }
  return null;
}

/** One session; the app not answering at all is reported as that session's error, as the Web Connector shows it. */
async function playOne(options: ScheduleOptions, fault: WebConnectorFault | null, random: () => number): Promise<WebConnectorOutcome> {
  try {
    return await runWebConnectorSession({ ...options.session, fault, random });
  } catch (e) {
    return { authenticated: '', requests: 0, closedWith: '', error: `The Web Connector could not reach the app: ${(e as Error).message}` };
  }
}

/** Plays sessions on the schedule until `sessions` are done, `signal` aborts or `until` says so; each session's outcome in order. */
export async function runWebConnector(options: ScheduleOptions): Promise<SessionReport[]> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const random = seededRandom(options.seed ?? 1);
  const odds = options.faults ?? {};
  const reports: SessionReport[] = [];
  while (!options.signal?.aborted && (options.sessions === undefined || reports.length < options.sessions)) {
    const startedAt = now();
    const fault = pickFault(odds, random());
    const report: SessionReport = { index: reports.length + 1, startedAt, fault, ...(await playOne(options, fault, random)) };
    reports.push(report);
    if ((await options.until?.(report)) === true) break;
    if (options.signal?.aborted || reports.length === options.sessions) break;
    await sleep(Math.max(0, startedAt + options.everyMs - now()));
  }
  return reports;
}
