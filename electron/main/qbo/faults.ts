// A QuickBooks error thrown by main's client: the fault as shared/qbo/fault's parseFault reads it
// (every shape QuickBooks sends: the service's `Fault.Error[]`, the gateway's `fault.error[]`,
// XML throttle bodies, OAuth errors), plus the HTTP status and intuit_tid, which Intuit support
// asks for.
import { parseFault } from '../../../shared/qbo/fault';
import type { QboFaultError } from '../../../shared/qbo/types';

/**
 * What the fault says to a person. A throttle (429, or 3001 under another status) is told in
 * words, not as QuickBooks' "message=ThrottleExceeded; errorCode=003001; statusCode=429".
 */
function describeFault(status: number, errors: QboFaultError[], intuitTid: string | null): string {
  const first = errors[0];
  const tid = intuitTid ? ` (intuit_tid ${intuitTid})` : '';
  if (status === 429 || first?.code === '3001') {
    return `QuickBooks asked Track Nexus to slow down: too many requests in a short time. Wait a minute and try again.${tid}`;
  }
  if (!first) return `QuickBooks answered HTTP ${status}${tid}`;
  return `QuickBooks fault ${first.code}: ${first.message}${first.detail ? ` — ${first.detail}` : ''}${tid}`;
}

export class QboFault extends Error {
  override readonly name = 'QboFault';
  constructor(
    readonly status: number,
    readonly type: string,
    readonly errors: QboFaultError[],
    readonly intuitTid: string | null,
    readonly requestId: string | null = null,
  ) {
    super(describeFault(status, errors, intuitTid));
  }

  /**
   * The fault in a whole-request answer. A body with no fault in it (a proxy's HTML page) keeps
   * an excerpt, so the message still shows what came back.
   */
  static fromResponse(status: number, text: string, intuitTid: string | null, requestId: string | null = null): QboFault {
    const { type, errors } = parseFault(text, { status });
    if (errors.length > 0) return new QboFault(status, type, errors, intuitTid, requestId);
    const excerpt = text.trim().slice(0, 200);
    return new QboFault(status, 'HTTP', [{ code: String(status), message: `HTTP ${status}`, ...(excerpt ? { detail: excerpt } : {}) }], intuitTid, requestId);
  }

  get code(): string | null {
    return this.errors[0]?.code ?? null;
  }

  /** Throttles and server trouble: the same request (same requestid) may be sent again later. */
  get retryable(): boolean {
    return this.status === 429 || this.status >= 500;
  }

  /** Authentication or authorization: only reconnecting helps. */
  get isAuth(): boolean {
    return this.status === 401 || (this.status === 403 && (this.code === '3100' || /auth/i.test(this.type)));
  }
}

/** The request never got a complete answer: it may or may not have happened at QuickBooks. */
export class QboNetworkError extends Error {
  override readonly name = 'QboNetworkError';
  constructor(
    message: string,
    readonly requestId: string | null,
    readonly errorCode: string | null,
  ) {
    super(message);
  }
  readonly retryable = true;
}

/** Retry-After in ms: delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}
