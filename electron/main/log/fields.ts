// What a log line may carry, by construction: each event has a fixed set of field names, each with
// a strict format. A value that does not match its format, and every field not on the list, is
// dropped, so a token, a password, a window title or an entry description cannot reach the log
// even when a caller passes one by mistake (an error message is never a field).
import { eventChannels, invokeChannels } from '../../../shared/ipc/contract';

const channels: ReadonlySet<string> = new Set<string>([...invokeChannels, ...eventChannels]);

/** A field's format: a value is kept only when it passes. */
type FieldKind = (value: unknown) => string | number | boolean | undefined;

const matching = (pattern: RegExp): FieldKind => (value) =>
  typeof value === 'string' && pattern.test(value) ? value : undefined;
const oneOf = (...allowed: string[]): FieldKind => (value) =>
  typeof value === 'string' && allowed.includes(value) ? value : undefined;
const count: FieldKind = (value) =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
const flag: FieldKind = (value) => (typeof value === 'boolean' ? value : undefined);

const version = matching(/^\d{1,4}\.\d{1,4}\.\d{1,6}(?:-[0-9A-Za-z.]{1,20})?$/);
const errorKind = oneOf('validation', 'not_found', 'conflict', 'forbidden', 'unavailable', 'auth', 'network', 'remote', 'internal');

/** Every field a log line can have. Names not listed here are dropped with their values. */
const FIELDS = {
  version,
  electron: version,
  node: version,
  chrome: version,
  platform: matching(/^[a-z0-9]{2,10}$/),
  arch: matching(/^[a-z0-9_]{2,10}$/),
  shell: oneOf('electron', 'harness'),
  hidden: flag,
  /** An IPC channel or event name of the contract (never its payload). */
  channel: (value) => (typeof value === 'string' && channels.has(value) ? value : undefined),
  kind: errorKind,
  retryable: flag,
  /** QuickBooks fault code (numeric) and fault type ("ValidationFault"). */
  code: matching(/^\d{1,6}$/),
  faultType: matching(/^[A-Z][A-Za-z]{1,39}$/),
  status: count,
  /** Intuit's request id: lowercase hex and dashes (tokens have capitals, dots or spaces). */
  intuitTid: matching(/^[0-9a-f][0-9a-f-]{0,63}$/),
  companyId: matching(/^(primary|co-[0-9a-f]{8})$/),
  environment: oneOf('sandbox', 'production', 'custom', 'demo', 'desktop'),
  state: matching(/^[a-z_]{2,24}$/),
  mode: oneOf('events', 'polling'),
  phase: matching(/^[a-z_-]{2,24}$/),
  /** A Web Connector callback's name ("sendRequestXML"); never its qbXML. */
  method: oneOf('serverVersion', 'clientVersion', 'authenticate', 'sendRequestXML', 'receiveResponseXML', 'connectionError', 'getLastError', 'closeConnection'),
  failed: flag,
  channelName: oneOf('stable', 'beta'),
  count,
  ms: count,
} satisfies Record<string, FieldKind>;

type LogFieldName = keyof typeof FIELDS;
export type LogFields = Partial<Record<LogFieldName, unknown>>;

/** The fields that pass, in a fresh object; anything else is dropped without a trace of its value. */
export function allowedFields(fields: unknown): Record<string, string | number | boolean> {
  const kept: Record<string, string | number | boolean> = {};
  if (typeof fields !== 'object' || fields === null) return kept;
  for (const [name, value] of Object.entries(fields)) {
    if (!Object.hasOwn(FIELDS, name)) continue;
    const clean = FIELDS[name as LogFieldName](value);
    if (clean !== undefined) kept[name] = clean;
  }
  return kept;
}
