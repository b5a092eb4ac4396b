// The one way the renderer reaches main: Electron's preload bridge when present, otherwise the
// browser harness. Components call `api.invoke(...)`/`api.on(...)` and never care which.
import type { RendererApi } from '../../../shared/ipc/contract';
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
  } as RendererApi;
}

function resolveApi(): RendererApi {
  if (window.api) return window.api;
  const token = takeHarnessToken(window.location, window.sessionStorage);
  return token ? createHarnessApi(token) : unavailable();
}

export const api: RendererApi = resolveApi();
