// What to do about a failed write. Every answer says what the engine does next and what the user
// is told. The engine never guesses: anything that may have reached QuickBooks is retried with the
// SAME request (same requestid), so QBO replays its first answer instead of creating a duplicate.
//
//   pause_auth        401 / 3200 / 100 (token expired or revoked), 403 / 3100 (no access): stop the
//                     whole engine until the user reconnects; then resend the same request.
//   retry_after       429 / 3001 (throttled), 503 (busy): wait Retry-After, else exponential
//                     backoff with jitter; resend the same request. Nothing was written.
//   retry_same        other 5xx, timeouts, dropped connections: the write may or may not have
//                     happened; resend the identical request (same requestid) after a backoff.
//   reread_and_retry  5010 stale SyncToken: re-read the TimeActivity, put its SyncToken on our
//                     payload and send again. The body changes, so this is a NEW request with a
//                     NEW requestid (reusing the old one would make QBO replay the stale fault).
//   flag              the item was refused and retrying cannot help: 610/2500 inactive or missing
//                     reference, 6000 business rule (closed books…), 6240, 2010/2020/4000 (a bug
//                     in our payload). The entry is flagged with the message; the rest go on.
import type { QboFault } from '../qbo/types';

export type FaultAction = 'retry_same' | 'retry_after' | 'flag' | 'pause_auth' | 'reread_and_retry';

/**
 * A request that got no QBO answer at all; 'queued': a QuickBooks Desktop company holds it until the
 * Web Connector's next update (shared/qbd/translate.ts QBD_QUEUED).
 */
interface NetworkError {
  kind: 'network';
  reason: 'timeout' | 'dropped' | 'offline' | 'queued' | 'unknown';
  message?: string;
}

export type SendFailure = QboFault | NetworkError;

export interface Classification {
  action: FaultAction;
  /** For retry_after and retry_same: how long to wait before resending. */
  retryAfterMs?: number;
  /** What the bookkeeper reads next to the entry or in the status bar. */
  userMessage: string;
  /** The QBO code that decided it, when there was one. */
  code?: string;
  /** True when the fault means our payload was malformed: a bug to report, not a user error. */
  bug?: boolean;
  /** True only for reread_and_retry: the retry is a new request with a new requestid. */
  newRequestId?: boolean;
}

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 5 * 60_000 };
/** Throttling: QBO's guidance is to wait about a minute, so start higher than for a blip. */
export const THROTTLE_BACKOFF: BackoffPolicy = { baseMs: 10_000, capMs: 5 * 60_000 };

/**
 * Exponential backoff with "equal jitter": for attempt n (1-based) the ceiling is
 * min(cap, base·2^(n-1)); the wait is half the ceiling plus a random share of the other half.
 * The jitter spreads retries of many clients; the fixed half keeps a minimum pause. `random`
 * returns [0, 1) and is injected (seeded in tests) so the function stays pure.
 */
export function backoffMs(attempt: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const n = Math.max(1, Math.floor(attempt));
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(n - 1, 30));
  const r = Math.min(Math.max(random(), 0), 1 - Number.EPSILON);
  return Math.min(ceiling - 1, Math.floor(ceiling / 2 + r * (ceiling / 2)));
}

/** Reproducible jitter for callers that want it. */
export { seededRandom } from '../random';

export interface ClassifyOptions {
  /** 1-based number of the attempt that just failed (drives backoff). */
  attempt?: number;
  random?: () => number;
  /** The Retry-After header, already converted to ms, when QBO sent one. */
  retryAfterMs?: number;
  /** What was sent, in the messages: 'entry' (time, the default), 'invoice' or 'expense'. */
  what?: 'entry' | 'invoice' | 'expense';
}

const AUTH_CODES = new Set(['3200', '100']);
const FORBIDDEN_CODES = new Set(['3100']);
const THROTTLE_CODES = new Set(['3001']);
const REFERENCE_CODES = new Set(['610', '2500']);
/**
 * The closing date: Intuit's error list gives 6210 "Account Period Closed" ("The account period has
 * closed and the account books cannot be updated through the QBO Services API…"); Harvest's help
 * shows the same refusal as 6200 (qbo-api.md §13.9). Its Detail points at the QBO website, which
 * would not help a bookkeeper here.
 */
const PERIOD_CLOSED_CODES = new Set(['6200', '6210']);
const PAYLOAD_BUG_CODES = new Set(['2010', '2020', '4000', '4001', '4002']);

const REFERENCE_WORDS: Record<string, string> = {
  CustomerRef: 'The customer',
  ItemRef: 'The service item',
  ClassRef: 'The class',
  EmployeeRef: 'The employee',
  VendorRef: 'The vendor',
};

/** QBO prefixes details with their own heading ("Business Validation Error: …"); keep the rule. */
function cleanDetail(detail: string | undefined, fallback: string): string {
  const text = (detail ?? '').replace(/^[A-Za-z ]+Error\s*:\s*/, '').trim();
  return text === '' ? fallback : text;
}

/** A fault code of shared/qbd/translate's batchFaultOf: QuickBooks Desktop could not take it now. */
const QBD_LATER = 'QBD_LATER';
/** How often the engine looks whether the Web Connector took a queued batch; its update comes when QBWC's schedule says. */
const QUEUED_POLL_MAX_MS = 60_000;

/** A Desktop company holds the batch until the Web Connector's next update: the same batch is asked for again. */
function queuedForDesktop(failure: NetworkError, attempt: number, random: () => number): Classification {
  return {
    action: 'retry_same',
    retryAfterMs: Math.min(backoffMs(attempt, random), QUEUED_POLL_MAX_MS),
    userMessage: failure.message ?? 'Waiting for QuickBooks Desktop: the Web Connector takes this at its next update.',
  };
}

// Long because it is one decision table: each branch is a kind of QuickBooks answer, in the order
// they must be tested (codes before statuses), and splitting it would hide that order.
export function classifyFault(failure: SendFailure, options: ClassifyOptions = {}): Classification {
  const attempt = options.attempt ?? 1;
  const what = options.what ?? 'entry';
  const random = options.random ?? (() => 0.5);
  if ('kind' in failure) {
    if (failure.reason === 'queued') return queuedForDesktop(failure, attempt, random);
    const cause = failure.reason === 'timeout' ? 'QuickBooks did not answer in time' : failure.reason === 'offline' ? 'You are offline' : 'The connection to QuickBooks dropped';
    return {
      action: 'retry_same',
      retryAfterMs: backoffMs(attempt, random),
      userMessage: `${cause}; we will send the same request again, and QuickBooks will not record it twice.`,
    };
  }

  const first = failure.errors[0];
  const code = first?.code ?? '';
  const status = failure.status;
  const withCode = code ? { code } : {};
  if (code === QBD_LATER) {
    // QuickBooks Desktop was busy or the record open elsewhere (shared/qbd/translate batchFaultOf): nothing was written.
    return { action: 'retry_after', retryAfterMs: backoffMs(attempt, random), userMessage: first?.detail ?? 'QuickBooks Desktop was busy; sending continues at its next update.', code };
  }

  // Codes decide before statuses: QBO once sent ThrottleExceeded (3001) with a 403 status.
  const forbidden = FORBIDDEN_CODES.has(code) || (status === 403 && !THROTTLE_CODES.has(code));
  const unauthenticated = AUTH_CODES.has(code) || (status === 401 && !THROTTLE_CODES.has(code));
  if (forbidden) {
    return { action: 'pause_auth', userMessage: 'QuickBooks refused access: reconnect with an admin account.', ...withCode };
  }
  if (unauthenticated) {
    return { action: 'pause_auth', userMessage: 'The connection to QuickBooks has expired; reconnect to QuickBooks to continue sending.', ...withCode };
  }
  if (THROTTLE_CODES.has(code) || status === 429 || status === 503) {
    const throttled = THROTTLE_CODES.has(code) || status === 429;
    const wait = options.retryAfterMs !== undefined && options.retryAfterMs >= 0
      ? Math.min(options.retryAfterMs, THROTTLE_BACKOFF.capMs)
      : backoffMs(attempt, random, throttled ? THROTTLE_BACKOFF : DEFAULT_BACKOFF);
    return {
      action: 'retry_after',
      retryAfterMs: wait,
      userMessage: throttled ? 'QuickBooks asked us to slow down; sending continues shortly.' : 'QuickBooks is busy; sending continues shortly.',
      ...withCode,
    };
  }
  if (code === '5010') {
    return {
      action: 'reread_and_retry',
      newRequestId: true,
      userMessage: 'This time was changed in QuickBooks while we were sending; we will read the latest version and send again.',
      ...withCode,
    };
  }
  if (REFERENCE_CODES.has(code)) {
    const who = (first?.element && REFERENCE_WORDS[first.element]) ?? `A customer, service item, class or person used by this ${what}`;
    return {
      action: 'flag',
      userMessage: `${who} is inactive or was deleted in QuickBooks; reactivate it in QuickBooks or change the link in Track Nexus, then send again.`,
      ...withCode,
    };
  }
  if (PERIOD_CLOSED_CODES.has(code)) {
    return {
      action: 'flag',
      userMessage: `QuickBooks refused this ${what}: the books are closed for its date. Ask your accountant to reopen the period, or ${what === 'entry' ? 'move the time to a later date' : `date the ${what} later`}.`,
      ...withCode,
    };
  }
  if (code === '6000' || code === '6240') {
    return { action: 'flag', userMessage: `QuickBooks refused this ${what}: ${cleanDetail(first?.detail, first?.message ?? 'a business rule was not met')}`, ...withCode };
  }
  if (PAYLOAD_BUG_CODES.has(code)) {
    return {
      action: 'flag',
      bug: true,
      userMessage: `Track Nexus sent QuickBooks something it could not accept (${cleanDetail(first?.detail, first?.message ?? code)}). This is a bug in Track Nexus; please report it.`,
      ...withCode,
    };
  }
  if (status !== undefined && status >= 500) {
    return {
      action: 'retry_same',
      retryAfterMs: backoffMs(attempt, random),
      userMessage: 'QuickBooks had a problem on its side; we will send the same request again, and it will not be recorded twice.',
      ...withCode,
    };
  }
  // Any other refusal: retrying the same body cannot succeed. Show QBO's own words.
  return { action: 'flag', userMessage: `QuickBooks refused this ${what}: ${cleanDetail(first?.detail, first?.message || 'no reason given')}`, ...withCode };
}
