// QBO answers errors in three shapes (docs/qbo-api.md §7.1): the service's `Fault.Error[]` with
// capitalised members, the gateway's lower-case `fault.error[]` (401/403), and an XML
// IntuitResponse (throttling, sometimes even when JSON was asked for). parseFault reads all three
// into one QboFault so classification never depends on which layer answered.
import type { QboFault, QboFaultError } from './types';

type Loose = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** Reads a member case-insensitively ("Error" / "error"). */
function member(obj: Loose, name: string): unknown {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(obj)) if (k.toLowerCase() === lower) return v;
  return undefined;
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

function fromXml(xml: string): Pick<QboFault, 'type' | 'errors'> | null {
  const fault = /<Fault(\s[^>]*)?>([\s\S]*?)<\/Fault>/.exec(xml);
  if (!fault) return null;
  const attr = (attrs: string | undefined, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs ?? '')?.[1];
  const errors: QboFaultError[] = [];
  for (const m of fault[2]!.matchAll(/<Error(\s[^>]*)?>([\s\S]*?)<\/Error>/g)) {
    const message = /<Message>([\s\S]*?)<\/Message>/.exec(m[2]!)?.[1] ?? '';
    const detail = /<Detail>([\s\S]*?)<\/Detail>/.exec(m[2]!)?.[1];
    const element = attr(m[1], 'element');
    errors.push({ code: normaliseCode(attr(m[1], 'code') ?? ''), message, ...(detail ? { detail } : {}), ...(element ? { element } : {}) });
  }
  return { type: attr(fault[1], 'type') ?? 'Unknown', errors };
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
    if (inner && typeof inner === 'object') parsed = fromObject(inner as Loose);
    else if (member(obj, 'Error') !== undefined) parsed = fromObject(obj);
  }
  return {
    ...(options.status !== undefined ? { status: options.status } : {}),
    ...parsed,
    ...(options.intuitTid ? { intuitTid: options.intuitTid } : {}),
  };
}
