// QuickBooks errors, in every shape it sends them: the accounting service's `Fault.Error[]`,
// the gateway's lower-case `fault.error[]` (401/403), XML `IntuitResponse` throttle bodies (429)
// and anything else (a proxy's HTML). All become one typed QboFault carrying intuit_tid, which
// Intuit support asks for.
export interface QboErrorItem {
  code: string;
  message: string;
  detail: string;
  element: string;
}

export class QboFault extends Error {
  override readonly name = 'QboFault';
  constructor(
    readonly status: number,
    readonly type: string,
    readonly errors: QboErrorItem[],
    readonly intuitTid: string | null,
    readonly requestId: string | null = null,
  ) {
    const first = errors[0];
    super(
      first
        ? `QuickBooks fault ${first.code}: ${first.message}${first.detail ? ` — ${first.detail}` : ''}${intuitTid ? ` (intuit_tid ${intuitTid})` : ''}`
        : `QuickBooks answered HTTP ${status}${intuitTid ? ` (intuit_tid ${intuitTid})` : ''}`,
    );
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

type Loose = Record<string, unknown>;
const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** Reads a JSON fault object (either casing) into typed items. */
export function faultFromJson(fault: Loose): { type: string; errors: QboErrorItem[] } {
  const list = (fault['Error'] ?? fault['error'] ?? []) as Loose[];
  return {
    type: str(fault['type']) || 'Unknown',
    errors: (Array.isArray(list) ? list : [list]).map((e) => ({
      code: str(e['code'] ?? e['Code']),
      message: str(e['Message'] ?? e['message']),
      detail: str(e['Detail'] ?? e['detail']),
      element: str(e['element'] ?? e['Element']),
    })),
  };
}

const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&amp;/g, '&');

function faultFromXml(text: string): { type: string; errors: QboErrorItem[] } | null {
  const fault = /<Fault\b([^>]*)>([\s\S]*?)<\/Fault>/i.exec(text);
  if (!fault) return null;
  const type = /type="([^"]*)"/.exec(fault[1] ?? '')?.[1] ?? 'Unknown';
  const errors = [...(fault[2] ?? '').matchAll(/<Error\b([^>]*)>([\s\S]*?)<\/Error>/gi)].map((m) => {
    const attrs = m[1] ?? '';
    const inner = m[2] ?? '';
    return {
      code: /code="([^"]*)"/.exec(attrs)?.[1] ?? '',
      element: decodeXml(/element="([^"]*)"/.exec(attrs)?.[1] ?? ''),
      message: decodeXml(/<Message>([\s\S]*?)<\/Message>/i.exec(inner)?.[1]?.trim() ?? ''),
      detail: decodeXml(/<Detail>([\s\S]*?)<\/Detail>/i.exec(inner)?.[1]?.trim() ?? ''),
    };
  });
  return { type, errors };
}

export function parseFault(status: number, text: string, intuitTid: string | null, requestId: string | null = null): QboFault {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      const json = JSON.parse(trimmed) as Loose;
      const fault = (json['Fault'] ?? json['fault']) as Loose | undefined;
      if (fault && typeof fault === 'object') {
        const parsed = faultFromJson(fault);
        return new QboFault(status, parsed.type, parsed.errors, intuitTid, requestId);
      }
      // OAuth-style { error, error_description }
      if (typeof json['error'] === 'string') {
        return new QboFault(status, 'HTTP', [{ code: String(status), message: json['error'], detail: str(json['error_description']), element: '' }], intuitTid, requestId);
      }
    } catch {
      // fall through to the generic fault
    }
  }
  if (trimmed.startsWith('<')) {
    const parsed = faultFromXml(trimmed);
    if (parsed) return new QboFault(status, parsed.type, parsed.errors, intuitTid, requestId);
  }
  return new QboFault(status, 'HTTP', [{ code: String(status), message: `HTTP ${status}`, detail: trimmed.slice(0, 200), element: '' }], intuitTid, requestId);
}

/** Retry-After in ms: delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}
