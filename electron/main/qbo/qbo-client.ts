// HTTP to the QuickBooks Accounting API. Every call goes through the realm's limiter with a
// bearer token from the TokenKeeper, carries minorversion=75 (lower ones are ignored since
// August 2025) and, for writes, a requestid that stays the same on every retry so QuickBooks
// answers a repeat with the original result instead of writing twice.
//
// We use fetch rather than intuit-oauth's makeApiCall: makeApiCall drops the body of 401/429/5xx
// answers and their Retry-After header, both of which we need to classify and back off.
import { parseFault } from '../../../shared/qbo/fault';
import type { QboFault as QboFaultData } from '../../../shared/qbo/types';
import { AppError } from '../../../shared/ipc/errors';
import { exactDecimal } from '../../../shared/qbo/decimal';
import { QboFault, QboNetworkError, retryAfterMs } from './faults';
import type { RateLimiterRegistry, RequestKind } from './rate-limiter';
import type { TokenKeeper } from './token-keeper';

const MINOR_VERSION = '75';
const MAX_BATCH_ITEMS = 30;
const PAGE_SIZE = 1000;
/** A list still shifting after this many reads is returned as last read. */
const MAX_PAGING_PASSES = 3;

interface QboRequest {
  method: 'GET' | 'POST';
  /** Below /v3/company/{realmId}/, e.g. "customer", "query", "companyinfo/123". */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  requestId?: string;
  kind: RequestKind;
  /** Accept header; JSON unless asked (the invoice PDF is `application/pdf`). */
  accept?: string;
  /** Content-Type of a request without a JSON body (sending an invoice is `application/octet-stream`). */
  contentType?: string;
  /** A successful answer longer than this is refused instead of read into memory. */
  maxBytes?: number;
}

export interface QboResponse<T = Record<string, unknown>> {
  status: number;
  data: T;
  intuitTid: string | null;
  /** The answer's body as it came (what `data` was parsed from). */
  bytes: Buffer;
}

export interface QboClientDeps {
  apiBase: () => string;
  tokens: TokenKeeper;
  limiters: RateLimiterRegistry;
  /** Per attempt, including reading the body. */
  timeoutMs?: number;
  /** How often a throttled (429/503) request is re-queued behind the back-off before giving up. */
  throttleRetries?: number;
  /** 401 again right after a refresh: the grant is no good, the user must reconnect. */
  onAuthRejected?: (reason: string, rejectedAccessToken: string) => void;
}

export type BatchItem =
  | { bId: string; operation: 'create' | 'update' | 'delete'; entity: string; body: Record<string, unknown> }
  | { bId: string; operation: 'query'; query: string };

export interface BatchItemResult {
  bId: string;
  entity: string | null;
  data: Record<string, unknown> | null;
  queryResponse: Record<string, unknown> | null;
  fault: Pick<QboFaultData, 'type' | 'errors'> | null;
}

/**
 * One request with its retries: a 401 refreshes the token once and resends; a throttle (429/503)
 * queues up again behind the limiter's back-off, up to `throttleRetries` times.
 */
function createRequester(deps: QboClientDeps) {
  const timeoutMs = deps.timeoutMs ?? 60_000;
  const throttleRetries = deps.throttleRetries ?? 5;

  async function request<T = Record<string, unknown>>(req: QboRequest): Promise<QboResponse<T>> {
    let retriedAfter401 = false;
    let throttled = 0;
    for (;;) {
      const realmId = deps.tokens.realmId() ?? (await deps.tokens.accessToken()).realmId;
      const limiter = deps.limiters.forRealm(realmId);
      const attempt = await limiter.run(req.kind, async () => {
        // The token is taken inside the slot so a long wait in the queue cannot stale it.
        const { token } = await deps.tokens.accessToken();
        const sentAt = Date.now();
        const answer = await send(deps.apiBase(), req, realmId, token, timeoutMs);
        // Back off before this slot is released, or the freed slot would let the next queued
        // request straight into the throttle.
        if (answer.status === 429 || answer.status === 503) limiter.backOff(retryAfterMs(answer.retryAfter, Date.now()), sentAt);
        return { token, ...answer };
      });
      if (attempt.status >= 200 && attempt.status < 300) {
        limiter.succeeded();
        if (attempt.tooLarge) throw tooLarge(req, attempt.tid);
        const json = !req.accept || req.accept === 'application/json';
        const data = (json ? parseJson(attempt.bytes.toString('utf8'), attempt.status, attempt.tid, req.requestId) : {}) as T;
        return { status: attempt.status, data, intuitTid: attempt.tid, bytes: attempt.bytes };
      }
      const fault = QboFault.fromResponse(attempt.status, attempt.bytes.toString('utf8'), attempt.tid, req.requestId ?? null);
      if (attempt.status === 401 && !retriedAfter401) {
        // Expired or revoked access token: refresh once (shared with everyone else who got a 401)
        // and send the very same request again, same requestid.
        retriedAfter401 = true;
        await deps.tokens.afterUnauthorized(attempt.token);
        continue;
      }
      if (attempt.status === 401) deps.onAuthRejected?.('QuickBooks rejected a freshly refreshed token (401).', attempt.token);
      if ((attempt.status === 429 || attempt.status === 503) && throttled < throttleRetries) {
        throttled++; // the limiter is already holding the realm back; queue up again behind it
        continue;
      }
      throw fault;
    }
  }

  return request;
}

type Requester = ReturnType<typeof createRequester>;

/** One HTTP attempt; a dropped connection or a timeout becomes a QboNetworkError. */
async function send(apiBase: string, req: QboRequest, realmId: string, token: string, timeoutMs: number) {
  const url = new URL(`${apiBase}/v3/company/${encodeURIComponent(realmId)}/${req.path}`);
  url.searchParams.set('minorversion', MINOR_VERSION);
  for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
  if (req.requestId) url.searchParams.set('requestid', req.requestId);
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(url, {
      method: req.method,
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: req.accept ?? 'application/json',
        ...(req.body !== undefined ? { 'Content-Type': 'application/json' } : req.contentType ? { 'Content-Type': req.contentType } : {}),
      },
      body: req.body !== undefined ? JSON.stringify(req.body) : null,
      signal,
    });
    const ok = res.status >= 200 && res.status < 300;
    const { bytes, tooLarge } = await readBody(res, ok ? req.maxBytes : undefined);
    return { status: res.status, bytes, tooLarge, tid: res.headers.get('intuit_tid'), retryAfter: res.headers.get('retry-after') };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    const code = (error as Error).name === 'TimeoutError' ? 'ETIMEDOUT' : (cause?.code ?? (error as { code?: string }).code ?? null);
    const what = req.requestId ? ` Retry with the same requestid (${req.requestId}); QuickBooks will not write twice.` : '';
    throw new QboNetworkError(`QuickBooks could not be reached or the connection dropped (${code ?? (error as Error).message}).${what}`, req.requestId ?? null, code);
  }
}

/** The body, or as much as fits when it is longer than `maxBytes` (then `tooLarge`, the rest left unread). */
async function readBody(res: Response, maxBytes: number | undefined): Promise<{ bytes: Buffer; tooLarge: boolean }> {
  if (maxBytes === undefined || !res.body) return { bytes: Buffer.from(await res.arrayBuffer()), tooLarge: false };
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    length += chunk.byteLength;
    // Leaving the loop cancels the rest of the stream.
    if (length > maxBytes) return { bytes: Buffer.alloc(0), tooLarge: true };
    chunks.push(chunk);
  }
  return { bytes: Buffer.concat(chunks), tooLarge: false };
}

/** A refused answer that QuickBooks sent successfully (too large, not what was asked for): not worth retrying. */
function refusedAnswer(message: string, tid: string | null): AppError {
  return new AppError('remote', `${message}${tid ? ` (intuit_tid ${tid})` : ''}`, { retryable: false, remote: { status: 200, ...(tid ? { intuitTid: tid } : {}) } });
}

function tooLarge(req: QboRequest, tid: string | null): AppError {
  const mb = Math.round((req.maxBytes ?? 0) / 1024 / 1024);
  return refusedAnswer(`QuickBooks sent more than ${mb} MB for ${req.path}; Track Nexus did not keep it.`, tid);
}

// Long because it is the client's table of calls: each inner function is one QuickBooks call that
// reads on its own, and they share the requester (retries, limiter, token) made here.
export function createQboClient(deps: QboClientDeps) {
  const request = createRequester(deps);

  async function query(sql: string): Promise<Record<string, unknown>> {
    const res = await request({ method: 'GET', path: 'query', query: { query: sql }, kind: 'read' });
    return (res.data['QueryResponse'] ?? {}) as Record<string, unknown>;
  }

  /**
   * Every row of one entity. STARTPOSITION is a 1-based offset (1, 1001, 2001…), not a page
   * number; MAXRESULTS is at most 1000. A short page means the end.
   *
   * Pages are ordered by Id. Without ORDERBY QuickBooks answers name lists by name, so a customer
   * renamed or added between two pages would shift the rows behind it: one row skipped (and then
   * missing from the mirror as if deleted), another read twice. Ids never change, so a rename moves
   * nothing. Whether QuickBooks sorts Ids as numbers or as text is not documented: as text a new
   * Id can land among the pages already read, which shows as a row coming twice; then the list is
   * read again so the new row is not missed.
   */
  async function queryAll(entity: string, where?: string): Promise<Record<string, unknown>[]> {
    if (where && /\b(STARTPOSITION|MAXRESULTS|ORDERBY)\b/i.test(where)) throw new Error('queryAll orders and pages by itself; leave ORDERBY, STARTPOSITION and MAXRESULTS out of the filter.');
    for (let pass = 1; ; pass++) {
      const { rows, shifted } = await readPages(entity, where);
      if (!shifted || pass === MAX_PAGING_PASSES) return rows;
    }
  }

  /** One pass over the pages; `shifted` when a row came twice because rows were added before it. */
  async function readPages(entity: string, where: string | undefined) {
    const rows = new Map<string, Record<string, unknown>>();
    let shifted = false;
    for (let start = 1; ; start += PAGE_SIZE) {
      const page = await query(`select * from ${entity}${where ? ` where ${where}` : ''} ORDERBY Id STARTPOSITION ${start} MAXRESULTS ${PAGE_SIZE}`);
      const items = (page[entity] ?? []) as Record<string, unknown>[];
      for (const item of items) {
        const id = String(item['Id']);
        shifted ||= rows.has(id);
        rows.set(id, item);
      }
      if (items.length < PAGE_SIZE) return { rows: [...rows.values()], shifted };
    }
  }

  async function read(entity: string, id: string): Promise<Record<string, unknown>> {
    const res = await request({ method: 'GET', path: `${entity.toLowerCase()}/${encodeURIComponent(id)}`, kind: 'read' });
    return (res.data[entity] ?? {}) as Record<string, unknown>;
  }

  async function write(entity: string, operation: 'create' | 'update' | 'delete', body: Record<string, unknown>, requestId: string) {
    const res = await request({
      method: 'POST',
      path: entity.toLowerCase(),
      query: operation === 'create' ? {} : { operation },
      body,
      requestId,
      kind: 'write',
    });
    return (res.data[entity] ?? res.data) as Record<string, unknown>;
  }

  /**
   * At most 30 items; per-item faults are returned, not thrown (the caller decides per item). The
   * batch's intuit_tid comes back too, for the audit trail.
   */
  async function batch(items: BatchItem[], requestId: string): Promise<{ items: BatchItemResult[]; intuitTid: string | null }> {
    if (items.length === 0 || items.length > MAX_BATCH_ITEMS) throw new Error(`A batch takes 1 to ${MAX_BATCH_ITEMS} items, not ${items.length}.`);
    const BatchItemRequest = items.map((item) =>
      item.operation === 'query'
        ? { bId: item.bId, Query: item.query }
        : { bId: item.bId, operation: item.operation, [item.entity]: item.body },
    );
    const res = await request({ method: 'POST', path: 'batch', body: { BatchItemRequest }, requestId, kind: 'batch' });
    const answers = (res.data['BatchItemResponse'] ?? []) as Record<string, unknown>[];
    return { items: answers.map(batchItemResult), intuitTid: res.intuitTid };
  }

  /** Change data capture; QBO looks back at most 30 days and does not cover TimeActivity. */
  async function cdc(entities: string[], changedSince: string): Promise<Record<string, Record<string, unknown>[]>> {
    const res = await request({ method: 'GET', path: 'cdc', query: { entities: entities.join(','), changedSince }, kind: 'read' });
    return cdcChanges(res.data);
  }

  async function companyInfo(): Promise<Record<string, unknown>> {
    const realmId = deps.tokens.realmId() ?? (await deps.tokens.accessToken()).realmId;
    return read('CompanyInfo', realmId);
  }

  async function preferences(): Promise<Record<string, unknown>> {
    const res = await request({ method: 'GET', path: 'preferences', kind: 'read' });
    return (res.data['Preferences'] ?? {}) as Record<string, unknown>;
  }

  return { request, query, queryAll, read, write, batch, cdc, companyInfo, preferences, ...invoicing(request, preferences) };
}

/**
 * The calls invoicing needs beyond reading and writing entities (qbo-api.md §3.5, §3.8, §8); one
 * short function each, which is what makes the group long.
 */
function invoicing(request: Requester, preferences: () => Promise<Record<string, unknown>>) {
  return {
    /** POST /invoice?requestid=: a resend with the same requestid answers the first invoice. */
    async createInvoice(body: Record<string, unknown>, requestId: string) {
      const res = await request({ method: 'POST', path: 'invoice', body, requestId, kind: 'write' });
      return { data: (res.data['Invoice'] ?? {}) as Record<string, unknown>, intuitTid: res.intuitTid };
    },

    /** The PDF QuickBooks renders; anything that is not a PDF, or over 20 MB, is refused. */
    async invoicePdf(invoiceId: string): Promise<Buffer> {
      const res = await request({ method: 'GET', path: `invoice/${encodeURIComponent(invoiceId)}/pdf`, accept: 'application/pdf', maxBytes: MAX_PDF_BYTES, kind: 'read' });
      if (!res.bytes.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) {
        throw refusedAnswer(`QuickBooks did not send a PDF for invoice ${invoiceId}. Open the invoice in QuickBooks to see it, or try again later.`, res.intuitTid);
      }
      return res.bytes;
    },

    /** E-mails the invoice to `sendTo` (which QuickBooks then keeps as its BillEmail). */
    async sendInvoice(invoiceId: string, sendTo: string, requestId: string) {
      const res = await request({ method: 'POST', path: `invoice/${encodeURIComponent(invoiceId)}/send`, query: { sendTo }, contentType: 'application/octet-stream', requestId, kind: 'write' });
      return (res.data['Invoice'] ?? {}) as Record<string, unknown>;
    },

    /** Home-currency units per one unit of `currency` on `asOf`, as the decimal QuickBooks sent. */
    async exchangeRate(currency: string, asOf: string): Promise<{ rate: string; asOf: string }> {
      const res = await request({ method: 'GET', path: 'exchangerate', query: { sourcecurrencycode: currency, asofdate: asOf }, kind: 'read' });
      const answer = (res.data['ExchangeRate'] ?? {}) as Record<string, unknown>;
      const rate = decimalText(answer['Rate']);
      if (rate === null) throw refusedAnswer(`QuickBooks has no exchange rate for ${currency} on ${asOf}. Enter one in QuickBooks (Settings › Currencies) and try again.`, res.intuitTid);
      return { rate, asOf: typeof answer['AsOfDate'] === 'string' ? answer['AsOfDate'].slice(0, 10) : asOf };
    },

    /**
     * Sets the subject and message QuickBooks e-mails invoices with: a sparse Preferences update
     * with the current SyncToken, read again and retried once when someone changed the
     * preferences in between (5010, stale object).
     */
    async saveInvoiceEmailMessage(subject: string, message: string): Promise<Record<string, unknown>> {
      for (let attempt = 1; ; attempt++) {
        const current = await preferences();
        const body = { ...(current['Id'] !== undefined ? { Id: current['Id'] } : {}), SyncToken: current['SyncToken'], sparse: true, EmailMessagesPrefs: { InvoiceMessage: { Subject: subject, Message: message } } };
        try {
          const res = await request({ method: 'POST', path: 'preferences', body, kind: 'write' });
          return (res.data['Preferences'] ?? {}) as Record<string, unknown>;
        } catch (error) {
          if (attempt === 1 && error instanceof QboFault && error.code === '5010') continue;
          throw error;
        }
      }
    },
  };
}

const MAX_PDF_BYTES = 20 * 1024 * 1024;
const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

/** A JSON number (or numeric string) as a plain decimal string, without exponent; null when it is none. */
function decimalText(value: unknown): string | null {
  if (typeof value === 'string') return /^\d+(\.\d+)?$/.test(value) ? value : null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return null;
  const { units, scale } = exactDecimal(value);
  if (scale === 0) return units.toString();
  const digits = units.toString().padStart(scale + 1, '0');
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

export type QboClient = ReturnType<typeof createQboClient>;

/** One BatchItemResponse: its entity, its query answer, or its fault (parsed, not thrown). */
function batchItemResult(a: Record<string, unknown>): BatchItemResult {
  const fault = (a['Fault'] ?? a['fault']) as Record<string, unknown> | undefined;
  const entity = Object.keys(a).find((k) => !['bId', 'Fault', 'fault', 'QueryResponse', 'time'].includes(k)) ?? null;
  const parsed = fault ? parseFault({ Fault: fault }) : null;
  return {
    bId: String(a['bId'] ?? ''),
    entity: fault ? null : entity,
    data: !fault && entity ? (a[entity] as Record<string, unknown>) : null,
    queryResponse: (a['QueryResponse'] as Record<string, unknown> | undefined) ?? null,
    fault: parsed ? { type: parsed.type, errors: parsed.errors } : null,
  };
}

/** A CDCResponse's changed entities, by entity name. */
function cdcChanges(data: Record<string, unknown>): Record<string, Record<string, unknown>[]> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const block of (data['CDCResponse'] ?? []) as Record<string, unknown>[]) {
    for (const qr of (block['QueryResponse'] ?? []) as Record<string, unknown>[]) {
      for (const [key, value] of Object.entries(qr)) {
        if (Array.isArray(value)) (out[key] ??= []).push(...(value as Record<string, unknown>[]));
      }
    }
  }
  return out;
}

function parseJson(text: string, status: number, tid: string | null, requestId: string | undefined): Record<string, unknown> {
  if (!text.trim()) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new QboFault(status, 'HTTP', [{ code: 'invalid_json', message: 'QuickBooks answered with something that is not JSON', detail: text.slice(0, 200) }], tid, requestId ?? null);
  }
}
