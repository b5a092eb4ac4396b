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
import { toIpcError, type IpcResult } from '../../../shared/ipc/errors';
import { issueWords } from '../../../shared/ipc/issue-words';

export type Handler<C extends InvokeChannel> = (
  request: InvokeRequest<C>,
) => Promise<InvokeResponse<C>> | InvokeResponse<C>;

const knownChannels: ReadonlySet<string> = new Set<string>(invokeChannels);

/** Hears each answer of a known channel (the support log: electron/main/log/support-log.ts). */
export type IpcObserver = (channel: InvokeChannel, result: IpcResult<unknown>) => void;

export class IpcRouter {
  private readonly handlers = new Map<InvokeChannel, Handler<InvokeChannel>>();

  constructor(private readonly observe: IpcObserver = () => {}) {}

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
    const result = await this.answer(channel, payload);
    if (typeof channel === 'string' && knownChannels.has(channel)) this.observe(channel as InvokeChannel, result);
    return result;
  }

  private async answer(channel: unknown, payload: unknown): Promise<IpcResult<unknown>> {
    if (typeof channel !== 'string' || !knownChannels.has(channel)) {
      // A renderer bug or a hostile caller, not a user's mistake: the name stays out of the message.
      return { ok: false, error: { kind: 'validation', message: 'The app asked for something that does not exist. Restart Track Nexus; if it keeps happening, report it.', retryable: false } };
    }
    const name = channel as InvokeChannel;
    const handler = this.handlers.get(name);
    if (!handler) {
      return { ok: false, error: { kind: 'internal', message: 'This part of the app is not ready yet. Try again in a moment.', retryable: true } };
    }
    const parsed = invokeContract[name].request.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.filter((p): p is string | number => typeof p !== 'symbol') ?? [];
      return { ok: false, error: { kind: 'validation', message: issueWords(issue), retryable: false, ...(field.length > 0 ? { field } : {}) } };
    }
    try {
      const value = await handler(parsed.data as InvokeRequest<InvokeChannel>);
      return { ok: true, value };
    } catch (thrown) {
      return { ok: false, error: toIpcError(thrown) };
    }
  }
}
