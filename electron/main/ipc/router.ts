// The one place renderer→main calls are registered and dispatched, whatever carries them
// (Electron's ipcMain in the app, loopback HTTP in the browser harness). It validates every
// payload against the contract and answers { ok, value } or { ok: false, error }; a handler
// that throws never crashes main and never leaks a bare string.
import {
  invokeChannels,
  invokeContract,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
} from '../../../shared/ipc/contract';
import { AppError, toIpcError, type IpcResult } from '../../../shared/ipc/errors';

export type Handler<C extends InvokeChannel> = (
  request: InvokeRequest<C>,
) => Promise<InvokeResponse<C>> | InvokeResponse<C>;

const knownChannels: ReadonlySet<string> = new Set<string>(invokeChannels);

export class IpcRouter {
  private readonly handlers = new Map<InvokeChannel, Handler<InvokeChannel>>();

  handle<C extends InvokeChannel>(channel: C, handler: Handler<C>): void {
    if (this.handlers.has(channel)) throw new Error(`A handler for ${channel} is already registered.`);
    this.handlers.set(channel, handler as unknown as Handler<InvokeChannel>);
  }

  registeredChannels(): InvokeChannel[] {
    return [...this.handlers.keys()];
  }

  /** Channels of the contract with no handler; composition checks this is empty at start-up. */
  missingChannels(): InvokeChannel[] {
    return invokeChannels.filter((c) => !this.handlers.has(c));
  }

  async dispatch(channel: unknown, payload: unknown): Promise<IpcResult<unknown>> {
    if (typeof channel !== 'string' || !knownChannels.has(channel)) {
      return { ok: false, error: { kind: 'validation', message: `Unknown call: ${describe(channel)}.`, retryable: false } };
    }
    const name = channel as InvokeChannel;
    const handler = this.handlers.get(name);
    if (!handler) {
      return { ok: false, error: { kind: 'internal', message: `${name} is not available yet.`, retryable: false } };
    }
    const parsed = invokeContract[name].request.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
      return {
        ok: false,
        error: { kind: 'validation', message: `Invalid request for ${name}${where}: ${issue?.message ?? 'malformed'}.`, retryable: false },
      };
    }
    try {
      const value = await handler(parsed.data as InvokeRequest<InvokeChannel>);
      return { ok: true, value };
    } catch (thrown) {
      return { ok: false, error: toIpcError(thrown) };
    }
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 80));
  return typeof value;
}

export { AppError };
