// QBO answers errors in three shapes (docs/qbo-api.md §7.1): the service's `Fault.Error[]` with
// capitalised members, the gateway's lower-case `fault.error[]` (401/403), and an XML
// IntuitResponse (throttling, sometimes even when JSON was asked for); the OAuth layer adds
// `{ error, error_description }`. parseFault reads them all into one QboFault so classification
// never depends on which layer answered. Main's client and the sync engine both use it.
import type { QboFault, QboFaultError } from './types';

type Loose = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** Reads a member case-insensitively ("Error" / "error"). */
function member(obj: Loose, name: string): unknown {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(obj)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/**
 * QuickBooks quotes the rejected access token in its 401 ("Token expired: AB0160…"). A token must
 * never reach a message, the audit log or the renderer, so it is cut out where a fault is read.
 */
function withoutTokens(text: string): string {
  return text.replace(/(token expired):?\s*\S+/gi, '$1').replace(/\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[token]');
}

/** "003200" and "3200" are the same code; gateway messages pad it. */
const normaliseCode = (code: string) => code.replace(/^0+(?=\d)/, '');

function fromObject(fault: Loose): Pick<QboFault, 'type' | 'errors'> {
  const list = member(fault, 'Error');
  const errors: QboFaultError[] = (Array.isArray(list) ? list : list ? [list] : []).map((raw) => {
    const e = (raw ?? {}) as Loose;
    const message = str(member(e, 'Message')) ?? '';
    // Gateway faults sometimes carry the code only inside the message ("errorCode=003200").
    const code = str(member(e, 'code')) ?? /errorCode=(\d+)/.exec(message)?.[1] ?? '';
    const detail = str(member(e, 'Detail'));
    const element = str(member(e, 'element'));
    return { code: normaliseCode(code), message, ...(detail ? { detail } : {}), ...(element ? { element } : {}) };
  });
  return { type: str(member(fault, 'type')) ?? 'Unknown', errors };
}

const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&amp;/g, '&');

function fromXml(xml: string): Pick<QboFault, 'type' | 'errors'> | null {
  const fault = /<Fault(\s[^>]*)?>([\s\S]*?)<\/Fault>/i.exec(xml);
  if (!fault) return null;
  const attr = (attrs: string | undefined, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs ?? '')?.[1];
  const errors: QboFaultError[] = [];
  for (const m of fault[2]!.matchAll(/<Error(\s[^>]*)?>([\s\S]*?)<\/Error>/gi)) {
    const text = (tag: string) => {
      const inner = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'i').exec(m[2]!)?.[1];
      return inner === undefined ? undefined : decodeXml(inner.trim());
    };
    const message = text('Message') ?? '';
    const detail = text('Detail');
    const rawElement = attr(m[1], 'element');
    const element = rawElement === undefined ? undefined : decodeXml(rawElement);
    errors.push({ code: normaliseCode(attr(m[1], 'code') ?? ''), message, ...(detail ? { detail } : {}), ...(element ? { element } : {}) });
  }
  return { type: attr(fault[1], 'type') ?? 'Unknown', errors };
}

/** The OAuth layer's `{ error, error_description }`; its code is the HTTP status. */
function fromOAuth(error: string, description: string | undefined, status: number | undefined): Pick<QboFault, 'type' | 'errors'> {
  return { type: 'HTTP', errors: [{ code: status !== undefined ? String(status) : '', message: error, ...(description ? { detail: description } : {}) }] };
}

/**
 * A QboFault from a response body (parsed JSON, a JSON string or XML text), or from the bare
 * `Fault` object of a batch item. Returns a fault with no errors when the body has none, so the
 * HTTP status alone still classifies it.
 */
export function parseFault(body: unknown, options: { status?: number; intuitTid?: string } = {}): QboFault {
  let parsed: Pick<QboFault, 'type' | 'errors'> = { type: 'Unknown', errors: [] };
  let value = body;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('<')) parsed = fromXml(text) ?? parsed;
    else {
      try {
        value = JSON.parse(text);
      } catch {
        value = undefined;
      }
    }
  }
  if (value && typeof value === 'object') {
    const obj = value as Loose;
    const inner = member(obj, 'Fault');
    const oauth = member(obj, 'error');
    if (inner && typeof inner === 'object') parsed = fromObject(inner as Loose);
    else if (typeof oauth === 'string') parsed = fromOAuth(oauth, str(member(obj, 'error_description')), options.status);
    else if (oauth !== undefined) parsed = fromObject(obj);
  }
  const errors = parsed.errors.map((e) => ({ ...e, message: withoutTokens(e.message), ...(e.detail ? { detail: withoutTokens(e.detail) } : {}) }));
  return {
    ...(options.status !== undefined ? { status: options.status } : {}),
    ...parsed,
    errors,
    ...(options.intuitTid ? { intuitTid: options.intuitTid } : {}),
  };
}
