// The one way the renderer reaches main: Electron's preload bridge when present, otherwise the
// browser harness. Components call `api.invoke(...)`/`api.on(...)` and never care which. Which one
// is decided at the first call, not when this module is imported, so importing it has no effects.
import type { EventChannel, EventPayload, InvokeArgs, InvokeChannel, RendererApi } from '../../../shared/ipc/contract';
import { createHarnessApi, takeHarnessToken } from './harness-transport';

declare global {
  interface Window {
    api?: RendererApi;
  }
}

function unavailable(): RendererApi {
  const error = {
    kind: 'unavailable' as const,
    message: 'Track Nexus was opened without its service. Start it with `npm start` or open the link printed by `npm run web`.',
    retryable: false,
  };
  return {
    invoke: async () => ({ ok: false, error }),
    on: () => () => {},
  } satisfies RendererApi;
}

function resolveApi(): RendererApi {
  if (window.api) return window.api;
  const token = takeHarnessToken(window.location, window.sessionStorage);
  return token ? createHarnessApi(token) : unavailable();
}

/** A RendererApi that resolves the real one on its first call and keeps it. */
function resolvedOnFirstUse(resolve: () => RendererApi): RendererApi {
  let resolved: RendererApi | null = null;
  const current = () => (resolved ??= resolve());
  return {
    invoke: <C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>) => current().invoke(channel, ...args),
    on: <E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void) => current().on(event, listener),
  };
}

export const api: RendererApi = resolvedOnFirstUse(resolveApi);
