// The one error shape that crosses the IPC boundary. Handlers throw AppError (or anything else);
// the router turns it into { ok: false, error } so the renderer never sees a bare thrown string.

export type ErrorKind =
  | 'validation' // the request did not match the contract
  | 'not_found'
  | 'conflict'
  | 'forbidden' // wrong sender, missing secret, blocked URL
  | 'unavailable' // a capability this machine does not have (no X11 tools, no Electron)
  | 'auth' // QuickBooks needs to be reconnected
  | 'network'
  | 'remote' // QuickBooks answered with a fault
  | 'internal';

/**
 * What QuickBooks said about a refused request, as data: the renderer reads the status, code and
 * intuit_tid from here and never from the message.
 */
export interface RemoteDetail {
  /** HTTP status of QuickBooks' answer. */
  status?: number;
  /** The first QuickBooks error code ("6240", "3200"). */
  code?: string;
  /** The fault's type ("ValidationFault", "AUTHENTICATION"). */
  type?: string;
  intuitTid?: string;
}

export interface IpcError {
  kind: ErrorKind;
  /** For the person using the app: what went wrong in their words, naming the field if one was refused. */
  message: string;
  retryable: boolean;
  /** The refused field's path in the request, for a form to mark it (validation errors only). */
  field?: Array<string | number>;
  /** For 'remote' and 'auth' errors that QuickBooks answered. */
  remote?: RemoteDetail;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly retryable: boolean;
  readonly remote: RemoteDetail | undefined;

  constructor(kind: ErrorKind, message: string, options: { retryable?: boolean; cause?: unknown; remote?: RemoteDetail } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.kind = kind;
    this.retryable = options.retryable ?? false;
    this.remote = options.remote;
  }
}

/** Turns anything thrown into the wire shape. Unknown errors keep their message but are 'internal'. */
export function toIpcError(thrown: unknown): IpcError {
  if (thrown instanceof AppError) {
    return { kind: thrown.kind, message: thrown.message, retryable: thrown.retryable, ...(thrown.remote ? { remote: thrown.remote } : {}) };
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return { kind: 'internal', message: message || 'Something went wrong.', retryable: false };
}
