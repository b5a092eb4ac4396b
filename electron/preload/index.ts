// The whole bridge between the sandboxed renderer and main: `window.api = { invoke, on }` for the
// contract's channels and nothing else. The bundle carries the contract's schemas, but the preload
// only reads their names; validation happens in main, where a compromised renderer cannot skip it.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { eventChannels, invokeChannels, type EventChannel, type EventPayload, type RendererApi } from '../../shared/ipc/contract';
import type { IpcResult } from '../../shared/ipc/errors';

const invokable: ReadonlySet<string> = new Set(invokeChannels);
const listenable: ReadonlySet<string> = new Set(eventChannels);
const unknownChannel: IpcResult<never> = {
  ok: false,
  error: { kind: 'validation', message: 'The app asked for something that does not exist. Restart Track Nexus; if it keeps happening, report it.', retryable: false },
};

export const api = {
  invoke(channel: string, request?: unknown) {
    if (!invokable.has(channel)) {
      return Promise.resolve(unknownChannel);
    }
    return ipcRenderer.invoke(channel, request);
  },
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void) {
    if (!listenable.has(event)) throw new Error(`Unknown event: ${String(event)}.`);
    const wrapped = (_event: IpcRendererEvent, payload: EventPayload<E>) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
} satisfies RendererApi;

contextBridge.exposeInMainWorld('api', api);
